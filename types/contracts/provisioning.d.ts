/**
 * Contracts of the provisioning activity screen (Apex: force-app/main/provisioning/classes/
 * ProvisioningActivityController.cls, logic in ProvisioningActivityService.cls). Delivery itself is asynchronous
 * Apex (docs/provisioning.md); this is what the activity screen reads and triggers.
 */

/** Provisioning_Request__c.Action__c. */
export type ProvisioningAction = 'Provision' | 'Update' | 'Deprovision';

/**
 * Provisioning_Request__c.Status__c. Pending: waiting for its next attempt (nextAttemptAt). Sending: claimed by a
 * delivery job. Delivered. Superseded: replaced by a newer change of the same user and provider before it was sent.
 * Dead_Letter: gave up (non-retryable answer, or maximum age reached). Resolved: a dead letter an admin closed.
 */
export type ProvisioningStatus = 'Pending' | 'Sending' | 'Delivered' | 'Superseded' | 'Dead_Letter' | 'Resolved';

/** Provisioning_Request__c.Origin__c. */
export type ProvisioningOrigin = 'User_Change' | 'Resync' | 'Replay' | 'Flow';

/** Provisioning_Request__c.Error_Category__c. */
export type ProvisioningErrorCategory =
  'Auth' | 'Client' | 'Server' | 'Rate_Limited' | 'Timeout' | 'Configuration' | 'Conflict';

/** Telephony_Provider__c.Type__c. */
export type TelephonyProviderType = 'Webhook' | 'SCIM';

/** Filters and page of ProvisioningActivityController.getRequests. Every filter is optional. */
export interface RequestQuery {
  /** Only this user (18-character id). */
  userId?: string | null;
  /** Only users whose name contains this text (matched literally, case-insensitive). */
  userSearch?: string | null;
  /** Only this provider. */
  providerId?: string | null;
  /** Only these actions; unknown values are ignored. */
  actions?: ProvisioningAction[] | null;
  /** Only these statuses; unknown values are ignored. */
  statuses?: ProvisioningStatus[] | null;
  /** Created at or after this ISO-8601 time, e.g. 2026-01-01T00:00:00.000Z. */
  createdFrom?: string | null;
  /** Created at or before this ISO-8601 time. */
  createdTo?: string | null;
  /** Rows per page, 1..200 (default 50). */
  pageSize?: number | null;
  /** The previous page's nextCursor (opaque); absent for the first page. */
  cursor?: string | null;
}

/** One request in the list. Datetimes are ISO-8601 strings (UTC). */
export interface RequestRow {
  id: string;
  /** Auto number, e.g. PR-0000000042. */
  name: string;
  userId: string | null;
  userName: string | null;
  providerId: string | null;
  providerName: string | null;
  action: ProvisioningAction;
  status: ProvisioningStatus;
  origin: ProvisioningOrigin;
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  /** HTTP status of the last answer; null for a timeout or before the first attempt. */
  lastHttpStatus: number | null;
  /** Plain-language reason of the last failure. */
  lastError: string | null;
  errorCategory: ProvisioningErrorCategory | null;
  createdAt: string;
  deliveredAt: string | null;
  deadLetterReason: string | null;
  callCenterId: string | null;
  /** Outcome of writing the user's CallCenterRoutingMap from the provider's answer, when it carried an id. */
  mappingStatus: string | null;
}

/** One page of requests, newest first (keyset paging: no OFFSET limit). */
export interface RequestPage {
  rows: RequestRow[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** Matching requests, counted up to 2,000. */
  totalCount: number;
  /** True when more than 2,000 match (show "2,000+"). */
  totalCountCapped: boolean;
}

/** A request with its payload and the provider's answer. */
export interface RequestDetail {
  request: RequestRow;
  /** The provider-neutral payload, pretty-printed JSON, sensitive values replaced by "[REDACTED]". */
  payload: string | null;
  /** The beginning of the last answer (up to 4,000 characters), redacted the same way. */
  responseExcerpt: string | null;
  /** SHA-256 (hex) of the canonical payload. */
  payloadHash: string | null;
  /** Sent with every attempt; unchanged across retries. */
  idempotencyKey: string | null;
  /** Order of the change among the user's changes, as text (exact). */
  sequence: string | null;
  changedAt: string | null;
  /** Comma-separated watched User fields that changed. */
  changedFields: string | null;
  /** The user's id at the provider, when known. */
  telephonyUserId: string | null;
  /** After this, a failing request is not retried any more. */
  expiresAt: string | null;
  /** The resync batch job that created the request, if any. */
  resyncJobId: string | null;
  /** Attribute names whose values are redacted (lower case), for a legend. */
  redactedKeys: string[];
}

/** A request a bulk action left alone, and why. */
export interface SkippedRequest {
  /** Null when the reason concerns a user rather than one request (replays). */
  requestId: string | null;
  reason: string;
}

/** Result of retryRequests, replayRequests and resolveRequests. */
export interface BulkActionResult {
  /** Distinct request ids asked for. */
  requested: number;
  /** Requests retried, replayed (new requests created) or resolved. */
  succeeded: number;
  skipped: SkippedRequest[];
  /** Reserved for the new requests' ids; empty today: replays are queued and become requests within seconds. */
  createdRequestIds: string[];
}

/** Progress of a call center resync (Batch Apex). */
export interface ResyncProgress {
  jobId: string;
  /** AsyncApexJob status: Holding, Queued, Preparing, Processing, Completed, Aborted or Failed. */
  jobStatus: string;
  batchesProcessed: number | null;
  totalBatches: number | null;
  batchErrors: number | null;
  /** 0..100: share of the call center's agents queued as requests. */
  percentQueued: number;
  /** Requests the resync created, per status. */
  requestsByStatus: Record<string, number>;
  /** 0..100: share of those requests in a final state (delivered, dead letter, superseded, resolved). */
  percentDelivered: number;
  /** True once the batch finished and none of its requests is Pending or Sending. */
  done: boolean;
}

/** A value and its label (picklists, call centers). */
export interface ProvisioningOption {
  value: string;
  label: string;
}

/** A provider for the filter. */
export interface ProviderOption {
  id: string;
  name: string;
  type: TelephonyProviderType;
  active: boolean;
}

/** Choices of the screen's filters and of the resync dialog. */
export interface ActivityFilters {
  providers: ProviderOption[];
  actions: ProvisioningOption[];
  statuses: ProvisioningOption[];
  /** Call centers the user can see (value: 18-character id, label: name). */
  callCenters: ProvisioningOption[];
}

/** The activity screen's Apex methods (ProvisioningActivityController). None is cacheable: the data moves. */
export interface ProvisioningContracts {
  'ProvisioningActivityController.getRequests': {
    params: { query: RequestQuery | null };
    result: RequestPage;
    cacheable: false;
  };
  'ProvisioningActivityController.getRequestDetail': {
    params: { requestId: string };
    result: RequestDetail;
    cacheable: false;
  };
  /** Sends dead letters (and waiting requests) again with the same idempotency key and a fresh maximum age. */
  'ProvisioningActivityController.retryRequests': {
    params: { requestIds: string[] };
    result: BulkActionResult;
    cacheable: false;
  };
  /**
   * Queues the users' current data again as new requests (new idempotency keys), same action and provider; refuses
   * (skipped, with the reason) a replay that contradicts the user's current state. Refresh the list to see them.
   */
  'ProvisioningActivityController.replayRequests': {
    params: { requestIds: string[] };
    result: BulkActionResult;
    cacheable: false;
  };
  /** Closes dead letters without resending them. */
  'ProvisioningActivityController.resolveRequests': {
    params: { requestIds: string[] };
    result: BulkActionResult;
    cacheable: false;
  };
  /** Starts the resync of a call center's active agents; returns the batch job id for getResyncProgress. */
  'ProvisioningActivityController.resyncCallCenter': {
    params: { callCenterId: string; providerId: string | null };
    result: string;
    cacheable: false;
  };
  'ProvisioningActivityController.getResyncProgress': {
    params: { jobId: string };
    result: ResyncProgress;
    cacheable: false;
  };
  'ProvisioningActivityController.getActivityFilters': {
    params: Record<string, never>;
    result: ActivityFilters;
    cacheable: false;
  };
}
