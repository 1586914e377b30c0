/**
 * The provider editor's pure logic (template-less module): the form's state and its conversion to and from the
 * Apex contract (ProviderSummary → form → ProviderInput), the client-side checks that catch obvious problems before
 * a round trip, how server ValidationErrors are split between fields and the error summary, the call center
 * choices, the profile link example, and the labels of connection test diagnoses and audit actions.
 */
import { isHttpsUrl } from 'c/profileLinks';
import type {
  CallCenterChoice,
  ConnectionDiagnosis,
  ProviderAuditAction,
  ProviderInput,
  ProviderSummary,
  ScimUpdateMethod,
  TelephonyProviderType,
  ValidationError,
} from '@ccus/apex-contracts';

/** What the editor edits: every ProviderInput field, as the inputs hold it (text for numbers, '' for blank). */
export interface ProviderFormState {
  id: string | null;
  type: TelephonyProviderType;
  name: string;
  namedCredential: string;
  externalCredential: string;
  path: string;
  callCenterIds: string[];
  isDefault: boolean;
  active: boolean;
  description: string;
  batchSize: string;
  maxAgeHours: string;
  scimUpdateMethod: string;
  scimIncludeExtension: boolean;
  telephonyIdAttribute: string;
  profileUrlStart: string;
  profileUrlEnd: string;
  /** Write-only: never prefilled; blank keeps the current secret. */
  signingSecret: string;
}

/** The form fields the editor shows (names of ProviderInput fields). */
export type ProviderFormField = Exclude<keyof ProviderFormState, 'id'>;

/** Labels of the form's fields, as the editor shows them (also used in the error summary). */
export const FIELD_LABELS: Readonly<Record<ProviderFormField, string>> = {
  type: 'Type',
  name: 'Name',
  namedCredential: 'Named Credential',
  externalCredential: 'External Credential',
  path: 'Path',
  callCenterIds: 'Call centers',
  isDefault: 'Default provider',
  active: 'Active',
  description: 'Description',
  batchSize: 'Batch size',
  maxAgeHours: 'Maximum age (hours)',
  scimUpdateMethod: 'SCIM update method',
  scimIncludeExtension: 'Send the SCIM extension schema',
  telephonyIdAttribute: 'Telephony id attribute',
  profileUrlStart: 'Profile URL start',
  profileUrlEnd: 'Profile URL end',
  signingSecret: 'Signing secret',
};

/** Field names the server may use for a form field (ValidationError.field), beyond the form's own names. */
const FIELD_ALIASES: Readonly<Record<string, ProviderFormField>> = {
  callCenters: 'callCenterIds',
  callCenterId: 'callCenterIds',
  default: 'isDefault',
  secret: 'signingSecret',
};

export const TYPE_LABELS: Readonly<Record<TelephonyProviderType, string>> = {
  Webhook: 'JSON webhook',
  SCIM: 'SCIM 2.0',
};

export const NAME_MAX = 80;
export const TEXT_MAX = 255;
export const DESCRIPTION_MAX = 255;
export const BATCH_SIZE_RANGE = { min: 1, max: 100 } as const;
export const MAX_AGE_RANGE = { min: 1, max: 168 } as const;
export const SECRET_LENGTH = { min: 16, max: 255 } as const;
/** The external id the profile link example is built with. */
export const EXAMPLE_EXTERNAL_ID = 'jane.doe@example.com';

/** A new provider: a JSON webhook, active (so the admin sees what activating needs), nothing else set. */
export function emptyForm(): ProviderFormState {
  return {
    id: null,
    type: 'Webhook',
    name: '',
    namedCredential: '',
    externalCredential: '',
    path: '',
    callCenterIds: [],
    isDefault: false,
    active: true,
    description: '',
    batchSize: '',
    maxAgeHours: '',
    scimUpdateMethod: 'PATCH',
    scimIncludeExtension: false,
    telephonyIdAttribute: '',
    profileUrlStart: '',
    profileUrlEnd: '',
    signingSecret: '',
  };
}

const text = (value: string | null | undefined): string => value ?? '';
function numberText(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

/** The form of an existing provider. The signing secret is never prefilled (it cannot be read). */
export function formFromProvider(provider: ProviderSummary): ProviderFormState {
  return {
    id: provider.id,
    type: provider.type,
    name: text(provider.name),
    namedCredential: text(provider.namedCredential),
    externalCredential: text(provider.externalCredential),
    path: text(provider.path),
    callCenterIds: (provider.callCenters ?? []).map((center) => center.id),
    isDefault: provider.isDefault === true,
    active: provider.active === true,
    description: text(provider.description),
    batchSize: numberText(provider.batchSize),
    maxAgeHours: numberText(provider.maxAgeHours),
    scimUpdateMethod: text(provider.scimUpdateMethod) || 'PATCH',
    scimIncludeExtension: provider.scimIncludeExtension === true,
    telephonyIdAttribute: text(provider.telephonyIdAttribute),
    profileUrlStart: text(provider.profileUrlStart),
    profileUrlEnd: text(provider.profileUrlEnd),
    signingSecret: '',
  };
}

const blankToNull = (value: string): string | null => (value.trim() ? value.trim() : null);

/** A whole number from the form's text; null for blank; NaN when it is not a whole number. */
export function parseWholeNumber(value: string): number | null {
  const trimmed = value.trim();
  if (!trimmed) return null;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/**
 * What the editor saves. Blank text becomes null, SCIM settings are only sent for SCIM providers, the External
 * Credential and signing secret only for webhooks; a blank secret is sent as null (keeps the current one).
 */
export function toProviderInput(form: ProviderFormState): ProviderInput {
  const isScim = form.type === 'SCIM';
  const secret = form.signingSecret.trim();
  return {
    id: form.id,
    name: form.name.trim(),
    type: form.type,
    namedCredential: blankToNull(form.namedCredential),
    externalCredential: isScim ? null : blankToNull(form.externalCredential),
    path: blankToNull(form.path),
    active: form.active,
    isDefault: form.isDefault,
    callCenterIds: [...new Set(form.callCenterIds)],
    description: blankToNull(form.description),
    batchSize: parseWholeNumber(form.batchSize),
    maxAgeHours: parseWholeNumber(form.maxAgeHours),
    scimUpdateMethod: isScim ? ((blankToNull(form.scimUpdateMethod) as ScimUpdateMethod | null) ?? 'PATCH') : null,
    scimIncludeExtension: isScim ? form.scimIncludeExtension : null,
    telephonyIdAttribute: blankToNull(form.telephonyIdAttribute),
    profileUrlStart: blankToNull(form.profileUrlStart),
    profileUrlEnd: blankToNull(form.profileUrlStart) ? blankToNull(form.profileUrlEnd) : null,
    signingSecret: isScim || !secret ? null : secret,
  };
}

/** What the client-side checks need to know besides the form. */
export interface FormContext {
  /** Every provider (name uniqueness, profile link limit). */
  providers: ProviderSummary[];
  /** The org's call centers with the active provider serving each. */
  callCenters: CallCenterChoice[];
  /** Developer names of the org's Named Credentials; null when the list could not be read (no check). */
  namedCredentials: string[] | null;
  profileLinkProviderCount: number;
  profileLinkProviderLimit: number;
}

function checkWholeNumber(
  value: string,
  range: { min: number; max: number },
  field: ProviderFormField,
  blankMeaning: string,
): ValidationError[] {
  const parsed = parseWholeNumber(value);
  if (parsed === null) return [];
  if (Number.isNaN(parsed) || parsed < range.min || parsed > range.max) {
    return [
      {
        field,
        message: `Enter a whole number from ${range.min} to ${range.max}, or leave it blank to ${blankMeaning}.`,
      },
    ];
  }
  return [];
}

function checkPath(path: string): ValidationError[] {
  const value = path.trim();
  if (!value) return [];
  const problems: string[] = [];
  if (!value.startsWith('/')) problems.push('start with "/"');
  if (/[?#]/.test(value))
    problems.push('contain no "?" or "#" (the provider\'s query belongs in the Named Credential)');
  if (value.includes('..')) problems.push('contain no ".."');
  if (/\s/.test(value)) problems.push('contain no spaces');
  if (value.length > TEXT_MAX) problems.push(`be at most ${TEXT_MAX} characters`);
  return problems.length ? [{ field: 'path', message: `The path must ${problems.join(', ')}.` }] : [];
}

function checkCallCenters(form: ProviderFormState, context: FormContext): ValidationError[] {
  if (!form.active) return [];
  const byId = new Map(context.callCenters.map((center) => [center.id, center]));
  const conflicts = [...new Set(form.callCenterIds)]
    .map((id) => byId.get(id))
    .filter(
      (center): center is CallCenterChoice =>
        center !== undefined && center.servedByProviderId !== null && center.servedByProviderId !== form.id,
    );
  if (!conflicts.length) return [];
  const list = conflicts.map(
    (center) => `${center.name} (served by ${center.servedByProviderName ?? 'another provider'})`,
  );
  return [
    {
      field: 'callCenterIds',
      message: `A call center is served by at most one active provider: ${list.join(', ')}. Remove ${
        conflicts.length === 1 ? 'it' : 'them'
      } here, deactivate the other provider first, or save this provider as inactive.`,
    },
  ];
}

function checkProfileLinks(form: ProviderFormState, context: FormContext): ValidationError[] {
  const start = form.profileUrlStart.trim();
  const end = form.profileUrlEnd.trim();
  const errors: ValidationError[] = [];
  if (start) {
    if (!isHttpsUrl(start)) {
      errors.push({
        field: 'profileUrlStart',
        message: 'Enter an https URL, e.g. https://tenant.example.com/agents/ (or leave it blank for no links).',
      });
    } else if (start.length > TEXT_MAX) {
      errors.push({ field: 'profileUrlStart', message: `At most ${TEXT_MAX} characters.` });
    }
    const hadLinks = context.providers.some((provider) => provider.id === form.id && provider.profileUrlStart);
    if (!hadLinks && context.profileLinkProviderCount >= context.profileLinkProviderLimit) {
      errors.push({
        field: 'profileUrlStart',
        message: `At most ${context.profileLinkProviderLimit} providers can define profile links, and ${context.profileLinkProviderCount} already do. Remove the links of another provider first.`,
      });
    }
  } else if (end) {
    errors.push({ field: 'profileUrlEnd', message: 'Set the profile URL start too, or clear the end.' });
  }
  if (end && /\s/.test(end)) errors.push({ field: 'profileUrlEnd', message: 'The end must contain no spaces.' });
  if (end.length > TEXT_MAX) errors.push({ field: 'profileUrlEnd', message: `At most ${TEXT_MAX} characters.` });
  return errors;
}

/**
 * The problems the client can see before saving (the server checks everything again). Empty when the form looks
 * fine. Each error names the form field it concerns, or null for the whole provider.
 */
export function validateForm(form: ProviderFormState, context: FormContext): ValidationError[] {
  const errors: ValidationError[] = [];
  const name = form.name.trim();
  if (!name) errors.push({ field: 'name', message: 'Enter a name, e.g. the vendor and tenant ("Acme Voice EU").' });
  else if (name.length > NAME_MAX) errors.push({ field: 'name', message: `At most ${NAME_MAX} characters.` });
  else if (
    context.providers.some(
      (provider) => provider.id !== form.id && provider.name.trim().toLowerCase() === name.toLowerCase(),
    )
  ) {
    errors.push({ field: 'name', message: `Another provider is already called "${name}". Choose another name.` });
  }

  if (form.type !== 'Webhook' && form.type !== 'SCIM') {
    errors.push({ field: 'type', message: 'Choose JSON webhook or SCIM 2.0.' });
  }

  const credential = form.namedCredential.trim();
  if (!credential && form.active) {
    errors.push({
      field: 'namedCredential',
      message:
        'An active provider needs a Named Credential. Choose one, or clear Active to save the provider inactive.',
    });
  } else if (credential && context.namedCredentials && !context.namedCredentials.includes(credential)) {
    errors.push({
      field: 'namedCredential',
      message: `This org has no Named Credential "${credential}". Choose one from the list.`,
    });
  }

  errors.push(...checkPath(form.path));
  errors.push(...checkCallCenters(form, context));
  errors.push(...checkWholeNumber(form.batchSize, BATCH_SIZE_RANGE, 'batchSize', 'use the default (50)'));
  errors.push(...checkWholeNumber(form.maxAgeHours, MAX_AGE_RANGE, 'maxAgeHours', 'use the org setting'));

  if (form.description.trim().length > DESCRIPTION_MAX) {
    errors.push({ field: 'description', message: `At most ${DESCRIPTION_MAX} characters.` });
  }
  if (form.telephonyIdAttribute.trim().length > TEXT_MAX) {
    errors.push({ field: 'telephonyIdAttribute', message: `At most ${TEXT_MAX} characters.` });
  }
  if (form.type === 'SCIM' && form.scimUpdateMethod && !['PATCH', 'PUT'].includes(form.scimUpdateMethod)) {
    errors.push({ field: 'scimUpdateMethod', message: 'Choose PATCH or PUT.' });
  }
  errors.push(...checkProfileLinks(form, context));

  if (form.type === 'Webhook') {
    if (form.externalCredential.trim().length > TEXT_MAX) {
      errors.push({ field: 'externalCredential', message: `At most ${TEXT_MAX} characters.` });
    }
    const secret = form.signingSecret.trim();
    if (secret && (secret.length < SECRET_LENGTH.min || secret.length > SECRET_LENGTH.max)) {
      errors.push({
        field: 'signingSecret',
        message: `A signing secret has ${SECRET_LENGTH.min} to ${SECRET_LENGTH.max} characters. Leave it blank to keep the current one.`,
      });
    } else if (secret && !form.externalCredential.trim()) {
      errors.push({
        field: 'signingSecret',
        message: 'The secret is stored in an External Credential: enter its developer name above first.',
      });
    }
  }
  return errors;
}

/** The form field a ValidationError concerns, or null when it concerns no field the editor shows. */
export function formFieldOf(field: string | null | undefined): ProviderFormField | null {
  if (!field) return null;
  if (field in FIELD_LABELS) return field as ProviderFormField;
  return FIELD_ALIASES[field] ?? null;
}

/** Validation errors split into the ones shown on a field (first message per field) and the rest. */
export interface SplitErrors {
  byField: Partial<Record<ProviderFormField, string>>;
  general: string[];
}

/**
 * Splits errors between the fields the editor shows (several messages for one field are joined) and the summary.
 * `visible` lists the fields currently on screen (a SCIM field of a webhook provider goes to the summary, labelled).
 */
export function splitErrors(errors: ValidationError[], visible: readonly ProviderFormField[]): SplitErrors {
  const byField: Partial<Record<ProviderFormField, string>> = {};
  const general: string[] = [];
  for (const error of errors) {
    const field = formFieldOf(error.field);
    if (field && visible.includes(field)) {
      byField[field] = byField[field] ? `${byField[field]} ${error.message}` : error.message;
    } else if (field) {
      general.push(`${FIELD_LABELS[field]}: ${error.message}`);
    } else {
      general.push(error.field ? `${error.field}: ${error.message}` : error.message);
    }
  }
  return { byField, general: [...new Set(general)] };
}

/** The fields the editor shows for a provider type. */
export function visibleFields(type: TelephonyProviderType): ProviderFormField[] {
  const common: ProviderFormField[] = [
    'type',
    'name',
    'namedCredential',
    'path',
    'callCenterIds',
    'isDefault',
    'active',
    'description',
    'batchSize',
    'maxAgeHours',
    'telephonyIdAttribute',
    'profileUrlStart',
    'profileUrlEnd',
  ];
  return type === 'SCIM'
    ? [...common, 'scimUpdateMethod', 'scimIncludeExtension']
    : [...common, 'externalCredential', 'signingSecret'];
}

/** A dual listbox option. */
export interface ListOption {
  label: string;
  value: string;
}

/**
 * The call centers the editor offers: "Name (served by X)" for a center another active provider serves; centers the
 * provider still lists but the org no longer shows keep their id (or the name the provider knew) so they can be removed.
 */
export function callCenterOptions(
  choices: CallCenterChoice[],
  editingId: string | null,
  selected: readonly string[] = [],
  knownNames: ReadonlyMap<string, string> = new Map(),
): ListOption[] {
  const options = choices.map((center) => ({
    value: center.id,
    label:
      center.servedByProviderId && center.servedByProviderId !== editingId
        ? `${center.name} (served by ${center.servedByProviderName ?? 'another provider'})`
        : center.name,
  }));
  const offered = new Set(options.map((option) => option.value));
  for (const id of selected) {
    if (!offered.has(id)) {
      options.push({ value: id, label: `${knownNames.get(id) ?? id} (not found in this org)` });
      offered.add(id);
    }
  }
  return options;
}

/**
 * The link a mapped user gets: start + the encoded external id + end. Null when the start is blank or not an https
 * URL (no links).
 */
export function profileLinkExample(
  start: string | null | undefined,
  end: string | null | undefined,
  externalId: string = EXAMPLE_EXTERNAL_ID,
): string | null {
  const base = (start ?? '').trim();
  if (!base || !isHttpsUrl(base)) return null;
  return `${base}${encodeURIComponent(externalId)}${(end ?? '').trim()}`;
}

/** Plain-language labels of connection test outcomes. */
export const DIAGNOSIS_LABELS: Readonly<Record<ConnectionDiagnosis, string>> = {
  OK: 'Connected',
  NAMED_CREDENTIAL_MISSING: 'Named Credential missing',
  PERMISSION: 'No access to the credential',
  AUTH: 'Authentication failed',
  TLS: 'Certificate or TLS problem',
  DNS: 'Host not found',
  CONNECTION_REFUSED: 'Connection refused',
  TIMEOUT: 'Timed out',
  NOT_FOUND: 'Not found (check the path)',
  RATE_LIMITED: 'Rate limited',
  SERVER_ERROR: 'Provider error',
  UNEXPECTED_RESPONSE: 'Unexpected response',
  UNKNOWN: 'Failed',
};

export function diagnosisLabel(diagnosis: string | null | undefined): string {
  return DIAGNOSIS_LABELS[diagnosis as ConnectionDiagnosis] ?? DIAGNOSIS_LABELS.UNKNOWN;
}

/** SLDS badge classes of a connection test outcome. */
export function testBadgeClass(ok: boolean): string {
  return ok ? 'slds-badge slds-theme_success' : 'slds-badge slds-theme_error';
}

export const AUDIT_ACTION_LABELS: Readonly<Record<ProviderAuditAction, string>> = {
  CREATED: 'Created',
  UPDATED: 'Updated',
  ACTIVATED: 'Activated',
  DEACTIVATED: 'Deactivated',
  DELETED: 'Deleted',
  SIGNING_SECRET_CHANGED: 'Signing secret changed',
  CALL_CENTERS_CHANGED: 'Call centers changed',
  FIELD_MAPPING_CHANGED: 'Field mapping changed',
  NOTIFICATIONS_CHANGED: 'Notifications changed',
  CONNECTION_TESTED: 'Connection tested',
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action as ProviderAuditAction] ?? action;
}

/** Newest first (ISO-8601 strings compare by time; unreadable times last). */
export function newestFirst<T extends { at: string }>(entries: readonly T[]): T[] {
  const time = (value: string): number => {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? Number.NEGATIVE_INFINITY : parsed;
  };
  return [...entries].sort((a, b) => time(b.at) - time(a.at));
}
