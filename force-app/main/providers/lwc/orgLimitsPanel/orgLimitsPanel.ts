import { LightningElement } from 'lwc';
import getOrgLimits from '@salesforce/apex/SetupHealthController.getOrgLimits';
import type { LimitLevel, LimitsReport, OrgLimitUsage, TransactionLimitNote } from '@ccus/apex-contracts';
import { reduceErrors } from 'c/apexErrors';

/** How a level is shown: an icon and a word, never colour alone. */
export interface LevelDisplay {
  text: string;
  iconName: string;
  iconVariant: string;
  badgeClass: string;
  /** Class of the bar's filled part. */
  barClass: string;
}

export const LEVEL_DISPLAY: Readonly<Record<LimitLevel, LevelDisplay>> = {
  OK: {
    text: 'OK',
    iconName: 'utility:success',
    iconVariant: 'success',
    badgeClass: 'slds-badge slds-theme_success',
    barClass: 'slds-progress-bar__value slds-progress-bar__value_success',
  },
  WARNING: {
    text: 'Warning: 75 % or more used',
    iconName: 'utility:warning',
    iconVariant: 'warning',
    badgeClass: 'slds-badge slds-theme_warning',
    barClass: 'slds-progress-bar__value slds-theme_warning',
  },
  CRITICAL: {
    text: 'Critical: 90 % or more used',
    iconName: 'utility:error',
    iconVariant: 'error',
    badgeClass: 'slds-badge slds-theme_error',
    barClass: 'slds-progress-bar__value slds-theme_error',
  },
};

const NUMBER_FORMAT = new Intl.NumberFormat();

/** "1,200 of 250,000 used (0 %)". */
export function usageText(limit: Pick<OrgLimitUsage, 'used' | 'max' | 'percentUsed'>): string {
  return `${NUMBER_FORMAT.format(limit.used)} of ${NUMBER_FORMAT.format(limit.max)} used (${limit.percentUsed} %)`;
}

/** One limit row for the template. */
export interface LimitRow {
  name: string;
  label: string;
  usage: string;
  remaining: string;
  percent: number;
  barStyle: string;
  level: LevelDisplay;
  whenExhausted: string;
}

const clampPercent = (value: number): number => Math.min(100, Math.max(0, Math.round(Number(value) || 0)));

export function toLimitRow(limit: OrgLimitUsage): LimitRow {
  const percent = clampPercent(limit.percentUsed);
  return {
    name: limit.name,
    label: limit.label || limit.name,
    usage: usageText({ ...limit, percentUsed: percent }),
    remaining: `${NUMBER_FORMAT.format(Math.max(0, limit.remaining))} remaining`,
    percent,
    barStyle: `width: ${percent}%`,
    level: LEVEL_DISPLAY[limit.level] ?? LEVEL_DISPLAY.OK,
    whenExhausted: limit.whenExhausted,
  };
}

/**
 * "Check limits": the org limits that bound provisioning (from OrgLimits) with usage bars, how close each is to
 * running out and what provisioning does when it does, plus the per-transaction limits the package works within.
 * Container: loads SetupHealthController.getOrgLimits on demand.
 */
export default class OrgLimitsPanel extends LightningElement {
  report: LimitsReport | null = null;
  errorMessages: string[] = [];
  isLoading = false;

  async handleCheck(): Promise<void> {
    this.isLoading = true;
    try {
      this.report = await getOrgLimits();
      this.errorMessages = [];
    } catch (error) {
      this.errorMessages = reduceErrors(error);
    } finally {
      this.isLoading = false;
    }
  }

  get hasReport(): boolean {
    return this.report !== null;
  }

  get hasError(): boolean {
    return this.errorMessages.length > 0;
  }

  get rows(): LimitRow[] {
    return (this.report?.limits ?? []).map(toLimitRow);
  }

  get hasRows(): boolean {
    return this.rows.length > 0;
  }

  get unavailable(): string[] {
    return this.report?.unavailable ?? [];
  }

  get hasUnavailable(): boolean {
    return this.unavailable.length > 0;
  }

  get transactionLimits(): Array<TransactionLimitNote & { key: string }> {
    return (this.report?.transactionLimits ?? []).map((note, index) => ({ ...note, key: `${index}-${note.label}` }));
  }

  get hasTransactionLimits(): boolean {
    return this.transactionLimits.length > 0;
  }

  get showIntro(): boolean {
    return !this.report && !this.isLoading;
  }

  get checkLabel(): string {
    return this.hasReport ? 'Check again' : 'Check limits';
  }

  get statusText(): string {
    if (this.isLoading) return 'Checking limits';
    if (!this.report) return '';
    const attention = this.rows.filter((row) => row.level !== LEVEL_DISPLAY.OK).length;
    return attention
      ? `Limits checked: ${attention} of ${this.rows.length} need attention.`
      : `Limits checked: all ${this.rows.length} are OK.`;
  }

  get checkedAtText(): string {
    if (!this.report?.checkedAt) return '';
    const when = new Date(this.report.checkedAt);
    return Number.isNaN(when.getTime()) ? '' : `Checked ${when.toLocaleString()}`;
  }
}
