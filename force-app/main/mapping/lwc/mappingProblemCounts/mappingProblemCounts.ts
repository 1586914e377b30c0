import { LightningElement, api } from 'lwc';
import type { AnalysisSummary, ProblemFilter } from '@ccus/apex-contracts';
import { formatDateTime } from 'c/mappingRunUtils';

/** A call center and its latest mapping analysis (null when never analysed). */
export interface CallCenterAnalysis {
  callCenterId: string;
  name: string;
  analysis: AnalysisSummary | null;
}

/** Detail of the `showproblems` event: open the Mappings section's problems of a call center, by kind. */
export interface ShowProblemsDetail {
  callCenterId: string;
  kind: ProblemFilter | null;
}

interface CountCell {
  key: string;
  kind: ProblemFilter;
  value: number;
  text: string;
  ariaLabel: string;
  className: string;
}

interface CountRow {
  callCenterId: string;
  name: string;
  analysed: boolean;
  isRunning: boolean;
  statusText: string;
  cells: CountCell[];
  analyseLabel: string;
}

const NUMBER_FORMAT = new Intl.NumberFormat();

/**
 * Mapping problems per call center, from each one's latest analysis (presentational): stale, mismatched and
 * duplicate counts, each a link that fires `showproblems` with the call center and the kind.
 */
export default class MappingProblemCounts extends LightningElement {
  /** The call centers and their latest analyses. */
  @api callCenters: CallCenterAnalysis[] = [];

  get hasCallCenters(): boolean {
    return (this.callCenters ?? []).length > 0;
  }

  get rows(): CountRow[] {
    return (this.callCenters ?? []).map(({ callCenterId, name, analysis }) => {
      const completed = analysis?.status === 'COMPLETED';
      const cell = (key: string, kind: ProblemFilter, label: string, value: number): CountCell => ({
        key,
        kind,
        value,
        text: NUMBER_FORMAT.format(value),
        ariaLabel: `${NUMBER_FORMAT.format(value)} ${label} in ${name}: show them`,
        className: value > 0 ? 'slds-text-color_error' : '',
      });
      return {
        callCenterId,
        name,
        analysed: completed,
        isRunning: analysis?.status === 'RUNNING',
        statusText: !analysis
          ? 'Never analysed'
          : analysis.status === 'RUNNING'
            ? `Analysing (${analysis.percentComplete}%)`
            : analysis.status === 'FAILED'
              ? 'Last analysis failed'
              : `Analysed ${formatDateTime(analysis.finishedAt)}`,
        cells:
          completed && analysis
            ? [
                cell('stale', 'STALE', 'stale mappings', analysis.staleCount),
                cell('mismatched', 'MISMATCHED', 'mismatched mappings', analysis.mismatchedCount),
                cell(
                  'duplicates',
                  'DUPLICATE',
                  'duplicate mappings',
                  analysis.duplicateUserCount + analysis.duplicateExternalIdCount,
                ),
              ]
            : [],
        analyseLabel: `Analyse mappings of ${name}`,
      };
    });
  }

  handleCountClick(event: Event): void {
    const target = event.currentTarget as HTMLElement;
    this.fire(target.dataset.callCenterId ?? '', (target.dataset.kind as ProblemFilter) ?? null);
  }

  handleAnalyseClick(event: Event): void {
    const target = event.currentTarget as HTMLElement;
    this.fire(target.dataset.callCenterId ?? '', null);
  }

  private fire(callCenterId: string, kind: ProblemFilter | null): void {
    this.dispatchEvent(new CustomEvent<ShowProblemsDetail>('showproblems', { detail: { callCenterId, kind } }));
  }
}
