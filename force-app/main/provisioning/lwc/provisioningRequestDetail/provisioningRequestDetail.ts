import { LightningElement, api } from 'lwc';
import type { ProfileLinkTemplate, RequestDetail } from '@ccus/apex-contracts';
import { allowedActions, formatDateTime, httpLabel, stateLabel } from 'c/provisioningFormat';
import { resolveProfileLink } from 'c/profileLinks';

/** Which action the admin chose for the shown request. */
export type RequestActionName = 'retry' | 'replay' | 'resolve';

export interface RequestActionDetail {
  action: RequestActionName;
  requestId: string;
}

interface Fact {
  key: string;
  label: string;
  value: string;
  cellClass: string;
  /** A link to the value (the telephony user's profile), or null. */
  href: string | null;
  /** The link's accessible name, e.g. "Open agent-42 in Northwind Voice". */
  linkLabel: string | null;
}

/** Facts with long values take a whole row. */
const WIDE_FACTS = new Set(['error', 'deadLetterReason', 'idempotencyKey', 'payloadHash', 'mapping', 'changedFields']);
const NARROW_CELL = 'slds-col slds-size_1-of-2 slds-medium-size_1-of-4 slds-p-bottom_x-small';
const WIDE_CELL = 'slds-col slds-size_1-of-1 slds-p-bottom_x-small';

/**
 * One provisioning request: its state, attempts, payload (redacted by the server) and the provider's answer, with
 * Retry, Replay and Resolve. Presentational: it emits `requestaction` ({ action, requestId }) and `close`, and loads
 * nothing. Payload and answer are shown as text, never as HTML.
 */
export default class ProvisioningRequestDetail extends LightningElement {
  @api detail: RequestDetail | null = null;
  /** True while an action on this request runs: the buttons are disabled. */
  @api busy = false;
  /** The providers' profile link templates: the telephony user id links to the user's profile when one applies. */
  @api profileLinkTemplates: ProfileLinkTemplate[] = [];

  /** The telephony user's profile link: the request's provider's template first, else the call center's. */
  get telephonyProfileLink(): { url: string; label: string } | null {
    const detail = this.detail;
    if (!detail?.telephonyUserId) return null;
    return resolveProfileLink(
      this.profileLinkTemplates ?? [],
      detail.request.callCenterId,
      detail.telephonyUserId,
      detail.request.providerId,
    );
  }

  get hasDetail(): boolean {
    return this.detail !== null && this.detail !== undefined;
  }

  get heading(): string {
    const request = this.detail?.request;
    return request ? `${request.name}: ${request.action} ${request.userName ?? 'unknown user'}` : '';
  }

  get status(): string {
    return this.detail?.request.status ?? '';
  }

  get attempts(): number {
    return this.detail?.request.attempts ?? 0;
  }

  get stateText(): string {
    return this.detail ? stateLabel(this.detail.request) : '';
  }

  get facts(): Fact[] {
    const detail = this.detail;
    if (!detail) return [];
    const request = detail.request;
    const facts: Array<[string, string, string | number | null | undefined]> = [
      ['state', 'State', stateLabel(request)],
      ['user', 'User', request.userName],
      ['provider', 'Provider', request.providerName],
      ['action', 'Action', request.action],
      ['origin', 'Origin', request.origin?.replace(/_/g, ' ')],
      ['attempts', 'Attempts', String(request.attempts ?? 0)],
      ['created', 'Created', formatDateTime(request.createdAt)],
      ['lastAttempt', 'Last attempt', formatDateTime(request.lastAttemptAt)],
      ['nextAttempt', 'Next attempt', formatDateTime(request.nextAttemptAt)],
      ['http', 'Last HTTP status', httpLabel(request)],
      ['error', 'Last error', request.lastError],
      ['errorCategory', 'Error category', request.errorCategory?.replace(/_/g, ' ')],
      ['deadLetterReason', 'Dead-letter reason', request.deadLetterReason],
      ['delivered', 'Delivered', formatDateTime(request.deliveredAt)],
      ['expires', 'Gives up after', formatDateTime(detail.expiresAt)],
      ['telephonyUserId', 'Telephony user id', detail.telephonyUserId],
      ['mapping', 'Routing map', request.mappingStatus],
      ['changedFields', 'Changed fields', detail.changedFields],
      ['changedAt', 'Changed', formatDateTime(detail.changedAt)],
      ['sequence', 'Sequence', detail.sequence],
      ['idempotencyKey', 'Idempotency key', detail.idempotencyKey],
      ['payloadHash', 'Payload hash (SHA-256)', detail.payloadHash],
      ['resyncJobId', 'Resync job', detail.resyncJobId],
    ];
    const profileLink = this.telephonyProfileLink;
    return facts
      .filter(([, , value]) => value !== null && value !== undefined && value !== '')
      .map(([key, label, value]) => ({
        key,
        label,
        value: String(value),
        cellClass: WIDE_FACTS.has(key) ? WIDE_CELL : NARROW_CELL,
        href: key === 'telephonyUserId' ? (profileLink?.url ?? null) : null,
        linkLabel: key === 'telephonyUserId' ? (profileLink?.label ?? null) : null,
      }));
  }

  get payloadText(): string {
    return this.detail?.payload ?? '';
  }

  get hasPayload(): boolean {
    return Boolean(this.detail?.payload);
  }

  get responseText(): string {
    return this.detail?.responseExcerpt ?? '';
  }

  get hasResponse(): boolean {
    return Boolean(this.detail?.responseExcerpt);
  }

  get hasRedactedKeys(): boolean {
    return (this.detail?.redactedKeys?.length ?? 0) > 0;
  }

  get redactedKeysText(): string {
    return (this.detail?.redactedKeys ?? []).join(', ');
  }

  get retryDisabled(): boolean {
    return this.busy || !this.detail || !allowedActions(this.detail.request).canRetry;
  }

  get replayDisabled(): boolean {
    return this.busy || !this.detail || !allowedActions(this.detail.request).canReplay;
  }

  get resolveDisabled(): boolean {
    return this.busy || !this.detail || !allowedActions(this.detail.request).canResolve;
  }

  handleAction(event: Event): void {
    const action = (event.currentTarget as HTMLElement).dataset.action as RequestActionName;
    if (!this.detail) return;
    this.dispatchEvent(
      new CustomEvent<RequestActionDetail>('requestaction', {
        detail: { action, requestId: this.detail.request.id },
      }),
    );
  }

  handleClose(): void {
    this.dispatchEvent(new CustomEvent('close'));
  }
}
