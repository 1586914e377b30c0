import { LightningElement, api } from 'lwc';
import getSetupChecklist from '@salesforce/apex/SetupHealthController.getSetupChecklist';
import setProvisioningEnabled from '@salesforce/apex/SetupHealthController.setProvisioningEnabled';
import type { SetupChecklist, SetupChecklistItem, SetupFixTarget, SetupItemStatus } from '@ccus/apex-contracts';
import { reduceErrors } from 'c/apexErrors';
import { confirmAction } from 'c/mappingRunUtils';

/** How a status is shown: always an icon and a word, never colour alone. */
export interface StatusDisplay {
  text: string;
  iconName: string;
  /** lightning-icon variant (colours the icon; the text says the same). */
  iconVariant: string;
  badgeClass: string;
}

export const STATUS_DISPLAY: Readonly<Record<SetupItemStatus, StatusDisplay>> = {
  DONE: {
    text: 'Done',
    iconName: 'utility:success',
    iconVariant: 'success',
    badgeClass: 'slds-badge slds-theme_success',
  },
  TODO: { text: 'To do', iconName: 'utility:record', iconVariant: '', badgeClass: 'slds-badge slds-badge_lightest' },
  WARNING: {
    text: 'Needs attention',
    iconName: 'utility:warning',
    iconVariant: 'warning',
    badgeClass: 'slds-badge slds-theme_warning',
  },
  NOT_APPLICABLE: {
    text: 'Not applicable',
    iconName: 'utility:dash',
    iconVariant: '',
    badgeClass: 'slds-badge',
  },
  UNKNOWN: { text: 'Unknown', iconName: 'utility:question', iconVariant: '', badgeClass: 'slds-badge' },
};

/** The status's display; an unexpected value reads as Unknown rather than failing. */
export function statusDisplay(status: string | null | undefined): StatusDisplay {
  return status && Object.prototype.hasOwnProperty.call(STATUS_DISPLAY, status)
    ? STATUS_DISPLAY[status as SetupItemStatus]
    : STATUS_DISPLAY.UNKNOWN;
}

/** The admin guide, relative to the documentation's base URL. */
export const ADMIN_GUIDE_PATH = 'admin-guide.md';

/** How a fix target is offered: an in-app section button, or a link (new tab), or a guide reference as text. */
export interface FixDisplay {
  kind: SetupFixTarget['kind'];
  label: string;
  /** SECTION: the section to open. */
  section: string | null;
  /** SETUP / DOC: the link (null when it cannot be built). */
  href: string | null;
  /** Text shown when there is no link (e.g. "Admin guide: Named Credentials"). */
  text: string;
}

/**
 * The link or in-app target of an item's fix; null when the item has none. `docsBaseUrl`: where docs/ is published
 * (as providerAdmin's); blank: DOC fixes name the guide's section as text instead of linking to it.
 */
export function fixDisplay(
  fix: SetupFixTarget | null | undefined,
  docsBaseUrl: string | null = null,
): FixDisplay | null {
  if (!fix || !fix.value) return null;
  const label = fix.label || fix.value;
  if (fix.kind === 'SECTION') return { kind: 'SECTION', label, section: fix.value, href: null, text: label };
  if (fix.kind === 'SETUP') {
    // Setup paths are relative to the org's Lightning domain; a path that tries to leave it is not linked.
    const path = fix.value.replace(/^\/+/, '');
    const safe = /^[A-Za-z0-9_\-/.?=&%]+$/.test(path) && !path.includes('..') && !path.includes('//');
    return {
      kind: 'SETUP',
      label,
      section: null,
      href: safe ? `/lightning/setup/${path}` : null,
      text: `In Setup: ${label}`,
    };
  }
  const anchor = fix.value.replace(/^#/, '');
  return {
    kind: 'DOC',
    label,
    section: null,
    href: docsBaseUrl ? `${docsBaseUrl}${ADMIN_GUIDE_PATH}#${encodeURIComponent(anchor)}` : null,
    text: `Admin guide (docs/admin-guide.md), section "${label}"`,
  };
}

/** One checklist row for the template. */
export interface ChecklistRow {
  key: string;
  number: number;
  label: string;
  detail: string;
  status: StatusDisplay;
  itemClass: string;
  fix: FixDisplay | null;
  isSectionFix: boolean;
  isLinkFix: boolean;
  isTextFix: boolean;
}

const toRow = (item: SetupChecklistItem, index: number, docsBaseUrl: string | null): ChecklistRow => {
  const status = statusDisplay(item.status);
  const fix = fixDisplay(item.fix, docsBaseUrl);
  return {
    key: item.key,
    number: index + 1,
    label: item.label,
    detail: item.detail,
    status,
    itemClass: `slds-setup-assistant__item slds-p-vertical_small${index > 0 ? ' slds-border_top' : ''}`,
    fix,
    isSectionFix: fix?.kind === 'SECTION',
    isLinkFix: fix !== null && fix.kind !== 'SECTION' && fix.href !== null,
    isTextFix: fix !== null && fix.kind !== 'SECTION' && fix.href === null,
  };
};

/** The setup app's name of this section (fixes that point here stay on the page). */
export const GUIDED_SETUP_SECTION = 'setup';

/** Detail of the `navigate` event: the setup app section to open. */
export interface NavigateDetail {
  section: string;
}

/**
 * The guided setup: a checklist of what the app needs with live status, where each item is fixed, and the switch
 * that turns provisioning on or off. Container: loads from SetupHealthController; emits `navigate` ({ section }) for
 * fixes inside the app.
 */
export default class GuidedSetup extends LightningElement {
  /**
   * Base URL of the admin documentation (docs/), as providerAdmin's: DOC fixes link to admin-guide.md#<anchor> under
   * it. Blank: they name the guide's section as text.
   */
  @api docsBaseUrl: string | null = 'docs/';

  checklist: SetupChecklist | null = null;
  errorMessages: string[] = [];
  isLoading = false;
  isSwitching = false;
  /** Said to screen readers after a refresh or a switch. */
  announcement = '';

  connectedCallback(): void {
    this.load();
  }

  /** Loads (or reloads) the checklist; a failure keeps the last one on screen and says why. */
  async load(): Promise<void> {
    this.isLoading = true;
    try {
      this.checklist = await getSetupChecklist();
      this.errorMessages = [];
      this.announcement = `Checklist updated: ${this.progressText}.`;
    } catch (error) {
      this.errorMessages = reduceErrors(error);
    } finally {
      this.isLoading = false;
    }
  }

  handleRefresh(): void {
    this.load();
  }

  /** The provisioning toggle: switching off asks first; a refusal or failure puts the toggle back. */
  async handleProvisioningToggle(event: Event): Promise<void> {
    const toggle = event.target as HTMLInputElement;
    const enabled = toggle.checked;
    if (!enabled) {
      const confirmed = await confirmAction({
        label: 'Switch provisioning off?',
        message:
          'No changes of agents will be sent to any telephony provider until provisioning is switched on again. Requests already queued stay queued.',
        theme: 'warning',
      });
      if (!confirmed) {
        toggle.checked = true;
        return;
      }
    }
    this.isSwitching = true;
    try {
      this.checklist = await setProvisioningEnabled({ enabled });
      this.errorMessages = [];
      this.announcement = enabled ? 'Provisioning is on.' : 'Provisioning is off.';
    } catch (error) {
      toggle.checked = !enabled;
      this.errorMessages = reduceErrors(error);
    } finally {
      this.isSwitching = false;
    }
  }

  /**
   * A fix inside the app: another section is opened by the setup app (`navigate`); this section's own fix (switch
   * provisioning on) moves the focus to the provisioning switch below the list.
   */
  handleSectionFix(event: Event): void {
    const section = (event.currentTarget as HTMLElement).dataset.section;
    if (!section) return;
    if (section === GUIDED_SETUP_SECTION) {
      const toggle = this.template?.querySelector<HTMLElement>('[data-id="provisioning-toggle"]');
      toggle?.scrollIntoView?.({ block: 'center' });
      toggle?.focus();
      return;
    }
    this.dispatchEvent(new CustomEvent<NavigateDetail>('navigate', { detail: { section } }));
  }

  // ----- state for the template

  get rows(): ChecklistRow[] {
    return (this.checklist?.items ?? []).map((item, index) => toRow(item, index, this.docsBaseUrl || null));
  }

  get hasChecklist(): boolean {
    return this.checklist !== null;
  }

  get hasError(): boolean {
    return this.errorMessages.length > 0;
  }

  get completed(): number {
    return this.checklist?.completed ?? 0;
  }

  get total(): number {
    return this.checklist?.total ?? this.checklist?.items.length ?? 0;
  }

  get progressText(): string {
    return `${this.completed} of ${this.total} done`;
  }

  get progressStyle(): string {
    return `width: ${this.progressPercent}%`;
  }

  get progressPercent(): number {
    return this.total ? Math.round((this.completed / this.total) * 100) : 0;
  }

  get isComplete(): boolean {
    return this.checklist?.complete === true;
  }

  get provisioningEnabled(): boolean {
    return this.checklist?.provisioningEnabled === true;
  }

  get toggleDisabled(): boolean {
    return this.isSwitching || this.isLoading || !this.hasChecklist;
  }

  get provisioningHelp(): string {
    return this.provisioningEnabled
      ? 'On: changes of agents are sent to their telephony providers.'
      : 'Off: nothing is sent to any telephony provider. Switch it on once the items above are done.';
  }

  get generatedAtText(): string {
    if (!this.checklist?.generatedAt) return '';
    const when = new Date(this.checklist.generatedAt);
    return Number.isNaN(when.getTime()) ? '' : `Checked ${when.toLocaleString()}`;
  }
}
