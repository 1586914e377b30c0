import { LightningElement, api } from 'lwc';
import getRecentRuns from '@salesforce/apex/MappingRunController.getRecentRuns';
import getRunItems from '@salesforce/apex/MappingRunController.getRunItems';
import type { RunItemRow, RunStatus, RunSummary } from '@ccus/apex-contracts';
import { reduceErrors } from 'c/apexErrors';
import { toCsv } from 'c/mappingCsv';
import { downloadText, formatDateTime } from 'c/mappingRunUtils';

/** Runs listed (getRecentRuns' limitRows). */
export const RECENT_RUN_LIMIT = 10;
const EXPORT_PAGE_SIZE = 2000;
const NUMBER_FORMAT = new Intl.NumberFormat();

/** Status labels as the admin reads them. */
export const RUN_STATUS_LABELS: Readonly<Record<RunStatus, string>> = {
  DRAFT: 'Draft',
  PREVIEWING: 'Previewing',
  PREVIEW_READY: 'Preview ready',
  QUEUED: 'Queued',
  RUNNING: 'Running',
  PAUSED: 'Paused',
  COMPLETED: 'Completed',
  COMPLETED_WITH_ERRORS: 'Completed with errors',
  CANCELLED: 'Cancelled',
  FAILED: 'Failed',
};

const WHAT: Readonly<Record<string, string>> = {
  CREATE: 'Create',
  DELETE: 'Delete stale',
  MOVE: 'Move mismatched',
};
const SOURCE: Readonly<Record<string, string>> = {
  RULE: 'rule',
  DIRECTORY: 'user export',
  MANUAL: 'by hand',
  CSV: 'CSV import',
  FIX: 'fix',
};

/** A run's failed rows as the failure download (spreadsheet-safe, with a BOM so Excel reads UTF-8). */
export function failuresCsv(rows: readonly RunItemRow[]): string {
  return toCsv(
    ['Row', 'ReferenceRecordId', 'Username', 'ExternalId', 'QuickConnect', 'DeveloperName', 'Reason'],
    rows.map((row) => [
      row.rowNumber,
      row.userId,
      row.username,
      row.externalId,
      row.quickConnect,
      row.developerName,
      row.message,
    ]),
    { spreadsheetSafe: true, bom: true },
  );
}

/** One run as a table row. */
export interface RecentRunRow {
  runId: string;
  name: string;
  statusText: string;
  whatText: string;
  whenText: string;
  countsText: string;
  hasFailures: boolean;
  openLabel: string;
  downloadLabel: string;
}

/** A run summary as the table shows it. */
export function toRecentRunRow(run: RunSummary): RecentRunRow {
  const format = (value: number) => NUMBER_FORMAT.format(value ?? 0);
  const written = run.operation === 'CREATE' ? 'created' : 'done';
  const counts =
    run.startedAt || run.isFinal
      ? `${format(run.total)} rows: ${format(run.created)} ${written}, ${format(run.failed)} failed, ${format(run.skipped)} skipped`
      : `${format(run.total)} rows, ${format(run.ready)} ready`;
  return {
    runId: run.runId,
    name: run.name,
    statusText: RUN_STATUS_LABELS[run.status] ?? run.status,
    whatText: `${WHAT[run.operation] ?? run.operation} (${SOURCE[run.source] ?? run.source})`,
    whenText: formatDateTime(run.finishedAt ?? run.startedAt ?? run.createdDate),
    countsText: counts,
    hasFailures: run.failed > 0,
    openLabel: `Open ${run.name}`,
    downloadLabel: `Download failures of ${run.name}`,
  };
}

/**
 * The recent mapping runs of a call center (getRecentRuns, newest first): status, what and when, counts, a button
 * to open a run (emits `openrun` with `{ runId }`: the container opens it in the run wizard) and one to download a
 * run's failed rows. Loads when the call center changes; `refresh()` reloads.
 */
export default class MappingRecentRuns extends LightningElement {
  runs: RunSummary[] = [];
  errorMessages: string[] = [];
  isLoading = false;
  loaded = false;
  busyRunId: string | null = null;

  private centerId: string | null = null;
  private version = 0;
  private connected = false;

  /** The call center whose runs are listed. */
  @api
  get callCenterId(): string | null {
    return this.centerId;
  }
  set callCenterId(value: string | null) {
    const changed = value !== this.centerId;
    this.centerId = value;
    if (changed && this.connected) this.refresh();
  }

  connectedCallback(): void {
    this.connected = true;
    this.refresh();
  }

  disconnectedCallback(): void {
    this.connected = false;
    this.version++;
  }

  /** Reloads the runs. */
  @api
  async refresh(): Promise<void> {
    const callCenterId = this.centerId;
    const version = ++this.version;
    if (!callCenterId) {
      this.runs = [];
      return;
    }
    this.isLoading = true;
    try {
      const runs = await getRecentRuns({ callCenterId, limitRows: RECENT_RUN_LIMIT });
      if (version !== this.version) return;
      this.runs = runs ?? [];
      this.loaded = true;
      this.errorMessages = [];
    } catch (error) {
      if (version === this.version) this.errorMessages = reduceErrors(error);
    } finally {
      if (version === this.version) this.isLoading = false;
    }
  }

  get rows(): RecentRunRow[] {
    return this.runs.map(toRecentRunRow);
  }

  get hasRuns(): boolean {
    return this.runs.length > 0;
  }

  get isEmpty(): boolean {
    return this.loaded && !this.isLoading && this.runs.length === 0 && this.errorMessages.length === 0;
  }

  get hasError(): boolean {
    return this.errorMessages.length > 0;
  }

  handleRefresh(): void {
    this.refresh();
  }

  handleOpen(event: Event): void {
    const runId = (event.currentTarget as HTMLElement).dataset.runId;
    if (runId) this.dispatchEvent(new CustomEvent('openrun', { detail: { runId } }));
  }

  /** Pages every failed row of the run and downloads them as a CSV. */
  async handleDownloadFailures(event: Event): Promise<void> {
    const runId = (event.currentTarget as HTMLElement).dataset.runId;
    const run = this.runs.find((candidate) => candidate.runId === runId);
    if (!run) return;
    this.busyRunId = run.runId;
    try {
      const rows: RunItemRow[] = [];
      let cursor: string | null = null;
      do {
        // eslint-disable-next-line no-await-in-loop -- keyset paging: each page needs the previous cursor
        const page = await getRunItems({
          query: { runId: run.runId, outcomes: ['FAILED'], pageSize: EXPORT_PAGE_SIZE, cursor },
        });
        rows.push(...page.rows);
        cursor = page.hasMore ? (page.nextCursor ?? null) : null;
      } while (cursor !== null);
      downloadText(`${run.name}-failures.csv`, failuresCsv(rows));
      this.errorMessages = [];
    } catch (error) {
      this.errorMessages = reduceErrors(error);
    } finally {
      this.busyRunId = null;
    }
  }

  get isDownloading(): boolean {
    return this.busyRunId !== null;
  }
}
