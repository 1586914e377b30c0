import { LightningElement, api } from 'lwc';
import startAnalysis from '@salesforce/apex/MappingAnalysisController.startAnalysis';
import getLatestAnalysis from '@salesforce/apex/MappingAnalysisController.getLatestAnalysis';
import getProblems from '@salesforce/apex/MappingAnalysisController.getProblems';
import fixProblems from '@salesforce/apex/MappingAnalysisController.fixProblems';
import startPreview from '@salesforce/apex/MappingRunController.startPreview';
import confirmRun from '@salesforce/apex/MappingRunController.confirmRun';
import cancelRun from '@salesforce/apex/MappingRunController.cancelRun';
import deleteMappings from '@salesforce/apex/MappingManageController.deleteMappings';
import type {
  AnalysisSummary,
  MappingContext,
  ProblemFilter,
  ProblemKind,
  ProblemRow,
  RunSummary,
} from '@ccus/apex-contracts';
import { reduceErrors } from 'c/apexErrors';
import { DEFAULT_POLL_MS, PROBLEM_LABELS, confirmAction, formatDateTime, wait, waitForRun } from 'c/mappingRunUtils';

/** Problems per page. */
export const PROBLEM_PAGE_SIZE = 200;

/** The filter choices, in display order ('ALL' shows every kind). */
export const PROBLEM_FILTERS: ReadonlyArray<{ label: string; value: ProblemFilter | 'ALL' }> = [
  { label: 'All', value: 'ALL' },
  { label: 'Stale', value: 'STALE' },
  { label: 'Mismatched', value: 'MISMATCHED' },
  { label: 'Duplicates', value: 'DUPLICATE' },
  { label: 'Duplicate mapping', value: 'DUPLICATE_USER' },
  { label: 'Duplicate ExternalId', value: 'DUPLICATE_EXTERNAL_ID' },
];

/** Which bulk fix a filter allows: stale ones are deleted, mismatched ones moved; duplicates are fixed by hand. */
export function fixKindOf(filter: ProblemFilter | 'ALL'): 'STALE' | 'MISMATCHED' | null {
  if (filter === 'STALE' || filter === 'STALE_INACTIVE_USER' || filter === 'STALE_NO_CALL_CENTER') return 'STALE';
  if (filter === 'MISMATCHED' || filter === 'MISMATCHED_CALL_CENTER') return 'MISMATCHED';
  return null;
}

/** A row of the problems table. */
export interface ProblemTableRow extends ProblemRow {
  kindLabel: string;
  userLabel: string;
}

type FixStage = 'idle' | 'preparing' | 'preview' | 'writing' | 'done';

const COLUMNS = [
  { label: 'Problem', fieldName: 'kindLabel', type: 'text', initialWidth: 190 },
  { label: 'User', fieldName: 'userLabel', type: 'text' },
  { label: 'Username', fieldName: 'username', type: 'text' },
  { label: 'ExternalId', fieldName: 'externalId', type: 'text' },
  { label: 'Detail', fieldName: 'detail', type: 'text' },
];

const NUMBER_FORMAT = new Intl.NumberFormat();

/**
 * A call center's mapping problems (stale, mismatched, duplicates): runs the analysis, lists its problems by kind
 * and fixes stale (delete) and mismatched (move) ones in bulk through a previewed, confirmed run.
 */
export default class MappingProblems extends LightningElement {
  /** The call center. */
  @api callCenterId: string | null = null;
  /** Its mapping context (access flags). */
  @api context: MappingContext | null = null;
  /** The filter to open with (e.g. from an Overview link). */
  @api initialKind: ProblemFilter | null = null;
  /** Delay between two progress reads. */
  @api pollIntervalMs = DEFAULT_POLL_MS;

  analysis: AnalysisSummary | null = null;
  loaded = false;
  filter: ProblemFilter | 'ALL' = 'ALL';
  rows: ProblemTableRow[] = [];
  nextCursor: string | null = null;
  hasMore = false;
  isLoadingProblems = false;
  selectedIds: string[] = [];
  errorMessages: string[] = [];
  isStarting = false;
  deleteMessage = '';
  fixStage: FixStage = 'idle';
  run: RunSummary | null = null;

  private stopped = false;
  private problemRequest = 0;

  connectedCallback(): void {
    this.stopped = false;
    if (this.initialKind && PROBLEM_FILTERS.some((option) => option.value === this.initialKind))
      this.filter = this.initialKind;
    this.loadAnalysis();
  }

  disconnectedCallback(): void {
    this.stopped = true;
  }

  async loadAnalysis(): Promise<void> {
    if (!this.callCenterId) return;
    try {
      this.analysis = await getLatestAnalysis({ callCenterId: this.callCenterId });
      this.errorMessages = [];
      await this.followAnalysis();
    } catch (error) {
      this.errorMessages = reduceErrors(error);
    } finally {
      this.loaded = true;
    }
  }

  /** Polls a RUNNING analysis, then lists its problems. */
  async followAnalysis(): Promise<void> {
    while (this.analysis?.status === 'RUNNING' && !this.stopped) {
      // eslint-disable-next-line no-await-in-loop -- one request at a time on purpose (server limits, polling)
      await wait(this.pollIntervalMs);
      // eslint-disable-next-line no-await-in-loop -- one request at a time on purpose (server limits, polling)
      this.analysis = await getLatestAnalysis({ callCenterId: this.analysis.callCenterId });
    }
    if (this.analysis?.status === 'COMPLETED') await this.loadProblems(false);
  }

  async loadProblems(append: boolean): Promise<void> {
    if (!this.analysis) return;
    const request = ++this.problemRequest;
    this.isLoadingProblems = true;
    try {
      const page = await getProblems({
        query: {
          analysisId: this.analysis.analysisId,
          kinds: this.filter === 'ALL' ? null : [this.filter],
          cursor: append ? this.nextCursor : null,
          pageSize: PROBLEM_PAGE_SIZE,
        },
      });
      if (request !== this.problemRequest) return;
      const rows = page.rows.map((row) => ({
        ...row,
        kindLabel: PROBLEM_LABELS[row.kind as ProblemKind] ?? row.kind,
        userLabel: row.userFullName ?? row.userId,
      }));
      this.rows = append ? [...this.rows, ...rows] : rows;
      this.nextCursor = page.nextCursor ?? null;
      this.hasMore = page.hasMore;
    } catch (error) {
      this.errorMessages = reduceErrors(error);
    } finally {
      if (request === this.problemRequest) this.isLoadingProblems = false;
    }
  }

  // ----- state for the template

  /** The problem columns, plus a Delete row action (e.g. for one mapping of a duplicate) when the admin may delete. */
  get columns(): object[] {
    return this.context?.access.canDelete
      ? [...COLUMNS, { type: 'action', typeAttributes: { rowActions: [{ label: 'Delete mapping', name: 'delete' }] } }]
      : COLUMNS;
  }

  /** Viewport rendering: only the visible rows are in the DOM. */
  get renderConfig(): object {
    return { viewportRendering: true, rowHeight: 33 };
  }

  get filterOptions(): ReadonlyArray<{ label: string; value: string }> {
    return PROBLEM_FILTERS;
  }

  get hasError(): boolean {
    return this.errorMessages.length > 0;
  }

  get isRunning(): boolean {
    return this.analysis?.status === 'RUNNING';
  }

  get isCompleted(): boolean {
    return this.analysis?.status === 'COMPLETED';
  }

  get neverAnalysed(): boolean {
    return this.loaded && this.analysis == null;
  }

  get analyseDisabled(): boolean {
    return this.isStarting || this.isRunning || this.isFixing;
  }

  get analyseLabel(): string {
    return this.analysis ? 'Analyse again' : 'Analyse';
  }

  get progressValue(): number {
    return this.analysis?.percentComplete ?? 0;
  }

  get progressText(): string {
    const analysis = this.analysis;
    return analysis
      ? `Analysing: ${NUMBER_FORMAT.format(analysis.scannedCount)} of ${NUMBER_FORMAT.format(analysis.mappingCount)} mappings checked`
      : '';
  }

  get lastRunText(): string {
    const analysis = this.analysis;
    if (!analysis) return '';
    if (analysis.status === 'FAILED') return `The last analysis failed: ${analysis.lastError ?? 'unknown error'}`;
    const when = formatDateTime(analysis.finishedAt ?? analysis.startedAt);
    return when ? `Last analysed ${when}` : '';
  }

  get countTiles(): Array<{ key: string; label: string; value: string }> {
    const analysis = this.analysis;
    if (!analysis || analysis.status !== 'COMPLETED') return [];
    return [
      { key: 'stale', label: 'Stale', value: analysis.staleCount },
      { key: 'mismatched', label: 'Mismatched', value: analysis.mismatchedCount },
      { key: 'duplicateUser', label: 'Duplicate mappings', value: analysis.duplicateUserCount },
      { key: 'duplicateExternalId', label: 'Duplicate ExternalIds', value: analysis.duplicateExternalIdCount },
    ].map((tile) => ({ ...tile, value: NUMBER_FORMAT.format(tile.value) }));
  }

  get partialError(): string {
    return this.analysis?.status === 'COMPLETED' && this.analysis.lastError ? this.analysis.lastError : '';
  }

  get truncatedNote(): boolean {
    return this.analysis?.duplicatesTruncated === true;
  }

  get hasRows(): boolean {
    return this.rows.length > 0;
  }

  get showNoProblems(): boolean {
    return this.isCompleted && !this.isLoadingProblems && !this.hasRows;
  }

  get noProblemsText(): string {
    return this.filter === 'ALL'
      ? 'No problems found: every mapping points at an active user of this call center, with no duplicates.'
      : 'No problem of this kind. Choose All to see the others.';
  }

  get fixKind(): 'STALE' | 'MISMATCHED' | null {
    return fixKindOf(this.filter);
  }

  get canFix(): boolean {
    const access = this.context?.access;
    if (!access || !this.fixKind) return false;
    return this.fixKind === 'STALE' ? access.canDelete : access.canDelete && access.canCreate;
  }

  get showFix(): boolean {
    return this.isCompleted && this.fixKind !== null;
  }

  get fixLabel(): string {
    const verb = this.fixKind === 'MISMATCHED' ? 'Move' : 'Delete';
    const what = this.fixKind === 'MISMATCHED' ? 'mismatched' : 'stale';
    return this.selectedIds.length
      ? `${verb} ${this.selectedIds.length} selected ${what} mapping${this.selectedIds.length === 1 ? '' : 's'}`
      : `${verb} all ${what} mappings`;
  }

  get fixDisabled(): boolean {
    return !this.canFix || this.isFixing || !this.hasRows;
  }

  get fixHelp(): string {
    if (this.fixKind === null) return 'Duplicates are fixed one by one: edit or delete them in the Mappings tab.';
    if (!this.canFix)
      return 'You need create and delete access to CallCenterRoutingMap to fix these mappings (Contact Center Admin permission set).';
    return this.fixKind === 'MISMATCHED'
      ? "Moving recreates each mapping in the user's current call center, then deletes the old one."
      : 'Deleting stale mappings does not change any user.';
  }

  get isFixing(): boolean {
    return this.fixStage === 'preparing' || this.fixStage === 'writing';
  }

  get showFixConfirm(): boolean {
    return this.fixStage === 'preview';
  }

  get fixConfirmDisabled(): boolean {
    return this.run?.canConfirm !== true;
  }

  get fixDone(): boolean {
    return this.fixStage === 'done';
  }

  get hasRun(): boolean {
    return this.run !== null;
  }

  // ----- handlers

  async handleAnalyse(): Promise<void> {
    if (!this.callCenterId) return;
    this.isStarting = true;
    this.rows = [];
    this.selectedIds = [];
    this.run = null;
    this.fixStage = 'idle';
    try {
      this.analysis = await startAnalysis({ callCenterId: this.callCenterId });
      this.errorMessages = [];
      this.isStarting = false;
      await this.followAnalysis();
    } catch (error) {
      this.errorMessages = reduceErrors(error);
    } finally {
      this.isStarting = false;
    }
  }

  handleFilterChange(event: CustomEvent<{ value: ProblemFilter | 'ALL' }>): void {
    this.filter = event.detail.value;
    this.rows = [];
    this.selectedIds = [];
    this.loadProblems(false);
  }

  handleLoadMore(): void {
    if (this.hasMore && !this.isLoadingProblems) this.loadProblems(true);
  }

  handleRowSelection(event: CustomEvent<{ selectedRows: ProblemTableRow[] }>): void {
    this.selectedIds = event.detail.selectedRows.map((row) => row.problemId);
  }

  /** Deletes one problem's mapping after confirmation (duplicates are fixed one by one). */
  async handleRowAction(event: CustomEvent<{ action: { name: string }; row: ProblemTableRow }>): Promise<void> {
    const row = event.detail.row;
    if (event.detail.action.name !== 'delete') return;
    const confirmed = await confirmAction({
      label: 'Delete this mapping?',
      message: `The mapping of ${row.userLabel} (${row.externalId ?? 'no ExternalId'}) will be deleted. Keep the mapping that is right for this user.`,
      theme: 'error',
    });
    if (!confirmed) return;
    try {
      const [outcome] = await deleteMappings({ mappingIds: [row.mappingId] });
      if (outcome?.success) {
        this.rows = this.rows.filter((candidate) => candidate.mappingId !== row.mappingId);
        this.deleteMessage = `Mapping of ${row.userLabel} deleted. Choose Analyse again to refresh the counts.`;
        this.errorMessages = [];
      } else {
        this.errorMessages = [outcome?.message ?? 'The mapping could not be deleted.'];
      }
    } catch (error) {
      this.errorMessages = reduceErrors(error);
    }
  }

  /** Asks, creates the fix run, computes its preview and waits for the admin's confirmation. */
  async handleFix(): Promise<void> {
    const kind = this.fixKind;
    if (!kind || !this.analysis) return;
    const selected = [...this.selectedIds];
    const count = selected.length || (kind === 'STALE' ? this.analysis.staleCount : this.analysis.mismatchedCount);
    const confirmed = await confirmAction({
      label: kind === 'STALE' ? 'Delete stale mappings?' : 'Move mismatched mappings?',
      message:
        kind === 'STALE'
          ? `${count} stale mapping${count === 1 ? '' : 's'} will be checked in a preview; nothing is deleted until you confirm it.`
          : `${count} mismatched mapping${count === 1 ? '' : 's'} will be checked in a preview; nothing is moved until you confirm it.`,
    });
    if (!confirmed) return;
    this.fixStage = 'preparing';
    try {
      const draft = await fixProblems({
        request: { analysisId: this.analysis.analysisId, kind, problemIds: selected.length ? selected : null },
      });
      this.run = draft;
      const previewed = await startPreview({ runId: draft.runId });
      this.run = await this.follow(previewed);
      this.fixStage = 'preview';
      this.errorMessages = [];
    } catch (error) {
      this.errorMessages = reduceErrors(error);
      this.fixStage = 'idle';
    }
  }

  async handleFixConfirm(): Promise<void> {
    if (!this.run) return;
    this.fixStage = 'writing';
    try {
      const queued = await confirmRun({ runId: this.run.runId });
      this.run = await this.follow(queued);
      this.fixStage = 'done';
      this.errorMessages = [];
    } catch (error) {
      this.errorMessages = reduceErrors(error);
      this.fixStage = 'preview';
    }
  }

  async handleFixCancel(): Promise<void> {
    if (!this.run) return;
    try {
      this.run = await cancelRun({ runId: this.run.runId });
    } catch (error) {
      this.errorMessages = reduceErrors(error);
    }
    this.fixStage = 'idle';
    this.run = null;
  }

  private follow(run: RunSummary): Promise<RunSummary> {
    return waitForRun(run, {
      intervalMs: this.pollIntervalMs,
      onUpdate: (current) => (this.run = current),
      isStopped: () => this.stopped,
    });
  }
}
