import { LightningElement, api } from 'lwc';
import LightningConfirm from 'lightning/confirm';
import getFieldMapping from '@salesforce/apex/ProviderFieldMappingController.getFieldMapping';
import addCustomFieldMapping from '@salesforce/apex/ProviderFieldMappingController.addCustomFieldMapping';
import removeCustomFieldMapping from '@salesforce/apex/ProviderFieldMappingController.removeCustomFieldMapping';
import searchPreviewUsers from '@salesforce/apex/ProviderFieldMappingController.searchPreviewUsers';
import previewPayload from '@salesforce/apex/ProviderFieldMappingController.previewPayload';
import type {
  FieldMappingRow,
  FieldMappingSaveResult,
  FieldMappingView,
  PayloadPreview,
  PreviewUserOption,
  UserFieldOption,
  ValidationError,
} from '@ccus/apex-contracts';
import { reduceErrors } from 'c/apexErrors';
import { debounce, pathProblem, suggestPath } from 'c/providerFieldUtils';
import type { Debounced } from 'c/providerFieldUtils';

/** `lightning/confirm`'s static API (its published types leave `open` out). */
interface ConfirmApi {
  open(config: { label: string; message: string; theme?: string; variant?: string }): Promise<boolean>;
}
const confirmDialog = LightningConfirm as unknown as ConfirmApi;

/** How long the user search waits after the last keystroke (ms). */
export const SEARCH_DEBOUNCE_MS = 300;
/** Fewest characters the user search sends to the server. */
export const MIN_SEARCH_LENGTH = 2;
/** Most User fields the picker lists at once (the search narrows the rest). */
export const MAX_FIELD_OPTIONS = 200;

/** Fields of the add form that server validation errors can name. */
type AddFormField = 'path' | 'sourceField' | 'sensitive';
const ADD_FORM_FIELDS: readonly AddFormField[] = ['path', 'sourceField', 'sensitive'];
const ADD_FORM_LABELS: Readonly<Record<AddFormField, string>> = {
  path: 'Payload path',
  sourceField: 'User field',
  sensitive: 'Sensitive',
};

const ACTION_TEXT: Readonly<Record<PayloadPreview['action'], string>> = {
  Provision: 'Provision: the user is not known to the provider yet and would be created.',
  Update: 'Update: the provider already knows the user and would receive these values.',
  Deprovision: 'Deprovision: the user left the call center or is inactive, and would be deactivated at the provider.',
};

/** A mapping row with its display values. */
export interface MappingTableRow extends FieldMappingRow {
  valueText: string;
  valueTitle: string;
  isExpression: boolean;
  originLabel: string;
  scopeText: string;
  isCustom: boolean;
  hasError: boolean;
  rowClass: string;
  removeLabel: string;
}

interface Option {
  label: string;
  value: string;
}

/** The display values of one mapping row; `labels` gives User field labels by API name. */
export function toMappingTableRow(row: FieldMappingRow, labels: ReadonlyMap<string, string>): MappingTableRow {
  const isExpression = !row.sourceField;
  const label = row.sourceField ? labels.get(row.sourceField.toLowerCase()) : undefined;
  const valueText = row.sourceField
    ? label && label !== row.sourceField
      ? `${label} (${row.sourceField})`
      : row.sourceField
    : (row.expression ?? '');
  return {
    ...row,
    valueText,
    valueTitle: isExpression ? `Expression: ${valueText}` : `User field ${valueText}`,
    isExpression,
    originLabel: row.origin === 'CUSTOM' ? 'Custom' : 'Default',
    scopeText: row.providerScoped ? 'This provider' : 'All providers',
    isCustom: row.origin === 'CUSTOM',
    hasError: Boolean(row.error),
    rowClass: row.error ? 'slds-hint-parent ccus-row-error' : 'slds-hint-parent',
    removeLabel: `Remove the custom mapping of ${row.path}`,
  };
}

/**
 * A telephony provider's effective field mapping: the package defaults (Provisioning_Field_Mapping__mdt) plus custom
 * User fields (Telephony_Provider_Field__c), adding and removing custom rows, and a redacted payload preview for a
 * chosen user. Container: it loads from ProviderFieldMappingController whenever `providerId` is set or changes.
 */
export default class ProviderFieldMapping extends LightningElement {
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

  view: FieldMappingView | null = null;
  isLoading = false;
  loadErrors: string[] = [];

  // Add form
  fieldSearch = '';
  selectedField = '';
  path = '';
  sensitive = false;
  addFieldErrors: Partial<Record<AddFormField, string>> = {};
  addGeneralErrors: string[] = [];
  isSaving = false;
  private suggestedPath = '';

  // Remove
  removingKey: string | null = null;
  removeErrors: string[] = [];

  // Preview
  userSearch = '';
  users: PreviewUserOption[] = [];
  searchedText = '';
  isSearching = false;
  searchErrors: string[] = [];
  preview: PayloadPreview | null = null;
  previewUserId: string | null = null;
  isPreviewing = false;
  previewErrors: string[] = [];

  /** The last outcome, read by screen readers (add, remove, preview). */
  announcement = '';

  private loadSequence = 0;
  private searchSequence = 0;
  private previewSequence = 0;
  private connected = false;
  private readonly searchLater: Debounced<[string]> = debounce((text: string) => {
    this.searchUsers(text);
  }, SEARCH_DEBOUNCE_MS);

  connectedCallback(): void {
    this.connected = true;
    if (this.currentProviderId) this.load();
  }

  disconnectedCallback(): void {
    this.connected = false;
    this.searchLater.cancel();
  }

  private reset(): void {
    this.loadSequence++;
    this.searchSequence++;
    this.previewSequence++;
    this.searchLater.cancel();
    this.view = null;
    this.loadErrors = [];
    this.resetAddForm();
    this.removeErrors = [];
    this.userSearch = '';
    this.users = [];
    this.searchedText = '';
    this.searchErrors = [];
    this.preview = null;
    this.previewUserId = null;
    this.previewErrors = [];
    this.announcement = '';
  }

  private resetAddForm(): void {
    this.fieldSearch = '';
    this.selectedField = '';
    this.path = '';
    this.suggestedPath = '';
    this.sensitive = false;
    this.addFieldErrors = {};
    this.addGeneralErrors = [];
  }

  // ------------------------------------------------------------------ loading

  /** Loads the provider's effective mapping; the newest call wins. */
  async load(): Promise<void> {
    const providerId = this.currentProviderId;
    if (!providerId) return;
    const sequence = ++this.loadSequence;
    this.isLoading = true;
    try {
      const view = await getFieldMapping({ providerId });
      if (sequence !== this.loadSequence) return;
      this.view = view;
      this.loadErrors = [];
    } catch (error) {
      if (sequence === this.loadSequence) this.loadErrors = reduceErrors(error);
    } finally {
      if (sequence === this.loadSequence) this.isLoading = false;
    }
  }

  handleRefresh(): void {
    this.load();
  }

  get hasProvider(): boolean {
    return this.currentProviderId !== null;
  }

  get hasView(): boolean {
    return this.view !== null;
  }

  get hasLoadErrors(): boolean {
    return this.loadErrors.length > 0;
  }

  get showSpinner(): boolean {
    return this.isLoading && !this.view;
  }

  // ------------------------------------------------------------------ mapping table

  private get fieldLabels(): Map<string, string> {
    return new Map((this.view?.userFields ?? []).map((field) => [field.name.toLowerCase(), field.label]));
  }

  get tableRows(): MappingTableRow[] {
    const labels = this.fieldLabels;
    return (this.view?.rows ?? []).map((row) => toMappingTableRow(row, labels));
  }

  get hasRows(): boolean {
    return (this.view?.rows.length ?? 0) > 0;
  }

  get rowCountText(): string {
    const rows = this.view?.rows ?? [];
    const custom = rows.filter((row) => row.origin === 'CUSTOM').length;
    const skipped = rows.filter((row) => row.error).length;
    const parts = [`${rows.length} ${rows.length === 1 ? 'attribute' : 'attributes'}`, `${custom} custom`];
    if (skipped) parts.push(`${skipped} skipped`);
    return parts.join(', ');
  }

  get mappingErrors(): string[] {
    return this.view?.errors ?? [];
  }

  get hasMappingErrors(): boolean {
    return this.mappingErrors.length > 0;
  }

  private get usedPaths(): string[] {
    return (this.view?.rows ?? []).map((row) => row.path);
  }

  // ------------------------------------------------------------------ add a custom row

  get userFields(): UserFieldOption[] {
    return this.view?.userFields ?? [];
  }

  get hasUserFields(): boolean {
    return this.userFields.length > 0;
  }

  private get matchingFields(): UserFieldOption[] {
    const text = this.fieldSearch.trim().toLowerCase();
    if (!text) return this.userFields;
    return this.userFields.filter(
      (field) => field.label.toLowerCase().includes(text) || field.name.toLowerCase().includes(text),
    );
  }

  /** The picker's options: the fields matching the search (plus the chosen one, so it stays shown). */
  get fieldOptions(): Option[] {
    const matching = this.matchingFields.slice(0, MAX_FIELD_OPTIONS);
    const chosen = this.userFields.find((field) => field.name === this.selectedField);
    if (chosen && !matching.includes(chosen)) matching.unshift(chosen);
    return matching.map((field) => ({ label: `${field.label} (${field.name})`, value: field.name }));
  }

  get fieldMatchText(): string {
    const total = this.userFields.length;
    const matching = this.matchingFields.length;
    if (!this.fieldSearch.trim()) return `${total} User fields can be added.`;
    if (matching === 0) return `No User field matches "${this.fieldSearch.trim()}".`;
    const shown = Math.min(matching, MAX_FIELD_OPTIONS);
    return `${matching} of ${total} User fields match${shown < matching ? `; the first ${shown} are listed` : ''}.`;
  }

  get fieldPlaceholder(): string {
    return this.matchingFields.length ? 'Choose a User field' : 'No matching field';
  }

  handleFieldSearch(event: CustomEvent<{ value: string }>): void {
    this.fieldSearch = event.detail.value ?? '';
    const matching = this.matchingFields;
    if (matching.length === 1 && matching[0].name !== this.selectedField) this.pickField(matching[0]);
  }

  handleFieldChange(event: CustomEvent<{ value: string }>): void {
    const field = this.userFields.find((option) => option.name === event.detail.value);
    if (field) this.pickField(field);
  }

  private pickField(field: UserFieldOption): void {
    this.selectedField = field.name;
    this.sensitive = field.sensitiveHint;
    // Prefill the path unless the admin typed their own.
    if (!this.path.trim() || this.path === this.suggestedPath) {
      this.suggestedPath = suggestPath(field.name, this.usedPaths);
      this.path = this.suggestedPath;
      this.clearAddError('path');
    }
    this.clearAddError('sourceField');
    this.clearAddError('sensitive');
  }

  handlePathChange(event: CustomEvent<{ value: string }>): void {
    this.path = event.detail.value ?? '';
    this.clearAddError('path');
  }

  handleSensitiveChange(event: CustomEvent<{ checked: boolean }>): void {
    this.sensitive = event.detail.checked === true;
    this.clearAddError('sensitive');
  }

  private clearAddError(field: AddFormField): void {
    if (this.addFieldErrors[field] === undefined) return;
    const next = { ...this.addFieldErrors };
    delete next[field];
    this.addFieldErrors = next;
  }

  get selectedFieldInfo(): UserFieldOption | undefined {
    return this.userFields.find((field) => field.name === this.selectedField);
  }

  get sensitiveHelp(): string {
    const field = this.selectedFieldInfo;
    return field?.sensitiveHint
      ? `${field.label} usually holds personal data, so it is pre-ticked. Sensitive values are shown as [REDACTED] in previews and on the activity screen; the provider still receives them.`
      : 'Sensitive values are shown as [REDACTED] in previews and on the activity screen; the provider still receives them.';
  }

  get addDisabled(): boolean {
    return this.isSaving || !this.selectedField;
  }

  get pathError(): string | undefined {
    return this.addFieldErrors.path;
  }

  get sourceFieldError(): string | undefined {
    return this.addFieldErrors.sourceField;
  }

  get sensitiveError(): string | undefined {
    return this.addFieldErrors.sensitive;
  }

  get pathInputClass(): string {
    return this.pathError ? 'slds-has-error' : '';
  }

  get fieldPickerClass(): string {
    return this.sourceFieldError ? 'slds-has-error' : '';
  }

  /** Every problem of the add form, field by field, for the error summary. */
  get addErrorSummary(): Array<{ key: string; text: string }> {
    const fieldErrors = ADD_FORM_FIELDS.filter((field) => this.addFieldErrors[field]).map((field) => ({
      key: field,
      text: `${ADD_FORM_LABELS[field]}: ${this.addFieldErrors[field]}`,
    }));
    const general = this.addGeneralErrors.map((text, index) => ({ key: `general-${index}`, text }));
    return [...fieldErrors, ...general];
  }

  get hasAddErrors(): boolean {
    return this.addErrorSummary.length > 0;
  }

  /** Checks the form, then adds the row; server validation errors are shown on their fields. */
  async handleAdd(): Promise<void> {
    const providerId = this.currentProviderId;
    if (!providerId || this.isSaving) return;
    const field = this.selectedFieldInfo;
    const clientErrors: Partial<Record<AddFormField, string>> = {};
    if (!field) clientErrors.sourceField = 'Choose the User field to send.';
    const problem = pathProblem(this.path, this.usedPaths);
    if (problem) clientErrors.path = problem;
    this.addGeneralErrors = [];
    this.addFieldErrors = clientErrors;
    if (!field || problem) {
      this.announcement = 'The field was not added: fix the highlighted fields.';
      return;
    }
    const path = this.path.trim();
    this.isSaving = true;
    const sequence = this.loadSequence;
    try {
      const result = await addCustomFieldMapping({
        input: { providerId, path, sourceField: field.name, sensitive: this.sensitive },
      });
      if (sequence !== this.loadSequence) return;
      this.applySaveResult(result);
      if (result.ok) {
        this.resetAddForm();
        this.announcement = `Added ${path}: ${field.label} (${field.name})${this.sensitiveSuffix(result, path)}.`;
        this.refreshPreview();
      } else {
        this.showAddErrors(result.errors ?? []);
        this.announcement = 'The field was not added: fix the highlighted fields.';
      }
    } catch (error) {
      if (sequence !== this.loadSequence) return;
      this.addGeneralErrors = reduceErrors(error);
      this.announcement = 'The field was not added.';
    } finally {
      this.isSaving = false;
    }
  }

  private sensitiveSuffix(result: FieldMappingSaveResult, path: string): string {
    const row = result.view?.rows.find((candidate) => candidate.path === path);
    return row?.sensitive ? ', redacted in previews' : '';
  }

  private applySaveResult(result: FieldMappingSaveResult): void {
    if (result.view) this.view = result.view;
  }

  private showAddErrors(errors: ValidationError[]): void {
    const fieldErrors: Partial<Record<AddFormField, string>> = {};
    const general: string[] = [];
    for (const error of errors) {
      // The server names ProviderInput fields, possibly prefixed with the parameter name ("input.path").
      const field = (error.field ?? '').replace(/^input\.?/, '') as AddFormField | '';
      if (field && ADD_FORM_FIELDS.includes(field)) {
        fieldErrors[field] = fieldErrors[field] ? `${fieldErrors[field]} ${error.message}` : error.message;
      } else {
        general.push(error.message);
      }
    }
    if (!errors.length) general.push('The field was not added, and the server did not say why. Try again.');
    this.addFieldErrors = fieldErrors;
    this.addGeneralErrors = general;
  }

  // ------------------------------------------------------------------ remove a custom row

  get hasRemoveErrors(): boolean {
    return this.removeErrors.length > 0;
  }

  async handleRemove(event: Event): Promise<void> {
    const providerId = this.currentProviderId;
    const key = (event.currentTarget as HTMLElement).dataset.key;
    const row = this.view?.rows.find((candidate) => candidate.key === key);
    if (!providerId || !row || row.origin !== 'CUSTOM' || this.removingKey) return;
    const source = row.sourceField ?? row.expression ?? 'its value';
    const confirmed = await confirmDialog.open({
      label: 'Remove field mapping',
      message: `The provider stops receiving "${row.path}" (${source}) with the next change of each agent. Values it already received stay in the telephony system.`,
      theme: 'warning',
    });
    if (!confirmed) return;
    this.removingKey = row.key;
    this.removeErrors = [];
    const sequence = this.loadSequence;
    try {
      const result = await removeCustomFieldMapping({ providerId, mappingId: row.key });
      if (sequence !== this.loadSequence) return;
      this.applySaveResult(result);
      if (result.ok) {
        this.announcement = `Removed ${row.path}.`;
        this.refreshPreview();
      } else {
        this.removeErrors = (result.errors ?? []).map((error) => error.message);
        if (!this.removeErrors.length) this.removeErrors = [`${row.path} was not removed. Try again.`];
        this.announcement = `${row.path} was not removed.`;
      }
    } catch (error) {
      if (sequence === this.loadSequence) {
        this.removeErrors = reduceErrors(error);
        this.announcement = `${row.path} was not removed.`;
      }
    } finally {
      this.removingKey = null;
    }
  }

  get removeDisabled(): boolean {
    return this.removingKey !== null;
  }

  // ------------------------------------------------------------------ payload preview

  handleUserSearch(event: CustomEvent<{ value: string }>): void {
    this.userSearch = event.detail.value ?? '';
    const text = this.userSearch.trim();
    this.searchSequence++;
    if (text.length < MIN_SEARCH_LENGTH) {
      this.searchLater.cancel();
      this.users = [];
      this.searchedText = '';
      this.searchErrors = [];
      this.isSearching = false;
      return;
    }
    this.isSearching = true;
    this.searchLater(text);
  }

  /** Searches users with a call center; the newest search wins. */
  async searchUsers(text: string): Promise<void> {
    const sequence = ++this.searchSequence;
    this.isSearching = true;
    try {
      const users = await searchPreviewUsers({ searchText: text });
      if (sequence !== this.searchSequence) return;
      this.users = users ?? [];
      this.searchedText = text;
      this.searchErrors = [];
    } catch (error) {
      if (sequence === this.searchSequence) this.searchErrors = reduceErrors(error);
    } finally {
      if (sequence === this.searchSequence) this.isSearching = false;
    }
  }

  get userItems(): Array<PreviewUserOption & { detailText: string; buttonLabel: string; pressed: string }> {
    return this.users.map((user) => ({
      ...user,
      detailText: [user.username, user.callCenterName ?? 'no call center'].join(' · '),
      buttonLabel: `Preview the payload for ${user.name}`,
      pressed: String(user.id === this.previewUserId),
    }));
  }

  get hasUsers(): boolean {
    return this.users.length > 0;
  }

  get noUsersFound(): boolean {
    return !this.isSearching && this.searchedText !== '' && this.users.length === 0 && !this.hasSearchErrors;
  }

  get noUsersText(): string {
    return `No user with a call center matches "${this.searchedText}". Only users with a call center can be provisioned: try a name, username or email.`;
  }

  get hasSearchErrors(): boolean {
    return this.searchErrors.length > 0;
  }

  get searchHint(): string {
    return `Type at least ${MIN_SEARCH_LENGTH} characters of a name, username or email.`;
  }

  handlePickUser(event: Event): void {
    const userId = (event.currentTarget as HTMLElement).dataset.userId;
    if (userId) this.loadPreview(userId);
  }

  /** Shows the open preview again after the mapping changed (silently: the change was announced). */
  private refreshPreview(): void {
    if (this.previewUserId) this.loadPreview(this.previewUserId, false);
  }

  /** Loads the redacted payload the provider would receive for the user; the newest call wins. */
  async loadPreview(userId: string, announce = true): Promise<void> {
    const providerId = this.currentProviderId;
    if (!providerId) return;
    const sequence = ++this.previewSequence;
    this.previewUserId = userId;
    this.isPreviewing = true;
    try {
      const preview = await previewPayload({ providerId, userId });
      if (sequence !== this.previewSequence) return;
      this.preview = preview;
      this.previewErrors = [];
      if (announce) this.announcement = `Payload preview for ${preview.userName} shown.`;
    } catch (error) {
      if (sequence !== this.previewSequence) return;
      this.preview = null;
      this.previewErrors = reduceErrors(error);
    } finally {
      if (sequence === this.previewSequence) this.isPreviewing = false;
    }
  }

  get hasPreview(): boolean {
    return this.preview !== null;
  }

  get hasPreviewErrors(): boolean {
    return this.previewErrors.length > 0;
  }

  get previewHeading(): string {
    return this.preview ? `Payload for ${this.preview.userName}` : '';
  }

  get previewActionText(): string {
    return this.preview ? (ACTION_TEXT[this.preview.action] ?? this.preview.action) : '';
  }

  get previewText(): string {
    return this.preview?.payload ?? '';
  }

  get hasRedactedKeys(): boolean {
    return (this.preview?.redactedKeys?.length ?? 0) > 0;
  }

  get redactedKeysText(): string {
    return (this.preview?.redactedKeys ?? []).join(', ');
  }

  get showPreviewPrompt(): boolean {
    return !this.preview && !this.isPreviewing && !this.hasPreviewErrors;
  }
}
