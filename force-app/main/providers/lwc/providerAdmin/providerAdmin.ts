import { LightningElement, api } from 'lwc';
import LightningConfirm from 'lightning/confirm';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import getProviders from '@salesforce/apex/ProviderAdminController.getProviders';
import getEditorOptions from '@salesforce/apex/ProviderAdminController.getEditorOptions';
import saveProvider from '@salesforce/apex/ProviderAdminController.saveProvider';
import setProviderActive from '@salesforce/apex/ProviderAdminController.setProviderActive';
import deleteProvider from '@salesforce/apex/ProviderAdminController.deleteProvider';
import getAuditTrail from '@salesforce/apex/ProviderAdminController.getAuditTrail';
import testConnection from '@salesforce/apex/ProviderAdminController.testConnection';
import type {
  ConnectionTestResult,
  ProviderAuditEntry,
  ProviderEditorOptions,
  ProviderSummary,
  SaveProviderResult,
  ValidationError,
} from '@ccus/apex-contracts';
import { reduceErrors } from 'c/apexErrors';
import { formatDateTime, formatShortDateTime } from 'c/provisioningFormat';
import {
  EXAMPLE_EXTERNAL_ID,
  FIELD_LABELS,
  TYPE_LABELS,
  auditActionLabel,
  callCenterOptions,
  diagnosisLabel,
  emptyForm,
  formFromProvider,
  newestFirst,
  profileLinkExample,
  splitErrors,
  testBadgeClass,
  toProviderInput,
  validateForm,
  visibleFields,
} from 'c/providerForm';
import type { FormContext, ListOption, ProviderFormField, ProviderFormState } from 'c/providerForm';

/** `lightning/confirm`'s static API (its published types leave `open` out). */
interface ConfirmApi {
  open(config: { label: string; message: string; theme?: string; variant?: string }): Promise<boolean>;
}
const confirmDialog = LightningConfirm as unknown as ConfirmApi;

/** What a base input component offers for custom validation messages. */
interface ValidatableElement extends HTMLElement {
  setCustomValidity(message: string): void;
  reportValidity(): boolean;
}

/** Where the Named Credentials are managed in Setup. */
export const NAMED_CREDENTIALS_SETUP_URL = '/lightning/setup/NamedCredential/home';
/** Section of docs/admin-guide.md that explains the Named and External Credentials a provider needs. */
export const NAMED_CREDENTIAL_DOC = 'admin-guide.md#named-and-external-credentials';
/** The same section named as text, when no docs URL is known. */
export const NAMED_CREDENTIAL_DOC_TEXT = 'Admin guide (docs/admin-guide.md), section "Named and External Credentials"';

export type ProviderAction = 'edit' | 'test' | 'toggle' | 'delete';
export type DetailTab = 'settings' | 'fieldMapping' | 'notifications' | 'audit';

const DEFAULT_TYPES: ListOption[] = [
  { value: 'Webhook', label: TYPE_LABELS.Webhook },
  { value: 'SCIM', label: TYPE_LABELS.SCIM },
];
const DEFAULT_SCIM_METHODS: ListOption[] = [
  { value: 'PATCH', label: 'PATCH (RFC 7644 PatchOp)' },
  { value: 'PUT', label: 'PUT (full replace)' },
];
/** Form fields held by checkboxes (their change event carries `checked`). */
const CHECKBOX_FIELDS: ReadonlySet<ProviderFormField> = new Set(['isDefault', 'active', 'scimIncludeExtension']);

/** A row of the providers table: the provider plus its display values. */
export interface ProviderRow {
  id: string;
  name: string;
  typeLabel: string;
  statusLabel: string;
  statusClass: string;
  isDefault: boolean;
  callCentersText: string;
  namedCredentialText: string;
  namedCredentialClass: string;
  hasTest: boolean;
  testLabel: string;
  testClass: string;
  testWhen: string;
  testMessage: string;
  profileLinksText: string;
  rowClass: string;
  selected: string;
  toggleLabel: string;
  actionsLabel: string;
}

/** A label and value of the read-only settings summary or the test result details. */
export interface SummaryItem {
  key: string;
  label: string;
  value: string;
}

/** A button of the selected provider's detail header (Edit, Test connection, Activate/Deactivate, Delete). */
export interface DetailActionButton {
  action: ProviderAction;
  /** `detail-<action>`: the button's data-id (tests, and where focus returns after the action). */
  dataId: string;
  label: string;
  variant: string;
  disabled: boolean;
}

/** An audit entry with its display values. */
export interface AuditRow extends ProviderAuditEntry {
  actionLabel: string;
  atText: string;
}

function providerRow(provider: ProviderSummary, selectedId: string | null): ProviderRow {
  const test = provider.lastConnectionTest;
  const selected = provider.id === selectedId;
  return {
    id: provider.id,
    name: provider.name,
    typeLabel: TYPE_LABELS[provider.type] ?? provider.type,
    statusLabel: provider.active ? 'Active' : 'Inactive',
    statusClass: provider.active ? 'slds-badge slds-theme_success' : 'slds-badge',
    isDefault: provider.isDefault === true,
    callCentersText: (provider.callCenters ?? []).map((center) => center.name).join(', ') || 'None',
    namedCredentialText: provider.namedCredential ?? 'Not set: sends nothing',
    namedCredentialClass: provider.namedCredential ? '' : 'slds-text-color_error',
    hasTest: test !== null && test !== undefined,
    testLabel: test ? diagnosisLabel(test.diagnosis) : '',
    testClass: test ? testBadgeClass(test.ok) : '',
    testWhen: test ? formatShortDateTime(test.testedAt) : '',
    testMessage: test?.message ?? '',
    profileLinksText: provider.profileUrlStart ? 'Yes' : 'No',
    rowClass: selected ? 'slds-hint-parent slds-is-selected' : 'slds-hint-parent',
    selected: String(selected),
    toggleLabel: provider.active ? 'Deactivate' : 'Activate',
    actionsLabel: `Actions for ${provider.name}`,
  };
}

/** The read-only "Settings" tab of a provider. */
export function settingsSummary(provider: ProviderSummary): SummaryItem[] {
  const orDash = (value: string | number | null | undefined, blank = '—'): string => {
    return value === null || value === undefined || value === '' ? blank : String(value);
  };
  const items: SummaryItem[] = [
    { key: 'type', label: 'Type', value: TYPE_LABELS[provider.type] ?? provider.type },
    { key: 'status', label: 'Status', value: provider.active ? 'Active' : 'Inactive: sends nothing new' },
    { key: 'default', label: 'Default provider', value: provider.isDefault ? 'Yes' : 'No' },
    {
      key: 'namedCredential',
      label: 'Named Credential',
      value: orDash(provider.namedCredential, 'Not set: the provider sends nothing'),
    },
    { key: 'path', label: 'Path', value: orDash(provider.path) },
    {
      key: 'callCenters',
      label: 'Call centers',
      value: (provider.callCenters ?? []).map((center) => center.name).join(', ') || 'None',
    },
    { key: 'batchSize', label: 'Batch size', value: orDash(provider.batchSize, 'Default (50)') },
    { key: 'maxAgeHours', label: 'Maximum age (hours)', value: orDash(provider.maxAgeHours, 'Org setting') },
    {
      key: 'telephonyIdAttribute',
      label: 'Telephony id attribute',
      value: orDash(provider.telephonyIdAttribute, provider.type === 'SCIM' ? 'SCIM resource id' : 'telephonyUserId'),
    },
  ];
  if (provider.type === 'SCIM') {
    items.push(
      { key: 'scimUpdateMethod', label: 'SCIM update method', value: orDash(provider.scimUpdateMethod, 'PATCH') },
      {
        key: 'scimIncludeExtension',
        label: 'SCIM extension schema',
        value: provider.scimIncludeExtension ? 'Sent' : 'Not sent',
      },
    );
  } else {
    items.push(
      { key: 'externalCredential', label: 'External Credential', value: orDash(provider.externalCredential) },
      {
        key: 'signingSecret',
        label: 'Signing secret',
        value: provider.signingSecretSet
          ? `Set${provider.signingSecretSetAt ? ` on ${formatDateTime(provider.signingSecretSetAt)}` : ''}`
          : 'Not set through this app',
      },
    );
  }
  const link = profileLinkExample(provider.profileUrlStart, provider.profileUrlEnd);
  items.push(
    { key: 'profileLinks', label: 'Profile links', value: link ? `Yes, e.g. ${link}` : 'No' },
    { key: 'description', label: 'Description', value: orDash(provider.description) },
    {
      key: 'lastModified',
      label: 'Last modified',
      value: `${formatDateTime(provider.lastModifiedAt)}${provider.lastModifiedByName ? ` by ${provider.lastModifiedByName}` : ''}`,
    },
  );
  return items;
}

/**
 * The Providers screen: the org's telephony providers (integration accounts) with create / edit in a modal editor,
 * activate / deactivate, delete, test connection, and a detail area (settings, field mapping, notifications, audit).
 * Container: it calls ProviderAdminController; the form logic lives in c/providerForm.
 *
 * Browser tests drive it through data-id attributes (listed at the top of providerAdmin.html).
 */
export default class ProviderAdmin extends LightningElement {
  /**
   * Base URL of the admin documentation (docs/), where "admin-guide.md#named-and-external-credentials" explains the
   * credentials a provider needs (as guidedSetup's). Blank: the guide's section is named as text instead of linked.
   */
  @api docsBaseUrl: string | null = 'docs/';

  providers: ProviderSummary[] = [];
  options: ProviderEditorOptions | null = null;
  loaded = false;
  isLoading = false;
  errorMessages: string[] = [];

  selectedId: string | null = null;
  activeTab: DetailTab = 'settings';
  busy = false;
  actionErrors: string[] = [];

  editorOpen = false;
  form: ProviderFormState = emptyForm();
  fieldErrors: Partial<Record<ProviderFormField, string>> = {};
  editorErrors: string[] = [];
  saving = false;

  testingId: string | null = null;
  testResult: ConnectionTestResult | null = null;
  testErrors: string[] = [];
  liveMessage = '';

  auditEntries: ProviderAuditEntry[] = [];
  auditLoading = false;
  auditErrors: string[] = [];
  auditLoaded = false;

  private loadSequence = 0;
  private auditSequence = 0;
  private focusEditorPending = false;
  private returnFocusSelector: string | null = null;
  /** Where focus goes back to when the editor closes (the control that opened it). */
  private pendingReturnFocus: string | null = null;
  private invalidFields = new Set<ProviderFormField>();

  connectedCallback(): void {
    this.load();
  }

  renderedCallback(): void {
    if (this.focusEditorPending && this.editorOpen) {
      const first = this.query('[data-field="name"]');
      if (first) {
        this.focusEditorPending = false;
        first.focus();
      }
    }
    if (this.returnFocusSelector && !this.editorOpen) {
      const target = this.query(this.returnFocusSelector);
      this.returnFocusSelector = null;
      target?.focus();
    }
  }

  private query(selector: string): HTMLElement | null {
    return this.template?.querySelector<HTMLElement>(selector) ?? null;
  }

  // ------------------------------------------------------------------ loading

  /** Loads the providers and the editor's choices; the newest call wins. */
  async load(): Promise<void> {
    const sequence = ++this.loadSequence;
    this.isLoading = true;
    const [providers, options] = await Promise.allSettled([getProviders(), getEditorOptions()]);
    if (sequence !== this.loadSequence) return;
    const errors: string[] = [];
    if (providers.status === 'fulfilled') {
      this.providers = providers.value ?? [];
      this.loaded = true;
      if (this.selectedId && !this.providers.some((provider) => provider.id === this.selectedId)) {
        this.selectedId = null;
      }
    } else {
      errors.push(...reduceErrors(providers.reason));
    }
    if (options.status === 'fulfilled') this.options = options.value;
    else errors.push(...reduceErrors(options.reason).map((message) => `Editor choices: ${message}`));
    this.errorMessages = [...new Set(errors)];
    this.isLoading = false;
  }

  handleRefresh(): void {
    this.load();
    if (this.activeTab === 'audit') this.loadAudit();
  }

  get hasError(): boolean {
    return this.errorMessages.length > 0;
  }

  get hasProviders(): boolean {
    return this.providers.length > 0;
  }

  get isEmpty(): boolean {
    return this.loaded && !this.hasProviders;
  }

  get showInitialSpinner(): boolean {
    return this.isLoading && !this.loaded;
  }

  get namedCredentialsMessage(): string | null {
    return this.options?.namedCredentialsMessage ?? null;
  }

  get namedCredentialsSetupUrl(): string {
    return NAMED_CREDENTIALS_SETUP_URL;
  }

  get namedCredentialDocUrl(): string | null {
    return this.docsBaseUrl ? `${this.docsBaseUrl}${NAMED_CREDENTIAL_DOC}` : null;
  }

  get namedCredentialDocText(): string {
    return NAMED_CREDENTIAL_DOC_TEXT;
  }

  get newDisabled(): boolean {
    return this.busy || this.options === null;
  }

  get countText(): string {
    const active = this.providers.filter((provider) => provider.active).length;
    const total = this.providers.length;
    return `${total} ${total === 1 ? 'provider' : 'providers'}, ${active} active`;
  }

  // ------------------------------------------------------------------ list and selection

  get rows(): ProviderRow[] {
    return this.providers.map((provider) => providerRow(provider, this.selectedId));
  }

  private providerById(id: string | null | undefined): ProviderSummary | undefined {
    return this.providers.find((provider) => provider.id === id);
  }

  get selectedProvider(): ProviderSummary | null {
    return this.providerById(this.selectedId) ?? null;
  }

  get hasSelection(): boolean {
    return this.selectedProvider !== null;
  }

  get selectedToggleLabel(): string {
    return this.selectedProvider?.active ? 'Deactivate' : 'Activate';
  }

  /** The detail header's buttons, in order; all but Test connection are disabled while an action runs. */
  get detailActions(): DetailActionButton[] {
    const buttons: [ProviderAction, string, string, boolean][] = [
      ['edit', 'Edit', 'neutral', this.busy],
      ['test', 'Test connection', 'neutral', this.testDisabled],
      ['toggle', this.selectedToggleLabel, 'neutral', this.busy],
      ['delete', 'Delete', 'destructive-text', this.busy],
    ];
    return buttons.map(([action, label, variant, disabled]) => ({
      action,
      dataId: `detail-${action}`,
      label,
      variant,
      disabled,
    }));
  }

  get selectedStatusLabel(): string {
    return this.selectedProvider?.active ? 'Active' : 'Inactive';
  }

  get selectedStatusClass(): string {
    return `slds-m-left_small ${this.selectedProvider?.active ? 'slds-badge slds-theme_success' : 'slds-badge'}`;
  }

  get settingsItems(): SummaryItem[] {
    const provider = this.selectedProvider;
    return provider ? settingsSummary(provider) : [];
  }

  handleSelect(event: Event): void {
    this.select((event.currentTarget as HTMLElement).dataset.providerId ?? null);
  }

  private select(id: string | null): void {
    if (id === this.selectedId) return;
    this.selectedId = id;
    this.actionErrors = [];
    this.testErrors = [];
    if (this.testResult && this.testResult.providerId !== id) this.testResult = null;
    this.auditEntries = [];
    this.auditLoaded = false;
    if (this.activeTab === 'audit') this.loadAudit();
  }

  handleTabActive(event: Event): void {
    const tab = (event.target as HTMLElement & { value?: string }).value as DetailTab | undefined;
    if (!tab) return;
    this.activeTab = tab;
    if (tab === 'audit') this.loadAudit();
  }

  // ------------------------------------------------------------------ actions

  handleRowAction(event: CustomEvent<{ value: string }>): void {
    const id = (event.currentTarget as HTMLElement).dataset.providerId ?? null;
    this.runAction(event.detail.value as ProviderAction, id, `[data-id="row-actions"][data-provider-id="${id}"]`);
  }

  handleDetailAction(event: Event): void {
    const target = event.currentTarget as HTMLElement;
    const action = target.dataset.action as ProviderAction;
    this.runAction(action, this.selectedId, `[data-id="${target.dataset.id}"]`);
  }

  handleNew(event: Event): void {
    const opener = (event.currentTarget as HTMLElement).dataset.id ?? 'new-provider';
    this.openEditor(null, `[data-id="${opener}"]`);
  }

  async runAction(action: ProviderAction, id: string | null, returnFocusSelector: string): Promise<void> {
    const provider = this.providerById(id);
    if (!provider) return;
    if (action === 'edit') {
      this.select(provider.id);
      this.openEditor(provider, returnFocusSelector);
    } else if (action === 'test') {
      await this.runTest(provider);
    } else if (action === 'toggle') {
      await this.toggleActive(provider);
    } else if (action === 'delete') {
      await this.remove(provider);
    }
  }

  private toast(title: string, message: string, variant: 'success' | 'warning' | 'error' | 'info'): void {
    this.dispatchEvent(new ShowToastEvent({ title, message, variant }));
  }

  /** A success toast, plus the server's warnings as a sticky warning toast. */
  private announceResult(title: string, result: SaveProviderResult): void {
    this.toast(title, '', 'success');
    const warnings = result.warnings ?? [];
    if (warnings.length) {
      this.dispatchEvent(
        new ShowToastEvent({ title: 'Please note', message: warnings.join(' '), variant: 'warning', mode: 'sticky' }),
      );
    }
  }

  private static messagesOf(result: SaveProviderResult, fallback: string): string[] {
    const messages = (result.errors ?? []).map((error) => {
      const label = error.field ? (FIELD_LABELS[error.field as ProviderFormField] ?? error.field) : null;
      return label ? `${label}: ${error.message}` : error.message;
    });
    return messages.length ? messages : [fallback];
  }

  async toggleActive(provider: ProviderSummary): Promise<void> {
    const activate = !provider.active;
    const confirmed = await confirmDialog.open({
      label: `${activate ? 'Activate' : 'Deactivate'} ${provider.name}?`,
      message: activate
        ? `From now on, agent changes in the call centers ${provider.name} serves are sent to it. Test the connection first if you have not.`
        : `Deactivating keeps ${provider.name}'s user mappings and profile links working, but sends nothing new to it. Its call centers can then be served by another provider. You can activate it again later.`,
      theme: activate ? 'default' : 'warning',
    });
    if (!confirmed) return;
    this.busy = true;
    this.actionErrors = [];
    try {
      const result = await setProviderActive({ providerId: provider.id, active: activate });
      if (result.ok) {
        this.announceResult(`${provider.name} ${activate ? 'activated' : 'deactivated'}`, result);
        await this.load();
        if (this.activeTab === 'audit') await this.loadAudit();
      } else {
        this.select(provider.id);
        this.actionErrors = ProviderAdmin.messagesOf(
          result,
          `${provider.name} was not ${activate ? 'activated' : 'deactivated'}.`,
        );
      }
    } catch (error) {
      this.select(provider.id);
      this.actionErrors = reduceErrors(error);
    } finally {
      this.busy = false;
    }
  }

  async remove(provider: ProviderSummary): Promise<void> {
    const confirmed = await confirmDialog.open({
      label: `Delete ${provider.name}?`,
      message: `${provider.name}, its call center assignments, custom field mapping rows and notification settings are deleted; the audit trail keeps its history. This cannot be undone. A provider with pending or sending requests cannot be deleted. To stop sending but keep its user mappings and profile links working, deactivate it instead.`,
      theme: 'error',
    });
    if (!confirmed) return;
    this.busy = true;
    this.actionErrors = [];
    try {
      const result = await deleteProvider({ providerId: provider.id });
      if (result.ok) {
        if (this.selectedId === provider.id) this.select(null);
        this.announceResult(`${provider.name} deleted`, result);
        this.returnFocusSelector = '[data-id="new-provider"]';
        await this.load();
      } else {
        this.select(provider.id);
        this.actionErrors = ProviderAdmin.messagesOf(result, `${provider.name} was not deleted.`);
      }
    } catch (error) {
      this.select(provider.id);
      this.actionErrors = reduceErrors(error);
    } finally {
      this.busy = false;
    }
  }

  get hasActionErrors(): boolean {
    return this.actionErrors.length > 0;
  }

  handleDismissActionErrors(): void {
    this.actionErrors = [];
  }

  // ------------------------------------------------------------------ test connection

  async runTest(provider: ProviderSummary): Promise<void> {
    if (this.testingId) return;
    this.select(provider.id);
    this.testingId = provider.id;
    this.testResult = null;
    this.testErrors = [];
    this.liveMessage = `Testing the connection of ${provider.name}…`;
    try {
      const result = await testConnection({ providerId: provider.id });
      this.testResult = result;
      this.liveMessage = `Connection test of ${provider.name}: ${diagnosisLabel(result.diagnosis)}. ${result.message}`;
      // The list shows the last test of each provider: refresh it quietly.
      this.load();
      if (this.activeTab === 'audit') this.loadAudit();
    } catch (error) {
      this.testErrors = reduceErrors(error);
      this.liveMessage = `The connection test of ${provider.name} could not run: ${this.testErrors.join(' ')}`;
    } finally {
      this.testingId = null;
    }
  }

  get isTestingSelected(): boolean {
    return this.testingId !== null && this.testingId === this.selectedId;
  }

  get testDisabled(): boolean {
    return this.busy || this.testingId !== null;
  }

  get hasTestResult(): boolean {
    return this.testResult !== null && this.testResult.providerId === this.selectedId;
  }

  get hasTestErrors(): boolean {
    return this.testErrors.length > 0;
  }

  get testResultLabel(): string {
    return this.testResult ? diagnosisLabel(this.testResult.diagnosis) : '';
  }

  get testResultBadgeClass(): string {
    return testBadgeClass(this.testResult?.ok === true);
  }

  get testResultOk(): string {
    return String(this.testResult?.ok === true);
  }

  get testResultBoxClass(): string {
    return `slds-box slds-m-bottom_small ${this.testResult?.ok ? 'slds-theme_shade' : 'test-failed'}`;
  }

  get testHttpText(): string {
    const status = this.testResult?.httpStatus;
    return status === null || status === undefined ? 'No HTTP answer' : String(status);
  }

  get testLatencyText(): string {
    const latency = this.testResult?.latencyMs;
    return latency === null || latency === undefined ? '—' : `${latency} ms`;
  }

  get testWhenText(): string {
    return formatDateTime(this.testResult?.testedAt);
  }

  get testNextSteps(): Array<{ key: string; text: string }> {
    return (this.testResult?.nextSteps ?? []).map((text, index) => ({ key: `step-${index}`, text }));
  }

  get hasNextSteps(): boolean {
    return this.testNextSteps.length > 0;
  }

  get testDetails(): SummaryItem[] {
    return (this.testResult?.details ?? []).map((detail, index) => ({
      key: `detail-${index}`,
      label: detail.label,
      value: detail.value,
    }));
  }

  get hasTestDetails(): boolean {
    return this.testDetails.length > 0;
  }

  handleDismissTest(): void {
    this.testResult = null;
    this.testErrors = [];
  }

  // ------------------------------------------------------------------ audit

  async loadAudit(): Promise<void> {
    const providerId = this.selectedId;
    if (!providerId) return;
    const sequence = ++this.auditSequence;
    this.auditLoading = true;
    this.auditErrors = [];
    try {
      const entries = await getAuditTrail({ providerId });
      if (sequence !== this.auditSequence) return;
      this.auditEntries = newestFirst(entries ?? []);
      this.auditLoaded = true;
    } catch (error) {
      if (sequence === this.auditSequence) this.auditErrors = reduceErrors(error);
    } finally {
      if (sequence === this.auditSequence) this.auditLoading = false;
    }
  }

  get auditRows(): AuditRow[] {
    return this.auditEntries.map((entry) => ({
      ...entry,
      actionLabel: auditActionLabel(entry.action),
      atText: formatDateTime(entry.at),
    }));
  }

  get hasAuditRows(): boolean {
    return this.auditEntries.length > 0;
  }

  get isAuditEmpty(): boolean {
    return this.auditLoaded && !this.auditLoading && !this.hasAuditRows && this.auditErrors.length === 0;
  }

  get hasAuditErrors(): boolean {
    return this.auditErrors.length > 0;
  }

  // ------------------------------------------------------------------ editor

  openEditor(provider: ProviderSummary | null, returnFocusSelector: string | null): void {
    this.form = provider ? formFromProvider(provider) : emptyForm();
    this.fieldErrors = {};
    this.editorErrors = [];
    this.invalidFields = new Set();
    this.returnFocusSelector = null;
    this.pendingReturnFocus = returnFocusSelector;
    this.editorOpen = true;
    this.focusEditorPending = true;
  }

  closeEditor(): void {
    this.editorOpen = false;
    this.saving = false;
    this.returnFocusSelector = this.pendingReturnFocus;
    this.pendingReturnFocus = null;
  }

  handleCancel(): void {
    if (!this.saving) this.closeEditor();
  }

  handleEditorKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' || event.key === 'Esc') {
      event.stopPropagation();
      this.handleCancel();
    }
  }

  /** Focus trap: leaving the dialog past its last control comes back to the first, and the other way round. */
  handleFocusStart(): void {
    this.query('[data-id="editor-save"]')?.focus();
  }

  handleFocusEnd(): void {
    this.query('[data-id="editor-close"]')?.focus();
  }

  get editorTitle(): string {
    return this.form.id ? `Edit ${this.editingProvider?.name ?? 'provider'}` : 'New provider';
  }

  get editingProvider(): ProviderSummary | undefined {
    return this.providerById(this.form.id);
  }

  get isScim(): boolean {
    return this.form.type === 'SCIM';
  }

  get isWebhook(): boolean {
    return this.form.type !== 'SCIM';
  }

  get typeOptions(): ListOption[] {
    return this.options?.types?.length ? this.options.types : DEFAULT_TYPES;
  }

  get scimMethodOptions(): ListOption[] {
    return this.options?.scimUpdateMethods?.length ? this.options.scimUpdateMethods : DEFAULT_SCIM_METHODS;
  }

  get namedCredentialOptions(): ListOption[] {
    const options: ListOption[] = [{ value: '', label: 'None (the provider sends nothing)' }];
    for (const credential of this.options?.namedCredentials ?? []) {
      const endpoint = credential.endpoint ? `, ${credential.endpoint}` : '';
      options.push({
        value: credential.developerName,
        label: `${credential.label} (${credential.developerName}${endpoint})`,
      });
    }
    const current = this.form.namedCredential;
    if (current && !options.some((option) => option.value === current)) {
      options.push({ value: current, label: `${current} (not found in this org)` });
    }
    return options;
  }

  get callCenterChoices(): ListOption[] {
    const known = new Map((this.editingProvider?.callCenters ?? []).map((center) => [center.id, center.name]));
    return callCenterOptions(this.options?.callCenters ?? [], this.form.id, this.form.callCenterIds, known);
  }

  get hasCallCenterChoices(): boolean {
    return this.callCenterChoices.length > 0;
  }

  get defaultHelp(): string {
    const current = this.providers.find((provider) => provider.isDefault && provider.id !== this.form.id);
    const base = 'Serves every call center that no active provider serves explicitly.';
    return current ? `${base} At most one provider is the default; now it is ${current.name}.` : base;
  }

  get secretNote(): string {
    const provider = this.editingProvider;
    if (provider?.signingSecretSet) {
      const when = provider.signingSecretSetAt ? ` on ${formatDateTime(provider.signingSecretSetAt)}` : '';
      return `A signing secret was set${when}. Leave this blank to keep it, or enter a new one to replace it.`;
    }
    return 'No signing secret was set through this app. Enter one (16 to 255 characters) to sign the webhook requests.';
  }

  get profileExample(): string | null {
    return profileLinkExample(this.form.profileUrlStart, this.form.profileUrlEnd);
  }

  get profileExampleLabel(): string {
    return `Example link for external id ${EXAMPLE_EXTERNAL_ID}`;
  }

  get profileLinkCountText(): string {
    const options = this.options;
    if (!options) return '';
    return `${options.profileLinkProviderCount} of at most ${options.profileLinkProviderLimit} providers define profile links.`;
  }

  get hasEditorErrors(): boolean {
    return this.editorErrors.length > 0 || Object.keys(this.fieldErrors).length > 0;
  }

  /** Each field's error with the field's label, so the focused summary says what to fix without scrolling. */
  get fieldErrorItems(): { field: string; text: string }[] {
    return (Object.keys(this.fieldErrors) as ProviderFormField[]).map((field) => ({
      field,
      text: `${FIELD_LABELS[field]}: ${this.fieldErrors[field] ?? ''}`,
    }));
  }

  get saveLabel(): string {
    return this.saving ? 'Saving…' : 'Save';
  }

  handleFieldChange(event: CustomEvent<{ value?: unknown; checked?: boolean }>): void {
    const target = event.currentTarget as HTMLElement;
    const field = target.dataset.field as ProviderFormField;
    const value = CHECKBOX_FIELDS.has(field)
      ? event.detail.checked === true
      : Array.isArray(event.detail.value)
        ? [...(event.detail.value as string[])]
        : String(event.detail.value ?? '');
    this.form = { ...this.form, [field]: value } as ProviderFormState;
    if (this.fieldErrors[field]) {
      const rest = { ...this.fieldErrors };
      delete rest[field];
      this.fieldErrors = rest;
      (target as ValidatableElement).setCustomValidity('');
      (target as ValidatableElement).reportValidity();
      this.invalidFields.delete(field);
    }
  }

  private formContext(): FormContext {
    const options = this.options;
    return {
      providers: this.providers,
      callCenters: options?.callCenters ?? [],
      namedCredentials:
        options && options.namedCredentials.length
          ? options.namedCredentials.map((credential) => credential.developerName)
          : null,
      profileLinkProviderCount: options?.profileLinkProviderCount ?? 0,
      profileLinkProviderLimit: options?.profileLinkProviderLimit ?? 10,
    };
  }

  async handleSave(): Promise<void> {
    if (this.saving) return;
    const clientErrors = validateForm(this.form, this.formContext());
    if (clientErrors.length) {
      await this.showEditorErrors(clientErrors);
      return;
    }
    this.saving = true;
    this.editorErrors = [];
    try {
      const result = await saveProvider({ input: toProviderInput(this.form) });
      if (!result.ok) {
        this.saving = false;
        await this.showEditorErrors(
          result.errors?.length ? result.errors : [{ field: null, message: 'The provider was not saved.' }],
        );
        return;
      }
      const created = !this.form.id;
      const name = this.form.name.trim();
      this.closeEditor();
      this.announceResult(created ? `${name} created` : `${name} saved`, result);
      await this.load();
      if (result.providerId) {
        this.select(result.providerId);
        if (created) this.returnFocusSelector = `[data-id="select-provider"][data-provider-id="${result.providerId}"]`;
      }
      if (this.activeTab === 'audit') await this.loadAudit();
    } catch (error) {
      this.saving = false;
      this.fieldErrors = {};
      this.editorErrors = reduceErrors(error);
      await this.focusErrorSummary();
    }
  }

  /** Shows errors on their fields (custom validity) and the rest in the summary, then moves focus to the summary. */
  private async showEditorErrors(errors: ValidationError[]): Promise<void> {
    const split = splitErrors(errors, visibleFields(this.form.type));
    this.fieldErrors = split.byField;
    this.editorErrors = split.general;
    await Promise.resolve();
    this.applyFieldErrors();
    await this.focusErrorSummary();
  }

  private applyFieldErrors(): void {
    const nowInvalid = new Set(Object.keys(this.fieldErrors) as ProviderFormField[]);
    this.template?.querySelectorAll<ValidatableElement>('[data-field]')?.forEach((element) => {
      const field = element.dataset.field as ProviderFormField;
      if (!nowInvalid.has(field) && !this.invalidFields.has(field)) return;
      element.setCustomValidity(this.fieldErrors[field] ?? '');
      element.reportValidity();
    });
    this.invalidFields = nowInvalid;
  }

  private async focusErrorSummary(): Promise<void> {
    await Promise.resolve();
    this.query('[data-id="editor-errors"]')?.focus();
  }
}
