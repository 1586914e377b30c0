/**
 * The Providers feature's in-memory state for one sample org: the telephony providers (Telephony_Provider__c with
 * their call centers, notification recipients and custom field mapping rows), the audit trail, the org's Named
 * Credentials and the org settings the guided setup reads. The providers are the same objects as the provisioning
 * sample's (preview/backend/provisioning/sampleRequests.ts), so the activity screen and the Providers screen share
 * one provider list.
 *
 * Seeds per sample org:
 * - `default`: a new admin's starting point, in an org that has just upgraded to the version with the Providers
 *   screen. A pilot of two providers (the ones the sample requests went to, set up before connection tests existed, so
 *   never tested) serves Global Customer Care, EMEA Sales Desk and the partner team; APAC Technical Support and
 *   Billing & Collections have no provider; six Named Credentials (two that work, one with a wrong token, one DNS, one
 *   TLS, one timeout); provisioning is switched off. The guided setup is therefore incomplete (connections not
 *   tested, provisioning off).
 * - `noaccess`: like `default`, but the admin's permission set is not assigned.
 * - `novoice`: Open CTI call centers (no Service Cloud Voice), both providers tested and provisioning on.
 * - `large`: provisioning on, the SCIM provider on a credential whose token was revoked, the subscriber's running
 *   user deactivated, and org limits close to running out.
 * - `empty`: no call centers, no providers, no Named Credentials, no subscriber user.
 */
import type {
  ConnectionTestSummary,
  ProviderAuditAction,
  ProviderAuditEntry,
  ScimUpdateMethod,
} from '@ccus/apex-contracts';
import type { ProvisioningSample, SampleProvider } from '../provisioning/sampleRequests.js';
import { createIdFactory } from '../salesforceIds.js';
import type { SampleOrg, SampleOrgPreset } from '../sampleOrg.js';
import {
  CREDENTIALS_BY_PRESET,
  SAMPLE_CREDENTIALS,
  connectionTestAuditSummary,
  simulateConnectionTest,
  type SampleNamedCredential,
} from './namedCredentials.js';

/** A custom field mapping row (Telephony_Provider_Field__c). */
export interface CustomFieldRow {
  id: string;
  path: string;
  sourceField: string;
  sensitive: boolean;
}

/** Notification recipients per category (Notify_Health__c, Notify_Auth_Failures__c, Notify_Exceptions__c). */
export interface Recipients {
  health: string[];
  authFailures: string[];
  exceptions: string[];
}

/** A Telephony_Provider__c record with its junction rows and children. */
export interface ProviderRecord extends SampleProvider {
  isDefault: boolean;
  namedCredential: string | null;
  externalCredential: string | null;
  path: string | null;
  description: string | null;
  batchSize: number | null;
  maxAgeHours: number | null;
  scimUpdateMethod: ScimUpdateMethod | null;
  scimIncludeExtension: boolean;
  telephonyIdAttribute: string | null;
  profileUrlStart: string | null;
  profileUrlEnd: string | null;
  /** When a signing secret was last stored through the app (the value itself is never kept). */
  signingSecretSetAt: string | null;
  lastConnectionTest: ConnectionTestSummary | null;
  lastModifiedAt: string;
  lastModifiedByName: string | null;
  recipients: Recipients;
  customFields: CustomFieldRow[];
}

/** The subscriber's running user (PlatformEventSubscriberConfig.UserId). */
export interface SubscriberUser {
  id: string;
  name: string;
  active: boolean;
}

/** One OrgLimits value of the sample org. */
export interface LimitSeed {
  name: string;
  used: number;
  max: number;
}

export interface ProvidersState {
  org: SampleOrg;
  sample: ProvisioningSample;
  /** The same objects as `sample.providers` (add and remove through addProvider / removeProvider). */
  providers: ProviderRecord[];
  credentials: Map<string, SampleNamedCredential>;
  audit: ProviderAuditEntry[];
  settings: {
    provisioningEnabled: boolean;
    /** Contact_Center_User_Sync_Admin assigned to the preview user. */
    permissionSetAssigned: boolean;
    subscriber: SubscriberUser | null;
  };
  limits: LimitSeed[];
  /** OrgLimits names this org does not report. */
  unavailableLimits: string[];
  actor: { id: string; name: string };
  nextProviderId: () => string;
  nextAuditId: () => string;
  nextFieldId: () => string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The OrgLimits the providers screen shows, in the order `limitSeeds` takes their usage. */
const LIMIT_NAMES = [
  'DailyAsyncApexExecutions',
  'HourlyPublishedPlatformEvents',
  'DailyDeliveredPlatformEvents',
  'DailyApiRequests',
  'SingleEmail',
] as const;

/** One seed per `[used, max]` pair, in LIMIT_NAMES order; `null` leaves that limit out (the org has none). */
function limitSeeds(...usage: (readonly [used: number, max: number] | null)[]): readonly LimitSeed[] {
  return LIMIT_NAMES.flatMap((name, index) => {
    const pair = usage[index];
    return pair ? [{ name, used: pair[0], max: pair[1] }] : [];
  });
}

const DEFAULT_LIMITS = limitSeeds(
  [38_412, 250_000],
  [1_284, 250_000],
  [6_020, 50_000],
  [18_944, 1_015_000],
  [212, 5_000],
);

const LIMITS: Readonly<Record<SampleOrgPreset, readonly LimitSeed[]>> = {
  default: DEFAULT_LIMITS,
  noaccess: DEFAULT_LIMITS,
  novoice: limitSeeds([2_150, 250_000], [96, 250_000], null, [2_310, 115_000], [14, 5_000]),
  large: limitSeeds([212_640, 250_000], [231_800, 250_000], [18_300, 50_000], [402_117, 2_015_000], [4_610, 5_000]),
  empty: limitSeeds([0, 250_000], [0, 250_000], [0, 50_000], [1_204, 115_000], [3, 5_000]),
};

/** Limit names an org reports nothing for (an edition without them). */
const UNAVAILABLE: Readonly<Record<SampleOrgPreset, readonly string[]>> = {
  default: [],
  noaccess: [],
  novoice: ['DailyDeliveredPlatformEvents'],
  large: [],
  empty: [],
};

const emptyRecipients = (): Recipients => ({ health: [], authFailures: [], exceptions: [] });

/** Adds a provider to both lists. */
export function addProvider(state: ProvidersState, provider: ProviderRecord): void {
  state.providers.push(provider);
  state.sample.providers.push(provider);
}

/** Removes a provider from both lists (its requests keep its id and name). */
export function removeProvider(state: ProvidersState, providerId: string): void {
  const drop = (list: SampleProvider[]): void => {
    const index = list.findIndex((provider) => provider.id === providerId);
    if (index >= 0) list.splice(index, 1);
  };
  drop(state.providers);
  drop(state.sample.providers);
}

/** Appends an audit entry by the preview user (or `actor`). */
export function recordAudit(
  state: ProvidersState,
  provider: { id: string | null; name: string },
  action: ProviderAuditAction,
  summary: string,
  at: Date,
  actor: { id: string; name: string } = state.actor,
): ProviderAuditEntry {
  const entry: ProviderAuditEntry = {
    id: state.nextAuditId(),
    providerId: provider.id,
    providerName: provider.name,
    action,
    at: at.toISOString(),
    actorId: actor.id,
    actorName: actor.name,
    summary,
  };
  state.audit.push(entry);
  return entry;
}

/** Builds the Providers state of a sample org around its provisioning sample. */
export function createProvidersState(org: SampleOrg, sample: ProvisioningSample, now: Date): ProvidersState {
  const admin = org.users.find((user) => user.Id === org.currentUserId) ?? org.users[0];
  const actor = { id: org.currentUserId, name: admin?.Name ?? 'Preview Admin' };
  // The admin who set the pilot up: another System Administrator of the org, if there is one.
  const previousAdmin = org.users.find(
    (user) => user.Id !== org.currentUserId && user.ProfileName === 'System Administrator' && user.IsActive,
  );
  const pilotActor = previousAdmin ? { id: previousAdmin.Id, name: previousAdmin.Name } : actor;
  // The subscriber's running user: an active integration user (an inactive one in `large`, where provisioning stops).
  const integration = org.users.find(
    (user) => user.ProfileName === 'Integration User' && user.IsActive === (org.preset !== 'large'),
  );

  const credentials = new Map<string, SampleNamedCredential>(
    CREDENTIALS_BY_PRESET[org.preset].map((name) => [name, SAMPLE_CREDENTIALS[name]]),
  );
  const state: ProvidersState = {
    org,
    sample,
    providers: [],
    credentials,
    audit: [],
    settings: {
      provisioningEnabled: org.preset === 'novoice' || org.preset === 'large',
      permissionSetAssigned: org.preset !== 'noaccess',
      subscriber:
        org.preset === 'empty'
          ? null
          : {
              id: integration?.Id ?? org.currentUserId,
              name: integration?.Name ?? 'Provisioning Integration',
              active: org.preset !== 'large',
            },
    },
    limits: LIMITS[org.preset].map((limit) => ({ ...limit })),
    unavailableLimits: [...UNAVAILABLE[org.preset]],
    actor,
    nextProviderId: createIdFactory('a0B', '8d', 62 ** 3 * 2 + 100),
    nextAuditId: createIdFactory('a0E', '8d', 62 ** 3 * 4),
    nextFieldId: createIdFactory('a0F', '8d', 62 ** 3 * 6),
  };

  // The sample's providers become full records (same objects); without agents they are not part of the org.
  const pilots = sample.requests.length > 0 ? [...sample.providers] : [];
  sample.providers.splice(0, sample.providers.length);
  const createdAt = new Date(now.getTime() - 34 * DAY);
  const testedAt = new Date(now.getTime() - 26 * HOUR);
  for (const pilot of pilots) {
    const webhook = pilot.type === 'Webhook';
    const credential = webhook ? 'Northwind_Voice' : org.preset === 'large' ? 'Contoso_Scim_Sandbox' : 'Contoso_Scim';
    const record: ProviderRecord = Object.assign(pilot, {
      isDefault: webhook && org.preset === 'large',
      namedCredential: credential,
      externalCredential: webhook ? 'Northwind_Voice_Signing' : null,
      path: webhook ? '/integrations/salesforce/webhook' : '/scim/v2',
      description: webhook
        ? 'Pilot: the webhook of the Northwind Voice tenant.'
        : 'Pilot: Contoso Identity provisions the agents of the EMEA tenant.',
      batchSize: webhook ? 50 : 20,
      maxAgeHours: null,
      scimUpdateMethod: webhook ? null : ('PATCH' as const),
      scimIncludeExtension: !webhook,
      telephonyIdAttribute: null,
      profileUrlStart: webhook
        ? 'https://admin.northwind-voice.example.com/agents/'
        : 'https://contoso-identity.example.net/admin/users/',
      profileUrlEnd: webhook ? null : '/profile',
      signingSecretSetAt: webhook ? createdAt.toISOString() : null,
      lastConnectionTest: null,
      lastModifiedAt: createdAt.toISOString(),
      lastModifiedByName: pilotActor.name,
      recipients: webhook
        ? {
            health: ['cc-ops@northwind-care.example.com'],
            authFailures: ['cc-ops@northwind-care.example.com', 'it-integrations@northwind-care.example.com'],
            exceptions: ['cc-ops@northwind-care.example.com'],
          }
        : emptyRecipients(),
      customFields: webhook
        ? [{ id: state.nextFieldId(), path: 'crm.department', sourceField: 'Department', sensitive: false }]
        : [],
    });
    addProvider(state, record);
    recordAudit(
      state,
      record,
      'CREATED',
      `Type: ${record.type}; Named Credential: ${credential}; Path: ${record.path}`,
      createdAt,
      pilotActor,
    );
    // The standard org was just upgraded to the version with connection tests: its providers were never tested.
    if (org.preset === 'default' || org.preset === 'noaccess') continue;
    const result = simulateConnectionTest(
      {
        providerId: record.id,
        type: record.type,
        namedCredential: record.namedCredential,
        externalCredential: record.externalCredential,
        path: record.path,
      },
      credentials,
      testedAt,
    );
    record.lastConnectionTest = {
      testedAt: result.testedAt,
      ok: result.ok,
      diagnosis: result.diagnosis,
      httpStatus: result.httpStatus,
      latencyMs: result.latencyMs,
      message: result.message,
    };
    recordAudit(state, record, 'CONNECTION_TESTED', connectionTestAuditSummary(result), testedAt, pilotActor);
  }
  return state;
}
