import { LightningElement } from 'lwc';
import getOverview from '@salesforce/apex/CallCenterOverviewController.getOverview';
import getMappingContext from '@salesforce/apex/MappingUsersController.getMappingContext';
import getUsers from '@salesforce/apex/MappingUsersController.getUsers';
import type {
  CallCenterSummary,
  MappingAvailability,
  MappingContext,
  UserPage,
  UserQuery,
  UserRow,
  UserSortKey,
} from '@ccus/apex-contracts';
import { reduceErrors } from 'c/apexErrors';

/** Which agents the admin selected for a run. */
export interface UserSelection {
  /** IDS: the rows in `users`; FILTER: every unmapped agent matching `filter` (the server gathers them). */
  mode: 'IDS' | 'FILTER';
  /** The selected rows (IDS), or the rows loaded so far (FILTER: samples for rule tests). */
  users: UserRow[];
  /** The filter of the list when the selection was made. */
  filter: { search: string | null; status: 'ALL' | 'ACTIVE' | 'INACTIVE' };
  /** How many users the selection holds (FILTER: the total count, or null when unknown). */
  count: number | null;
}

type Status = 'ALL' | 'ACTIVE' | 'INACTIVE';

/** Datatable column field name to the server's sort key. */
export const SORT_KEYS: Readonly<Record<string, UserSortKey>> = {
  name: 'NAME',
  username: 'USERNAME',
  email: 'EMAIL',
  alias: 'ALIAS',
  federationIdentifier: 'FEDERATION_ID',
  profileName: 'PROFILE',
  roleName: 'ROLE',
};

const COLUMNS = [
  { label: 'Name', fieldName: 'name', type: 'text', sortable: true, initialWidth: 200 },
  { label: 'Username', fieldName: 'username', type: 'text', sortable: true },
  { label: 'Email', fieldName: 'email', type: 'text', sortable: true },
  { label: 'Alias', fieldName: 'alias', type: 'text', sortable: true, initialWidth: 100 },
  { label: 'Federation ID', fieldName: 'federationIdentifier', type: 'text', sortable: true },
  { label: 'Profile', fieldName: 'profileName', type: 'text', sortable: true },
  { label: 'Role', fieldName: 'roleName', type: 'text', sortable: true },
  { label: 'Status', fieldName: 'statusText', type: 'text', initialWidth: 100 },
];

/** Debounce of the search box (ms). */
export const SEARCH_DELAY_MS = 300;
const PAGE_SIZE = 100;
const NUMBER_FORMAT = new Intl.NumberFormat();

/**
 * The "Unmapped users" section: a call center's agents without a CallCenterRoutingMap, searched, filtered, sorted and
 * paged on the server (keyset cursors, infinite loading; the table renders only the visible rows), a selection of
 * some rows, the loaded rows or every user matching the filter, and the mapping run wizard for that selection.
 */
export default class UnmappedUsers extends LightningElement {
  callCenters: CallCenterSummary[] = [];
  callCenterId: string | null = null;
  context: MappingContext | null = null;
  errorMessages: string[] = [];
  isLoadingContext = false;
  isLoadingRows = false;
  callCentersLoaded = false;

  search = '';
  status: Status = 'ACTIVE';
  sortedBy = 'name';
  sortDirection: 'asc' | 'desc' = 'asc';

  rows: UserRow[] = [];
  nextCursor: string | null = null;
  hasMore = false;
  totalCount: number | null = null;

  selectedIds: string[] = [];
  selectAllMatching = false;
  wizardOpen = false;
  /** A run opened from the recent runs (the wizard shows it instead of starting a new one). */
  openRunId: string | null = null;

  /** lightning-datatable's viewport rendering (virtualisation): only the visible rows are in the DOM. */
  readonly renderConfig = { viewportRendering: true, virtualize: 'vertical', bufferSize: 10 };
  readonly columns = COLUMNS;
  readonly statusOptions = [
    { label: 'Active users', value: 'ACTIVE' },
    { label: 'Inactive users', value: 'INACTIVE' },
    { label: 'All users', value: 'ALL' },
  ];

  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  /** Increments with each new query: responses of older queries are dropped. */
  private queryVersion = 0;

  connectedCallback(): void {
    this.loadCallCenters();
  }

  disconnectedCallback(): void {
    clearTimeout(this.searchTimer);
  }

  async loadCallCenters(): Promise<void> {
    try {
      const overview = await getOverview();
      this.callCenters = overview.callCenters;
      this.callCentersLoaded = true;
      this.errorMessages = [];
      if (this.callCenters.length > 0) this.selectCallCenter(this.callCenters[0].callCenterId);
    } catch (error) {
      this.errorMessages = reduceErrors(error);
    }
  }

  async selectCallCenter(callCenterId: string): Promise<void> {
    this.callCenterId = callCenterId;
    this.context = null;
    this.wizardOpen = false;
    this.resetRows();
    this.isLoadingContext = true;
    try {
      const context = await getMappingContext({ callCenterId });
      if (this.callCenterId !== callCenterId) return;
      this.context = context;
      this.errorMessages = [];
      if (this.mappingAvailable) await this.loadFirstPage();
    } catch (error) {
      this.errorMessages = reduceErrors(error);
    } finally {
      this.isLoadingContext = false;
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Paging

  private resetRows(): void {
    this.queryVersion++;
    this.rows = [];
    this.nextCursor = null;
    this.hasMore = false;
    this.totalCount = null;
    this.clearSelection();
  }

  private buildQuery(cursor: string | null): UserQuery {
    const search = this.search.trim();
    return {
      callCenterId: this.callCenterId as string,
      search: search === '' ? null : search,
      status: this.status,
      scope: 'UNMAPPED',
      sortBy: SORT_KEYS[this.sortedBy] ?? 'NAME',
      sortDirection: this.sortDirection === 'desc' ? 'DESC' : 'ASC',
      pageSize: Math.min(PAGE_SIZE, this.context?.limits.maxUserPageSize ?? PAGE_SIZE),
      cursor,
      includeTotal: cursor === null,
    };
  }

  /** Loads the first page of the current query (a new search, filter, sort or call center). */
  async loadFirstPage(): Promise<void> {
    if (!this.callCenterId) return;
    this.resetRows();
    await this.loadPage(null);
  }

  private async loadPage(cursor: string | null): Promise<void> {
    const version = this.queryVersion;
    this.isLoadingRows = true;
    try {
      const page: UserPage = await getUsers({ query: this.buildQuery(cursor) });
      if (version !== this.queryVersion) return;
      this.rows = [...this.rows, ...page.rows];
      // "All that match" stays all: rows loaded later are shown selected too.
      if (this.selectAllMatching) this.selectedIds = this.rows.map((row) => row.userId);
      this.nextCursor = page.nextCursor ?? null;
      this.hasMore = page.hasMore && this.nextCursor !== null;
      if (cursor === null) this.totalCount = page.totalCount ?? null;
      this.errorMessages = [];
    } catch (error) {
      if (version === this.queryVersion) this.errorMessages = reduceErrors(error);
    } finally {
      if (version === this.queryVersion) this.isLoadingRows = false;
    }
  }

  /** lightning-datatable's loadmore (infinite loading): the next keyset page. */
  handleLoadMore(): void {
    if (this.isLoadingRows || !this.hasMore) return;
    this.loadPage(this.nextCursor);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Controls

  handleCallCenterChange(event: CustomEvent<{ value: string }>): void {
    this.selectCallCenter(event.detail.value);
  }

  handleSearchChange(event: CustomEvent<{ value: string }>): void {
    const max = this.context?.limits.maxSearchLength ?? 100;
    this.search = (event.detail.value ?? '').slice(0, max);
    clearTimeout(this.searchTimer);
    // eslint-disable-next-line @lwc/lwc/no-async-operation -- debounce: search once the admin stops typing
    this.searchTimer = setTimeout(() => this.loadFirstPage(), SEARCH_DELAY_MS);
  }

  handleStatusChange(event: CustomEvent<{ value: string }>): void {
    this.status = event.detail.value as Status;
    this.loadFirstPage();
  }

  handleSort(event: CustomEvent<{ fieldName: string; sortDirection: 'asc' | 'desc' }>): void {
    this.sortedBy = event.detail.fieldName;
    this.sortDirection = event.detail.sortDirection;
    this.loadFirstPage();
  }

  handleRefresh(): void {
    if (this.callCenterId) this.selectCallCenter(this.callCenterId);
  }

  handleRowSelection(event: CustomEvent<{ selectedRows: UserRow[] }>): void {
    this.selectedIds = event.detail.selectedRows.map((row) => row.userId);
    if (this.selectedIds.length < this.rows.length) this.selectAllMatching = false;
  }

  handleSelectAllMatching(): void {
    this.selectedIds = this.rows.map((row) => row.userId);
    this.selectAllMatching = true;
  }

  handleClearSelection(): void {
    this.clearSelection();
  }

  private clearSelection(): void {
    this.selectedIds = [];
    this.selectAllMatching = false;
  }

  handleGenerate(): void {
    this.openRunId = null;
    this.wizardOpen = true;
  }

  /** Opens a run of the recent runs list in the wizard (its preview, progress or result). */
  handleOpenRun(event: CustomEvent<{ runId: string }>): void {
    this.openRunId = event.detail.runId;
    this.wizardOpen = true;
  }

  handleWizardClose(): void {
    this.wizardOpen = false;
    this.openRunId = null;
  }

  /** A run finished: the mapped users leave the list. */
  handleRunComplete(): void {
    this.wizardOpen = false;
    this.openRunId = null;
    this.loadFirstPage();
  }

  /** The wizard's users: none for a run opened from the recent runs. */
  get wizardSelection(): UserSelection | null {
    return this.openRunId ? null : this.selection;
  }

  // -------------------------------------------------------------------------------------------------------------
  // View state

  get hasError(): boolean {
    return this.errorMessages.length > 0;
  }

  get hasCallCenters(): boolean {
    return this.callCenters.length > 0;
  }

  get noCallCenters(): boolean {
    return this.callCentersLoaded && this.callCenters.length === 0;
  }

  get mappingAvailable(): boolean {
    return this.context?.mappingAvailability === 'AVAILABLE';
  }

  /** For the mapping availability notice: null until the call center's context is loaded. */
  get mappingAvailability(): MappingAvailability | null {
    return this.context?.mappingAvailability ?? null;
  }

  get mappingAvailabilityMessage(): string {
    return this.context?.mappingAvailabilityMessage ?? '';
  }

  get showList(): boolean {
    return this.mappingAvailable && !this.wizardOpen;
  }

  get showWizard(): boolean {
    return this.mappingAvailable && this.wizardOpen;
  }

  get tableRows(): Array<UserRow & { statusText: string }> {
    return this.rows.map((row) => ({ ...row, statusText: row.isActive ? 'Active' : 'Inactive' }));
  }

  get isEmpty(): boolean {
    return this.mappingAvailable && !this.isLoadingRows && this.rows.length === 0 && !this.hasError;
  }

  get emptyMessage(): string {
    return this.search.trim() !== '' || this.status !== 'ALL'
      ? 'No unmapped users match this search and filter. Clear the search or choose "All users".'
      : 'Every agent of this call center has a mapping. Nothing to generate: check the Mappings section for problems.';
  }

  get countText(): string {
    const loaded = NUMBER_FORMAT.format(this.rows.length);
    if (this.totalCount !== null) return `${loaded} of ${NUMBER_FORMAT.format(this.totalCount)} unmapped users loaded`;
    return this.hasMore ? `${loaded} unmapped users loaded, more to load` : `${loaded} unmapped users`;
  }

  get selectedCount(): number {
    return this.selectAllMatching ? (this.totalCount ?? this.rows.length) : this.selectedIds.length;
  }

  get hasSelection(): boolean {
    return this.selectAllMatching || this.selectedIds.length > 0;
  }

  /** More users match than are loaded, so "all that match" differs from "the loaded rows". */
  private get moreThanLoaded(): boolean {
    return this.hasMore || (this.totalCount !== null && this.totalCount > this.rows.length);
  }

  /** Gmail-style banner: every loaded row is selected and more match. */
  get showSelectAllBanner(): boolean {
    return (
      !this.selectAllMatching &&
      this.rows.length > 0 &&
      this.selectedIds.length === this.rows.length &&
      this.moreThanLoaded
    );
  }

  get selectAllLabel(): string {
    return this.totalCount !== null
      ? `Select all ${NUMBER_FORMAT.format(this.totalCount)} users that match this filter`
      : 'Select all users that match this filter';
  }

  get loadedSelectedText(): string {
    return `All ${NUMBER_FORMAT.format(this.rows.length)} loaded users are selected.`;
  }

  get allMatchingText(): string {
    return this.totalCount !== null
      ? `All ${NUMBER_FORMAT.format(this.totalCount)} users that match this filter are selected.`
      : 'All users that match this filter are selected.';
  }

  get selectionText(): string {
    if (!this.hasSelection) return 'No users selected';
    const count = NUMBER_FORMAT.format(this.selectedCount);
    return this.selectAllMatching ? `${count} users selected (all that match)` : `${count} selected`;
  }

  get generateDisabled(): boolean {
    return !this.hasSelection;
  }

  get generateLabel(): string {
    return this.hasSelection ? `Generate mappings (${NUMBER_FORMAT.format(this.selectedCount)})` : 'Generate mappings';
  }

  get selection(): UserSelection {
    const search = this.search.trim();
    const filter = { search: search === '' ? null : search, status: this.status };
    if (this.selectAllMatching) {
      return { mode: 'FILTER', users: this.rows, filter, count: this.totalCount };
    }
    const ids = new Set(this.selectedIds);
    const users = this.rows.filter((row) => ids.has(row.userId));
    return { mode: 'IDS', users, filter, count: users.length };
  }

  get callCenterName(): string {
    return this.context?.callCenterName ?? '';
  }
}
