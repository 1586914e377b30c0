import { LightningElement, api } from 'lwc';
import PAPAPARSE from '@salesforce/resourceUrl/papaparse';
import { loadScript } from 'lightning/platformResourceLoader';
import createRun from '@salesforce/apex/MappingRunController.createRun';
import addRunItems from '@salesforce/apex/MappingRunController.addRunItems';
import startPreview from '@salesforce/apex/MappingRunController.startPreview';
import getRunItems from '@salesforce/apex/MappingRunController.getRunItems';
import confirmRun from '@salesforce/apex/MappingRunController.confirmRun';
import cancelRun from '@salesforce/apex/MappingRunController.cancelRun';
import type {
  ExternalIdFormat,
  MappingContext,
  RowVerdict,
  RunItemInput,
  RunItemRow,
  RunSummary,
} from '@ccus/apex-contracts';
import { reduceErrors } from 'c/apexErrors';
import { checkFileSize, parseMappingCsv } from 'c/mappingCsv';
import type { CsvProblem, MappingCsvRow, PapaLike } from 'c/mappingCsv';
import { isUserId, sameId } from 'c/salesforceIds';
import { DEFAULT_POLL_MS, RUN_VERDICT_LABELS, chunk, waitForRun } from 'c/mappingRunUtils';

/** Rows of the "will not be imported" list shown under the preview. */
export const NOT_READY_PAGE_SIZE = 50;
/** Fallback when the context is not loaded. */
const DEFAULT_MAX_ITEMS_PER_CALL = 1000;

/** A problem as the list shows it. */
export interface ImportProblem {
  key: string;
  /** The message, prefixed with its line ("Line 7: ") or "File: " unless it already starts with its line. */
  text: string;
  severity: 'error' | 'warning';
  className: string;
}

/** The import's checks on top of the CSV's: rows must be users of this call center. */
export interface ImportSelection {
  items: RunItemInput[];
  problems: CsvProblem[];
}

/**
 * Keeps the rows that can go into a run of `callCenterId`: rows without an error, of a user (not a queue), of this
 * call center. Every other row gets a problem with its line number.
 */
export function selectImportRows(
  rows: readonly MappingCsvRow[],
  problems: readonly CsvProblem[],
  callCenterId: string,
): ImportSelection {
  const fileError = problems.some(
    (problem) => problem.severity === 'error' && (problem.line === null || problem.code === 'missing-column'),
  );
  if (fileError) return { items: [], problems: [] };
  const badLines = new Set(problems.filter((problem) => problem.severity === 'error').map((problem) => problem.line));
  const items: RunItemInput[] = [];
  const extra: CsvProblem[] = [];
  for (const { line, values } of rows) {
    if (badLines.has(line)) continue;
    if (!isUserId(values.ReferenceRecordId)) {
      extra.push({
        line,
        severity: 'error',
        code: 'invalid-id',
        column: 'ReferenceRecordId',
        message: values.ReferenceRecordId
          ? `Line ${line}: ${values.ReferenceRecordId} is a queue, not a user; only user mappings are imported here.`
          : `Line ${line}: ReferenceRecordId is empty.`,
      });
      continue;
    }
    if (!sameId(values.CallCenterId, callCenterId)) {
      extra.push({
        line,
        severity: 'error',
        code: 'invalid-id',
        column: 'CallCenterId',
        message: `Line ${line}: CallCenterId "${values.CallCenterId}" is another call center; import this row from that call center.`,
      });
      continue;
    }
    items.push({
      userId: values.ReferenceRecordId,
      externalId: values.ExternalId || null,
      quickConnect: values.QuickConnect || null,
      developerName: values.DeveloperName || null,
      masterLabel: values.MasterLabel || null,
      rowNumber: line,
    });
  }
  return { items, problems: extra };
}

/** Reads a file as text (FileReader: also available where Blob.text() is not). */
export function readFileText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsText(file, 'utf-8');
  });
}

type Stage = 'idle' | 'reading' | 'checked' | 'sending' | 'preview' | 'writing' | 'done';

const NOT_READY_VERDICTS: RowVerdict[] = (Object.keys(RUN_VERDICT_LABELS) as RowVerdict[]).filter(
  (verdict) => verdict !== 'READY',
);
const NUMBER_FORMAT = new Intl.NumberFormat();

const NOT_READY_COLUMNS = [
  { label: 'Line', fieldName: 'rowNumber', type: 'number', initialWidth: 80 },
  { label: 'User', fieldName: 'userLabel', type: 'text' },
  { label: 'ExternalId', fieldName: 'externalId', type: 'text' },
  { label: 'Verdict', fieldName: 'verdictLabel', type: 'text' },
  { label: 'Why', fieldName: 'message', type: 'text' },
];

/**
 * Imports a CallCenterRoutingMap CSV into a call center: parses it in the browser (PapaParse static resource), lists
 * every problem with its line number, then sends the valid rows through a run's preview and writes them only when
 * the admin confirms.
 */
export default class MappingCsvImport extends LightningElement {
  /** The call center the rows are imported into. */
  @api callCenterId: string | null = null;
  /** Its mapping context (limits, access). */
  @api context: MappingContext | null = null;
  /** How ExternalIds are validated. */
  @api externalIdFormat: ExternalIdFormat = 'AMAZON_CONNECT';
  /** Delay between two progress reads. */
  @api pollIntervalMs = DEFAULT_POLL_MS;

  stage: Stage = 'idle';
  fileName = '';
  problems: CsvProblem[] = [];
  items: RunItemInput[] = [];
  dataRows = 0;
  sentCount = 0;
  run: RunSummary | null = null;
  notReadyRows: Array<RunItemRow & { userLabel: string; verdictLabel: string }> = [];
  errorMessages: string[] = [];

  private papa: PapaLike | null = null;
  private stopped = false;

  connectedCallback(): void {
    this.stopped = false;
  }

  disconnectedCallback(): void {
    this.stopped = true;
  }

  async loadPapa(): Promise<PapaLike> {
    if (!this.papa) {
      await loadScript(this, PAPAPARSE);
      const papa = (window as unknown as { Papa?: PapaLike }).Papa;
      if (!papa) throw new Error('The CSV parser (papaparse static resource) could not be loaded.');
      this.papa = papa;
    }
    return this.papa;
  }

  // ----- state for the template

  get hasError(): boolean {
    return this.errorMessages.length > 0;
  }

  get isReading(): boolean {
    return this.stage === 'reading';
  }

  get problemItems(): ImportProblem[] {
    return this.problems.map((problem, index) => ({
      key: `${index}`,
      text: /^Line \d+/.test(problem.message)
        ? problem.message
        : `${problem.line === null ? 'File' : `Line ${problem.line}`}: ${problem.message}`,
      severity: problem.severity,
      className: problem.severity === 'error' ? 'slds-item slds-text-color_error' : 'slds-item slds-text-color_weak',
    }));
  }

  get hasProblems(): boolean {
    return this.problems.length > 0;
  }

  get problemsHeading(): string {
    const errors = this.problems.filter((problem) => problem.severity === 'error').length;
    const warnings = this.problems.length - errors;
    return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  }

  get showChecked(): boolean {
    return this.stage !== 'idle' && this.stage !== 'reading';
  }

  get checkedText(): string {
    const valid = NUMBER_FORMAT.format(this.items.length);
    const total = NUMBER_FORMAT.format(this.dataRows);
    return `${this.fileName}: ${valid} of ${total} rows can be previewed.${
      this.items.length < this.dataRows ? ' The other rows are listed below with their line numbers.' : ''
    }`;
  }

  get maxRunRows(): number {
    return this.context?.limits.maxRunRows || Number.MAX_SAFE_INTEGER;
  }

  get previewDisabled(): boolean {
    return this.stage !== 'checked' || this.items.length === 0 || this.items.length > this.maxRunRows;
  }

  get showPreviewButton(): boolean {
    return this.stage === 'checked';
  }

  get isSending(): boolean {
    return this.stage === 'sending';
  }

  get sendPercent(): number {
    return this.items.length ? Math.floor((100 * this.sentCount) / this.items.length) : 0;
  }

  get sendText(): string {
    return `Sending rows: ${NUMBER_FORMAT.format(this.sentCount)} of ${NUMBER_FORMAT.format(this.items.length)}`;
  }

  get hasRun(): boolean {
    return this.run !== null;
  }

  /** The computed preview (and, once confirmed, the write progress). */
  get showPreview(): boolean {
    return this.run !== null && (this.stage === 'preview' || this.stage === 'writing' || this.stage === 'done');
  }

  get showConfirm(): boolean {
    return this.stage === 'preview';
  }

  get confirmDisabled(): boolean {
    return this.run?.canConfirm !== true || this.context?.access.canCreate === false;
  }

  get confirmLabel(): string {
    const ready = this.run?.ready ?? 0;
    return `Import ${NUMBER_FORMAT.format(ready)} mapping${ready === 1 ? '' : 's'}`;
  }

  get createAccessMessage(): string {
    return this.context?.createAccessMessage ?? '';
  }

  get hasNotReadyRows(): boolean {
    return this.notReadyRows.length > 0;
  }

  /** Viewport rendering: only the visible rows are in the DOM. */
  get renderConfig(): object {
    return { viewportRendering: true, rowHeight: 33 };
  }

  get notReadyColumns(): object[] {
    return NOT_READY_COLUMNS;
  }

  get isDone(): boolean {
    return this.stage === 'done';
  }

  get doneText(): string {
    const run = this.run;
    if (!run) return '';
    return `Import finished: ${NUMBER_FORMAT.format(run.created)} mappings created, ${NUMBER_FORMAT.format(
      run.failed,
    )} failed. Open the Mappings tab to see them.`;
  }

  get fileDisabled(): boolean {
    return this.stage === 'sending' || this.stage === 'writing' || this.stage === 'reading';
  }

  // ----- handlers

  async handleFileChange(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement & { files?: FileList | null };
    const file = input.files?.[0];
    this.resetRun();
    if (!file) return;
    this.fileName = file.name;
    const tooLarge = checkFileSize(file.size);
    if (tooLarge) {
      this.problems = [tooLarge];
      this.items = [];
      this.dataRows = 0;
      this.stage = 'checked';
      return;
    }
    this.stage = 'reading';
    try {
      const [papa, text] = await Promise.all([this.loadPapa(), readFileText(file)]);
      const result = parseMappingCsv(papa, text);
      const selection = this.callCenterId
        ? selectImportRows(result.rows, result.problems, this.callCenterId)
        : { items: [], problems: [] };
      const problems = [...result.problems, ...selection.problems];
      if (selection.items.length > this.maxRunRows) {
        problems.push({
          line: null,
          severity: 'error',
          code: 'too-many-rows',
          message: `${selection.items.length} rows are more than a run can take (${this.maxRunRows}); split the file.`,
        });
      }
      problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
      this.problems = problems;
      this.items = selection.items;
      this.dataRows = result.stats.dataRows;
      this.stage = 'checked';
      this.errorMessages = [];
    } catch (error) {
      this.errorMessages = reduceErrors(error);
      this.stage = 'idle';
    }
  }

  /** Creates a CSV run, sends the rows in server-sized chunks and computes the preview. */
  async handleStartPreview(): Promise<void> {
    if (!this.callCenterId || !this.items.length) return;
    this.stage = 'sending';
    this.sentCount = 0;
    try {
      const draft = await createRun({
        request: { callCenterId: this.callCenterId, source: 'CSV', externalIdFormat: this.externalIdFormat },
      });
      this.run = draft;
      const rejected: CsvProblem[] = [];
      const size = this.context?.limits.maxItemsPerCall || DEFAULT_MAX_ITEMS_PER_CALL;
      for (const part of chunk(this.items, size)) {
        // eslint-disable-next-line no-await-in-loop -- one request at a time on purpose (server limits, polling)
        const result = await addRunItems({ runId: draft.runId, items: part });
        for (const row of result.rejected) {
          rejected.push({
            line: row.rowNumber,
            severity: 'error',
            code: 'invalid-id',
            message: `Line ${row.rowNumber}: ${row.message}`,
          });
        }
        this.sentCount += part.length;
      }
      if (rejected.length) this.problems = [...this.problems, ...rejected];
      const previewed = await startPreview({ runId: draft.runId });
      this.run = await waitForRun(previewed, {
        intervalMs: this.pollIntervalMs,
        onUpdate: (run) => (this.run = run),
        isStopped: () => this.stopped,
      });
      await this.loadNotReadyRows();
      this.stage = 'preview';
      this.errorMessages = [];
    } catch (error) {
      this.errorMessages = reduceErrors(error);
      this.stage = 'checked';
    }
  }

  async loadNotReadyRows(): Promise<void> {
    if (!this.run) return;
    const page = await getRunItems({
      query: { runId: this.run.runId, verdicts: NOT_READY_VERDICTS, pageSize: NOT_READY_PAGE_SIZE },
    });
    this.notReadyRows = page.rows.map((row) => ({
      ...row,
      userLabel: row.userFullName ?? row.username ?? row.userId,
      verdictLabel: row.verdict ? (RUN_VERDICT_LABELS[row.verdict] ?? row.verdict) : '',
    }));
  }

  async handleConfirm(): Promise<void> {
    if (!this.run) return;
    this.stage = 'writing';
    try {
      const queued = await confirmRun({ runId: this.run.runId });
      this.run = await waitForRun(queued, {
        intervalMs: this.pollIntervalMs,
        onUpdate: (run) => (this.run = run),
        isStopped: () => this.stopped,
      });
      this.stage = 'done';
      this.errorMessages = [];
    } catch (error) {
      this.errorMessages = reduceErrors(error);
      this.stage = 'preview';
    }
  }

  async handleCancel(): Promise<void> {
    if (this.run) {
      try {
        await cancelRun({ runId: this.run.runId });
      } catch (error) {
        this.errorMessages = reduceErrors(error);
      }
    }
    this.resetRun();
    this.stage = this.items.length || this.problems.length ? 'checked' : 'idle';
  }

  private resetRun(): void {
    this.run = null;
    this.notReadyRows = [];
    this.sentCount = 0;
  }
}
