import { LightningElement, api } from 'lwc';
import type { RowVerdict } from '@ccus/apex-contracts';

/** Labels of the preview verdicts, in the order the chips show them (READY first). */
export const RUN_VERDICT_LABELS: Readonly<Record<RowVerdict, string>> = {
  READY: 'Ready',
  MISSING_VALUE: 'Missing value',
  INVALID_VALUE: 'Invalid value',
  INVALID_ARN: 'Invalid ARN',
  INVALID_NAME: 'Invalid name',
  DUPLICATE_IN_RUN: 'Duplicate in this run',
  DUPLICATE_IN_ORG: 'Duplicate in the org',
  ALREADY_MAPPED: 'Already mapped',
  USER_INACTIVE: 'User inactive',
  NOT_IN_CALL_CENTER: 'Not in the call center',
  USER_NOT_FOUND: 'User not found',
  MAPPING_NOT_FOUND: 'Mapping not found',
  RESOLVED: 'Resolved',
};

/** The label of a verdict (the code itself when unknown). */
export function verdictLabel(verdict: string | null | undefined): string {
  if (verdict == null) return '';
  return (RUN_VERDICT_LABELS as Record<string, string>)[verdict] ?? verdict;
}

/** One chip. */
export interface VerdictChip {
  verdict: string;
  label: string;
  count: number;
  text: string;
  pressed: string;
  className: string;
}

const NUMBER_FORMAT = new Intl.NumberFormat();

/**
 * Counts of a run's rows per verdict as toggle chips: choosing one filters the preview to it (`verdictselect` with
 * `{ verdict }`), choosing it again clears the filter (`{ verdict: null }`). Verdicts without rows are not shown.
 */
export default class VerdictSummary extends LightningElement {
  /** Rows per verdict (RunSummary.verdictCounts). */
  @api counts: Record<string, number> | null = null;
  /** The verdict the preview is filtered to, or null. */
  @api selected: string | null = null;

  get chips(): VerdictChip[] {
    const counts = this.counts ?? {};
    const known = Object.keys(RUN_VERDICT_LABELS);
    const order = [...known, ...Object.keys(counts).filter((verdict) => !known.includes(verdict))];
    return order
      .filter((verdict) => (counts[verdict] ?? 0) > 0)
      .map((verdict) => {
        const isSelected = verdict === this.selected;
        const tone = verdict === 'READY' ? 'slds-button_success' : 'slds-button_neutral';
        return {
          verdict,
          label: verdictLabel(verdict),
          count: counts[verdict],
          text: `${verdictLabel(verdict)}: ${NUMBER_FORMAT.format(counts[verdict])}`,
          pressed: String(isSelected),
          className: `slds-button ${isSelected ? 'slds-button_brand' : tone} slds-m-right_x-small slds-m-bottom_x-small`,
        };
      });
  }

  get hasChips(): boolean {
    return this.chips.length > 0;
  }

  handleClick(event: Event): void {
    const verdict = (event.currentTarget as HTMLElement).dataset.verdict ?? null;
    const next = verdict === this.selected ? null : verdict;
    this.dispatchEvent(new CustomEvent('verdictselect', { detail: { verdict: next } }));
  }
}
