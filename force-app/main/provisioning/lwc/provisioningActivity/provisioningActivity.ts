import { LightningElement, api } from 'lwc';
import LightningConfirm from 'lightning/confirm';
import getRequests from '@salesforce/apex/ProvisioningActivityController.getRequests';
import getRequestDetail from '@salesforce/apex/ProvisioningActivityController.getRequestDetail';
import retryRequests from '@salesforce/apex/ProvisioningActivityController.retryRequests';
import replayRequests from '@salesforce/apex/ProvisioningActivityController.replayRequests';
import resolveRequests from '@salesforce/apex/ProvisioningActivityController.resolveRequests';
import resyncCallCenter from '@salesforce/apex/ProvisioningActivityController.resyncCallCenter';
import getResyncProgress from '@salesforce/apex/ProvisioningActivityController.getResyncProgress';
import getActivityFilters from '@salesforce/apex/ProvisioningActivityController.getActivityFilters';
import getProfileLinkTemplates from '@salesforce/apex/ProviderAdminController.getProfileLinkTemplates';
import type {
  ActivityFilters,
  BulkActionResult,
  ProfileLinkTemplate,
  ProvisioningAction,
  ProvisioningStatus,
  RequestDetail,
  RequestQuery,
  RequestRow,
  ResyncProgress,
} from '@ccus/apex-contracts';
import { reduceErrors } from 'c/apexErrors';
import {
  STATUS_ORDER,
  formatCount,
  formatShortDateTime,
  httpLabel,
  stateLabel,
  statusMeta,
} from 'c/provisioningFormat';
import type { RequestActionDetail, RequestActionName } from 'c/provisioningRequestDetail';

/** `lightning/confirm`'s static API (its published types leave `open` out). */
interface ConfirmApi {
  open(config: { label: string; message: string; theme?: string; variant?: string }): Promise<boolean>;
}
const confirmDialog = LightningConfirm as unknown as ConfirmApi;

export const PAGE_SIZE = 50;
/** How often a running resync is polled. */
export const RESYNC_POLL_MS = 2000;
/** After an action, how often the list is refreshed while the acted-on requests are still on their way. */
export const FOLLOW_UP_MS = 2000;
export const FOLLOW_UP_MAX = 15;
const SEARCH_DEBOUNCE_MS = 300;

export type TimeRange = 'all' | '1h' | '24h' | '7d' | '30d';
const TIME_RANGE_HOURS: Readonly<Record<Exclude<TimeRange, 'all'>, number>> = {
  '1h': 1,
  '24h': 24,
  '7d': 24 * 7,
  '30d': 24 * 30,
};

interface Option {
  label: string;
  value: string;
}

/** The screen's filters, as the admin set them ('' = any). */
export interface ActivityFilterState {
  userSearch: string;
  providerId: string;
  action: string;
  status: string;
  timeRange: TimeRange;
}

/** A table row: the request plus its display values. */
export interface ActivityTableRow extends RequestRow {
  stateText: string;
  statusIcon: string;
  httpText: string;
  nextAttemptText: string;
  createdText: string;
  reasonText: string;
}

/** One line of an action's outcome. */
export interface ActionOutcome {
  key: string;
  label: string;
  text: string;
  ok: boolean;
}

const ACTION_WORDS: Readonly<Record<RequestActionName, { verb: string; done: string; title: string }>> = {
  retry: { verb: 'Retry', done: 'Sent again', title: 'Retry requests' },
  replay: { verb: 'Replay', done: 'Replayed as a new request', title: 'Replay requests' },
  resolve: { verb: 'Resolve', done: 'Resolved', title: 'Resolve dead letters' },
};

const ACTION_MESSAGES: Readonly<Record<RequestActionName, string>> = {
  retry:
    'are sent again with their idempotency keys and a fresh maximum age. Requests that cannot be retried are skipped.',
  replay:
    "are replayed: each user's current data is sent again as a new request (new idempotency key), same action and provider.",
  resolve: 'are closed without being sent again. Only dead letters can be resolved.',
};

const OPEN_STATUSES: ReadonlySet<string> = new Set(['Pending', 'Sending']);

const COLUMNS = [
  {
    label: 'Request',
    type: 'button',
    initialWidth: 140,
    typeAttributes: {
      label: { fieldName: 'name' },
      name: 'view',
      variant: 'base',
      title: 'Show the request detail',
    },
  },
  { label: 'User', fieldName: 'userName', type: 'text', initialWidth: 150 },
  { label: 'Provider', fieldName: 'providerName', type: 'text', initialWidth: 170 },
  { label: 'Action', fieldName: 'action', type: 'text', initialWidth: 110 },
  {
    label: 'State',
    fieldName: 'stateText',
    type: 'text',
    initialWidth: 130,
    cellAttributes: { iconName: { fieldName: 'statusIcon' } },
  },
  { label: 'Attempts', fieldName: 'attempts', type: 'number', initialWidth: 95 },
  { label: 'HTTP', fieldName: 'httpText', type: 'text', initialWidth: 85 },
  { label: 'Next attempt', fieldName: 'nextAttemptText', type: 'text', initialWidth: 140 },
  { label: 'Created', fieldName: 'createdText', type: 'text', initialWidth: 140 },
  { label: 'Reason', fieldName: 'reasonText', type: 'text', initialWidth: 320 },
];

/** The display values of one request. */
export function toTableRow(row: RequestRow): ActivityTableRow {
  return {
    ...row,
    stateText: stateLabel(row),
    statusIcon: statusMeta(row.status).iconName,
    httpText: httpLabel(row),
    nextAttemptText: row.status === 'Pending' ? formatShortDateTime(row.nextAttemptAt) : '',
    createdText: formatShortDateTime(row.createdAt),
    reasonText: row.deadLetterReason ?? row.lastError ?? '',
  };
}

/** The Apex query of the filters; `status` overrides the status filter (for the counts). */
export function buildQuery(
  filters: ActivityFilterState,
  now: Date,
  overrides: { status?: string; pageSize?: number; cursor?: string | null } = {},
): RequestQuery {
  const status = overrides.status ?? filters.status;
  const query: RequestQuery = { pageSize: overrides.pageSize ?? PAGE_SIZE };
  if (filters.userSearch.trim()) query.userSearch = filters.userSearch.trim();
  if (filters.providerId) query.providerId = filters.providerId;
  if (filters.action) query.actions = [filters.action as ProvisioningAction];
  if (status) query.statuses = [status as ProvisioningStatus];
  if (filters.timeRange !== 'all') {
    query.createdFrom = new Date(now.getTime() - TIME_RANGE_HOURS[filters.timeRange] * 3_600_000).toISOString();
  }
  if (overrides.cursor) query.cursor = overrides.cursor;
  return query;
}

/** One outcome line per request asked for, plus the skips that concern users rather than requests. */
export function describeOutcomes(
  action: RequestActionName,
  ids: string[],
  result: BulkActionResult,
  nameOf: (id: string) => string,
): ActionOutcome[] {
  const skippedById = new Map<string, string>();
  const general: string[] = [];
  for (const skip of result.skipped ?? []) {
    if (skip.requestId) skippedById.set(skip.requestId, skip.reason);
    else general.push(skip.reason);
  }
  const outcomes = [...new Set(ids)].map((id) => {
    const reason = skippedById.get(id);
    return {
      key: id,
      label: nameOf(id),
      text: reason ? `Skipped: ${reason}` : ACTION_WORDS[action].done,
      ok: !reason,
    };
  });
  general.forEach((reason, index) =>
    outcomes.push({ key: `general-${index}`, label: 'Skipped', text: reason, ok: false }),
  );
  return outcomes;
}

const EMPTY_FILTERS: ActivityFilterState = { userSearch: '', providerId: '', action: '', status: '', timeRange: 'all' };

/**
 * The Provisioning section: every request sent to the telephony providers, filtered and paged on the server, with
 * the detail of one request, retry / replay / resolve of one or many, and the resync of a call center. Container: it
 * calls ProvisioningActivityController; the table, badges and detail are presentational.
 */
export default class ProvisioningActivity extends LightningElement {
  /** How often a running resync is polled (ms); a property so a host page can slow it down. */
  @api resyncPollMs = RESYNC_POLL_MS;
  /** How often the list is refreshed after an action while its requests are still on their way (ms). */
  @api followUpMs = FOLLOW_UP_MS;

  filterChoices: ActivityFilters | null = null;
  filters: ActivityFilterState = { ...EMPTY_FILTERS };

  rows: RequestRow[] = [];
  nextCursor: string | null = null;
  totalCount = 0;
  totalCountCapped = false;
  loaded = false;
  isLoading = false;
  isLoadingMore = false;
  statusCounts: Partial<Record<ProvisioningStatus, { count: number; capped: boolean }>> = {};

  selectedIds: string[] = [];
  detail: RequestDetail | null = null;
  profileLinkTemplates: ProfileLinkTemplate[] = [];
  detailLoading = false;
  busy = false;
  outcomes: ActionOutcome[] = [];
  outcomeSummary = '';

  resyncCallCenterId = '';
  resyncProviderId = '';
  resyncJobId: string | null = null;
  resyncProgress: ResyncProgress | null = null;
  resyncErrors: string[] = [];
  isStartingResync = false;

  errorMessages: string[] = [];

  private loadSequence = 0;
  private searchTimer: ReturnType<typeof setTimeout> | null = null;
  private resyncTimer: ReturnType<typeof setTimeout> | null = null;
  private followUpTimer: ReturnType<typeof setTimeout> | null = null;
  private followUpIds: string[] = [];
  private followUpsLeft = 0;

  connectedCallback(): void {
    this.loadFilters();
    this.loadProfileLinkTemplates();
    this.load();
  }

  disconnectedCallback(): void {
    [this.searchTimer, this.resyncTimer, this.followUpTimer].forEach((timer) => {
      if (timer) clearTimeout(timer);
    });
    this.searchTimer = this.resyncTimer = this.followUpTimer = null;
  }

  // ------------------------------------------------------------------ loading

  async loadFilters(): Promise<void> {
    try {
      this.filterChoices = await getActivityFilters();
    } catch (error) {
      this.errorMessages = [...new Set([...this.errorMessages, ...reduceErrors(error)])];
    }
  }

  /** The providers' profile link templates for the detail's telephony user id; links are an extra, so a failure is silent. */
  async loadProfileLinkTemplates(): Promise<void> {
    try {
      this.profileLinkTemplates = (await getProfileLinkTemplates()) ?? [];
    } catch {
      this.profileLinkTemplates = [];
    }
  }

  /** Loads the first page and the counts per status for the current filters; the newest call wins. */
  async load(): Promise<void> {
    const sequence = ++this.loadSequence;
    this.isLoading = true;
    const now = new Date();
    try {
      const [page, counts] = await Promise.all([
        getRequests({ query: buildQuery(this.filters, now) }),
        Promise.all(
          STATUS_ORDER.map((status) => getRequests({ query: buildQuery(this.filters, now, { status, pageSize: 1 }) })),
        ),
      ]);
      if (sequence !== this.loadSequence) return;
      this.rows = page.rows ?? [];
      this.nextCursor = page.nextCursor ?? null;
      this.totalCount = page.totalCount ?? 0;
      this.totalCountCapped = page.totalCountCapped === true;
      const statusCounts: Partial<Record<ProvisioningStatus, { count: number; capped: boolean }>> = {};
      STATUS_ORDER.forEach((status, index) => {
        statusCounts[status] = {
          count: counts[index].totalCount ?? 0,
          capped: counts[index].totalCountCapped === true,
        };
      });
      this.statusCounts = statusCounts;
      const visible = new Set(this.rows.map((row) => row.id));
      this.selectedIds = this.selectedIds.filter((id) => visible.has(id));
      this.errorMessages = [];
      this.loaded = true;
      this.continueFollowUp();
    } catch (error) {
      if (sequence === this.loadSequence) this.errorMessages = reduceErrors(error);
    } finally {
      if (sequence === this.loadSequence) this.isLoading = false;
    }
  }

  async handleLoadMore(): Promise<void> {
    if (!this.nextCursor || this.isLoadingMore) return;
    const sequence = this.loadSequence;
    this.isLoadingMore = true;
    try {
      const page = await getRequests({ query: buildQuery(this.filters, new Date(), { cursor: this.nextCursor }) });
      if (sequence !== this.loadSequence) return;
      this.rows = [...this.rows, ...(page.rows ?? [])];
      this.nextCursor = page.nextCursor ?? null;
    } catch (error) {
      this.errorMessages = reduceErrors(error);
    } finally {
      this.isLoadingMore = false;
    }
  }

  handleRefresh(): void {
    this.load();
    if (this.detail) this.openDetail(this.detail.request.id);
  }

  // ------------------------------------------------------------------ filters

  get providerOptions(): Option[] {
    return [
      { label: 'All providers', value: '' },
      ...(this.filterChoices?.providers ?? []).map((provider) => ({
        label: `${provider.name} (${provider.type === 'SCIM' ? 'SCIM 2.0' : 'JSON webhook'}${provider.active ? '' : ', inactive'})`,
        value: provider.id,
      })),
    ];
  }

  get actionOptions(): Option[] {
    return [{ label: 'All actions', value: '' }, ...(this.filterChoices?.actions ?? [])];
  }

  get statusOptions(): Option[] {
    const fromServer = this.filterChoices?.statuses ?? [];
    const statuses = fromServer.length
      ? fromServer
      : STATUS_ORDER.map((status) => ({ value: status, label: statusMeta(status).label }));
    return [{ label: 'All statuses', value: '' }, ...statuses];
  }

  get timeRangeOptions(): Option[] {
    return [
      { label: 'Any time', value: 'all' },
      { label: 'Last hour', value: '1h' },
      { label: 'Last 24 hours', value: '24h' },
      { label: 'Last 7 days', value: '7d' },
      { label: 'Last 30 days', value: '30d' },
    ];
  }

  handleFilterChange(event: CustomEvent<{ value: string }>): void {
    const field = (event.currentTarget as HTMLElement).dataset.filter as keyof ActivityFilterState;
    this.filters = { ...this.filters, [field]: event.detail.value ?? '' } as ActivityFilterState;
    this.load();
  }

  handleSearchChange(event: CustomEvent<{ value: string }>): void {
    this.filters = { ...this.filters, userSearch: event.detail.value ?? '' };
    if (this.searchTimer) clearTimeout(this.searchTimer);
    // eslint-disable-next-line @lwc/lwc/no-async-operation -- debounce and polling timers, cleared in disconnectedCallback
    this.searchTimer = setTimeout(() => {
      this.searchTimer = null;
      this.load();
    }, SEARCH_DEBOUNCE_MS);
  }

  handleStatusTile(event: Event): void {
    const status = (event.currentTarget as HTMLElement).dataset.status ?? '';
    this.filters = { ...this.filters, status: this.filters.status === status ? '' : status };
    this.load();
  }

  handleClearFilters(): void {
    this.filters = { ...EMPTY_FILTERS };
    this.load();
  }

  get hasFilters(): boolean {
    const filters = this.filters;
    return Boolean(
      filters.userSearch.trim() ||
      filters.providerId ||
      filters.action ||
      filters.status ||
      filters.timeRange !== 'all',
    );
  }

  // ------------------------------------------------------------------ list

  get tableRows(): ActivityTableRow[] {
    return this.rows.map(toTableRow);
  }

  get columns(): typeof COLUMNS {
    return COLUMNS;
  }

  /** Viewport rendering: only the rows in view are rendered (lightning-datatable `render-config`). */
  get renderConfig(): { viewportRendering: boolean; rowHeight: number } {
    return { viewportRendering: true, rowHeight: 33 };
  }

  get hasRows(): boolean {
    return this.rows.length > 0;
  }

  get hasMore(): boolean {
    return this.nextCursor !== null;
  }

  /** Nothing at all was ever sent: explain how to switch provisioning on. */
  get isEmpty(): boolean {
    return this.loaded && !this.hasRows && !this.hasFilters;
  }

  get isFilteredEmpty(): boolean {
    return this.loaded && !this.hasRows && this.hasFilters;
  }

  get countText(): string {
    const shown = formatCount(this.rows.length);
    const total = formatCount(this.totalCount, this.totalCountCapped);
    return `Showing ${shown} of ${total} requests, newest first`;
  }

  get statusTiles(): Array<{ status: string; label: string; count: string; pressed: string; tileClass: string }> {
    return STATUS_ORDER.map((status) => {
      const count = this.statusCounts[status];
      const selected = this.filters.status === status;
      return {
        status,
        label: statusMeta(status).label,
        count: count ? formatCount(count.count, count.capped) : '–',
        pressed: String(selected),
        tileClass: `slds-button ${selected ? 'slds-button_brand' : 'slds-button_neutral'} slds-m-right_x-small slds-m-bottom_x-small`,
      };
    });
  }

  handleRowSelection(event: CustomEvent<{ selectedRows: RequestRow[] }>): void {
    this.selectedIds = (event.detail.selectedRows ?? []).map((row) => row.id);
  }

  handleRowAction(event: CustomEvent<{ action: { name: string }; row: RequestRow }>): void {
    this.openDetail(event.detail.row.id);
  }

  get selectedCount(): number {
    return this.selectedIds.length;
  }

  get selectionText(): string {
    return this.selectedCount ? `${this.selectedCount} selected` : 'Select requests to act on several at once';
  }

  get bulkDisabled(): boolean {
    return this.busy || this.selectedCount === 0;
  }

  // ------------------------------------------------------------------ detail

  async openDetail(requestId: string): Promise<void> {
    this.detailLoading = true;
    try {
      this.detail = await getRequestDetail({ requestId });
    } catch (error) {
      this.errorMessages = reduceErrors(error);
    } finally {
      this.detailLoading = false;
    }
  }

  handleCloseDetail(): void {
    this.detail = null;
  }

  handleDetailAction(event: CustomEvent<RequestActionDetail>): void {
    this.runAction(event.detail.action, [event.detail.requestId]);
  }

  // ------------------------------------------------------------------ actions

  handleBulkAction(event: Event): void {
    const action = (event.currentTarget as HTMLElement).dataset.action as RequestActionName;
    this.runAction(action, [...this.selectedIds]);
  }

  private nameOf(id: string): string {
    if (this.detail?.request.id === id) return this.detail.request.name;
    return this.rows.find((row) => row.id === id)?.name ?? id;
  }

  /** Asks for confirmation, runs the action, shows one outcome per request, then refreshes. */
  async runAction(action: RequestActionName, ids: string[]): Promise<void> {
    if (ids.length === 0 || this.busy) return;
    const words = ACTION_WORDS[action];
    const subject = ids.length === 1 ? `Request ${this.nameOf(ids[0])}` : `${ids.length} requests`;
    const confirmed = await confirmDialog.open({
      label: words.title,
      message: `${subject} ${ACTION_MESSAGES[action]}`,
      theme: action === 'resolve' ? 'warning' : 'default',
    });
    if (!confirmed) return;
    this.busy = true;
    try {
      const result =
        action === 'retry'
          ? await retryRequests({ requestIds: ids })
          : action === 'replay'
            ? await replayRequests({ requestIds: ids })
            : await resolveRequests({ requestIds: ids });
      this.outcomes = describeOutcomes(action, ids, result, (id) => this.nameOf(id));
      const skipped = (result.skipped ?? []).length;
      this.outcomeSummary = `${words.verb}: ${result.succeeded} of ${result.requested} done${
        skipped ? `, ${skipped} skipped` : ''
      }.`;
      this.selectedIds = [];
      await this.load();
      const followed = [...ids, ...(result.createdRequestIds ?? [])];
      if (this.detail && ids.includes(this.detail.request.id)) await this.openDetail(this.detail.request.id);
      if (action !== 'resolve') this.startFollowUp(followed);
    } catch (error) {
      this.outcomes = [];
      this.outcomeSummary = '';
      this.errorMessages = reduceErrors(error);
    } finally {
      this.busy = false;
    }
  }

  /**
   * Refreshes the list (and the open detail) until the given requests are no longer pending or sending, at most
   * FOLLOW_UP_MAX times. Requests hidden by the filters are followed again once a reload shows them.
   */
  private startFollowUp(ids: string[]): void {
    this.followUpIds = ids;
    this.followUpsLeft = FOLLOW_UP_MAX;
    this.continueFollowUp();
  }

  private continueFollowUp(): void {
    if (this.followUpTimer || this.followUpsLeft <= 0) return;
    const followed = (row: RequestRow): boolean => this.followUpIds.includes(row.id) && OPEN_STATUSES.has(row.status);
    const detailFollowed = this.detail !== null && followed(this.detail.request);
    if (!detailFollowed && !this.rows.some(followed)) return;
    this.followUpsLeft--;
    // eslint-disable-next-line @lwc/lwc/no-async-operation -- polling timer, cleared in disconnectedCallback
    this.followUpTimer = setTimeout(async () => {
      this.followUpTimer = null;
      if (this.detail && this.followUpIds.includes(this.detail.request.id))
        await this.openDetail(this.detail.request.id);
      await this.load();
    }, this.followUpMs);
  }

  get hasOutcomes(): boolean {
    return this.outcomes.length > 0;
  }

  get outcomeItems(): Array<ActionOutcome & { iconName: string; iconText: string }> {
    return this.outcomes.map((outcome) => ({
      ...outcome,
      iconName: outcome.ok ? 'utility:success' : 'utility:warning',
      iconText: outcome.ok ? 'Done' : 'Skipped',
    }));
  }

  handleDismissOutcomes(): void {
    this.outcomes = [];
    this.outcomeSummary = '';
  }

  // ------------------------------------------------------------------ resync

  get callCenterOptions(): Option[] {
    return this.filterChoices?.callCenters ?? [];
  }

  get resyncProviderOptions(): Option[] {
    return [
      { label: 'The provider serving the call center', value: '' },
      ...(this.filterChoices?.providers ?? [])
        .filter((provider) => provider.active)
        .map((provider) => ({ label: provider.name, value: provider.id })),
    ];
  }

  handleResyncCallCenter(event: CustomEvent<{ value: string }>): void {
    this.resyncCallCenterId = event.detail.value ?? '';
  }

  handleResyncProvider(event: CustomEvent<{ value: string }>): void {
    this.resyncProviderId = event.detail.value ?? '';
  }

  get resyncRunning(): boolean {
    return this.resyncJobId !== null && !(this.resyncProgress?.done ?? false);
  }

  get resyncDisabled(): boolean {
    return !this.resyncCallCenterId || this.isStartingResync || this.resyncRunning;
  }

  async handleResync(): Promise<void> {
    const callCenter = this.callCenterOptions.find((option) => option.value === this.resyncCallCenterId);
    if (!callCenter) return;
    const confirmed = await confirmDialog.open({
      label: 'Resync call center',
      message: `Every active agent of ${callCenter.label} is sent to the telephony provider again, as new requests. This can take a while for a large call center.`,
      theme: 'default',
    });
    if (!confirmed) return;
    this.isStartingResync = true;
    this.resyncErrors = [];
    this.resyncProgress = null;
    try {
      this.resyncJobId = await resyncCallCenter({
        callCenterId: this.resyncCallCenterId,
        providerId: this.resyncProviderId || null,
      });
      await this.pollResync();
    } catch (error) {
      this.resyncJobId = null;
      this.resyncErrors = reduceErrors(error);
    } finally {
      this.isStartingResync = false;
    }
  }

  private async pollResync(): Promise<void> {
    const jobId = this.resyncJobId;
    if (!jobId) return;
    try {
      const progress = await getResyncProgress({ jobId });
      if (this.resyncJobId !== jobId) return;
      this.resyncProgress = progress;
      if (progress.done) {
        this.load();
        return;
      }
      // eslint-disable-next-line @lwc/lwc/no-async-operation -- debounce and polling timers, cleared in disconnectedCallback
      this.resyncTimer = setTimeout(() => {
        this.resyncTimer = null;
        this.pollResync();
      }, this.resyncPollMs);
    } catch (error) {
      this.resyncErrors = reduceErrors(error);
      this.resyncJobId = null;
    }
  }

  get hasResyncProgress(): boolean {
    return this.resyncProgress !== null;
  }

  get hasResyncErrors(): boolean {
    return this.resyncErrors.length > 0;
  }

  get resyncQueuedText(): string {
    const progress = this.resyncProgress;
    if (!progress) return '';
    const batches =
      progress.totalBatches !== null && progress.totalBatches !== undefined
        ? ` (${progress.batchesProcessed ?? 0} of ${progress.totalBatches} batches)`
        : '';
    return `Agents queued: ${progress.percentQueued}%${batches}`;
  }

  get resyncDeliveredText(): string {
    return this.resyncProgress ? `Requests finished: ${this.resyncProgress.percentDelivered}%` : '';
  }

  get resyncStatusText(): string {
    const progress = this.resyncProgress;
    if (!progress) return this.isStartingResync ? 'Starting the resync…' : '';
    const counts = Object.entries(progress.requestsByStatus ?? {})
      .map(([status, count]) => `${statusMeta(status).label}: ${formatCount(count)}`)
      .join(', ');
    const state = progress.done ? 'Resync finished' : `Resync ${progress.jobStatus.toLowerCase()}`;
    const errors = progress.batchErrors ? `, ${progress.batchErrors} batch errors` : '';
    // The em dash is escaped: Code Analyzer's copy-paste detector cannot lex it inside a nested template literal.
    const countsText = counts ? ' \u2014 ' + counts : '';
    return `${state}${errors}${countsText}.`;
  }

  // ------------------------------------------------------------------ errors

  get hasError(): boolean {
    return this.errorMessages.length > 0;
  }
}
