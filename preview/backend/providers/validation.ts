/**
 * The provider rules of ProviderValidator (force-app/main/providers/classes), with the same messages: what
 * saveProvider and setProviderActive check before anything is written. `normalizeInput` does what
 * ProviderAdminService.normalize does first (trim, blank → null, 15 → 18-character call center ids, no duplicates).
 */
import type { ProviderInput, TelephonyProviderType, ValidationError } from '@ccus/apex-contracts';
import { to18 } from '../salesforceIds.js';
import type { ProviderRecord, ProvidersState } from './store.js';

export const MAX_NAME_LENGTH = 80;
export const MAX_PROFILE_LINK_PROVIDERS = 10;
export const MIN_BATCH_SIZE = 1;
export const MAX_BATCH_SIZE = 100;
export const MIN_MAX_AGE_HOURS = 1;
export const MAX_MAX_AGE_HOURS = 168;
export const MAX_TEXT_LENGTH = 255;
export const MIN_SECRET_LENGTH = 16;
export const MAX_SECRET_LENGTH = 255;

/** ProvisioningHttp.isValidNamedCredential: a developer name. */
const DEVELOPER_NAME = /^[A-Za-z][A-Za-z0-9_]{0,254}$/;
const ATTRIBUTE = /^[A-Za-z_][A-Za-z0-9_.:-]*$/;
const HTTPS_URL = /^https:\/\/[A-Za-z0-9.-]+(:[0-9]{1,5})?(\/\S*)?$/i;

/** A ProviderInput after normalization: every optional field present. */
export interface NormalizedInput {
  id: string | null;
  name: string;
  type: TelephonyProviderType;
  namedCredential: string | null;
  externalCredential: string | null;
  path: string | null;
  active: boolean;
  isDefault: boolean;
  callCenterIds: string[];
  description: string | null;
  batchSize: number | null;
  maxAgeHours: number | null;
  scimUpdateMethod: 'PATCH' | 'PUT' | null;
  scimIncludeExtension: boolean;
  telephonyIdAttribute: string | null;
  profileUrlStart: string | null;
  profileUrlEnd: string | null;
  /** Kept as typed (a secret is never trimmed); null keeps the current one. */
  signingSecret: string | null;
}

const text = (value: string | null | undefined): string | null => {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? null : trimmed;
};

/** An 18-character id from a 15- or 18-character one; anything else as given. */
export function toId18(id: string): string {
  const trimmed = id.trim();
  if (trimmed.length === 15 && /^[A-Za-z0-9]{15}$/.test(trimmed)) return to18(trimmed);
  return trimmed;
}

export function normalizeInput(input: ProviderInput): NormalizedInput {
  const callCenterIds: string[] = [];
  for (const id of input.callCenterIds ?? []) {
    if (typeof id !== 'string' || id.trim() === '') continue;
    const id18 = toId18(id);
    if (!callCenterIds.includes(id18)) callCenterIds.push(id18);
  }
  const method = text(input.scimUpdateMethod ?? null);
  return {
    id: text(input.id ?? null),
    name: (input.name ?? '').trim(),
    type: input.type,
    namedCredential: text(input.namedCredential),
    externalCredential: text(input.externalCredential ?? null),
    path: text(input.path),
    active: input.active === true,
    isDefault: input.isDefault === true,
    callCenterIds,
    description: text(input.description ?? null),
    batchSize: input.batchSize ?? null,
    maxAgeHours: input.maxAgeHours ?? null,
    scimUpdateMethod: method === null ? null : (method.toUpperCase() as 'PATCH' | 'PUT'),
    scimIncludeExtension: input.scimIncludeExtension === true,
    telephonyIdAttribute: text(input.telephonyIdAttribute ?? null),
    profileUrlStart: text(input.profileUrlStart ?? null),
    profileUrlEnd: text(input.profileUrlEnd ?? null),
    signingSecret: input.signingSecret === undefined || input.signingSecret === '' ? null : input.signingSecret,
  };
}

export interface ValidationOutcome {
  errors: ValidationError[];
  warnings: string[];
}

/** ProviderValidator.servedElsewhereMessage. */
export function servedElsewhereMessage(callCenterName: string, servedBy: string): string {
  return (
    `Call center "${callCenterName}" is already served by the active provider "${servedBy}". A call center is ` +
    `served by at most one active provider: remove it from "${servedBy}" or deactivate that provider first.`
  );
}

/**
 * Checks a normalized input against the org's state.
 * @param existing the provider being edited (null for a create)
 */
export function validateProvider(
  input: NormalizedInput,
  existing: ProviderRecord | null,
  state: ProvidersState,
): ValidationOutcome {
  const outcome: ValidationOutcome = { errors: [], warnings: [] };
  const error = (field: string | null, message: string): void => {
    outcome.errors.push({ field, message });
  };
  const others = state.providers.filter((provider) => provider.id !== existing?.id);

  // Name
  if (input.name === '') {
    error('name', 'Name: enter a name for the provider.');
  } else {
    if (input.name.length > MAX_NAME_LENGTH) error('name', `Name: at most ${MAX_NAME_LENGTH} characters.`);
    const clash = others.find((other) => other.name.trim().toLowerCase() === input.name.toLowerCase());
    if (clash) error('name', `Name: another provider is already called "${clash.name}". Provider names are unique.`);
  }

  // Type
  if (input.type !== 'Webhook' && input.type !== 'SCIM') error('type', 'Type: choose JSON webhook or SCIM 2.0.');

  // Credentials
  if (input.namedCredential === null) {
    if (input.active) {
      error(
        'namedCredential',
        "Named Credential: an active provider needs one (it holds the provider's URL and authentication). Choose " +
          'one, or save the provider inactive.',
      );
    } else {
      outcome.warnings.push('No Named Credential: the provider sends nothing until one is set and it is activated.');
    }
  } else if (!DEVELOPER_NAME.test(input.namedCredential)) {
    error(
      'namedCredential',
      `Named Credential: "${input.namedCredential}" is not a developer name (a letter, then letters, digits or underscores).`,
    );
  } else if (
    ![...state.credentials.keys()].some((name) => name.toLowerCase() === input.namedCredential?.toLowerCase())
  ) {
    error(
      'namedCredential',
      `Named Credential: this org has no Named Credential "${input.namedCredential}". Create it in Setup > Named ` +
        'Credentials, or choose one from the list.',
    );
  }
  if (input.externalCredential !== null && !DEVELOPER_NAME.test(input.externalCredential)) {
    error(
      'externalCredential',
      `External Credential: "${input.externalCredential}" is not a developer name (a letter, then letters, digits or underscores).`,
    );
  }
  if (input.type === 'Webhook' && input.externalCredential === null) {
    outcome.warnings.push(
      'No External Credential: webhook messages cannot be signed, so deliveries fail until one is set.',
    );
  }

  // Path
  if (input.path !== null) {
    let problem: string | null = null;
    if (!input.path.startsWith('/')) problem = 'start with "/", e.g. /scim/v2 or /integrations/provider/webhook';
    else if (input.path.includes('?') || input.path.includes('#'))
      problem = 'no "?" or "#" (the path cannot carry a query string or fragment)';
    else if (input.path.includes('..')) problem = 'no ".."';
    else if (/\s/.test(input.path)) problem = 'no spaces';
    else if (input.path.length > MAX_TEXT_LENGTH) problem = `at most ${MAX_TEXT_LENGTH} characters`;
    if (problem) error('path', `Path: must ${problem}.`);
  }

  // Call centers
  const names = new Map(state.org.callCenters.map((center) => [center.Id, center.Name]));
  const current = new Set(existing?.callCenterIds ?? []);
  for (const id of input.callCenterIds) {
    if (!names.has(id) && !current.has(id)) {
      error('callCenterIds', `Call centers: ${id} is not a call center of this org (or you cannot see it).`);
    }
  }
  if (input.active) {
    for (const id of input.callCenterIds) {
      const servedBy = others.find((other) => other.active && other.callCenterIds.includes(id));
      if (servedBy) error('callCenterIds', servedElsewhereMessage(names.get(id) ?? id, servedBy.name));
    }
    if (input.callCenterIds.length === 0 && !input.isDefault) {
      outcome.warnings.push('The provider serves no call center and is not the default: it receives no user changes.');
    }
  }

  // Delivery
  const integerIn = (value: number | null, min: number, max: number): boolean =>
    value === null || (Number.isInteger(value) && value >= min && value <= max);
  if (!integerIn(input.batchSize, MIN_BATCH_SIZE, MAX_BATCH_SIZE)) {
    error('batchSize', `Batch size: between ${MIN_BATCH_SIZE} and ${MAX_BATCH_SIZE}, or blank for 50.`);
  }
  if (!integerIn(input.maxAgeHours, MIN_MAX_AGE_HOURS, MAX_MAX_AGE_HOURS)) {
    error(
      'maxAgeHours',
      `Max age: between ${MIN_MAX_AGE_HOURS} and ${MAX_MAX_AGE_HOURS} hours (7 days), or blank for the org setting.`,
    );
  }
  if (input.scimUpdateMethod !== null && input.scimUpdateMethod !== 'PATCH' && input.scimUpdateMethod !== 'PUT') {
    error('scimUpdateMethod', 'SCIM update method: PATCH or PUT.');
  }
  if (
    input.telephonyIdAttribute !== null &&
    (input.telephonyIdAttribute.length > MAX_TEXT_LENGTH || !ATTRIBUTE.test(input.telephonyIdAttribute))
  ) {
    error(
      'telephonyIdAttribute',
      "Telephony id attribute: an attribute name or dot path of the provider's answer, e.g. telephonyUserId or user.id.",
    );
  }

  // Profile link
  if (input.profileUrlStart === null) {
    if (input.profileUrlEnd !== null) {
      error('profileUrlEnd', 'Profile URL end: set the profile URL start too (a link is start + telephony id + end).');
    }
  } else {
    if (input.profileUrlStart.length > MAX_TEXT_LENGTH || !HTTPS_URL.test(input.profileUrlStart)) {
      error(
        'profileUrlStart',
        'Profile URL start: an https:// address without spaces, e.g. https://tenant.example.com/agents/.',
      );
    }
    if (
      input.profileUrlEnd !== null &&
      (input.profileUrlEnd.length > MAX_TEXT_LENGTH || /\s/.test(input.profileUrlEnd))
    ) {
      error('profileUrlEnd', `Profile URL end: at most ${MAX_TEXT_LENGTH} characters, without spaces.`);
    }
    const withLinks = others.filter((other) => (other.profileUrlStart ?? '').trim() !== '');
    if (withLinks.length >= MAX_PROFILE_LINK_PROVIDERS) {
      error(
        'profileUrlStart',
        `Profile URL start: at most ${MAX_PROFILE_LINK_PROVIDERS} providers can define profile links, and ` +
          `${withLinks.length} already do. Clear the profile URL of one of them first.`,
      );
    }
  }

  // Signing secret (write-only)
  if (input.signingSecret !== null) {
    const length = input.signingSecret.length;
    if (length < MIN_SECRET_LENGTH || length > MAX_SECRET_LENGTH) {
      error('signingSecret', `Signing secret: ${MIN_SECRET_LENGTH} to ${MAX_SECRET_LENGTH} characters.`);
    }
    if (input.signingSecret.trim() !== input.signingSecret) {
      error('signingSecret', 'Signing secret: no spaces at the start or the end.');
    }
    if (input.externalCredential === null) {
      error('signingSecret', 'Signing secret: set the External Credential that stores it first.');
    }
  }

  if (input.description !== null && input.description.length > MAX_TEXT_LENGTH) {
    error('description', `Description: at most ${MAX_TEXT_LENGTH} characters.`);
  }
  return outcome;
}

/** A plain email address check (what the notification settings accept). */
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function isEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value) && !value.includes('..');
}
