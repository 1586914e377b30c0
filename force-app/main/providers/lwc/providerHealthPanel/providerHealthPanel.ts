import { LightningElement } from 'lwc';
import getProviderHealth from '@salesforce/apex/SetupHealthController.getProviderHealth';
import type { ProviderHealth, ProviderHealthState } from '@ccus/apex-contracts';
import { reduceErrors } from 'c/apexErrors';

/** How a state is shown: an icon and a word, never colour alone. */
export interface StateDisplay {
  text: string;
  iconName: string;
  badgeClass: string;
  /** lightning-icon variant inside the badge. */
  iconVariant: string;
}

export const STATE_DISPLAY: Readonly<Record<ProviderHealthState, StateDisplay>> = {
  HEALTHY: {
    text: 'Healthy',
    iconName: 'utility:success',
    badgeClass: 'slds-badge slds-theme_success',
    iconVariant: 'inverse',
  },
  DEGRADED: {
    text: 'Degraded',
    iconName: 'utility:warning',
    badgeClass: 'slds-badge slds-theme_warning',
    iconVariant: '',
  },
  FAILING: {
    text: 'Failing',
    iconName: 'utility:error',
    badgeClass: 'slds-badge slds-theme_error',
    iconVariant: 'inverse',
  },
  IDLE: { text: 'Idle', iconName: 'utility:clock', badgeClass: 'slds-badge slds-badge_lightest', iconVariant: '' },
  INACTIVE: { text: 'Inactive', iconName: 'utility:ban', badgeClass: 'slds-badge', iconVariant: '' },
};

/** The state's display; an unexpected value is shown by its name rather than failing. */
export function stateDisplay(state: string | null | undefined): StateDisplay {
  return state && Object.prototype.hasOwnProperty.call(STATE_DISPLAY, state)
    ? STATE_DISPLAY[state as ProviderHealthState]
    : { text: state || 'Unknown', iconName: 'utility:question', badgeClass: 'slds-badge', iconVariant: '' };
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "3 hours ago", "yesterday", "just now"; '' for a missing or invalid time. */
export function relativeTime(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return '';
  const at = new Date(iso).getTime();
  if (Number.isNaN(at)) return '';
  const elapsed = at - now;
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(elapsed) >= ms) return format.format(Math.sign(elapsed) * Math.round(Math.abs(elapsed) / ms), unit);
  }
  return 'just now';
}

const fullTime = (iso: string | null | undefined): string => {
  if (!iso) return '';
  const when = new Date(iso);
  return Number.isNaN(when.getTime()) ? '' : when.toLocaleString();
};

const NUMBER_FORMAT = new Intl.NumberFormat();

interface Fact {
  key: string;
  label: string;
  value: string;
  /** Full date and time behind a relative one (tooltip). */
  title: string;
  valueClass: string;
}

/** One provider card for the template. */
export interface HealthCard {
  providerId: string;
  name: string;
  typeLabel: string;
  headingId: string;
  state: StateDisplay;
  reason: string;
  facts: Fact[];
}

const TYPE_LABELS: Record<string, string> = { Webhook: 'JSON webhook', SCIM: 'SCIM 2.0' };

export function toCard(health: ProviderHealth, now: number = Date.now()): HealthCard {
  const count = (value: number | null | undefined): string => NUMBER_FORMAT.format(value ?? 0);
  const emphasis = (value: number | null | undefined): string => ((value ?? 0) > 0 ? 'slds-text-color_error' : '');
  const facts: Fact[] = [
    {
      key: 'lastDelivered',
      label: 'Last delivery',
      value: health.lastDeliveredAt ? relativeTime(health.lastDeliveredAt, now) : 'Never',
      title: fullTime(health.lastDeliveredAt),
      valueClass: '',
    },
    { key: 'delivered', label: 'Delivered (24 h)', value: count(health.deliveredLast24h), title: '', valueClass: '' },
    {
      key: 'failures',
      label: 'Failures (24 h)',
      value: count(health.failuresLast24h),
      title: '',
      valueClass: emphasis(health.failuresLast24h),
    },
    {
      key: 'deadLetters',
      label: 'Dead letters (24 h)',
      value: count(health.deadLettersLast24h),
      title: '',
      valueClass: emphasis(health.deadLettersLast24h),
    },
    { key: 'backlog', label: 'Backlog', value: count(health.backlog), title: '', valueClass: '' },
    {
      key: 'oldestPending',
      label: 'Oldest pending',
      value: health.oldestPendingAt ? relativeTime(health.oldestPendingAt, now) : 'None',
      title: fullTime(health.oldestPendingAt),
      valueClass: '',
    },
  ];
  return {
    providerId: health.providerId,
    name: health.name,
    typeLabel: TYPE_LABELS[health.type] ?? health.type,
    headingId: `provider-${health.providerId}`,
    state: stateDisplay(health.state),
    reason: health.reason,
    facts,
  };
}

/**
 * Provider health on the Overview: per provider, its state (healthy, degraded, failing, idle, inactive) with the
 * reason, last successful delivery, failures and dead letters in the last 24 hours and the backlog. Container: loads
 * SetupHealthController.getProviderHealth; emits `navigate` ({ section: 'providers' }) from the empty state.
 */
export default class ProviderHealthPanel extends LightningElement {
  providers: ProviderHealth[] | null = null;
  errorMessages: string[] = [];
  isLoading = false;
  /** When the health was loaded (relative times count from it). */
  loadedAt = 0;

  connectedCallback(): void {
    this.load();
  }

  async load(): Promise<void> {
    this.isLoading = true;
    try {
      this.providers = (await getProviderHealth()) ?? [];
      this.loadedAt = Date.now();
      this.errorMessages = [];
    } catch (error) {
      this.errorMessages = reduceErrors(error);
    } finally {
      this.isLoading = false;
    }
  }

  handleRefresh(): void {
    this.load();
  }

  handleSetUp(): void {
    this.dispatchEvent(new CustomEvent('navigate', { detail: { section: 'providers' } }));
  }

  get cards(): HealthCard[] {
    return (this.providers ?? []).map((health) => toCard(health, this.loadedAt || Date.now()));
  }

  get hasCards(): boolean {
    return this.cards.length > 0;
  }

  get isEmpty(): boolean {
    return this.providers !== null && this.providers.length === 0;
  }

  get hasError(): boolean {
    return this.errorMessages.length > 0;
  }

  get summaryText(): string {
    if (this.isLoading) return 'Loading provider health';
    const providers = this.providers ?? [];
    const failing = providers.filter((health) => health.state === 'FAILING').length;
    const degraded = providers.filter((health) => health.state === 'DEGRADED').length;
    if (!providers.length) return '';
    const problems = [failing ? `${failing} failing` : '', degraded ? `${degraded} degraded` : ''].filter(Boolean);
    return `${providers.length} provider${providers.length === 1 ? '' : 's'}${problems.length ? `: ${problems.join(', ')}` : ''}.`;
  }
}
