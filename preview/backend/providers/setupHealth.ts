/**
 * SetupHealthService (force-app/main/providers/classes) in the preview, with its rules and wording: the guided setup
 * checklist computed live from the Providers state and the sample org, the org limits that bound provisioning
 * (sample OrgLimits numbers), and each provider's delivery health over the last 24 hours computed from the
 * provisioning sample's requests.
 */
import type {
  LimitLevel,
  LimitsReport,
  OrgLimitUsage,
  ProviderHealth,
  RequestRow,
  SetupChecklist,
  SetupChecklistItem,
  SetupFixTarget,
  SetupItemStatus,
  TransactionLimitNote,
} from '@ccus/apex-contracts';
import type { ProviderRecord, ProvidersState } from './store.js';

const HOUR = 3_600_000;
export const WINDOW_HOURS = 24;
/** ProvisioningSettings.DEFAULT_STALL_MINUTES. */
export const STALL_MINUTES = 60;
export const ADMIN_PERMISSION_SET = 'Contact_Center_User_Sync_Admin';
/** Origins of requests the event subscriber creates (SetupHealthSelector.SUBSCRIBER_ORIGINS). */
const SUBSCRIBER_ORIGINS = new Set(['User_Change', 'Replay', 'Flow']);

const fix = (kind: SetupFixTarget['kind'], value: string, label: string): SetupFixTarget => ({ kind, value, label });

function item(
  key: SetupChecklistItem['key'],
  label: string,
  status: SetupItemStatus,
  detail: string,
  target: SetupFixTarget | null,
): SetupChecklistItem {
  return { key, label, status, detail, fix: target };
}

function permissionSetItem(state: ProvidersState): SetupChecklistItem {
  const target = fix('SETUP', 'PermSets/home', 'Open Permission Sets');
  return state.settings.permissionSetAssigned
    ? item(
        'PERMISSION_SET',
        'Permission set assigned',
        'DONE',
        `You have ${ADMIN_PERMISSION_SET}. Assign it to every admin of this app; the integration user needs ` +
          'Contact_Center_User_Sync_Provisioning instead.',
        target,
      )
    : item(
        'PERMISSION_SET',
        'Permission set assigned',
        'TODO',
        `You do not have ${ADMIN_PERMISSION_SET}: without it some screens and fields of this app stay empty or fail. ` +
          'Assign it in Setup > Permission Sets.',
        target,
      );
}

function serviceCloudVoiceItem(state: ProvidersState): SetupChecklistItem {
  const label = 'Service Cloud Voice';
  switch (state.org.mappingAvailability) {
    case 'AVAILABLE':
      return item(
        'SERVICE_CLOUD_VOICE',
        label,
        'DONE',
        'Service Cloud Voice is on and you can read routing maps (CallCenterRoutingMap): every screen of this app works.',
        fix('SECTION', 'overview', 'Open the Overview'),
      );
    case 'NO_ACCESS':
      return item(
        'SERVICE_CLOUD_VOICE',
        label,
        'WARNING',
        'Service Cloud Voice is on, but you cannot read routing maps: the Unmapped users and Mappings screens and the ' +
          'mapped counts of the Overview stay empty. Assign yourself Voice Contact Center Admin, Contact Center Admin ' +
          '(Partner Telephony), Contact Center Supervisor or the Manage Call Centers permission. Provisioning to ' +
          'providers is not affected.',
        fix('SETUP', 'PermSets/home', 'Open Permission Sets'),
      );
    default:
      return item(
        'SERVICE_CLOUD_VOICE',
        label,
        'NOT_APPLICABLE',
        'Service Cloud Voice is not enabled in this org, so routing maps (CallCenterRoutingMap) do not exist: the ' +
          'Unmapped users and Mappings screens, the mapped counts of the Overview and the write-back of telephony ids ' +
          'are disabled. Provisioning users to telephony providers still works.',
        fix('DOC', 'service-cloud-voice', 'What needs Service Cloud Voice'),
      );
  }
}

function callCentersItem(state: ProvidersState): SetupChecklistItem {
  const count = state.org.callCenters.length;
  if (count > 0) {
    return item(
      'CALL_CENTERS',
      'Call centers exist',
      'DONE',
      `${count}${count === 1 ? ' call center is' : ' call centers are'} set up.`,
      fix('SECTION', 'overview', 'Open the Overview'),
    );
  }
  return item(
    'CALL_CENTERS',
    'Call centers exist',
    'TODO',
    "No call center is set up (or you cannot see any). Import your telephony system's call center definition in " +
      'Setup > Call Centers, then add agents to it.',
    fix('SETUP', 'CallCenters/home', 'Open Call Centers'),
  );
}

/** Names of call centers with active agents that no active provider serves, sorted (like SetupHealthService). */
function unservedCallCenters(state: ProvidersState, served: ReadonlySet<string>): string[] {
  const served15 = new Set([...served].map((id) => id.slice(0, 15)));
  const withAgents = new Set<string>();
  for (const user of state.org.users) {
    if (user.IsActive && user.CallCenterId) withAgents.add(user.CallCenterId);
  }
  return state.org.callCenters
    .filter((center) => withAgents.has(center.Id) && !served15.has(center.Id.slice(0, 15)))
    .map((center) => center.Name)
    .sort();
}

/** "A, B and C", or "A, B, C and 4 more" past three names. */
function describeNames(names: readonly string[]): string {
  const head = names.slice(0, 3);
  if (names.length > head.length) return `${head.join(', ')} and ${names.length - head.length} more`;
  if (head.length <= 1) return head.join('');
  return `${head.slice(0, -1).join(', ')} and ${head.slice(-1).join('')}`;
}

function providerItem(state: ProvidersState): SetupChecklistItem {
  const providers = state.providers;
  const label = 'Telephony provider configured';
  const target = fix('SECTION', 'providers', 'Open Providers');
  const active = providers.filter((provider) => provider.active);
  const serving = active.filter((provider) => provider.isDefault || provider.callCenterIds.length > 0);
  const hasDefault = active.some((provider) => provider.isDefault);
  const callCenters = new Set(active.flatMap((provider) => provider.callCenterIds));
  if (providers.length === 0) {
    return item(
      'PROVIDER',
      label,
      'TODO',
      'No telephony provider is configured: nothing is sent when agents join, change or leave. Add one (JSON ' +
        'webhook or SCIM 2.0).',
      target,
    );
  }
  if (active.length === 0) {
    return item(
      'PROVIDER',
      label,
      'TODO',
      `${providers.length}${providers.length === 1 ? ' provider is' : ' providers are'} configured but none is ` +
        'active: nothing is sent. Activate one.',
      target,
    );
  }
  if (serving.length === 0) {
    return item(
      'PROVIDER',
      label,
      'TODO',
      'No active provider serves a call center and none is the default: nothing is sent. Choose the call centers a ' +
        'provider serves, or make one the default.',
      target,
    );
  }
  let detail =
    `${serving.length}${serving.length === 1 ? ' active provider serves ' : ' active providers serve '}` +
    `${callCenters.size}${callCenters.size === 1 ? ' call center' : ' call centers'}` +
    (hasDefault ? ', and the default provider serves every other call center.' : '.');
  if (active.length > serving.length) {
    detail += ` ${active.length - serving.length} active provider(s) serve no call center and send nothing.`;
  }
  const unserved = hasDefault ? [] : unservedCallCenters(state, callCenters);
  if (unserved.length > 0) {
    return item(
      'PROVIDER',
      label,
      'WARNING',
      `${detail} ${unserved.length}${unserved.length === 1 ? ' call center with agents has' : ' call centers with agents have'}` +
        ` no provider, so their agents are not provisioned: ${describeNames(unserved)}. Choose a provider for them, ` +
        'or make one provider the default.',
      target,
    );
  }
  return item('PROVIDER', label, 'DONE', detail, target);
}

function namedCredentialItem(providers: readonly ProviderRecord[]): SetupChecklistItem {
  const label = 'Named Credential authenticated';
  const providersFix = fix('SECTION', 'providers', 'Test the connection');
  const credentialFix = fix('SETUP', 'NamedCredential/home', 'Open Named Credentials');
  const active = providers.filter((provider) => provider.active);
  const missing = active.filter((provider) => !provider.namedCredential).map((provider) => provider.name);
  const untested = active
    .filter((provider) => provider.namedCredential && provider.lastConnectionTest === null)
    .map((provider) => provider.name);
  const failing = active
    .filter((provider) => provider.namedCredential && provider.lastConnectionTest && !provider.lastConnectionTest.ok)
    .map(
      (provider) =>
        `${provider.name}${provider.lastConnectionTest?.message ? ` (${provider.lastConnectionTest.message})` : ''}`,
    );
  if (active.length === 0) {
    return item(
      'NAMED_CREDENTIAL',
      label,
      'TODO',
      'No active provider yet: configure one, then test its connection.',
      providersFix,
    );
  }
  if (missing.length) {
    return item(
      'NAMED_CREDENTIAL',
      label,
      'TODO',
      `No Named Credential is set for ${missing.join(', ')}: nothing can be sent. Create one in Setup > Named ` +
        'Credentials and pick it in the provider.',
      credentialFix,
    );
  }
  if (failing.length) {
    return item(
      'NAMED_CREDENTIAL',
      label,
      'WARNING',
      `The last connection test failed for ${failing.join('; ')}. Fix the credential or the endpoint, then test again.`,
      credentialFix,
    );
  }
  if (untested.length) {
    return item(
      'NAMED_CREDENTIAL',
      label,
      'TODO',
      `The connection of ${untested.join(', ')} was never tested. Test it on the Providers screen.`,
      providersFix,
    );
  }
  return item(
    'NAMED_CREDENTIAL',
    label,
    'DONE',
    `The last connection test of every active provider (${active.length}) succeeded.`,
    providersFix,
  );
}

/** The running user as the Apex sees it: the creator of the newest request the subscriber made. */
function subscriberUserItem(state: ProvidersState): SetupChecklistItem {
  const label = 'Event subscriber running user';
  const docFix = fix('DOC', 'event-subscriber-running-user', "Set the subscriber's running user");
  const usersFix = fix('SETUP', 'ManageUsers/home', 'Open Users');
  const newest = state.sample.requests
    .map((request) => request.row)
    .filter((row) => SUBSCRIBER_ORIGINS.has(row.origin))
    .reduce<RequestRow | null>((latest, row) => (!latest || row.createdAt > latest.createdAt ? row : latest), null);
  const user = state.settings.subscriber;
  if (!newest || !user) {
    return item(
      'SUBSCRIBER_USER',
      label,
      'UNKNOWN',
      "No user change has been provisioned yet, so the subscriber's running user cannot be checked. Deploy the " +
        'PlatformEventSubscriberConfig with your integration user (see the guide), switch provisioning on, then add ' +
        'an agent to a call center: this item updates once the first request appears.',
      docFix,
    );
  }
  if (!user.active) {
    return item(
      'SUBSCRIBER_USER',
      label,
      'WARNING',
      `The subscriber runs as ${user.name}, who is inactive: provisioning stops. Reactivate the user, or deploy the ` +
        'subscriber config with another integration user.',
      usersFix,
    );
  }
  return item(
    'SUBSCRIBER_USER',
    label,
    'DONE',
    `The subscriber runs as ${user.name} (active), subscription Running; last request created ${newest.createdAt}.`,
    usersFix,
  );
}

function provisioningEnabledItem(state: ProvidersState): SetupChecklistItem {
  const target = fix('SECTION', 'setup', 'Switch provisioning on');
  return state.settings.provisioningEnabled
    ? item(
        'PROVISIONING_ENABLED',
        'Provisioning switched on',
        'DONE',
        'Provisioning is on for the org: user changes are sent to the providers. A profile or user setting can still ' +
          'switch it off for a data-load user.',
        target,
      )
    : item(
        'PROVISIONING_ENABLED',
        'Provisioning switched on',
        'TODO',
        'Provisioning is off for the org: user changes are not sent. Switch it on once the items above are done.',
        target,
      );
}

export function buildChecklist(state: ProvidersState, now: Date): SetupChecklist {
  const items = [
    permissionSetItem(state),
    serviceCloudVoiceItem(state),
    callCentersItem(state),
    providerItem(state),
    namedCredentialItem(state.providers),
    subscriberUserItem(state),
    provisioningEnabledItem(state),
  ];
  const completed = items.filter((entry) => entry.status === 'DONE' || entry.status === 'NOT_APPLICABLE').length;
  return {
    items,
    completed,
    total: items.length,
    complete: completed === items.length,
    provisioningEnabled: state.settings.provisioningEnabled,
    generatedAt: now.toISOString(),
  };
}

/** SetupHealthService.LIMIT_SPECS: the org limits that bound provisioning, in display order. */
const LIMIT_SPECS: ReadonlyArray<{ names: readonly string[]; label: string; whenExhausted: string }> = [
  {
    names: ['DailyAsyncApexExecutions'],
    label: 'Asynchronous Apex executions (24 hours)',
    whenExhausted:
      'The dispatcher and delivery Queueables cannot start: requests stay Pending and are retried by the hourly ' +
      'monitor once executions are available again. Nothing is lost until a request reaches its maximum age (24 ' +
      'hours by default) and becomes a dead letter, which an admin can retry.',
  },
  {
    names: ['HourlyPublishedPlatformEvents', 'HourlyPublishedStandardVolumePlatformEvents'],
    label: 'Platform events published (hour)',
    whenExhausted:
      'User changes saved while it is used up cannot publish their Provisioning Change event: the save itself ' +
      'succeeds, the failure is logged, and those changes are not sent. Resync the call center from the ' +
      'Provisioning screen once the hour has passed.',
  },
  {
    names: ['DailyDeliveredPlatformEvents', 'DailyStandardVolumePlatformEvents'],
    label: 'Platform events delivered (24 hours)',
    whenExhausted:
      'Provisioning is not affected: delivery to Apex triggers does not count against this allocation. Only ' +
      'external subscribers (CometD, Pub/Sub API, empApi) that listen to the same events stop receiving them.',
  },
  {
    names: ['DailyApiRequests'],
    label: 'API requests (24 hours)',
    whenExhausted:
      'Provisioning itself makes no API requests (its callouts to providers do not count). Tools that import ' +
      'mappings through the API, integrations and data loaders are refused until the count resets.',
  },
  {
    names: ['SingleEmail'],
    label: 'Single emails (24 hours)',
    whenExhausted:
      'Notification emails (dead letters, authentication failures, stalled queue) are not sent; in-app ' +
      'notifications still arrive when they are switched on, and the Provisioning screen still shows every request.',
  },
];

const TRANSACTION_LIMITS: readonly TransactionLimitNote[] = [
  {
    label: 'Callouts per transaction',
    value: '100 callouts, 120 s in total',
    note:
      'A delivery job plans at most 60 callouts, stops at 90 and 100 s, each callout waits at most 20 s. This is ' +
      'what bounds a job: a webhook sends up to its batch size (at most 100) changes per callout, SCIM one user per ' +
      'callout unless the provider supports /Bulk. Requests left over are sent by the next job.',
  },
  {
    label: 'Queueable jobs enqueued',
    value: '50 per synchronous transaction, 1 per Queueable',
    note:
      'Each step enqueues exactly one next job (dispatcher → delivery → mapping write-back → dispatcher); the event ' +
      'subscriber enqueues at most one, deduplicated.',
  },
  {
    label: 'DML rows per transaction',
    value: '10,000',
    note: 'A dispatcher claims at most 2000 requests and a delivery job records at most as many outcomes.',
  },
  {
    label: 'Query rows per transaction',
    value: '50,000',
    note: 'The dispatcher reads at most 5000 candidate requests; counts use COUNT() with GROUP BY (one row per group).',
  },
  {
    label: 'SOQL queries per transaction',
    value: '100 (synchronous), 200 (asynchronous)',
    note:
      'Every provisioning step uses at most 8. The User trigger uses none for inserts and at most one per transaction ' +
      "for updates (the providers' custom field mappings).",
  },
  {
    label: 'Platform event trigger batch',
    value: 'up to 2,000 events',
    note: 'The subscriber is configured for batches of 200 and stays within limits at 2,000 (5 queries, 2 DML statements).',
  },
];

/** OK, WARNING (from 75 %) or CRITICAL (from 90 %). */
export function levelOf(percentUsed: number): LimitLevel {
  return percentUsed >= 90 ? 'CRITICAL' : percentUsed >= 75 ? 'WARNING' : 'OK';
}

export function buildLimitsReport(state: ProvidersState, now: Date): LimitsReport {
  const values = new Map(
    state.limits.filter((limit) => !state.unavailableLimits.includes(limit.name)).map((limit) => [limit.name, limit]),
  );
  const report: LimitsReport = {
    checkedAt: now.toISOString(),
    limits: [],
    unavailable: [],
    transactionLimits: TRANSACTION_LIMITS.map((note) => ({ ...note })),
  };
  for (const spec of LIMIT_SPECS) {
    const value = spec.names.map((name) => values.get(name)).find((found) => found !== undefined);
    if (!value || value.max <= 0) {
      report.unavailable.push(spec.names[0] ?? '');
      continue;
    }
    const used = Math.max(0, value.used);
    const percentUsed = Math.min(100, Math.round((100 * used) / value.max));
    const usage: OrgLimitUsage = {
      name: value.name,
      label: spec.label,
      used,
      max: value.max,
      remaining: Math.max(0, value.max - used),
      percentUsed,
      level: levelOf(percentUsed),
      whenExhausted: spec.whenExhausted,
    };
    report.limits.push(usage);
  }
  return report;
}

/** One provider's numbers over the window (SetupHealthSelector.providerStats over the sample requests). */
export interface ProviderStats {
  delivered: number;
  failures: number;
  deadLetters: number;
  pending: number;
  sending: number;
  oldestPendingAt: string | null;
  lastDeliveredAt: string | null;
  lastFailure: RequestRow | null;
}

/** When a request last changed: its last attempt, else its creation (the sample's LastModifiedDate). */
const changedAt = (row: RequestRow): string => row.lastAttemptAt ?? row.createdAt;

export function providerStats(state: ProvidersState, providerId: string, since: Date): ProviderStats {
  const sinceIso = since.toISOString();
  const stats: ProviderStats = {
    delivered: 0,
    failures: 0,
    deadLetters: 0,
    pending: 0,
    sending: 0,
    oldestPendingAt: null,
    lastDeliveredAt: null,
    lastFailure: null,
  };
  for (const { row } of state.sample.requests) {
    if (row.providerId !== providerId) continue;
    if (row.status === 'Delivered' && row.deliveredAt) {
      if (row.deliveredAt >= sinceIso) stats.delivered++;
      if (!stats.lastDeliveredAt || row.deliveredAt > stats.lastDeliveredAt) stats.lastDeliveredAt = row.deliveredAt;
    }
    if (row.status === 'Pending') {
      stats.pending++;
      if (!stats.oldestPendingAt || row.createdAt < stats.oldestPendingAt) stats.oldestPendingAt = row.createdAt;
    }
    if (row.status === 'Sending') stats.sending++;
    const recent = changedAt(row) >= sinceIso;
    if (row.status === 'Dead_Letter' && recent) stats.deadLetters++;
    const failed = row.errorCategory !== null && ['Pending', 'Sending', 'Dead_Letter'].includes(row.status);
    if (failed && recent) {
      stats.failures++;
      if (!stats.lastFailure || changedAt(row) > changedAt(stats.lastFailure)) stats.lastFailure = row;
    }
  }
  return stats;
}

function lastErrorText(failure: RequestRow | null): string {
  if (!failure) return '';
  if (failure.lastHttpStatus !== null && failure.lastHttpStatus > 0)
    return `; last error: HTTP ${failure.lastHttpStatus}`;
  if (failure.errorCategory) return `; last error: ${failure.errorCategory.replace('_', ' ').toLowerCase()}`;
  return '';
}

/** SetupHealthService.toHealth: the health rules, in order, applied to one provider's numbers. */
export function providerHealth(state: ProvidersState, provider: ProviderRecord, now: Date): ProviderHealth {
  const stats = providerStats(state, provider.id, new Date(now.getTime() - WINDOW_HOURS * HOUR));
  const backlog = stats.pending + stats.sending;
  const attempts = stats.delivered + stats.failures;
  const lastError = lastErrorText(stats.lastFailure);
  const stalled =
    stats.oldestPendingAt !== null && Date.parse(stats.oldestPendingAt) + STALL_MINUTES * 60_000 < now.getTime();
  const lastFailureAt = stats.lastFailure ? changedAt(stats.lastFailure) : null;
  const newestIsFatal =
    lastFailureAt !== null &&
    (stats.lastDeliveredAt === null || lastFailureAt > stats.lastDeliveredAt) &&
    (stats.lastFailure?.errorCategory === 'Auth' || stats.lastFailure?.errorCategory === 'Configuration');
  let healthState: ProviderHealth['state'];
  let reason: string;
  if (!provider.active) {
    healthState = 'INACTIVE';
    reason = `Deactivated: sends nothing new${backlog > 0 ? `; ${backlog} waiting request(s) will not be sent.` : '.'}`;
  } else if (stats.failures > 0 && stats.delivered === 0) {
    healthState = 'FAILING';
    reason = `All ${stats.failures}${stats.failures === 1 ? ' delivery' : ' deliveries'} in the last 24 hours failed${lastError}.`;
  } else if (newestIsFatal) {
    healthState = 'FAILING';
    reason =
      `The newest delivery failed with an error that retrying does not fix${lastError}; ${stats.failures} of ` +
      `${attempts} deliveries failed in the last 24 hours.`;
  } else if (stats.failures > 0) {
    healthState = 'DEGRADED';
    reason = `${stats.failures} of ${attempts} deliveries failed in the last 24 hours${lastError}.`;
  } else if (stats.deadLetters > 0) {
    healthState = 'DEGRADED';
    reason = `${stats.deadLetters} request(s) became dead letters in the last 24 hours: retry or resolve them on the Provisioning screen.`;
  } else if (stalled) {
    healthState = 'DEGRADED';
    reason = `The oldest pending request has waited since ${stats.oldestPendingAt ?? ''} (more than ${STALL_MINUTES} minutes): delivery may be stalled.`;
  } else if (attempts === 0 && backlog === 0) {
    healthState = 'IDLE';
    reason = 'Nothing to send in the last 24 hours.';
  } else {
    healthState = 'HEALTHY';
    reason =
      `${stats.delivered}${stats.delivered === 1 ? ' delivery' : ' deliveries'} in the last 24 hours, none failed` +
      (backlog > 0 ? `; ${backlog} waiting.` : '.');
  }
  return {
    providerId: provider.id,
    name: provider.name,
    type: provider.type,
    active: provider.active,
    state: healthState,
    reason,
    lastDeliveredAt: stats.lastDeliveredAt,
    deliveredLast24h: stats.delivered,
    failuresLast24h: stats.failures,
    deadLettersLast24h: stats.deadLetters,
    backlog,
    oldestPendingAt: stats.oldestPendingAt,
  };
}

/** Every provider's health, oldest provider first (the Apex orders by CreatedDate). */
export function buildProviderHealth(state: ProvidersState, now: Date): ProviderHealth[] {
  return state.providers.map((provider) => providerHealth(state, provider, now));
}
