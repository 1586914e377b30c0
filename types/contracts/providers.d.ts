/**
 * Contracts of the Providers feature (force-app/main/providers): telephony providers as integration accounts
 * (ProviderAdminController), their field mappings (ProviderFieldMappingController) and the setup health of the whole app (SetupHealthController: guided setup, org limits,
 * provider health on the Overview). The provider data model is Telephony_Provider__c with its junction
 * Telephony_Provider_Call_Center__c (docs/provisioning.md).
 */
import type { ProvisioningOption, TelephonyProviderType } from './provisioning';

/** Telephony_Provider__c.Scim_Update_Method__c. */
export type ScimUpdateMethod = 'PATCH' | 'PUT';

/** A call center a provider serves. */
export interface ServedCallCenter {
  /** 18-character CallCenter id. */
  id: string;
  /** The call center's name; the id when the call center no longer exists or is not visible. */
  name: string;
}

/** The outcome of the last connection test, kept on the provider (no secret, no response body). */
export interface ConnectionTestSummary {
  /** ISO-8601 time of the test. */
  testedAt: string;
  ok: boolean;
  diagnosis: ConnectionDiagnosis;
  httpStatus: number | null;
  latencyMs: number | null;
  /** Plain-language one-liner, e.g. "Connected in 182 ms" or "The provider refused the credentials (401)". */
  message: string;
}

/** One provider in the list. */
export interface ProviderSummary {
  id: string;
  name: string;
  type: TelephonyProviderType;
  active: boolean;
  /** Serves every call center that no active provider serves explicitly. At most one provider is the default. */
  isDefault: boolean;
  /** Developer name of the Named Credential; null when not set (the provider cannot send). */
  namedCredential: string | null;
  /** Developer name of the External Credential that holds the webhook signing secret; null when none. */
  externalCredential: string | null;
  path: string | null;
  description: string | null;
  callCenters: ServedCallCenter[];
  batchSize: number | null;
  maxAgeHours: number | null;
  scimUpdateMethod: ScimUpdateMethod | null;
  scimIncludeExtension: boolean;
  telephonyIdAttribute: string | null;
  profileUrlStart: string | null;
  profileUrlEnd: string | null;
  /** True once a signing secret was set through this app (the secret itself is never readable). */
  signingSecretSet: boolean;
  /** ISO-8601 time the signing secret was last set through this app; null when never. */
  signingSecretSetAt: string | null;
  lastConnectionTest: ConnectionTestSummary | null;
  lastModifiedAt: string;
  lastModifiedByName: string | null;
}

/**
 * What the editor saves. `id` null or absent creates a provider. Every other field is the full new value
 * (no partial update), except `signingSecret`, which is write-only.
 */
export interface ProviderInput {
  id?: string | null;
  /** 1..80 characters, unique among providers (case-insensitive). */
  name: string;
  type: TelephonyProviderType;
  /** Must name one of the org's Named Credentials. Required to activate. */
  namedCredential: string | null;
  externalCredential?: string | null;
  /** Starts with "/"; no "?" or "#"; no "..". */
  path: string | null;
  active: boolean;
  isDefault: boolean;
  /** 18- or 15-character CallCenter ids; each served by at most one active provider. */
  callCenterIds: string[];
  description?: string | null;
  /** 1..100; blank uses the default (webhook 50, SCIM 50). */
  batchSize?: number | null;
  /** 1..168; blank uses the org setting. */
  maxAgeHours?: number | null;
  scimUpdateMethod?: ScimUpdateMethod | null;
  scimIncludeExtension?: boolean | null;
  telephonyIdAttribute?: string | null;
  /** https URL start of a profile link, e.g. https://tenant.example.com/agents/ ; blank: no links. */
  profileUrlStart?: string | null;
  profileUrlEnd?: string | null;
  /**
   * Write-only: a new webhook signing secret (16..255 characters), stored in the External Credential's principal,
   * never on a record and never returned. Null or absent keeps the current secret.
   */
  signingSecret?: string | null;
}

/** A validation problem. `field` is the ProviderInput (or form) field it concerns, null for the whole record. */
export interface ValidationError {
  field: string | null;
  message: string;
}

/** Result of saving, activating, deactivating or deleting a provider. Nothing is written when ok is false. */
export interface SaveProviderResult {
  ok: boolean;
  /** The provider's id (new for a create); null when nothing was written or after a delete. */
  providerId: string | null;
  errors: ValidationError[];
  /** Written, but the admin should know, e.g. "No Named Credential: the provider sends nothing until one is set". */
  warnings: string[];
}

/** A Named Credential of the org. */
export interface NamedCredentialOption {
  developerName: string;
  label: string;
  /** The endpoint URL when readable; null otherwise. */
  endpoint: string | null;
}

/** A call center as the editor offers it, with the active provider already serving it, if any. */
export interface CallCenterChoice {
  id: string;
  name: string;
  servedByProviderId: string | null;
  servedByProviderName: string | null;
}

/** The editor's choices. */
export interface ProviderEditorOptions {
  namedCredentials: NamedCredentialOption[];
  /**
   * Why the list is empty or incomplete, with what to do, e.g. "No Named Credentials in this org. In Setup, create
   * one from the template in docs/admin-guide.md"; null when the list is fine.
   */
  namedCredentialsMessage: string | null;
  callCenters: CallCenterChoice[];
  types: ProvisioningOption[];
  scimUpdateMethods: ProvisioningOption[];
  /** Providers that define profile links, and the limit (10). */
  profileLinkProviderCount: number;
  profileLinkProviderLimit: number;
}

/** What an audit entry records. */
export type ProviderAuditAction =
  | 'CREATED'
  | 'UPDATED'
  | 'ACTIVATED'
  | 'DEACTIVATED'
  | 'DELETED'
  | 'SIGNING_SECRET_CHANGED'
  | 'CALL_CENTERS_CHANGED'
  | 'FIELD_MAPPING_CHANGED'
  | 'NOTIFICATIONS_CHANGED'
  | 'CONNECTION_TESTED';

/** One change to a provider: who, when, what (never a secret value). */
export interface ProviderAuditEntry {
  id: string;
  providerId: string | null;
  /** The provider's name at the time (kept after a delete). */
  providerName: string;
  action: ProviderAuditAction;
  /** ISO-8601. */
  at: string;
  actorId: string;
  actorName: string;
  /** e.g. "Path: /hooks/v1 → /hooks/v2; Batch size: 50 → 20". */
  summary: string;
}

/** Plain-language classes of a connection test outcome. */
export type ConnectionDiagnosis =
  | 'OK'
  /** No Named Credential set, or the org has none of that name. */
  | 'NAMED_CREDENTIAL_MISSING'
  /** The running user may not use the credential (External Credential principal access). */
  | 'PERMISSION'
  /** 401 / 403, or the platform could not obtain a token. */
  | 'AUTH'
  /** Certificate or TLS handshake failure. */
  | 'TLS'
  /** The host name does not resolve. */
  | 'DNS'
  /** The host refused or reset the connection. */
  | 'CONNECTION_REFUSED'
  | 'TIMEOUT'
  /** 404: usually a wrong path. */
  | 'NOT_FOUND'
  /** 429. */
  | 'RATE_LIMITED'
  /** 5xx. */
  | 'SERVER_ERROR'
  /** 2xx but not what the protocol says (e.g. not a SCIM ServiceProviderConfig). */
  | 'UNEXPECTED_RESPONSE'
  | 'UNKNOWN';

/** Result of a connection test: a harmless request (SCIM: GET /ServiceProviderConfig; webhook: a ping event). */
export interface ConnectionTestResult extends ConnectionTestSummary {
  providerId: string;
  /** What was sent, without secrets, e.g. "GET callout:Acme_Scim/scim/v2/ServiceProviderConfig". */
  request: string;
  /** What to do next, in order (empty when ok). */
  nextSteps: string[];
  /** Facts learned, e.g. { label: 'SCIM bulk', value: 'Supported, up to 1000 operations' }. */
  details: ProvisioningOption[];
}

/** How close an org limit is to running out. */
export type LimitLevel = 'OK' | 'WARNING' | 'CRITICAL';

/** One org limit that bounds provisioning (from OrgLimits). */
export interface OrgLimitUsage {
  /** OrgLimits name, e.g. DailyAsyncApexExecutions. */
  name: string;
  label: string;
  used: number;
  max: number;
  remaining: number;
  /** 0..100, rounded. */
  percentUsed: number;
  /** WARNING from 75 %, CRITICAL from 90 %. */
  level: LimitLevel;
  /** What provisioning does while it runs out, in plain language. */
  whenExhausted: string;
}

/** A per-transaction limit and how the package stays within it. */
export interface TransactionLimitNote {
  label: string;
  value: string;
  note: string;
}

/** The "Check limits" report. */
export interface LimitsReport {
  /** ISO-8601. */
  checkedAt: string;
  limits: OrgLimitUsage[];
  /** Limit names this org does not report (e.g. an edition without platform events): listed, not shown as bars. */
  unavailable: string[];
  transactionLimits: TransactionLimitNote[];
}

/** Where a field mapping row comes from. */
export type FieldMappingOrigin = 'DEFAULT' | 'CUSTOM';

/** One row of a provider's effective field mapping. */
export interface FieldMappingRow {
  /** Custom metadata developer name (DEFAULT) or record id (CUSTOM). */
  key: string;
  origin: FieldMappingOrigin;
  /** Dot path in the payload, e.g. "name" or "custom.Department". */
  path: string;
  /** The User field copied; null when an expression computes the value. */
  sourceField: string | null;
  /** The expression, as written; null for a plain field copy. */
  expression: string | null;
  /** Redacted wherever a payload is shown. */
  sensitive: boolean;
  /** True when the row applies to this provider only. */
  providerScoped: boolean;
  /** Why the row is skipped (unknown field, expression that does not parse); null when it is used. */
  error: string | null;
}

/** A User field that can be added to the mapping. */
export interface UserFieldOption {
  name: string;
  label: string;
  /** Schema.DisplayType name, e.g. STRING, EMAIL, PICKLIST. */
  type: string;
  /** True for fields that usually hold personal data (phones, addresses, birth dates); pre-ticks "sensitive". */
  sensitiveHint: boolean;
}

/** A provider's effective field mapping and what can be added to it. */
export interface FieldMappingView {
  providerId: string;
  rows: FieldMappingRow[];
  /** Problems of the mapping as a whole (skipped rows), in plain language. */
  errors: string[];
  /** Readable, non-deprecated User fields of supported types, by label. */
  userFields: UserFieldOption[];
}

/** A custom row to add. */
export interface CustomFieldMappingInput {
  providerId: string;
  /** Payload path: letters, digits, _ and dots between segments; not a path the mapping already uses. */
  path: string;
  /** API name of a readable User field (validated against the User describe). */
  sourceField: string;
  sensitive: boolean;
}

/** Result of adding or removing a custom row. */
export interface FieldMappingSaveResult {
  ok: boolean;
  errors: ValidationError[];
  /** The mapping after the change (unchanged when ok is false). */
  view: FieldMappingView;
}

/** A user to preview a payload for. */
export interface PreviewUserOption {
  id: string;
  name: string;
  username: string;
  callCenterName: string | null;
}

/** The payload the provider would receive for a user, sensitive values redacted. */
export interface PayloadPreview {
  providerId: string;
  userId: string;
  userName: string;
  /** Provisioning action the user's current state leads to. */
  action: 'Provision' | 'Update' | 'Deprovision';
  /** Pretty-printed JSON in the provider's wire format (webhook event or SCIM User resource). */
  payload: string;
  /** Attribute names whose values were replaced by "[REDACTED]" (lower case). */
  redactedKeys: string[];
}

/** Notification categories. */
export type NotificationCategory = 'HEALTH' | 'AUTH_FAILURES' | 'EXCEPTIONS';

/** A provider's notification recipients per category (validated email addresses). */
export interface NotificationSettings {
  providerId: string;
  /** Stalled queue, provider failing. */
  health: string[];
  /** 401 / 403 answers. */
  authFailures: string[];
  /** Dead letters. */
  exceptions: string[];
}

/** Result of saving notification settings. Nothing is written when ok is false. */
export interface NotificationSaveResult {
  ok: boolean;
  /** field: 'health' | 'authFailures' | 'exceptions'; message names the bad address. */
  errors: ValidationError[];
  settings: NotificationSettings;
}

/** Result of sending a test notification. */
export interface TestNotificationResult {
  ok: boolean;
  recipients: number;
  message: string;
}

/** Profile link template of a provider that defines one (active or not: deactivating keeps links working). */
export interface ProfileLinkTemplate {
  providerId: string;
  providerName: string;
  active: boolean;
  isDefault: boolean;
  /** Call centers the provider serves (18-character ids), active or not. */
  callCenterIds: string[];
  start: string;
  end: string | null;
}

/** Status of a guided setup item. */
export type SetupItemStatus = 'DONE' | 'TODO' | 'WARNING' | 'NOT_APPLICABLE' | 'UNKNOWN';

/** Where an item is fixed. */
export interface SetupFixTarget {
  /** SECTION: a section of this app (value: section name, e.g. "providers"); SETUP: a Setup page (value: a path
   * under /lightning/setup/, e.g. "PermSets/home"); DOC: a heading of docs/admin-guide.md (value: anchor). */
  kind: 'SECTION' | 'SETUP' | 'DOC';
  value: string;
  label: string;
}

/** Keys of the guided setup items, in order. */
export type SetupItemKey =
  | 'PERMISSION_SET'
  | 'SERVICE_CLOUD_VOICE'
  | 'CALL_CENTERS'
  | 'PROVIDER'
  | 'NAMED_CREDENTIAL'
  | 'SUBSCRIBER_USER'
  | 'PROVISIONING_ENABLED';

/** One item of the guided setup checklist, with its live status. */
export interface SetupChecklistItem {
  key: SetupItemKey;
  label: string;
  status: SetupItemStatus;
  /** What was found, and what it means (e.g. what is disabled without Service Cloud Voice). */
  detail: string;
  fix: SetupFixTarget | null;
}

/** The guided setup checklist. */
export interface SetupChecklist {
  items: SetupChecklistItem[];
  /** Items DONE or NOT_APPLICABLE. */
  completed: number;
  total: number;
  /** True when every item is DONE or NOT_APPLICABLE. */
  complete: boolean;
  provisioningEnabled: boolean;
  generatedAt: string;
}

/** A provider's delivery health state. */
export type ProviderHealthState = 'HEALTHY' | 'DEGRADED' | 'FAILING' | 'IDLE' | 'INACTIVE';

/** One provider's delivery health over the last 24 hours. */
export interface ProviderHealth {
  providerId: string;
  name: string;
  type: TelephonyProviderType;
  active: boolean;
  state: ProviderHealthState;
  /** Why this state, e.g. "4 of 10 deliveries failed in the last 24 hours; last error: 401". */
  reason: string;
  /** ISO-8601; null when nothing was ever delivered. */
  lastDeliveredAt: string | null;
  deliveredLast24h: number;
  /** Attempts that failed (requests with a failed last attempt) in the last 24 hours. */
  failuresLast24h: number;
  deadLettersLast24h: number;
  /** Pending and Sending requests. */
  backlog: number;
  /** ISO-8601 creation time of the oldest pending request; null when none. */
  oldestPendingAt: string | null;
}

/** The Providers feature's Apex methods. None is cacheable: the admin edits this data. */
export interface ProvidersContracts {
  'ProviderAdminController.getProviders': {
    params: Record<string, never>;
    result: ProviderSummary[];
    cacheable: false;
  };
  'ProviderAdminController.getEditorOptions': {
    params: Record<string, never>;
    result: ProviderEditorOptions;
    cacheable: false;
  };
  'ProviderAdminController.saveProvider': {
    params: { input: ProviderInput };
    result: SaveProviderResult;
    cacheable: false;
  };
  /** Deactivating keeps the provider's mappings, requests and profile links; it only stops new sends. */
  'ProviderAdminController.setProviderActive': {
    params: { providerId: string; active: boolean };
    result: SaveProviderResult;
    cacheable: false;
  };
  /** Refused (ok false, with the reason) while the provider has Pending or Sending requests. */
  'ProviderAdminController.deleteProvider': {
    params: { providerId: string };
    result: SaveProviderResult;
    cacheable: false;
  };
  /** Newest first, at most 200; providerId null: all providers (including deleted ones). */
  'ProviderAdminController.getAuditTrail': {
    params: { providerId: string | null };
    result: ProviderAuditEntry[];
    cacheable: false;
  };
  'ProviderAdminController.testConnection': {
    params: { providerId: string };
    result: ConnectionTestResult;
    cacheable: false;
  };
  'ProviderFieldMappingController.getFieldMapping': {
    params: { providerId: string };
    result: FieldMappingView;
    cacheable: false;
  };
  'ProviderFieldMappingController.addCustomFieldMapping': {
    params: { input: CustomFieldMappingInput };
    result: FieldMappingSaveResult;
    cacheable: false;
  };
  'ProviderFieldMappingController.removeCustomFieldMapping': {
    params: { providerId: string; mappingId: string };
    result: FieldMappingSaveResult;
    cacheable: false;
  };
  /** Users with a call center whose name, username or email contains the text; at most 20. */
  'ProviderFieldMappingController.searchPreviewUsers': {
    params: { searchText: string };
    result: PreviewUserOption[];
    cacheable: false;
  };
  'ProviderFieldMappingController.previewPayload': {
    params: { providerId: string; userId: string };
    result: PayloadPreview;
    cacheable: false;
  };
  'ProviderAdminController.getNotificationSettings': {
    params: { providerId: string };
    result: NotificationSettings;
    cacheable: false;
  };
  'ProviderAdminController.saveNotificationSettings': {
    params: { settings: NotificationSettings };
    result: NotificationSaveResult;
    cacheable: false;
  };
  'ProviderAdminController.sendTestNotification': {
    params: { providerId: string; category: NotificationCategory };
    result: TestNotificationResult;
    cacheable: false;
  };
  'ProviderAdminController.getProfileLinkTemplates': {
    params: Record<string, never>;
    result: ProfileLinkTemplate[];
    cacheable: false;
  };
  'SetupHealthController.getSetupChecklist': {
    params: Record<string, never>;
    result: SetupChecklist;
    cacheable: false;
  };
  /** Switches provisioning on or off for the org (Contact_Center_Sync_Settings__c org default). */
  'SetupHealthController.setProvisioningEnabled': {
    params: { enabled: boolean };
    result: SetupChecklist;
    cacheable: false;
  };
  'SetupHealthController.getOrgLimits': {
    params: Record<string, never>;
    result: LimitsReport;
    cacheable: false;
  };
  'SetupHealthController.getProviderHealth': {
    params: Record<string, never>;
    result: ProviderHealth[];
    cacheable: false;
  };
}
