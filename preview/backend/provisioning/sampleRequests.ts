/**
 * Sample provisioning requests over the sample org's agents, in every state, for two providers (a JSON webhook and a
 * SCIM 2.0 provider): what Provisioning_Request__c rows look like after some days of traffic. Deterministic for a
 * given org and start time. Payloads and answers are already redacted the way ProvisioningRedactor does it
 * (sensitive mapping paths username, crm.email, crmUser, phoneNumbers and their SCIM equivalents, plus credentials).
 */
import type {
  ProvisioningAction,
  ProvisioningErrorCategory,
  ProvisioningOrigin,
  ProvisioningStatus,
  ProviderOption,
  RequestDetail,
  RequestRow,
} from '@ccus/apex-contracts';
import { createRandom, type Random } from '../random.js';
import { createIdFactory } from '../salesforceIds.js';
import type { SampleOrg, UserRow } from '../sampleOrg.js';

export const MASK = '[REDACTED]';

/** Attribute names the redactor hides (lower case), as RequestDetail.redactedKeys. */
export const REDACTED_KEYS: readonly string[] = [
  'access_token',
  'api_key',
  'apikey',
  'authorization',
  'client_secret',
  'crmuser',
  'email',
  'emails',
  'password',
  'phonenumbers',
  'refresh_token',
  'secret',
  'token',
  'username',
];

/** A provider of the preview, with the call centers it serves. */
export interface SampleProvider extends ProviderOption {
  callCenterIds: string[];
}

/** One request with everything the detail shows. */
export interface SampleRequest {
  row: RequestRow;
  detail: Omit<RequestDetail, 'request' | 'redactedKeys'>;
  /** Exact sequence (per-user order), compared as a number. */
  sequenceNumber: number;
}

export interface ProvisioningSample {
  providers: SampleProvider[];
  requests: SampleRequest[];
  nextRequestId: () => string;
  nextJobId: () => string;
  /** Next auto number (PR-0000000042). */
  nextNumber: () => number;
}

/** A state a request can be in, as the screen tells them apart. */
export type Scenario =
  | 'queued'
  | 'sending'
  | 'delivered'
  | 'retrying429'
  | 'retrying500'
  | 'retryingTimeout'
  | 'failed401'
  | 'failed409'
  | 'deadLetterMaxAge'
  | 'superseded'
  | 'resolved';

/** The most recent requests cover every state, so the first page shows all of them. */
const COVERING: readonly Scenario[] = [
  'failed401',
  'retrying429',
  'queued',
  'delivered',
  'sending',
  'deadLetterMaxAge',
  'retryingTimeout',
  'failed409',
  'retrying500',
  'delivered',
  'superseded',
  'resolved',
  'queued',
  'delivered',
];

const BACKGROUND: ReadonlyArray<readonly [Scenario, number]> = [
  ['delivered', 78],
  ['superseded', 5],
  ['resolved', 3],
  ['deadLetterMaxAge', 3],
  ['failed401', 2],
  ['failed409', 2],
  ['retrying500', 2],
  ['retrying429', 2],
  ['retryingTimeout', 1],
  ['queued', 2],
];

const SAMPLE_SIZE = 260;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export function formatNumber(value: number): string {
  return `PR-${String(value).padStart(10, '0')}`;
}

/** A value the payload carries at a dot path (a custom field mapping row), already redacted when sensitive. */
export interface PayloadExtra {
  path: string;
  value: unknown;
}

/** JSON with the keys of every object sorted (the Apex serializer's canonical order). */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** Sets `value` at a dot path, creating the objects on the way (a non-object on the way is replaced). */
function setAtPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const segments = path.split('.');
  let node = target;
  segments.slice(0, -1).forEach((segment) => {
    const next = node[segment];
    if (!next || typeof next !== 'object' || Array.isArray(next)) node[segment] = {};
    node = node[segment] as Record<string, unknown>;
  });
  node[segments[segments.length - 1] as string] = value;
}

/**
 * The provider-neutral payload (default field mapping, plus the values of custom mapping rows), redacted,
 * pretty-printed.
 */
export function payloadFor(
  user: UserRow,
  action: ProvisioningAction,
  orgId: string,
  extras: readonly PayloadExtra[] = [],
): string {
  const active = action !== 'Deprovision' && user.IsActive && user.CallCenterId !== null;
  const payload: Record<string, unknown> = {
    crm: {
      callCenterId: action === 'Deprovision' ? null : user.CallCenterId,
      email: MASK,
      language: user.LanguageLocaleKey,
      profileId: `00e8d0000000${user.ProfileName.length.toString(36).padStart(3, '0')}AAA`,
      userRoleId: user.UserRoleName ? `00E8d000000${user.UserRoleName.length.toString(36).padStart(4, '0')}EAA` : null,
      userType: 'Standard',
    },
    crmId: user.Id,
    crmUser: MASK,
    disabled: !active,
    inboundEnabled: active,
    name: user.Name,
    organizationId: orgId,
    phoneNumbers: MASK,
    pictureUrl: `https://northwind-care.my.salesforce.com/profilephoto/005/T/${user.Id.slice(-6)}`,
    username: MASK,
  };
  for (const extra of extras) setAtPath(payload, extra.path, extra.value);
  return JSON.stringify(extras.length ? canonical(payload) : payload, null, 2);
}

/** A successful answer: the provider's user id comes back (and is then mapped). */
export function successResponse(
  provider: SampleProvider,
  user: UserRow,
  action: ProvisioningAction,
  telephonyUserId: string,
): string {
  if (provider.type === 'SCIM') {
    return JSON.stringify(
      {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        id: telephonyUserId,
        externalId: user.Id,
        userName: MASK,
        displayName: MASK,
        active: action !== 'Deprovision',
        emails: MASK,
        meta: { resourceType: 'User', location: `https://scim.example.net/scim/v2/Users/${telephonyUserId}` },
      },
      null,
      2,
    );
  }
  return JSON.stringify(
    {
      received: 1,
      results: [{ crmId: user.Id, status: action === 'Provision' ? 'created' : 'updated', userId: telephonyUserId }],
      session: { token: MASK },
    },
    null,
    2,
  );
}

interface Failure {
  status: number | null;
  category: ProvisioningErrorCategory;
  error: string;
  response: string | null;
}

function failureFor(kind: 'e401' | 'e409' | 'e429' | 'e500' | 'timeout', provider: SampleProvider): Failure {
  const scim = provider.type === 'SCIM';
  const scimError = (status: number, detail: string, scimType?: string): string =>
    JSON.stringify(
      {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        status: String(status),
        ...(scimType ? { scimType } : {}),
        detail,
      },
      null,
      2,
    );
  switch (kind) {
    case 'e401':
      return {
        status: 401,
        category: 'Auth',
        error: 'Authentication failed (401): check the Named Credential and its External Credential.',
        response: scim
          ? scimError(401, 'Bearer token is invalid or expired.')
          : JSON.stringify(
              { error: 'invalid_signature', message: 'Signature verification failed.', authorization: MASK },
              null,
              2,
            ),
      };
    case 'e409':
      return {
        status: 409,
        category: 'Conflict',
        error: 'Conflict (409): another user already has this user name at the provider.',
        response: scim
          ? scimError(409, 'userName is already taken.', 'uniqueness')
          : JSON.stringify({ error: 'duplicate_user', message: 'A user with this username exists.' }, null, 2),
      };
    case 'e429':
      return {
        status: 429,
        category: 'Rate_Limited',
        error: 'Rate limited (429); the provider asked to wait 120 s (Retry-After: 120).',
        response: scim
          ? scimError(429, 'Too many requests. Retry-After: 120')
          : JSON.stringify({ error: 'rate_limited', retryAfterSeconds: 120 }, null, 2),
      };
    case 'e500':
      return {
        status: 500,
        category: 'Server',
        error: 'Provider error (500): Internal Server Error.',
        response: scim
          ? scimError(500, 'An unexpected error occurred.')
          : '<html><body><h1>500 Internal Server Error</h1></body></html>',
      };
    case 'timeout':
      return {
        status: null,
        category: 'Timeout',
        error: 'No answer within 30 s (callout timed out).',
        response: null,
      };
  }
}

/**
 * The call centers the sample's two providers serve. In the standard org (`default`, `noaccess`) they are a pilot:
 * the webhook provider serves the first call center and the fifth (the partner team), the SCIM provider the second;
 * the others have no provider yet, which the guided setup points out (preview/backend/providers). Elsewhere they
 * split every call center between them.
 */
export function servedCallCenters(org: SampleOrg): { webhook: string[]; scim: string[] } {
  const ids = org.callCenters.map((center) => center.Id);
  if (org.preset === 'default' || org.preset === 'noaccess') {
    return {
      webhook: [ids[0], ids[4]].filter((id): id is string => id !== undefined),
      scim: [ids[1]].filter((id): id is string => id !== undefined),
    };
  }
  return { webhook: ids.filter((_, index) => index % 2 === 0), scim: ids.filter((_, index) => index % 2 === 1) };
}

/** Builds the sample: two providers serving the call centers, and requests in every state. */
export function generateProvisioningSample(org: SampleOrg, now: Date): ProvisioningSample {
  const rng = createRandom(org.seed + 4);
  const providerId = createIdFactory('a0B', '8d', 62 ** 3 * 2);
  const requestId = createIdFactory('a0C', '8d', 62 ** 4 * 3);
  const jobId = createIdFactory('707', '8d', 62 ** 4 * 5);
  const webhook: SampleProvider = {
    id: providerId(),
    name: 'Northwind Voice (webhook)',
    type: 'Webhook',
    active: true,
    callCenterIds: [],
  };
  const scim: SampleProvider = {
    id: providerId(),
    name: 'Contoso Identity (SCIM 2.0)',
    type: 'SCIM',
    active: true,
    callCenterIds: [],
  };
  const served = servedCallCenters(org);
  webhook.callCenterIds.push(...served.webhook);
  scim.callCenterIds.push(...served.scim);
  const providers = [webhook, scim];
  let number = 1000;
  const nextNumber = (): number => ++number;
  const sample: ProvisioningSample = {
    providers,
    requests: [],
    nextRequestId: requestId,
    nextJobId: jobId,
    nextNumber,
  };

  // Only agents of a call center one of the providers serves get requests.
  const servedIds = new Set([...served.webhook, ...served.scim]);
  const agents = org.users.filter((user) => user.CallCenterId !== null && servedIds.has(user.CallCenterId));
  if (agents.length === 0) return sample;
  const chosen = new Set<number>();
  const size = Math.min(SAMPLE_SIZE, agents.length);
  while (chosen.size < size) chosen.add(rng.int(agents.length));
  const users = [...chosen].map((index) => agents[index]).filter((user): user is UserRow => user !== undefined);

  // Oldest first: creation times spread over 7 days, the covering scenarios in the last 2 hours.
  const plans: Array<{ user: UserRow; scenario: Scenario; createdAt: number }> = [];
  const background = users.length - Math.min(COVERING.length, users.length);
  for (let i = 0; i < users.length; i++) {
    const user = users[i] as UserRow;
    if (i < background) {
      plans.push({
        user,
        scenario: rng.weighted(BACKGROUND),
        createdAt: now.getTime() - 7 * 24 * HOUR + (i / Math.max(background, 1)) * (7 * 24 * HOUR - 3 * HOUR),
      });
    } else {
      const index = i - background;
      plans.push({
        user,
        scenario: COVERING[COVERING.length - 1 - index] as Scenario,
        createdAt: now.getTime() - 2 * HOUR + index * 8 * MINUTE,
      });
    }
  }

  let sequence = Math.floor(now.getTime() / 1000) * 1_000_000 - 10_000_000;
  for (const plan of plans) {
    const provider = scim.callCenterIds.includes(plan.user.CallCenterId ?? '') ? scim : webhook;
    const make = (
      scenario: Scenario,
      createdAt: number,
      action: ProvisioningAction,
      origin: ProvisioningOrigin,
    ): SampleRequest =>
      buildRequest({
        org,
        rng,
        provider,
        user: plan.user,
        scenario,
        createdAt,
        action,
        origin,
        id: requestId(),
        number: nextNumber(),
        sequence: ++sequence,
        now,
      });
    const action: ProvisioningAction = !plan.user.IsActive
      ? 'Deprovision'
      : rng.weighted<ProvisioningAction>([
          ['Provision', 45],
          ['Update', 50],
          ['Deprovision', 5],
        ]);
    const origin: ProvisioningOrigin = rng.weighted<ProvisioningOrigin>([
      ['User_Change', 85],
      ['Resync', 8],
      ['Flow', 4],
      ['Replay', 3],
    ]);
    if (plan.scenario === 'superseded') {
      // An older change replaced by a newer one of the same user and provider, which was then delivered.
      sample.requests.push(make('superseded', plan.createdAt - 4 * MINUTE, 'Update', origin));
      sample.requests.push(make('delivered', plan.createdAt, action, origin));
    } else {
      // A 409 answers a create; a SCIM provider's 409 on a later change is adopted, not a failure.
      sample.requests.push(
        make(plan.scenario, plan.createdAt, plan.scenario === 'failed409' ? 'Provision' : action, origin),
      );
    }
  }
  return sample;
}

interface BuildArgs {
  org: SampleOrg;
  rng: Random;
  provider: SampleProvider;
  user: UserRow;
  scenario: Scenario;
  createdAt: number;
  action: ProvisioningAction;
  origin: ProvisioningOrigin;
  id: string;
  number: number;
  sequence: number;
  now: Date;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function telephonyIdFor(provider: SampleProvider, user: UserRow): string {
  const tail = user.Id.slice(-8).toLowerCase();
  return provider.type === 'SCIM' ? `2819c223-7f76-453a-919d-${tail}0000` : `tf-${tail}`;
}

function buildRequest(args: BuildArgs): SampleRequest {
  const { org, rng, provider, user, scenario, createdAt, action, origin, id, number, sequence, now } = args;
  const telephonyUserId = telephonyIdFor(provider, user);
  let status: ProvisioningStatus = 'Delivered';
  let attempts = 1;
  let lastAttemptAt: number | null = createdAt + 2_000 + rng.int(20_000);
  let nextAttemptAt: number | null = null;
  let deliveredAt: number | null = null;
  let failure: Failure | null = null;
  let deadLetterReason: string | null = null;
  let response: string | null = null;
  let httpStatus: number | null = null;
  let knownTelephonyId: string | null = null;
  let mappingStatus: string | null = null;
  const expiresAt = createdAt + 24 * HOUR;

  switch (scenario) {
    case 'queued':
      status = 'Pending';
      attempts = 0;
      lastAttemptAt = null;
      nextAttemptAt = Math.max(createdAt, now.getTime() - MINUTE);
      break;
    case 'sending':
      status = 'Sending';
      attempts = 1;
      lastAttemptAt = now.getTime() - 5_000;
      break;
    case 'delivered':
    case 'resolved':
    case 'superseded':
      break;
    case 'retrying429':
    case 'retrying500':
    case 'retryingTimeout': {
      status = 'Pending';
      attempts = 2 + rng.int(3);
      failure = failureFor(
        scenario === 'retrying429' ? 'e429' : scenario === 'retrying500' ? 'e500' : 'timeout',
        provider,
      );
      lastAttemptAt = now.getTime() - (5 + rng.int(20)) * MINUTE;
      nextAttemptAt = now.getTime() + (scenario === 'retrying429' ? 2 : 4 + rng.int(20)) * MINUTE;
      break;
    }
    case 'failed401':
    case 'failed409':
      status = 'Dead_Letter';
      failure = failureFor(scenario === 'failed401' ? 'e401' : 'e409', provider);
      deadLetterReason = `Not retried: the provider rejected the request. ${failure.error}`;
      break;
    case 'deadLetterMaxAge':
      status = 'Dead_Letter';
      attempts = 11;
      failure = failureFor(rng.chance(0.5) ? 'e500' : 'timeout', provider);
      lastAttemptAt = createdAt + 23 * HOUR;
      deadLetterReason = `Gave up after ${attempts} attempts in 24 hours (maximum age). Last error: ${failure.error}`;
      break;
  }

  if (scenario === 'superseded') {
    status = 'Superseded';
    attempts = 0;
    lastAttemptAt = null;
  } else if (scenario === 'resolved') {
    status = 'Resolved';
    failure = failureFor('e401', provider);
    deadLetterReason = `Not retried: the provider rejected the request. ${failure.error}`;
  } else if (status === 'Delivered') {
    deliveredAt = lastAttemptAt;
    // A SCIM provider answers 201 to a create (POST /Users) and 200 to an update; a webhook 200.
    httpStatus = provider.type === 'SCIM' && action === 'Provision' ? 201 : 200;
    response = successResponse(provider, user, action, telephonyUserId);
    knownTelephonyId = telephonyUserId;
    mappingStatus = action === 'Provision' ? 'Created CallCenterRoutingMap' : 'Unchanged';
  }
  if (failure) {
    httpStatus = failure.status;
    response = failure.response;
  }

  const row: RequestRow = {
    id,
    name: formatNumber(number),
    userId: user.Id,
    userName: user.Name,
    providerId: provider.id,
    providerName: provider.name,
    action,
    status,
    origin,
    attempts,
    nextAttemptAt: iso(nextAttemptAt),
    lastAttemptAt: iso(lastAttemptAt),
    lastHttpStatus: httpStatus,
    lastError: failure?.error ?? null,
    errorCategory: failure?.category ?? null,
    createdAt: new Date(createdAt).toISOString(),
    deliveredAt: iso(deliveredAt),
    deadLetterReason,
    callCenterId: user.CallCenterId,
    mappingStatus,
  };
  return {
    row,
    sequenceNumber: sequence,
    detail: {
      payload: payloadFor(user, action, org.organizationId),
      responseExcerpt: response,
      payloadHash: rng.hex(64),
      idempotencyKey: rng.hex(32),
      sequence: String(sequence),
      changedAt: new Date(createdAt - 1_000).toISOString(),
      changedFields:
        action === 'Provision' ? 'IsActive,CallCenterId' : action === 'Deprovision' ? 'IsActive' : 'Email,MobilePhone',
      telephonyUserId: knownTelephonyId,
      expiresAt: new Date(expiresAt).toISOString(),
      resyncJobId: null,
    },
  };
}
