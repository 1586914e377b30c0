import { LightningElement, api } from 'lwc';
import type { RunSummary } from '@ccus/apex-contracts';

const NUMBER_FORMAT = new Intl.NumberFormat();

/** Progress of a mapping run: a progress bar and the processed / created / failed / skipped counts. */
export default class RunProgress extends LightningElement {
  /** The run (RunSummary from getRun). */
  @api run: RunSummary | null = null;
  /** What is in progress, e.g. "Creating mappings". */
  @api label = 'Progress';
  /** Preview runs count rows evaluated, not written: hide created / failed. */
  @api previewOnly = false;

  get percent(): number {
    const value = this.run?.percentComplete ?? 0;
    return Math.max(0, Math.min(100, value));
  }

  get percentText(): string {
    return `${this.percent}%`;
  }

  get counts(): Array<{ key: string; label: string; value: string }> {
    const run = this.run;
    if (!run) return [];
    const counts = [
      { key: 'processed', label: 'Processed', value: `${this.format(run.processed)} of ${this.format(run.total)}` },
    ];
    if (!this.previewOnly) {
      counts.push(
        { key: 'created', label: 'Created', value: this.format(run.created) },
        { key: 'failed', label: 'Failed', value: this.format(run.failed) },
        { key: 'skipped', label: 'Skipped', value: this.format(run.skipped) },
      );
    }
    return counts;
  }

  get statusText(): string {
    const run = this.run;
    if (!run) return '';
    return run.cancelRequested && !run.isFinal ? 'Cancelling after the current step…' : '';
  }

  private format(value: number | null | undefined): string {
    return NUMBER_FORMAT.format(value ?? 0);
  }
}
