import { LightningElement, api } from 'lwc';
import getNotificationSettings from '@salesforce/apex/ProviderAdminController.getNotificationSettings';
import saveNotificationSettings from '@salesforce/apex/ProviderAdminController.saveNotificationSettings';
import sendTestNotification from '@salesforce/apex/ProviderAdminController.sendTestNotification';
import type { NotificationCategory, NotificationSettings, ValidationError } from '@ccus/apex-contracts';
import { reduceErrors } from 'c/apexErrors';
import { checkEmailList, formatEmailList, parseEmailList, sameEmailList } from 'c/providerFieldUtils';

/** The NotificationSettings list of a category. */
export type RecipientField = 'health' | 'authFailures' | 'exceptions';

interface CategoryInfo {
  category: NotificationCategory;
  field: RecipientField;
  label: string;
  description: string;
}

/** The categories, in the order shown. */
export const CATEGORIES: readonly CategoryInfo[] = [
  {
    category: 'HEALTH',
    field: 'health',
    label: 'Health',
    description:
      "When the provider's queue stalls (requests stay pending) or the provider is failing (most deliveries in the last hours failed).",
  },
  {
    category: 'AUTH_FAILURES',
    field: 'authFailures',
    label: 'Authentication failures',
    description:
      'When the provider refuses the credentials (HTTP 401 or 403): a secret expired or was rotated, or the Named Credential changed.',
  },
  {
    category: 'EXCEPTIONS',
    field: 'exceptions',
    label: 'Exceptions',
    description:
      'When a request becomes a dead letter: it failed permanently or ran out of retries, and the agent was not provisioned.',
  },
];

const FIELDS: readonly RecipientField[] = CATEGORIES.map((info) => info.field);

/** One category as the template shows it. */
export interface CategoryView extends CategoryInfo {
  inputLabel: string;
  text: string;
  error: string | null;
  savedCount: number;
  savedText: string;
  changed: boolean;
  testDisabled: boolean;
  testLabel: string;
  testTitle: string;
  testMessage: string;
  testMessageClass: string;
  textareaClass: string;
  testing: boolean;
}

type ByField<T> = Record<RecipientField, T>;

const emptyTexts = (): ByField<string> => ({ health: '', authFailures: '', exceptions: '' });

/** The field a server ValidationError names ("health", "settings.health" or a category name). */
export function recipientFieldOf(field: string | null | undefined): RecipientField | null {
  if (!field) return null;
  const name = field.replace(/^settings\./, '');
  const byCategory = CATEGORIES.find((info) => info.category === name);
  if (byCategory) return byCategory.field;
  return (FIELDS as readonly string[]).includes(name) ? (name as RecipientField) : null;
}

/**
 * A telephony provider's notification recipients per category (health, authentication failures, exceptions): one
 * list of email addresses each, validated here and on the server, and a test notification per category. Container:
 * it loads from ProviderAdminController whenever `providerId` is set or changes.
 */
export default class ProviderNotifications extends LightningElement {
  private currentProviderId: string | null = null;

  /** The Telephony_Provider__c id; blank shows how to get started (save the provider first). */
  @api
  get providerId(): string | null {
    return this.currentProviderId;
  }
  set providerId(value: string | null) {
    const next = value || null;
    if (next === this.currentProviderId) return;
    this.currentProviderId = next;
    this.reset();
    if (this.connected) this.load();
  }

  saved: NotificationSettings | null = null;
  texts: ByField<string> = emptyTexts();
  errors: Partial<ByField<string>> = {};
  generalErrors: string[] = [];
  loadErrors: string[] = [];
  isLoading = false;
  isSaving = false;
  testing: Partial<ByField<boolean>> = {};
  testResults: Partial<ByField<{ ok: boolean; message: string }>> = {};
  /** The outcome of the last save, read by screen readers. */
  saveMessage = '';

  private connected = false;
  private loadSequence = 0;

  connectedCallback(): void {
    this.connected = true;
    if (this.currentProviderId) this.load();
  }

  disconnectedCallback(): void {
    this.connected = false;
  }

  private reset(): void {
    this.loadSequence++;
    this.saved = null;
    this.texts = emptyTexts();
    this.errors = {};
    this.generalErrors = [];
    this.loadErrors = [];
    this.testing = {};
    this.testResults = {};
    this.saveMessage = '';
    this.isSaving = false;
  }

  // ------------------------------------------------------------------ loading

  /** Loads the saved recipients; the newest call wins. */
  async load(): Promise<void> {
    const providerId = this.currentProviderId;
    if (!providerId) return;
    const sequence = ++this.loadSequence;
    this.isLoading = true;
    try {
      const settings = await getNotificationSettings({ providerId });
      if (sequence !== this.loadSequence) return;
      this.applySaved(settings);
      this.errors = {};
      this.generalErrors = [];
      this.loadErrors = [];
    } catch (error) {
      if (sequence === this.loadSequence) this.loadErrors = reduceErrors(error);
    } finally {
      if (sequence === this.loadSequence) this.isLoading = false;
    }
  }

  private applySaved(settings: NotificationSettings): void {
    this.saved = settings;
    const texts = emptyTexts();
    for (const field of FIELDS) texts[field] = formatEmailList(settings[field]);
    this.texts = texts;
  }

  handleRefresh(): void {
    this.load();
  }

  get hasProvider(): boolean {
    return this.currentProviderId !== null;
  }

  get hasSettings(): boolean {
    return this.saved !== null;
  }

  get hasLoadErrors(): boolean {
    return this.loadErrors.length > 0;
  }

  get showSpinner(): boolean {
    return this.isLoading && !this.saved;
  }

  // ------------------------------------------------------------------ editing

  private savedList(field: RecipientField): string[] {
    return this.saved?.[field] ?? [];
  }

  private isChanged(field: RecipientField): boolean {
    return !sameEmailList(parseEmailList(this.texts[field]), this.savedList(field));
  }

  get categories(): CategoryView[] {
    return CATEGORIES.map((info) => {
      const savedCount = this.savedList(info.field).length;
      const testing = this.testing[info.field] === true;
      const result = this.testResults[info.field];
      const error = this.errors[info.field] ?? null;
      const changed = this.isChanged(info.field);
      return {
        ...info,
        inputLabel: `${info.label} recipients`,
        text: this.texts[info.field],
        error,
        savedCount,
        savedText:
          savedCount === 0
            ? 'Nobody is notified.'
            : `${savedCount} saved ${savedCount === 1 ? 'recipient' : 'recipients'}${changed ? '; unsaved changes' : ''}.`,
        changed,
        testing,
        testDisabled: savedCount === 0 || testing || this.isSaving,
        testLabel: testing ? 'Sending…' : 'Send test notification',
        testTitle:
          savedCount === 0
            ? `Save at least one ${info.label.toLowerCase()} recipient first`
            : `Send a test ${info.label.toLowerCase()} notification to the saved recipients`,
        testMessage: result?.message ?? '',
        testMessageClass: `slds-text-body_small slds-m-top_xx-small ${result?.ok === false ? 'slds-text-color_error' : 'slds-text-color_success'}`,
        textareaClass: error ? 'slds-has-error' : '',
      };
    });
  }

  handleRecipientsChange(event: CustomEvent<{ value: string }>): void {
    const field = (event.currentTarget as HTMLElement).dataset.field as RecipientField;
    this.texts = { ...this.texts, [field]: event.detail.value ?? '' };
    if (this.errors[field] !== undefined) {
      const next = { ...this.errors };
      delete next[field];
      this.errors = next;
    }
    this.saveMessage = '';
  }

  get hasChanges(): boolean {
    return this.saved !== null && FIELDS.some((field) => this.isChanged(field));
  }

  get saveDisabled(): boolean {
    return this.isSaving || !this.hasChanges;
  }

  get errorSummary(): Array<{ key: string; text: string }> {
    const byCategory = CATEGORIES.filter((info) => this.errors[info.field]).map((info) => {
      const message = this.errors[info.field] ?? '';
      // Server messages already start with the category ("Health: ..."): do not repeat it.
      return { key: info.field, text: message.startsWith(`${info.label}:`) ? message : `${info.label}: ${message}` };
    });
    return [...byCategory, ...this.generalErrors.map((text, index) => ({ key: `general-${index}`, text }))];
  }

  get hasErrors(): boolean {
    return this.errorSummary.length > 0;
  }

  // ------------------------------------------------------------------ saving

  /** Validates every category, then saves all three lists; server errors are shown on their category. */
  async handleSave(): Promise<void> {
    const providerId = this.currentProviderId;
    if (!providerId || this.isSaving) return;
    const errors: Partial<ByField<string>> = {};
    const lists = {} as ByField<string[]>;
    for (const field of FIELDS) {
      const check = checkEmailList(this.texts[field]);
      lists[field] = check.addresses;
      if (check.error) errors[field] = check.error;
    }
    this.errors = errors;
    this.generalErrors = [];
    if (Object.keys(errors).length) {
      this.saveMessage = 'Nothing was saved: fix the addresses named above.';
      return;
    }
    this.isSaving = true;
    this.saveMessage = '';
    const sequence = this.loadSequence;
    try {
      const result = await saveNotificationSettings({ settings: { providerId, ...lists } });
      if (sequence !== this.loadSequence) return;
      if (result.ok) {
        this.applySaved(result.settings);
        this.testResults = {};
        this.saveMessage = 'Notification recipients saved.';
      } else {
        this.showServerErrors(result.errors ?? []);
        this.saveMessage = 'Nothing was saved: fix the problems named above.';
      }
    } catch (error) {
      if (sequence !== this.loadSequence) return;
      this.generalErrors = reduceErrors(error);
      this.saveMessage = 'Nothing was saved.';
    } finally {
      if (sequence === this.loadSequence) this.isSaving = false;
    }
  }

  private showServerErrors(errors: ValidationError[]): void {
    const byField: Partial<ByField<string>> = {};
    const general: string[] = [];
    for (const error of errors) {
      const field = recipientFieldOf(error.field);
      if (field) byField[field] = byField[field] ? `${byField[field]} ${error.message}` : error.message;
      else general.push(error.message);
    }
    if (!errors.length) general.push('The recipients were not saved, and the server did not say why. Try again.');
    this.errors = byField;
    this.generalErrors = general;
  }

  handleReset(): void {
    if (this.saved) this.applySaved(this.saved);
    this.errors = {};
    this.generalErrors = [];
    this.saveMessage = '';
  }

  // ------------------------------------------------------------------ test notifications

  async handleSendTest(event: Event): Promise<void> {
    const providerId = this.currentProviderId;
    const field = (event.currentTarget as HTMLElement).dataset.field as RecipientField;
    const info = CATEGORIES.find((candidate) => candidate.field === field);
    if (!providerId || !info || this.testing[field] || this.savedList(field).length === 0) return;
    this.testing = { ...this.testing, [field]: true };
    this.testResults = { ...this.testResults, [field]: { ok: true, message: '' } };
    const sequence = this.loadSequence;
    try {
      const result = await sendTestNotification({ providerId, category: info.category });
      if (sequence !== this.loadSequence) return;
      const message =
        result.message ||
        (result.ok
          ? `Test notification sent to ${result.recipients} ${result.recipients === 1 ? 'recipient' : 'recipients'}.`
          : 'The test notification was not sent.');
      this.testResults = { ...this.testResults, [field]: { ok: result.ok, message } };
    } catch (error) {
      if (sequence !== this.loadSequence) return;
      this.testResults = {
        ...this.testResults,
        [field]: { ok: false, message: `The test notification was not sent: ${reduceErrors(error).join(' ')}` },
      };
    } finally {
      if (sequence === this.loadSequence) this.testing = { ...this.testing, [field]: false };
    }
  }
}
