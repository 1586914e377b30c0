import { LightningElement, api } from 'lwc';
import getOverview from '@salesforce/apex/CallCenterOverviewController.getOverview';
import getMappingContext from '@salesforce/apex/MappingUsersController.getMappingContext';
import getMappings from '@salesforce/apex/MappingManageController.getMappings';
import updateMappings from '@salesforce/apex/MappingManageController.updateMappings';
import deleteMappings from '@salesforce/apex/MappingManageController.deleteMappings';
import getProfileLinkTemplates from '@salesforce/apex/ProviderAdminController.getProfileLinkTemplates';
import type {
  CallCenterSummary,
  ExternalIdFormat,
  MappingAvailability,
  MappingContext,
  MappingEdit,
  MappingRow,
  OverviewResult,
  ProblemFilter,
  ProfileLinkTemplate,
  WriteOutcome,
} from '@ccus/apex-contracts';
import { reduceErrors } from 'c/apexErrors';
import { validateAgentArn, validateQuickConnectArn } from 'c/amazonConnectArns';
import { toMappingCsv } from 'c/mappingCsv';
import { PROBLEM_LABELS, chunk, confirmAction, downloadText } from 'c/mappingRunUtils';
import { resolveProfileLink } from 'c/profileLinks';

/** Mappings per getMappings page on screen. */
export const LIST_PAGE_SIZE = 200;
/** Mappings per getMappings page when exporting everything (the contract's maximum). */
export const EXPORT_PAGE_SIZE = 2000;
/** Pause after the last keystroke before searching. */
export const SEARCH_DELAY_MS = 300;
/** Fallbacks when the context is not loaded. */
const DEFAULT_MAX_WRITES = 200;
const DEFAULT_MAX_VALUE_LENGTH = 255;

/** A row of the mappings table. */
export interface MappingTableRow extends MappingRow {
  userLabel: string;
  problemLabel: string;
  /** The user's profile in the telephony system (https), or null when no provider defines profile links. */
  profileUrl: string | null;
  /** The link's text and accessible name, e.g. "Open agent-42 in Northwind Voice". */
  profileLinkLabel: string | null;
}

/** A draft of lightning-datatable's inline edit. */
export interface MappingDraft {
  mappingId: string;
  externalId?: string;
  quickConnect?: string;
}

/** lightning-datatable's errors property. */
export interface TableErrors {
  rows?: Record<string, { title: string; messages: string[]; fieldNames: string[] }>;
  table?: { title: string; messages: string[] };
}

/** A problem of one edited value, found before anything is sent. */
export interface EditProblem {
  fieldName: 'externalId' | 'quickConnect';
  message: string;
}

/**
 * Checks an edit the way the server will: ExternalId required; AMAZON_CONNECT: an agent ARN and (optional) a quick
 * connect ARN; TEXT: no surrounding whitespace or line breaks, at most `maxLength` characters.
 */
export function validateEdit(edit: MappingEdit, format: ExternalIdFormat, maxLength: number): EditProblem[] {
  const problems: EditProblem[] = [];
  const checkText = (fieldName: EditProblem['fieldName'], value: string): void => {
    if (value.length > maxLength) problems.push({ fieldName, message: `Longer than ${maxLength} characters.` });
    else if (value !== value.trim() || /[\r\n]/.test(value))
      problems.push({ fieldName, message: 'Remove the spaces or line breaks around the value.' });
  };
  const externalId = edit.externalId ?? '';
  const quickConnect = edit.quickConnect ?? '';
  if (!externalId.trim()) {
    problems.push({ fieldName: 'externalId', message: 'ExternalId is required.' });
  } else if (format === 'AMAZON_CONNECT') {
    const check = validateAgentArn(externalId);
    if (!check.ok) problems.push({ fieldName: 'externalId', message: check.message });
  } else {
    checkText('externalId', externalId);
  }
  if (quickConnect) {
    if (format === 'AMAZON_CONNECT') {
      const check = validateQuickConnectArn(quickConnect);
      if (!check.ok) problems.push({ fieldName: 'quickConnect', message: check.message });
    } else {
      checkText('quickConnect', quickConnect);
    }
  }
  return problems;
}

const ROW_ACTIONS = [{ label: 'Delete', name: 'delete' }];

/**
 * The link to the user's telephony profile, beside the editable ExternalId (a datatable url cell cannot be edited as
 * an ExternalId, and takes no aria-label: its text is the accessible name "Open <ExternalId> in <provider>").
 * Opens in a new tab.
 */
export const PROFILE_LINK_COLUMN = {
  label: 'Telephony profile',
  fieldName: 'profileUrl',
  type: 'url',
  initialWidth: 220,
  typeAttributes: {
    label: { fieldName: 'profileLinkLabel' },
    target: '_blank',
    tooltip: { fieldName: 'profileLinkLabel' },
  },
};

/** The row's profile link (from the providers' profile link templates), recomputed when its ExternalId changes. */
export function withProfileLink<T extends MappingRow>(
  row: T,
  templates: readonly ProfileLinkTemplate[],
): T & Pick<MappingTableRow, 'profileUrl' | 'profileLinkLabel'> {
  const link = resolveProfileLink(templates, row.callCenterId, row.externalId);
  return { ...row, profileUrl: link?.url ?? null, profileLinkLabel: link?.label ?? null };
}

const toTableRow = (row: MappingRow, templates: readonly ProfileLinkTemplate[]): MappingTableRow =>
  withProfileLink(
    {
      ...row,
      userLabel: row.userFullName ?? row.username ?? row.referenceRecordId,
      problemLabel: row.problem ? PROBLEM_LABELS[row.problem] : '',
    },
    templates,
  );

/**
 * The Mappings section: pick a call center, then search, edit, delete and export its CallCenterRoutingMap records,
 * fix its mapping problems and import a CSV. Container: loads from Apex and handles the loading, error, empty and
 * no-Voice states.
 */
export default class MappingManager extends LightningElement {
  /** Call center to open first (e.g. from an Overview link); else the first one. */
  @api initialCallCenterId: string | null = null;
  /** Opens the Problems tab with this filter (from an Overview link). */
  @api initialProblemKind: ProblemFilter | null = null;

  overview: OverviewResult | null = null;
  callCenterId: string | null = null;
  context: MappingContext | null = null;
  externalIdFormat: ExternalIdFormat = 'AMAZON_CONNECT';
  activeTab = 'list';
  errorMessages: string[] = [];
  isLoadingContext = false;

  rows: MappingTableRow[] = [];
  nextCursor: string | null = null;
  hasMore = false;
  search = '';
  isLoadingList = false;
  draftValues: MappingDraft[] = [];
  tableErrors: TableErrors = {};
  selectedIds: string[] = [];
  outcomeMessage = '';
  isWriting = false;
  exportStatus = '';
  isExporting = false;

  /** The providers' profile link templates, loaded once; empty when there are none or they could not be read. */
  profileLinkTemplates: ProfileLinkTemplate[] = [];

  private listRequest = 0;
  private searchTimer: ReturnType<typeof setTimeout> | null = null;

  connectedCallback(): void {
    if (this.initialProblemKind) this.activeTab = 'problems';
    this.loadProfileLinkTemplates();
    this.loadCallCenters();
  }

  /**
   * Loads the profile link templates once. Links are an extra: a failure (no access to providers, no provider yet)
   * leaves the table without them and shows no error.
   */
  async loadProfileLinkTemplates(): Promise<void> {
    try {
      this.profileLinkTemplates = (await getProfileLinkTemplates()) ?? [];
    } catch {
      this.profileLinkTemplates = [];
    }
    if (this.profileLinkTemplates.length && this.rows.length) {
      this.rows = this.rows.map((row) => withProfileLink(row, this.profileLinkTemplates));
    }
  }

  disconnectedCallback(): void {
    if (this.searchTimer) clearTimeout(this.searchTimer);
  }

  async loadCallCenters(): Promise<void> {
    try {
      this.overview = await getOverview();
      this.errorMessages = [];
      const ids = this.overview.callCenters.map((callCenter) => callCenter.callCenterId);
      const first =
        this.initialCallCenterId && ids.includes(this.initialCallCenterId) ? this.initialCallCenterId : ids[0];
      if (first && this.overview.mappingAvailability === 'AVAILABLE') await this.selectCallCenter(first);
      else this.callCenterId = first ?? null;
    } catch (error) {
      this.errorMessages = reduceErrors(error);
    }
  }

  async selectCallCenter(callCenterId: string): Promise<void> {
    this.callCenterId = callCenterId;
    this.context = null;
    this.resetList();
    this.isLoadingContext = true;
    try {
      const context = await getMappingContext({ callCenterId });
      if (this.callCenterId !== callCenterId) return;
      this.context = context;
      this.errorMessages = [];
      if (context.mappingAvailability === 'AVAILABLE') await this.loadMappings(false);
    } catch (error) {
      this.errorMessages = reduceErrors(error);
    } finally {
      this.isLoadingContext = false;
    }
  }

  resetList(): void {
    this.exportStatus = '';
    this.rows = [];
    this.nextCursor = null;
    this.hasMore = false;
    this.draftValues = [];
    this.tableErrors = {};
    this.selectedIds = [];
    this.outcomeMessage = '';
  }

  /** Loads the first page (append false) or the next one; answers to an outdated search are dropped. */
  async loadMappings(append: boolean): Promise<void> {
    if (!this.callCenterId) return;
    const request = ++this.listRequest;
    this.isLoadingList = true;
    try {
      const page = await getMappings({
        query: {
          callCenterId: this.callCenterId,
          search: this.search || null,
          cursor: append ? this.nextCursor : null,
          pageSize: LIST_PAGE_SIZE,
        },
      });
      if (request !== this.listRequest) return;
      const rows = page.rows.map((row) => toTableRow(row, this.profileLinkTemplates));
      this.rows = append ? [...this.rows, ...rows] : rows;
      this.nextCursor = page.nextCursor ?? null;
      this.hasMore = page.hasMore;
      this.errorMessages = [];
    } catch (error) {
      if (request === this.listRequest) this.errorMessages = reduceErrors(error);
    } finally {
      if (request === this.listRequest) this.isLoadingList = false;
    }
  }

  // ----- state for the template

  get callCenters(): CallCenterSummary[] {
    return this.overview?.callCenters ?? [];
  }

  get hasError(): boolean {
    return this.errorMessages.length > 0;
  }

  get noCallCenters(): boolean {
    return this.overview !== null && this.overview.callCenters.length === 0;
  }

  get hasCallCenters(): boolean {
    return this.callCenters.length > 0;
  }

  get availability(): MappingAvailability | null {
    return this.context?.mappingAvailability ?? this.overview?.mappingAvailability ?? null;
  }

  get mappingAvailabilityMessage(): string {
    return this.context?.mappingAvailabilityMessage ?? this.overview?.mappingAvailabilityMessage ?? '';
  }

  get isReady(): boolean {
    return this.context?.mappingAvailability === 'AVAILABLE';
  }

  get canEdit(): boolean {
    return this.context?.access.canEdit === true;
  }

  get canDelete(): boolean {
    return this.context?.access.canDelete === true;
  }

  get accessNote(): string {
    const missing = [!this.canEdit ? 'edit' : '', !this.canDelete ? 'delete' : ''].filter(Boolean);
    return missing.length
      ? `You can read these mappings but not ${missing.join(' or ')} them: ask for edit and delete access to CallCenterRoutingMap (Contact Center Admin permission set).`
      : '';
  }

  get formatOptions(): Array<{ label: string; value: ExternalIdFormat }> {
    return [
      { label: 'Amazon Connect agent ARN', value: 'AMAZON_CONNECT' },
      { label: 'Text (other telephony)', value: 'TEXT' },
    ];
  }

  get columns(): object[] {
    const editable = this.canEdit;
    const columns: object[] = [
      { label: 'User', fieldName: 'userLabel', type: 'text', initialWidth: 180 },
      { label: 'Username', fieldName: 'username', type: 'text' },
      { label: 'ExternalId', fieldName: 'externalId', type: 'text', editable, wrapText: false },
      ...(this.hasProfileLinks ? [PROFILE_LINK_COLUMN] : []),
      { label: 'QuickConnect', fieldName: 'quickConnect', type: 'text', editable },
      { label: 'DeveloperName', fieldName: 'developerName', type: 'text' },
      { label: 'Problem', fieldName: 'problemLabel', type: 'text', initialWidth: 170 },
    ];
    if (this.canDelete) columns.push({ type: 'action', typeAttributes: { rowActions: ROW_ACTIONS } });
    return columns;
  }

  /** True when a row links to the user's profile in the telephony system. */
  get hasProfileLinks(): boolean {
    return this.rows.some((row) => row.profileUrl);
  }

  /** Viewport rendering: only the visible rows are in the DOM (20,000 rows: ~0.9 s instead of ~29 s). */
  get renderConfig(): object {
    return { viewportRendering: true, rowHeight: 33 };
  }

  get hasRows(): boolean {
    return this.rows.length > 0;
  }

  get showEmpty(): boolean {
    return this.isReady && !this.isLoadingList && !this.hasRows;
  }

  get emptyMessage(): string {
    return this.search
      ? `No mapping matches "${this.search}". Try another search, or clear it to see every mapping.`
      : 'This call center has no mappings yet. Open Unmapped users to generate them, or import a CSV in the Import tab.';
  }

  get rowCountText(): string {
    const count = new Intl.NumberFormat().format(this.rows.length);
    return this.hasMore ? `${count} mappings shown, more to load` : `${count} mappings`;
  }

  get deleteSelectedLabel(): string {
    return this.selectedIds.length ? `Delete selected (${this.selectedIds.length})` : 'Delete selected';
  }

  get deleteSelectedDisabled(): boolean {
    return !this.canDelete || this.selectedIds.length === 0 || this.isWriting;
  }

  get exportDisabled(): boolean {
    return this.isExporting || !this.isReady;
  }

  get loadMoreDisabled(): boolean {
    return this.isLoadingList;
  }

  get isListTab(): boolean {
    return this.activeTab === 'list';
  }

  get isProblemsTab(): boolean {
    return this.activeTab === 'problems';
  }

  get isImportTab(): boolean {
    return this.activeTab === 'import';
  }

  get maxWrites(): number {
    return this.context?.limits.maxManageWritesPerCall || DEFAULT_MAX_WRITES;
  }

  // ----- handlers

  handleCallCenterChange(event: CustomEvent<{ value: string }>): void {
    this.selectCallCenter(event.detail.value);
  }

  handleFormatChange(event: CustomEvent<{ value: ExternalIdFormat }>): void {
    this.externalIdFormat = event.detail.value;
  }

  handleTabActive(event: Event): void {
    const value = (event.target as HTMLElement & { value?: string }).value;
    if (value) this.activeTab = value;
  }

  handleSearchChange(event: CustomEvent<{ value: string }>): void {
    const maxLength = this.context?.limits.maxSearchLength || 100;
    const value = (event.detail.value ?? '').trim().slice(0, maxLength);
    if (this.searchTimer) clearTimeout(this.searchTimer);
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.searchTimer = setTimeout(() => {
      this.searchTimer = null;
      if (value === this.search) return;
      this.search = value;
      this.resetList();
      this.loadMappings(false);
    }, SEARCH_DELAY_MS);
  }

  handleLoadMore(): void {
    if (this.hasMore && !this.isLoadingList) this.loadMappings(true);
  }

  handleRowSelection(event: CustomEvent<{ selectedRows: MappingTableRow[] }>): void {
    this.selectedIds = event.detail.selectedRows.map((row) => row.mappingId);
  }

  handleCancelEdit(): void {
    this.draftValues = [];
    this.tableErrors = {};
  }

  /** Inline edit's Save: checks every draft in the browser, sends the valid ones, shows each row's outcome. */
  async handleSave(event: CustomEvent<{ draftValues: MappingDraft[] }>): Promise<void> {
    const drafts = event.detail.draftValues;
    const byId = new Map(this.rows.map((row) => [row.mappingId, row]));
    const errors: NonNullable<TableErrors['rows']> = {};
    const edits: MappingEdit[] = [];
    const maxLength = this.context?.limits.maxValueLength || DEFAULT_MAX_VALUE_LENGTH;
    for (const draft of drafts) {
      const row = byId.get(draft.mappingId);
      const edit: MappingEdit = {
        mappingId: draft.mappingId,
        externalId: draft.externalId ?? row?.externalId ?? '',
        quickConnect: draft.quickConnect ?? row?.quickConnect ?? null,
      };
      const problems = validateEdit(edit, this.externalIdFormat, maxLength);
      if (problems.length) {
        errors[draft.mappingId] = {
          title: 'Not saved: fix the value',
          messages: problems.map((problem) => problem.message),
          fieldNames: problems.map((problem) => problem.fieldName),
        };
      } else {
        edits.push(edit);
      }
    }

    const outcomes: WriteOutcome[] = [];
    this.isWriting = true;
    try {
      for (const part of chunk(edits, this.maxWrites)) {
        // eslint-disable-next-line no-await-in-loop -- one request at a time on purpose (server limits, polling)
        outcomes.push(...(await updateMappings({ edits: part, externalIdFormat: this.externalIdFormat })));
      }
    } catch (error) {
      this.tableErrors = {
        rows: errors,
        table: { title: 'The changes could not be saved', messages: reduceErrors(error) },
      };
      this.outcomeMessage = '';
      this.isWriting = false;
      return;
    }
    this.isWriting = false;

    const saved = new Map<string, MappingEdit>();
    const editById = new Map(edits.map((edit) => [edit.mappingId, edit]));
    for (const outcome of outcomes) {
      const edit = editById.get(outcome.mappingId);
      if (outcome.success && edit) saved.set(outcome.mappingId, edit);
      else
        errors[outcome.mappingId] = {
          title: 'Not saved',
          messages: [outcome.message ?? 'The server refused the change.'],
          fieldNames: ['externalId'],
        };
    }
    this.rows = this.rows.map((row) => {
      const edit = saved.get(row.mappingId);
      return edit
        ? withProfileLink(
            { ...row, externalId: edit.externalId, quickConnect: edit.quickConnect || null },
            this.profileLinkTemplates,
          )
        : row;
    });
    this.draftValues = drafts.filter((draft) => !saved.has(draft.mappingId));
    const failedCount = Object.keys(errors).length;
    this.tableErrors = failedCount
      ? {
          rows: errors,
          table: {
            title: `${failedCount} change${failedCount === 1 ? '' : 's'} not saved`,
            messages: ['Fix the highlighted rows and save again.'],
          },
        }
      : {};
    this.exportStatus = '';
    this.outcomeMessage = `${saved.size} mapping${saved.size === 1 ? '' : 's'} saved.${
      failedCount ? ` ${failedCount} not saved: see the highlighted rows.` : ''
    }`;
  }

  handleRowAction(event: CustomEvent<{ action: { name: string }; row: MappingTableRow }>): void {
    if (event.detail.action.name === 'delete') this.deleteWithConfirmation([event.detail.row.mappingId]);
  }

  handleDeleteSelected(): void {
    this.deleteWithConfirmation([...this.selectedIds]);
  }

  /** Asks, then deletes in chunks of the server's limit and reports what could not be deleted. */
  async deleteWithConfirmation(mappingIds: string[]): Promise<void> {
    if (!mappingIds.length) return;
    const one = mappingIds.length === 1;
    const row = one ? this.rows.find((candidate) => candidate.mappingId === mappingIds[0]) : undefined;
    const confirmed = await confirmAction({
      label: one ? 'Delete this mapping?' : `Delete ${mappingIds.length} mappings?`,
      message: one
        ? `The mapping of ${row?.userLabel ?? 'this user'} (${row?.externalId ?? ''}) will be deleted: calls will no longer be routed to this user until it is mapped again.`
        : `These ${mappingIds.length} CallCenterRoutingMap records will be deleted: calls will no longer be routed to their users until they are mapped again.`,
      theme: 'error',
    });
    if (!confirmed) return;
    this.isWriting = true;
    const outcomes: WriteOutcome[] = [];
    try {
      for (const part of chunk(mappingIds, this.maxWrites))
        // eslint-disable-next-line no-await-in-loop -- one request at a time on purpose (server limits, polling)
        outcomes.push(...(await deleteMappings({ mappingIds: part })));
      this.errorMessages = [];
    } catch (error) {
      this.errorMessages = reduceErrors(error);
    } finally {
      this.isWriting = false;
    }
    const deleted = new Set(outcomes.filter((outcome) => outcome.success).map((outcome) => outcome.mappingId));
    const failures = outcomes.filter((outcome) => !outcome.success);
    this.rows = this.rows.filter((candidate) => !deleted.has(candidate.mappingId));
    this.selectedIds = this.selectedIds.filter((id) => !deleted.has(id));
    if (failures.length) {
      this.errorMessages = [
        ...this.errorMessages,
        ...failures.map((failure) => `${failure.mappingId}: ${failure.message ?? 'not deleted'}`),
      ];
    }
    if (outcomes.length) {
      this.exportStatus = '';
      this.outcomeMessage = `${deleted.size} mapping${deleted.size === 1 ? '' : 's'} deleted.${
        failures.length ? ` ${failures.length} could not be deleted.` : ''
      }`;
    }
  }

  /** Exports every mapping matching the search (paging through the server) as an importable CSV. */
  async handleExport(): Promise<void> {
    if (!this.callCenterId) return;
    this.isExporting = true;
    this.outcomeMessage = '';
    this.exportStatus = 'Exporting mappings…';
    const rows: MappingRow[] = [];
    let cursor: string | null = null;
    try {
      do {
        // eslint-disable-next-line no-await-in-loop -- one request at a time on purpose (server limits, polling)
        const page = await getMappings({
          query: { callCenterId: this.callCenterId, search: this.search || null, cursor, pageSize: EXPORT_PAGE_SIZE },
        });
        rows.push(...page.rows);
        cursor = page.hasMore ? (page.nextCursor ?? null) : null;
        this.exportStatus = `Exporting: ${new Intl.NumberFormat().format(rows.length)} mappings read…`;
      } while (cursor);
      const csv = toMappingCsv(
        rows.map((row) => ({
          ExternalId: row.externalId,
          ReferenceRecordId: row.referenceRecordId,
          CallCenterId: row.callCenterId,
          DeveloperName: row.developerName,
          MasterLabel: row.masterLabel,
          QuickConnect: row.quickConnect,
        })),
      );
      const name = (this.context?.internalName || this.context?.callCenterName || this.callCenterId).replace(
        /[^A-Za-z0-9_-]+/g,
        '_',
      );
      downloadText(`CallCenterRoutingMap_${name}.csv`, csv);
      this.exportStatus = `Exported ${new Intl.NumberFormat().format(rows.length)} mappings.`;
    } catch (error) {
      this.exportStatus = '';
      this.errorMessages = reduceErrors(error);
    } finally {
      this.isExporting = false;
    }
  }
}
