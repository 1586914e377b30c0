/**
 * The preview's ProvisioningActivityService (force-app/main/provisioning/classes): the activity screen's Apex methods
 * over sample requests held in memory. Retry, replay and resolve change the requests the way the Apex service does
 * (same skip rules and reasons); a retried or replayed request then goes Pending → Sending → Delivered on short
 * timers, as the delivery Queueable would. A resync progresses with time.
 */
import type {
  ActivityFilters,
  BulkActionResult,
  ProvisioningContracts,
  ProvisioningStatus,
  RequestDetail,
  RequestPage,
  RequestQuery,
  RequestRow,
  ResyncProgress,
} from '@ccus/apex-contracts';
import type { FeatureBackend } from '../apexBackend.js';
import { AuraHandledError } from '../errors.js';
import type { SampleOrg } from '../sampleOrg.js';
import {
  REDACTED_KEYS,
  formatNumber,
  generateProvisioningSample,
  payloadFor,
  successResponse,
  telephonyIdFor,
  type ProvisioningSample,
  type SampleRequest,
} from './sampleRequests.js';

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 200;
const COUNT_CAP = 2000;
const MAX_AGE_HOURS = 24;
/** Preview delivery: Pending → Sending after this, Sending → Delivered after as long again. */
export const DELIVERY_STEP_MS = 1200;
/**
 * A resync advances one step per RESYNC_TICK_MS (timers, not the clock: the browser tests fix Date.now()). Its batch
 * queues the agents over RESYNC_QUEUE_STEPS steps; its requests finish over RESYNC_DELIVER_STEPS more, starting
 * halfway through the queueing.
 */
export const RESYNC_TICK_MS = 400;
export const RESYNC_QUEUE_STEPS = 8;
export const RESYNC_DELIVER_STEPS = 8;
const BATCH_SIZE = 200;

const STATUS_LABELS: ReadonlyArray<readonly [ProvisioningStatus, string]> = [
  ['Pending', 'Pending'],
  ['Sending', 'Sending'],
  ['Delivered', 'Delivered'],
  ['Superseded', 'Superseded'],
  ['Dead_Letter', 'Dead Letter'],
  ['Resolved', 'Resolved'],
];
const KNOWN_STATUSES = new Set<string>(STATUS_LABELS.map(([value]) => value));
const KNOWN_ACTIONS = new Set<string>(['Provision', 'Update', 'Deprovision']);

interface ResyncJob {
  jobId: string;
  /** Ticks since the start. */
  steps: number;
  agents: number;
}

/** Newest first: CreatedDate DESC, Id DESC (the Apex keyset order). */
function compareNewestFirst(left: RequestRow, right: RequestRow): number {
  if (left.createdAt !== right.createdAt) return left.createdAt < right.createdAt ? 1 : -1;
  return left.id < right.id ? 1 : left.id > right.id ? -1 : 0;
}

function encodeCursor(row: RequestRow): string {
  return btoa(`${row.createdAt}|${row.id}`);
}

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const [createdAt, id] = atob(cursor).split('|');
    if (createdAt && id) return { createdAt, id };
  } catch {
    // Falls through to the error below.
  }
  throw new AuraHandledError('Provisioning activity: the requests could not be loaded. The page cursor is not valid.');
}

function matches(row: RequestRow, query: RequestQuery): boolean {
  if (query.userId && row.userId !== query.userId) return false;
  if (query.userSearch && !(row.userName ?? '').toLowerCase().includes(query.userSearch.toLowerCase())) return false;
  if (query.providerId && row.providerId !== query.providerId) return false;
  const actions = (query.actions ?? []).filter((action) => KNOWN_ACTIONS.has(action));
  if (actions.length && !actions.includes(row.action)) return false;
  const statuses = (query.statuses ?? []).filter((status) => KNOWN_STATUSES.has(status));
  if (statuses.length && !statuses.includes(row.status)) return false;
  if (query.createdFrom && row.createdAt < new Date(query.createdFrom).toISOString()) return false;
  if (query.createdTo && row.createdAt > new Date(query.createdTo).toISOString()) return false;
  return true;
}

/**
 * @param sample the org's sample requests and providers; pass the one the Providers backend uses too, so both
 *   features see one provider list (created, edited, deactivated and deleted providers show up here).
 */
export function createProvisioningBackend(
  org: SampleOrg,
  now: () => Date = () => new Date(),
  sample: ProvisioningSample = generateProvisioningSample(org, now()),
): FeatureBackend<ProvisioningContracts> {
  const byId = new Map<string, SampleRequest>(sample.requests.map((request) => [request.row.id, request]));
  const usersById = new Map(org.users.map((user) => [user.Id, user]));
  const jobs = new Map<string, ResyncJob>();
  let sequence = Math.max(0, ...sample.requests.map((request) => request.sequenceNumber));

  const find = (id: string): SampleRequest => {
    const request = byId.get(id);
    if (!request) throw new AuraHandledError('The provisioning request was not found or you cannot see it.');
    return request;
  };
  const providerOf = (request: SampleRequest) =>
    sample.providers.find((provider) => provider.id === request.row.providerId);
  const streamKey = (row: RequestRow): string => `${row.userId ?? ''}|${row.providerId ?? ''}`;
  const newestSequence = (row: RequestRow): number =>
    Math.max(
      ...sample.requests
        .filter((other) => streamKey(other.row) === streamKey(row))
        .map((other) => other.sequenceNumber),
    );

  /** What the delivery job does in the preview: send once, then record the provider's 2xx answer. */
  const deliverLater = (request: SampleRequest): void => {
    setTimeout(() => {
      if (request.row.status !== 'Pending') return;
      request.row.status = 'Sending';
      request.row.attempts += 1;
      request.row.lastAttemptAt = now().toISOString();
      setTimeout(() => {
        if (request.row.status !== 'Sending') return;
        const provider = providerOf(request);
        const user = request.row.userId ? usersById.get(request.row.userId) : undefined;
        const at = now().toISOString();
        request.row.status = 'Delivered';
        request.row.deliveredAt = at;
        request.row.lastAttemptAt = at;
        request.row.nextAttemptAt = null;
        request.row.lastHttpStatus = provider?.type === 'SCIM' && request.row.action === 'Provision' ? 201 : 200;
        request.row.lastError = null;
        request.row.errorCategory = null;
        request.row.deadLetterReason = null;
        if (provider && user) {
          const telephonyUserId = telephonyIdFor(provider, user);
          request.detail.responseExcerpt = successResponse(provider, user, request.row.action, telephonyUserId);
          request.detail.telephonyUserId = telephonyUserId;
          request.row.mappingStatus = request.row.action === 'Provision' ? 'Created CallCenterRoutingMap' : 'Unchanged';
        }
      }, DELIVERY_STEP_MS);
    }, DELIVERY_STEP_MS);
  };

  const loadForAction = (requestIds: string[], result: BulkActionResult): SampleRequest[] => {
    const ids = [...new Set(requestIds ?? [])];
    result.requested = ids.length;
    const found: SampleRequest[] = [];
    for (const id of ids) {
      const request = byId.get(id);
      if (request) found.push(request);
      else result.skipped.push({ requestId: id, reason: 'The request was not found or you cannot see it.' });
    }
    return found;
  };

  const emptyResult = (): BulkActionResult => ({ requested: 0, succeeded: 0, skipped: [], createdRequestIds: [] });

  const getRequests = ({ query }: { query: RequestQuery | null }): RequestPage => {
    const effective = query ?? {};
    const pageSize = Math.max(1, Math.min(MAX_PAGE_SIZE, effective.pageSize ?? DEFAULT_PAGE_SIZE));
    const matching = sample.requests.map((request) => request.row).filter((row) => matches(row, effective));
    matching.sort(compareNewestFirst);
    let start = 0;
    if (effective.cursor) {
      const cursor = decodeCursor(effective.cursor);
      const after = matching.findIndex(
        (row) => row.createdAt < cursor.createdAt || (row.createdAt === cursor.createdAt && row.id < cursor.id),
      );
      start = after < 0 ? matching.length : after;
    }
    const rows = matching.slice(start, start + pageSize);
    const last = rows[rows.length - 1];
    return {
      rows: rows.map((row) => ({ ...row })),
      nextCursor: start + pageSize < matching.length && last ? encodeCursor(last) : null,
      totalCount: Math.min(matching.length, COUNT_CAP),
      totalCountCapped: matching.length > COUNT_CAP,
    };
  };

  const getRequestDetail = ({ requestId }: { requestId: string }): RequestDetail => {
    const request = find(requestId);
    return { request: { ...request.row }, ...request.detail, redactedKeys: [...REDACTED_KEYS] };
  };

  const retryRequests = ({ requestIds }: { requestIds: string[] }): BulkActionResult => {
    const result = emptyResult();
    const retryable = new Set<ProvisioningStatus>(['Dead_Letter', 'Resolved', 'Pending']);
    for (const request of loadForAction(requestIds, result)) {
      const provider = providerOf(request);
      if (!retryable.has(request.row.status)) {
        result.skipped.push({
          requestId: request.row.id,
          reason: `A ${request.row.status.replace('_', ' ').toLowerCase()} request cannot be retried; replay it instead.`,
        });
      } else if (newestSequence(request.row) > request.sequenceNumber) {
        result.skipped.push({
          requestId: request.row.id,
          reason: 'A newer change of this user exists for this provider; replay that one instead.',
        });
      } else if (!provider || !provider.active) {
        result.skipped.push({ requestId: request.row.id, reason: 'The provider is deleted or inactive.' });
      } else {
        const at = now();
        request.row.status = 'Pending';
        request.row.nextAttemptAt = at.toISOString();
        request.row.deadLetterReason = null;
        request.detail.expiresAt = new Date(at.getTime() + MAX_AGE_HOURS * 3_600_000).toISOString();
        result.succeeded++;
        deliverLater(request);
      }
    }
    return result;
  };

  const replayRequests = ({ requestIds }: { requestIds: string[] }): BulkActionResult => {
    const result = emptyResult();
    const streams = new Set<string>();
    for (const request of loadForAction(requestIds, result)) {
      const user = request.row.userId ? usersById.get(request.row.userId) : undefined;
      if (!request.row.providerId || !user) {
        result.skipped.push({ requestId: request.row.id, reason: 'The request has no user or provider any more.' });
        continue;
      }
      const key = streamKey(request.row);
      if (streams.has(key)) {
        result.skipped.push({
          requestId: request.row.id,
          reason: 'Another selected request of the same user and provider is replayed.',
        });
        continue;
      }
      streams.add(key);
      // A new change supersedes the stream's requests that were not sent yet.
      for (const other of sample.requests) {
        if (streamKey(other.row) === key && other.row.status === 'Pending') other.row.status = 'Superseded';
      }
      const at = now();
      const id = sample.nextRequestId();
      const created: SampleRequest = {
        sequenceNumber: ++sequence,
        row: {
          ...request.row,
          id,
          name: formatNumber(sample.nextNumber()),
          status: 'Pending',
          origin: 'Replay',
          attempts: 0,
          nextAttemptAt: at.toISOString(),
          lastAttemptAt: null,
          lastHttpStatus: null,
          lastError: null,
          errorCategory: null,
          createdAt: at.toISOString(),
          deliveredAt: null,
          deadLetterReason: null,
          mappingStatus: null,
        },
        detail: {
          ...request.detail,
          payload: payloadFor(user, request.row.action, org.organizationId),
          responseExcerpt: null,
          idempotencyKey: crypto.randomUUID().replace(/-/g, ''),
          sequence: String(sequence),
          changedAt: at.toISOString(),
          changedFields: null,
          expiresAt: new Date(at.getTime() + MAX_AGE_HOURS * 3_600_000).toISOString(),
          resyncJobId: null,
        },
      };
      sample.requests.push(created);
      byId.set(id, created);
      result.createdRequestIds.push(id);
      result.succeeded++;
      deliverLater(created);
    }
    return result;
  };

  const resolveRequests = ({ requestIds }: { requestIds: string[] }): BulkActionResult => {
    const result = emptyResult();
    for (const request of loadForAction(requestIds, result)) {
      if (request.row.status !== 'Dead_Letter') {
        result.skipped.push({ requestId: request.row.id, reason: 'Only dead letters can be resolved.' });
        continue;
      }
      request.row.status = 'Resolved';
      result.succeeded++;
    }
    return result;
  };

  const resyncCallCenter = ({
    callCenterId,
    providerId,
  }: {
    callCenterId: string;
    providerId: string | null;
  }): string => {
    if (!callCenterId || !callCenterId.startsWith('04v')) throw new AuraHandledError('Choose a call center to resync.');
    if (!org.callCenters.some((center) => center.Id === callCenterId)) {
      throw new AuraHandledError('The call center was not found or you cannot see it.');
    }
    const provider = providerId
      ? sample.providers.find((candidate) => candidate.id === providerId && candidate.active)
      : sample.providers.find((candidate) => candidate.active && candidate.callCenterIds.includes(callCenterId));
    if (!provider) {
      throw new AuraHandledError(
        'No active provider serves this call center. Configure one on the Providers screen first.',
      );
    }
    const jobId = sample.nextJobId();
    const agents = org.users.filter((user) => user.CallCenterId === callCenterId && user.IsActive).length;
    const job: ResyncJob = { jobId, steps: 0, agents };
    jobs.set(jobId, job);
    const tick = (): void => {
      job.steps++;
      if (job.steps < RESYNC_QUEUE_STEPS / 2 + RESYNC_DELIVER_STEPS) setTimeout(tick, RESYNC_TICK_MS);
    };
    setTimeout(tick, RESYNC_TICK_MS);
    return jobId;
  };

  const getResyncProgress = ({ jobId }: { jobId: string }): ResyncProgress => {
    const job = jobs.get(jobId);
    if (!job) throw new AuraHandledError('The resync job was not found.');
    const totalBatches = Math.max(1, Math.ceil(job.agents / BATCH_SIZE));
    const queuedShare = Math.min(1, job.steps / RESYNC_QUEUE_STEPS);
    const batchesProcessed = Math.floor(totalBatches * queuedShare);
    const batchDone = batchesProcessed >= totalBatches;
    const created = batchDone ? job.agents : Math.floor(job.agents * queuedShare);
    const deliveredShare = Math.min(1, Math.max(0, (job.steps - RESYNC_QUEUE_STEPS / 2) / RESYNC_DELIVER_STEPS));
    const finished = batchDone && deliveredShare >= 1 ? created : Math.floor(created * deliveredShare);
    const deadLetters = Math.floor(finished / 150);
    const requestsByStatus: Record<string, number> = {};
    if (finished - deadLetters > 0) requestsByStatus['Delivered'] = finished - deadLetters;
    if (deadLetters > 0) requestsByStatus['Dead_Letter'] = deadLetters;
    if (created - finished > 0) requestsByStatus['Pending'] = created - finished;
    return {
      jobId,
      jobStatus: batchDone ? 'Completed' : job.steps === 0 ? 'Queued' : 'Processing',
      batchesProcessed,
      totalBatches,
      batchErrors: 0,
      percentQueued: batchDone ? 100 : Math.floor(100 * queuedShare),
      requestsByStatus,
      percentDelivered: created === 0 ? (batchDone ? 100 : 0) : Math.floor((100 * finished) / created),
      done: batchDone && finished === created,
    };
  };

  const getActivityFilters = (): ActivityFilters => ({
    providers: sample.providers.map(({ id, name, type, active }) => ({ id, name, type, active })),
    actions: [
      { value: 'Provision', label: 'Provision' },
      { value: 'Update', label: 'Update' },
      { value: 'Deprovision', label: 'Deprovision' },
    ],
    statuses: STATUS_LABELS.map(([value, label]) => ({ value, label })),
    callCenters: [...org.callCenters]
      .sort((left, right) => left.Name.localeCompare(right.Name))
      .map((center) => ({ value: center.Id, label: center.Name })),
  });

  return {
    'ProvisioningActivityController.getRequests': getRequests,
    'ProvisioningActivityController.getRequestDetail': getRequestDetail,
    'ProvisioningActivityController.retryRequests': retryRequests,
    'ProvisioningActivityController.replayRequests': replayRequests,
    'ProvisioningActivityController.resolveRequests': resolveRequests,
    'ProvisioningActivityController.resyncCallCenter': resyncCallCenter,
    'ProvisioningActivityController.getResyncProgress': getResyncProgress,
    'ProvisioningActivityController.getActivityFilters': getActivityFilters,
  };
}
