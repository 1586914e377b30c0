import { LightningElement, api } from 'lwc';
import type { RowVerdict, RunStatus, RunSummary } from '@ccus/apex-contracts';
import { RUN_VERDICT_LABELS } from 'c/mappingRunUtils';

/** Plain-language run statuses. */
export const RUN_STATUS_LABELS: Readonly<Record<RunStatus, string>> = {
  DRAFT: 'Draft',
  PREVIEWING: 'Computing the preview',
  PREVIEW_READY: 'Preview ready: nothing written yet',
  QUEUED: 'Queued',
  RUNNING: 'Writing',
  PAUSED: 'Paused',
  COMPLETED: 'Completed',
  COMPLETED_WITH_ERRORS: 'Completed with errors',
  CANCELLED: 'Cancelled',
  FAILED: 'Failed',
};

const NUMBER_FORMAT = new Intl.NumberFormat();
const WRITE_STATUSES: readonly RunStatus[] = [
  'QUEUED',
  'RUNNING',
  'PAUSED',
  'COMPLETED',
  'COMPLETED_WITH_ERRORS',
  'CANCELLED',
  'FAILED',
];

/** One verdict count. */
export interface VerdictCount {
  key: string;
  label: string;
  value: string;
  className: string;
}

/**
 * A mapping run at a glance (presentational): its status, the preview's verdict counts and, once confirmed,
 * the write progress (processed / created / failed).
 */
export default class RunPreviewSummary extends LightningElement {
  /** The run to show; nothing is rendered without one. */
  @api run: RunSummary | null = null;

  get hasRun(): boolean {
    return this.run != null;
  }

  get heading(): string {
    return this.run ? `Run ${this.run.name}` : '';
  }

  get statusLabel(): string {
    return this.run ? (RUN_STATUS_LABELS[this.run.status] ?? this.run.status) : '';
  }

  get isPreviewing(): boolean {
    return this.run?.status === 'PREVIEWING';
  }

  get verdictCounts(): VerdictCount[] {
    const counts = this.run?.verdictCounts ?? {};
    return Object.keys(counts)
      .filter((key) => counts[key] > 0)
      .sort((a, b) => (a === 'READY' ? -1 : b === 'READY' ? 1 : counts[b] - counts[a]))
      .map((key) => ({
        key,
        label: RUN_VERDICT_LABELS[key as RowVerdict] ?? key,
        value: NUMBER_FORMAT.format(counts[key]),
        className: key === 'READY' ? 'slds-text-heading_small slds-text-color_success' : 'slds-text-heading_small',
      }));
  }

  get hasVerdictCounts(): boolean {
    return this.verdictCounts.length > 0;
  }

  get showProgress(): boolean {
    return this.run != null && WRITE_STATUSES.includes(this.run.status);
  }

  get percent(): number {
    return Math.min(100, Math.max(0, this.run?.percentComplete ?? 0));
  }

  get progressText(): string {
    const run = this.run;
    if (!run) return '';
    const format = (value: number): string => NUMBER_FORMAT.format(value ?? 0);
    return `${format(run.processed)} of ${format(run.total)} processed: ${format(run.created)} written, ${format(
      run.failed,
    )} failed, ${format(run.skipped)} skipped`;
  }

  get lastError(): string | null {
    return this.run?.lastError ?? null;
  }
}
