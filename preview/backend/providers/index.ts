/**
 * The Providers feature in the preview (`createProvidersBackend`): ProviderAdminController,
 * ProviderFieldMappingController and SetupHealthController over the in-memory state of store.ts, with the rules and
 * messages of the Apex services (force-app/main/providers/classes): validation (validation.ts), the audit trail,
 * the write-only signing secret, deletes refused while requests wait, simulated connection tests
 * (namedCredentials.ts), field mapping and payload preview (fieldMapping.ts), guided setup, limits and health
 * (setupHealth.ts).
 */
import type {
  ConnectionTestResult,
  CustomFieldMappingInput,
  FieldMappingSaveResult,
  FieldMappingView,
  LimitsReport,
  NotificationCategory,
  NotificationSaveResult,
  NotificationSettings,
  PayloadPreview,
  PreviewUserOption,
  ProfileLinkTemplate,
  ProviderAuditEntry,
  ProviderEditorOptions,
  ProviderHealth,
  ProviderInput,
  ProvidersContracts,
  ProviderSummary,
  SaveProviderResult,
  SetupChecklist,
  TestNotificationResult,
  ValidationError,
} from '@ccus/apex-contracts';
import type { FeatureBackend } from '../apexBackend.js';
import { AuraHandledError } from '../errors.js';
import { generateProvisioningSample, type ProvisioningSample } from '../provisioning/sampleRequests.js';
import type { SampleOrg } from '../sampleOrg.js';
import { buildPayloadPreview, mappingView, searchPreviewUsers, validateCustomRow } from './fieldMapping.js';
import { connectionTestAuditSummary, simulateConnectionTest } from './namedCredentials.js';
import { buildChecklist, buildLimitsReport, buildProviderHealth } from './setupHealth.js';
import {
  addProvider,
  createProvidersState,
  recordAudit,
  removeProvider,
  type ProviderRecord,
  type ProvidersState,
  type Recipients,
} from './store.js';
import {
  MAX_PROFILE_LINK_PROVIDERS,
  isEmail,
  normalizeInput,
  validateProvider,
  type NormalizedInput,
} from './validation.js';

export const MAX_AUDIT_ENTRIES = 200;
/** Length of the Notify_*__c long text fields. */
const MAX_RECIPIENTS_LENGTH = 2000;
const NOT_FOUND = 'This provider no longer exists (someone may have deleted it) or you cannot see it. Reload the list.';

/** Labels of the audited fields, in the order the Apex service compares them (ProviderAdminService.AUDITED_FIELDS). */
const AUDITED_FIELDS: ReadonlyArray<readonly [keyof NormalizedInput & keyof ProviderRecord, string]> = [
  ['name', 'Provider Name'],
  ['type', 'Type'],
  ['namedCredential', 'Named Credential'],
  ['externalCredential', 'External Credential'],
  ['path', 'Path'],
  ['isDefault', 'Default'],
  ['description', 'Description'],
  ['batchSize', 'Batch Size'],
  ['maxAgeHours', 'Max Age (Hours)'],
  ['scimUpdateMethod', 'SCIM Update Method'],
  ['scimIncludeExtension', 'SCIM Include CRM Extension'],
  ['telephonyIdAttribute', 'Telephony Id Attribute'],
  ['profileUrlStart', 'Profile URL Start'],
  ['profileUrlEnd', 'Profile URL End'],
];

const CATEGORY_FIELDS: Readonly<Record<NotificationCategory, keyof Recipients>> = {
  HEALTH: 'health',
  AUTH_FAILURES: 'authFailures',
  EXCEPTIONS: 'exceptions',
};
const CATEGORY_LABELS: Readonly<Record<keyof Recipients, string>> = {
  health: 'Health',
  authFailures: 'Authentication failures',
  exceptions: 'Exceptions',
};
/** How a test notification names the category (ProviderNotificationService.categoryLabel, lower case). */
const TEST_LABELS: Readonly<Record<keyof Recipients, string>> = {
  health: 'health',
  authFailures: 'authentication failure',
  exceptions: 'exception',
};
/** Most recipients per category. */
const MAX_RECIPIENTS = 25;

const isBlank = (value: unknown): boolean => value === null || value === undefined || value === '';
const formatValue = (value: unknown): string => (isBlank(value) ? '(blank)' : String(value));

/** ProviderAudit.describeChanges: "Label: old → new" of the changed fields ("Label: new" for a create). */
function describeChanges(before: ProviderRecord | null, after: NormalizedInput, withActive: boolean): string {
  const fields: Array<readonly [string, string]> = [...AUDITED_FIELDS];
  if (withActive) fields.push(['active', 'Active']);
  const parts: string[] = [];
  for (const [key, label] of fields) {
    const next = (after as unknown as Record<string, unknown>)[key];
    if (!before) {
      if (!isBlank(next)) parts.push(`${label}: ${formatValue(next)}`);
      continue;
    }
    const previous = (before as unknown as Record<string, unknown>)[key];
    if (formatValue(previous) !== formatValue(next))
      parts.push(`${label}: ${formatValue(previous)} → ${formatValue(next)}`);
  }
  return parts.join('; ');
}

/** ProviderAudit.describeListChange. */
function describeListChange(label: string, before: string[], after: string[]): string {
  const lower = (values: string[]): Set<string> => new Set(values.map((value) => value.toLowerCase()));
  const oldKeys = lower(before);
  const newKeys = lower(after);
  const added = after.filter((value) => !oldKeys.has(value.toLowerCase()));
  const removed = before.filter((value) => !newKeys.has(value.toLowerCase()));
  const parts: string[] = [];
  if (added.length) parts.push(`added ${added.join(', ')}`);
  if (removed.length) parts.push(`removed ${removed.join(', ')}`);
  return parts.length ? `${label}: ${parts.join('; ')}` : '';
}

/**
 * @param sample the org's provisioning sample; pass the one the provisioning backend uses, so both features share
 *   one provider list (its providers become the Providers screen's records).
 */
export function createProvidersBackend(
  org: SampleOrg,
  now: () => Date = () => new Date(),
  sample: ProvisioningSample = generateProvisioningSample(org, now()),
): FeatureBackend<ProvidersContracts> {
  const state: ProvidersState = createProvidersState(org, sample, now());
  const callCenterNames = new Map(org.callCenters.map((center) => [center.Id, center.Name]));
  const nameOf = (id: string): string => callCenterNames.get(id) ?? id;

  const find = (providerId: string | null | undefined): ProviderRecord | undefined =>
    providerId ? state.providers.find((provider) => provider.id === providerId) : undefined;
  const require = (providerId: string | null | undefined): ProviderRecord => {
    const provider = find(providerId);
    if (!provider) throw new AuraHandledError(NOT_FOUND);
    return provider;
  };
  /** ProviderFieldMappingService.loadProvider. */
  const requireForMapping = (providerId: string | null | undefined): ProviderRecord => {
    if (!providerId || !providerId.startsWith('a0B')) throw new AuraHandledError('Choose a telephony provider.');
    const provider = find(providerId);
    if (!provider) throw new AuraHandledError('The telephony provider was not found (deleted?) or you cannot see it.');
    return provider;
  };
  const touch = (provider: ProviderRecord, at: Date): void => {
    provider.lastModifiedAt = at.toISOString();
    provider.lastModifiedByName = state.actor.name;
  };
  const failed = (errors: ValidationError[]): SaveProviderResult => ({
    ok: false,
    providerId: null,
    errors,
    warnings: [],
  });

  const toSummary = (provider: ProviderRecord): ProviderSummary => ({
    id: provider.id,
    name: provider.name,
    type: provider.type,
    active: provider.active,
    isDefault: provider.isDefault,
    namedCredential: provider.namedCredential,
    externalCredential: provider.externalCredential,
    path: provider.path,
    description: provider.description,
    callCenters: provider.callCenterIds.map((id) => ({ id, name: nameOf(id) })),
    batchSize: provider.batchSize,
    maxAgeHours: provider.maxAgeHours,
    scimUpdateMethod: provider.scimUpdateMethod,
    scimIncludeExtension: provider.scimIncludeExtension,
    telephonyIdAttribute: provider.telephonyIdAttribute,
    profileUrlStart: provider.profileUrlStart,
    profileUrlEnd: provider.profileUrlEnd,
    signingSecretSet: provider.signingSecretSetAt !== null,
    signingSecretSetAt: provider.signingSecretSetAt,
    lastConnectionTest: provider.lastConnectionTest ? { ...provider.lastConnectionTest } : null,
    lastModifiedAt: provider.lastModifiedAt,
    lastModifiedByName: provider.lastModifiedByName,
  });

  const getProviders = (): ProviderSummary[] =>
    [...state.providers].sort((left, right) => left.name.localeCompare(right.name)).map(toSummary);

  const getEditorOptions = (): ProviderEditorOptions => {
    const servedBy = new Map<string, ProviderRecord>();
    for (const provider of state.providers) {
      if (!provider.active) continue;
      for (const id of provider.callCenterIds) if (!servedBy.has(id)) servedBy.set(id, provider);
    }
    const credentials = [...state.credentials.values()].sort((left, right) => left.label.localeCompare(right.label));
    return {
      namedCredentials: credentials.map(({ developerName, label, endpoint }) => ({ developerName, label, endpoint })),
      namedCredentialsMessage: credentials.length
        ? null
        : 'No Named Credentials in this org. In Setup > Named Credentials, create an External Credential and a Named ' +
          'Credential for the provider (templates and steps: docs/providers.md, "Named Credentials").',
      callCenters: [...org.callCenters]
        .sort((left, right) => left.Name.localeCompare(right.Name))
        .map((center) => ({
          id: center.Id,
          name: center.Name,
          servedByProviderId: servedBy.get(center.Id)?.id ?? null,
          servedByProviderName: servedBy.get(center.Id)?.name ?? null,
        })),
      types: [
        { value: 'Webhook', label: 'JSON webhook' },
        { value: 'SCIM', label: 'SCIM 2.0' },
      ],
      scimUpdateMethods: [
        { value: 'PATCH', label: 'PATCH' },
        { value: 'PUT', label: 'PUT' },
      ],
      profileLinkProviderCount: state.providers.filter((provider) => (provider.profileUrlStart ?? '') !== '').length,
      profileLinkProviderLimit: MAX_PROFILE_LINK_PROVIDERS,
    };
  };

  const saveProvider = ({ input: raw }: { input: ProviderInput }): SaveProviderResult => {
    if (!raw) return failed([{ field: null, message: 'Nothing to save: the provider is missing.' }]);
    const input = normalizeInput(raw);
    const badIds = (raw.callCenterIds ?? []).filter(
      (id) => typeof id === 'string' && id.trim() !== '' && !/^04v[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/.test(id.trim()),
    );
    if (badIds.length) {
      return failed(
        badIds.map((id) => ({ field: 'callCenterIds', message: `Call centers: "${id}" is not a call center id.` })),
      );
    }
    const existing = input.id ? (find(input.id) ?? null) : null;
    if (input.id && !existing) return failed([{ field: null, message: NOT_FOUND }]);
    const outcome = validateProvider(input, existing, state);
    if (outcome.errors.length) return failed(outcome.errors);
    const at = now();
    const warnings = [...outcome.warnings];

    if (input.isDefault) {
      for (const other of state.providers) {
        if (other.id !== existing?.id && other.isDefault) {
          other.isDefault = false;
          touch(other, at);
          warnings.push(`"${other.name}" is no longer the default provider.`);
          recordAudit(
            state,
            other,
            'UPDATED',
            `Default: true → false ("${input.name}" became the default provider)`,
            at,
          );
        }
      }
    }
    const before = existing ? { ...existing, callCenterIds: [...existing.callCenterIds] } : null;
    const record: ProviderRecord = existing ?? {
      id: state.nextProviderId(),
      name: input.name,
      type: input.type,
      active: input.active,
      callCenterIds: [],
      isDefault: false,
      namedCredential: null,
      externalCredential: null,
      path: null,
      description: null,
      batchSize: null,
      maxAgeHours: null,
      scimUpdateMethod: null,
      scimIncludeExtension: false,
      telephonyIdAttribute: null,
      profileUrlStart: null,
      profileUrlEnd: null,
      signingSecretSetAt: null,
      lastConnectionTest: null,
      lastModifiedAt: at.toISOString(),
      lastModifiedByName: state.actor.name,
      recipients: { health: [], authFailures: [], exceptions: [] },
      customFields: [],
    };
    Object.assign(record, {
      name: input.name,
      type: input.type,
      active: input.active,
      callCenterIds: [...input.callCenterIds],
      isDefault: input.isDefault,
      namedCredential: input.namedCredential,
      externalCredential: input.externalCredential,
      path: input.path,
      description: input.description,
      batchSize: input.batchSize,
      maxAgeHours: input.maxAgeHours,
      scimUpdateMethod: input.scimUpdateMethod,
      scimIncludeExtension: input.scimIncludeExtension,
      telephonyIdAttribute: input.telephonyIdAttribute,
      profileUrlStart: input.profileUrlStart,
      profileUrlEnd: input.profileUrlEnd,
    });
    // The secret itself is handed to the External Credential and forgotten: only the time is kept.
    if (input.signingSecret !== null) record.signingSecretSetAt = at.toISOString();
    touch(record, at);
    if (!existing) addProvider(state, record);

    const after = input.callCenterIds.map(nameOf);
    if (!before) {
      let summary = describeChanges(null, input, true);
      if (after.length) summary += `; Call centers: ${after.join(', ')}`;
      recordAudit(state, record, 'CREATED', summary, at);
    } else {
      const changes = describeChanges(before, input, false);
      if (changes) recordAudit(state, record, 'UPDATED', changes, at);
      if (before.active !== input.active) {
        recordAudit(
          state,
          record,
          input.active ? 'ACTIVATED' : 'DEACTIVATED',
          `Active: ${before.active} → ${input.active}`,
          at,
        );
      }
      const callCenters = describeListChange('Call centers', before.callCenterIds.map(nameOf), after);
      if (callCenters) recordAudit(state, record, 'CALL_CENTERS_CHANGED', callCenters, at);
    }
    if (input.signingSecret !== null) {
      recordAudit(
        state,
        record,
        'SIGNING_SECRET_CHANGED',
        `Signing secret set in External Credential ${input.externalCredential ?? ''} (the value is never recorded)`,
        at,
      );
    }
    return { ok: true, providerId: record.id, errors: [], warnings };
  };

  const inputOf = (provider: ProviderRecord): ProviderInput => ({
    id: provider.id,
    name: provider.name,
    type: provider.type,
    namedCredential: provider.namedCredential,
    externalCredential: provider.externalCredential,
    path: provider.path,
    active: provider.active,
    isDefault: provider.isDefault,
    callCenterIds: [...provider.callCenterIds],
    description: provider.description,
    batchSize: provider.batchSize,
    maxAgeHours: provider.maxAgeHours,
    scimUpdateMethod: provider.scimUpdateMethod,
    scimIncludeExtension: provider.scimIncludeExtension,
    telephonyIdAttribute: provider.telephonyIdAttribute,
    profileUrlStart: provider.profileUrlStart,
    profileUrlEnd: provider.profileUrlEnd,
  });

  const setProviderActive = ({ providerId, active }: { providerId: string; active: boolean }): SaveProviderResult => {
    const provider = find(providerId);
    if (!provider) return failed([{ field: null, message: NOT_FOUND }]);
    const wanted = active === true;
    if (provider.active === wanted) {
      return {
        ok: true,
        providerId: provider.id,
        errors: [],
        warnings: [`"${provider.name}" is already ${wanted ? 'active.' : 'inactive.'}`],
      };
    }
    if (wanted) return saveProvider({ input: { ...inputOf(provider), active: true } });
    const at = now();
    provider.active = false;
    touch(provider, at);
    recordAudit(
      state,
      provider,
      'DEACTIVATED',
      'Active: true → false (call centers, mappings and profile links kept; nothing new is sent)',
      at,
    );
    const warnings = provider.isDefault
      ? [
          `"${provider.name}" is the default provider: while it is inactive, call centers without their own active ` +
            'provider are not provisioned.',
        ]
      : [];
    return { ok: true, providerId: provider.id, errors: [], warnings };
  };

  const deleteProvider = ({ providerId }: { providerId: string }): SaveProviderResult => {
    const provider = find(providerId);
    if (!provider) return failed([{ field: null, message: NOT_FOUND }]);
    const open = state.sample.requests.filter(
      (request) =>
        request.row.providerId === provider.id &&
        (request.row.status === 'Pending' || request.row.status === 'Sending'),
    ).length;
    if (open > 0) {
      return failed([
        {
          field: null,
          message:
            `"${provider.name}" cannot be deleted: ${open} provisioning request(s) are still waiting to be sent ` +
            '(Pending or Sending). Deactivate it instead: it then sends nothing new and keeps its mappings and ' +
            'profile links. Delete it once those requests are delivered or resolved (Provisioning activity).',
        },
      ]);
    }
    const served = provider.callCenterIds.map(nameOf);
    removeProvider(state, provider.id);
    // The audit trail keeps the provider's name; the lookup is cleared like a deleted record's.
    for (const entry of state.audit) if (entry.providerId === provider.id) entry.providerId = null;
    recordAudit(
      state,
      { id: null, name: provider.name },
      'DELETED',
      `Deleted ${provider.active ? 'active' : 'inactive'} provider "${provider.name}" (${provider.type}` +
        `${served.length ? `; call centers: ${served.join(', ')}` : ''}).`,
      now(),
    );
    return { ok: true, providerId: null, errors: [], warnings: [] };
  };

  const getAuditTrail = ({ providerId }: { providerId: string | null }): ProviderAuditEntry[] =>
    state.audit
      .filter((entry) => !providerId || entry.providerId === providerId)
      .map((entry, index) => ({ entry, index }))
      .sort((left, right) =>
        left.entry.at !== right.entry.at ? (left.entry.at < right.entry.at ? 1 : -1) : right.index - left.index,
      )
      .slice(0, MAX_AUDIT_ENTRIES)
      .map(({ entry }) => ({ ...entry }));

  const testConnection = ({ providerId }: { providerId: string }): ConnectionTestResult => {
    const provider = require(providerId);
    const at = now();
    const result = simulateConnectionTest(
      {
        providerId: provider.id,
        type: provider.type,
        namedCredential: provider.namedCredential,
        externalCredential: provider.externalCredential,
        path: provider.path,
      },
      state.credentials,
      at,
    );
    provider.lastConnectionTest = {
      testedAt: result.testedAt,
      ok: result.ok,
      diagnosis: result.diagnosis,
      httpStatus: result.httpStatus,
      latencyMs: result.latencyMs,
      message: result.message,
    };
    touch(provider, at);
    recordAudit(state, provider, 'CONNECTION_TESTED', connectionTestAuditSummary(result), at);
    return result;
  };

  // ----- Field mapping

  const getFieldMapping = ({ providerId }: { providerId: string }): FieldMappingView =>
    mappingView(requireForMapping(providerId));

  const addCustomFieldMapping = ({ input }: { input: CustomFieldMappingInput }): FieldMappingSaveResult => {
    if (!input?.providerId) throw new AuraHandledError('Choose the provider whose field mapping to change.');
    const provider = requireForMapping(input.providerId);
    const path = (input.path ?? '').trim();
    const sourceField = (input.sourceField ?? '').trim();
    const { errors, field } = validateCustomRow(provider, path, sourceField);
    if (errors.length || !field) return { ok: false, errors, view: mappingView(provider) };
    const sensitive = input.sensitive === true;
    provider.customFields.push({ id: state.nextFieldId(), path, sourceField: field.name, sensitive });
    const at = now();
    touch(provider, at);
    recordAudit(
      state,
      provider,
      'FIELD_MAPPING_CHANGED',
      `Added custom field ${path} ← User.${field.name}${sensitive ? ' (sensitive)' : ''}`,
      at,
    );
    return { ok: true, errors: [], view: mappingView(provider) };
  };

  const removeCustomFieldMapping = ({
    providerId,
    mappingId,
  }: {
    providerId: string;
    mappingId: string;
  }): FieldMappingSaveResult => {
    const provider = requireForMapping(providerId);
    const index = provider.customFields.findIndex((row) => row.id === mappingId);
    const target = provider.customFields[index];
    if (!target) {
      const isCustomId = typeof mappingId === 'string' && mappingId.startsWith('a0F');
      return {
        ok: false,
        errors: [
          {
            field: null,
            message: isCustomId
              ? 'That custom row no longer exists for this provider (removed in another tab?). The list is refreshed.'
              : 'Only custom rows can be removed; default rows come from the Provisioning Field Mapping custom metadata.',
          },
        ],
        view: mappingView(provider),
      };
    }
    provider.customFields.splice(index, 1);
    const at = now();
    touch(provider, at);
    recordAudit(
      state,
      provider,
      'FIELD_MAPPING_CHANGED',
      `Removed custom field ${target.path} ← User.${target.sourceField}`,
      at,
    );
    return { ok: true, errors: [], view: mappingView(provider) };
  };

  const previewPayload = ({ providerId, userId }: { providerId: string; userId: string }): PayloadPreview => {
    const provider = requireForMapping(providerId);
    if (!userId || !userId.startsWith('005')) throw new AuraHandledError('Choose a user to preview.');
    const user = org.users.find((candidate) => candidate.Id === userId);
    if (!user) throw new AuraHandledError('The user was not found or you cannot see them.');
    // ProviderFieldMappingService.actionFor: Deprovision unless an active agent of a call center this provider serves.
    const activeAgent = user.IsActive && user.CallCenterId !== null;
    const serving = activeAgent
      ? (state.providers.find(
          (candidate) => candidate.active && candidate.callCenterIds.includes(user.CallCenterId ?? ''),
        ) ?? state.providers.find((candidate) => candidate.active && candidate.isDefault))
      : undefined;
    const pairRows = state.sample.requests.filter(
      (request) => request.row.userId === user.Id && request.row.providerId === provider.id,
    );
    const action: PayloadPreview['action'] =
      serving?.id !== provider.id
        ? 'Deprovision'
        : pairRows.some((request) => request.row.status === 'Delivered')
          ? 'Update'
          : 'Provision';
    const telephonyUserId =
      [...pairRows]
        .sort((left, right) => right.sequenceNumber - left.sequenceNumber)
        .find((request) => request.detail.telephonyUserId)?.detail.telephonyUserId ?? null;
    return buildPayloadPreview(org, provider, user, action, telephonyUserId, now());
  };

  // ----- Notifications

  const settingsOf = (provider: ProviderRecord): NotificationSettings => ({
    providerId: provider.id,
    health: [...provider.recipients.health],
    authFailures: [...provider.recipients.authFailures],
    exceptions: [...provider.recipients.exceptions],
  });

  const saveNotificationSettings = ({ settings }: { settings: NotificationSettings }): NotificationSaveResult => {
    if (!settings?.providerId) throw new AuraHandledError('Choose a provider first.');
    const provider = require(settings.providerId);
    const errors: ValidationError[] = [];
    const cleaned: Recipients = { health: [], authFailures: [], exceptions: [] };
    // ProviderNotificationService.clean: split on commas, semicolons and spaces; validate; deduplicate.
    for (const field of ['health', 'authFailures', 'exceptions'] as const) {
      const label = CATEGORY_LABELS[field];
      const seen = new Set<string>();
      for (const value of settings[field] ?? []) {
        for (const candidate of String(value ?? '')
          .trim()
          .split(/[,;\s]+/)) {
          if (candidate === '') continue;
          if (!isEmail(candidate)) {
            errors.push({ field, message: `${label}: "${candidate.slice(0, 100)}" is not a valid email address.` });
            continue;
          }
          if (seen.has(candidate.toLowerCase())) continue;
          seen.add(candidate.toLowerCase());
          cleaned[field].push(candidate);
        }
      }
      if (cleaned[field].length > MAX_RECIPIENTS) {
        errors.push({ field, message: `${label}: at most ${MAX_RECIPIENTS} recipients.` });
      } else if (cleaned[field].join(', ').length > MAX_RECIPIENTS_LENGTH) {
        errors.push({
          field,
          message: `${label}: the addresses are too long together (at most ${MAX_RECIPIENTS_LENGTH} characters).`,
        });
      }
    }
    if (errors.length) return { ok: false, errors, settings: settingsOf(provider) };
    const changes = (['health', 'authFailures', 'exceptions'] as const)
      .map((field) => describeListChange(CATEGORY_LABELS[field], provider.recipients[field], cleaned[field]))
      .filter(Boolean);
    provider.recipients = cleaned;
    const at = now();
    touch(provider, at);
    if (changes.length) recordAudit(state, provider, 'NOTIFICATIONS_CHANGED', changes.join('; '), at);
    return { ok: true, errors: [], settings: settingsOf(provider) };
  };

  const sendTestNotification = ({
    providerId,
    category,
  }: {
    providerId: string;
    category: NotificationCategory;
  }): TestNotificationResult => {
    const provider = require(providerId);
    const field = CATEGORY_FIELDS[category];
    if (!field) {
      throw new AuraHandledError(
        `Unknown notification category "${String(category)}": use HEALTH, AUTH_FAILURES or EXCEPTIONS.`,
      );
    }
    const recipients = provider.recipients[field];
    if (recipients.length === 0) {
      return {
        ok: false,
        recipients: 0,
        message: `No recipients are saved for ${TEST_LABELS[field]} notifications of "${provider.name}". Add at least one address and save first.`,
      };
    }
    return {
      ok: true,
      recipients: recipients.length,
      message:
        `Test email sent to ${recipients.length} recipient(s). If it does not arrive within a few minutes, check ` +
        "Setup > Deliverability and the recipients' spam folders.",
    };
  };

  const getProfileLinkTemplates = (): ProfileLinkTemplate[] =>
    state.providers
      .filter((provider) => (provider.profileUrlStart ?? '') !== '')
      .sort((left, right) => left.name.localeCompare(right.name))
      .map((provider) => ({
        providerId: provider.id,
        providerName: provider.name,
        active: provider.active,
        isDefault: provider.isDefault,
        callCenterIds: [...provider.callCenterIds].sort(),
        start: provider.profileUrlStart ?? '',
        end: provider.profileUrlEnd,
      }));

  // ----- Setup health

  const getSetupChecklist = (): SetupChecklist => buildChecklist(state, now());
  const setProvisioningEnabled = ({ enabled }: { enabled: boolean }): SetupChecklist => {
    if (enabled === null || enabled === undefined) {
      throw new AuraHandledError('Say whether provisioning should be on or off.');
    }
    if (!state.settings.permissionSetAssigned) {
      // The org default of the custom setting cannot be written without the admin permission set.
      throw new AuraHandledError(
        `You may not switch provisioning ${enabled ? 'on' : 'off'}: changing the Contact Center Sync Settings needs ` +
          'the Contact_Center_User_Sync_Admin permission set (custom setting access) or the Customize Application ' +
          'permission.',
      );
    }
    state.settings.provisioningEnabled = enabled === true;
    return buildChecklist(state, now());
  };
  const getOrgLimits = (): LimitsReport => buildLimitsReport(state, now());
  const getProviderHealth = (): ProviderHealth[] => buildProviderHealth(state, now());
  const searchUsers = ({ searchText }: { searchText: string }): PreviewUserOption[] =>
    searchPreviewUsers(org, searchText);

  return {
    'ProviderAdminController.getProviders': getProviders,
    'ProviderAdminController.getEditorOptions': getEditorOptions,
    'ProviderAdminController.saveProvider': saveProvider,
    'ProviderAdminController.setProviderActive': setProviderActive,
    'ProviderAdminController.deleteProvider': deleteProvider,
    'ProviderAdminController.getAuditTrail': getAuditTrail,
    'ProviderAdminController.testConnection': testConnection,
    'ProviderFieldMappingController.getFieldMapping': getFieldMapping,
    'ProviderFieldMappingController.addCustomFieldMapping': addCustomFieldMapping,
    'ProviderFieldMappingController.removeCustomFieldMapping': removeCustomFieldMapping,
    'ProviderFieldMappingController.searchPreviewUsers': searchUsers,
    'ProviderFieldMappingController.previewPayload': previewPayload,
    'ProviderAdminController.getNotificationSettings': ({ providerId }: { providerId: string }) =>
      settingsOf(require(providerId)),
    'ProviderAdminController.saveNotificationSettings': saveNotificationSettings,
    'ProviderAdminController.sendTestNotification': sendTestNotification,
    'ProviderAdminController.getProfileLinkTemplates': getProfileLinkTemplates,
    'SetupHealthController.getSetupChecklist': getSetupChecklist,
    'SetupHealthController.setProvisioningEnabled': setProvisioningEnabled,
    'SetupHealthController.getOrgLimits': getOrgLimits,
    'SetupHealthController.getProviderHealth': getProviderHealth,
  };
}
