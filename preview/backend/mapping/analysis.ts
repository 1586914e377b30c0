/**
 * MappingAnalysisController in the preview: classifies a call center's mappings (stale, mismatched, duplicates) like
 * MappingAnalysisEngine, at once for small call centers and over a few timer steps (RUNNING → COMPLETED) for large
 * ones; fixProblems creates a DRAFT fix run (DELETE stale, MOVE mismatched) that the RunService runs like any other.
 */
import type {
  AnalysisSummary,
  FixRequest,
  ProblemFilter,
  ProblemKind,
  ProblemPage,
  ProblemQuery,
  ProblemRow,
  RunSummary,
} from '@ccus/apex-contracts';
import type { CallCenterRoutingMapRow } from '../sampleOrg.js';
import { KEY_PREFIX } from '../salesforceIds.js';
import { AuraHandledError } from '../errors.js';
import { validateId } from '@ccus/lwc/salesforceIds/salesforceIds.js';
import { decodeCursor, encodeCursor, keyOf, pageSizeOf, type MappingStore } from './store.js';
import type { RunService } from './runs.js';

/** Mappings analysed within startAnalysis; larger call centers are analysed asynchronously. */
export const SYNC_MAX_MAPPINGS = 2000;
/** Call centers per getLatestAnalyses call (MappingAnalysisService.MAX_CALL_CENTERS_PER_BATCH). */
export const MAX_CALL_CENTERS_PER_BATCH = 200;
const KIND_GROUPS: Readonly<Record<string, readonly ProblemKind[]>> = {
  STALE: ['STALE_INACTIVE_USER', 'STALE_NO_CALL_CENTER'],
  MISMATCHED: ['MISMATCHED_CALL_CENTER'],
  DUPLICATE: ['DUPLICATE_USER', 'DUPLICATE_EXTERNAL_ID'],
};

interface AnalysisState {
  summary: AnalysisSummary;
  problems: ProblemRow[];
  timer: ReturnType<typeof setTimeout> | null;
}

/** The stale/mismatched problem of a user mapping, computed live (also for the Manage list). */
export function liveProblem(
  store: MappingStore,
  mapping: CallCenterRoutingMapRow,
): 'STALE_INACTIVE_USER' | 'STALE_NO_CALL_CENTER' | 'MISMATCHED_CALL_CENTER' | null {
  if (!mapping.ReferenceRecordId.startsWith(KEY_PREFIX.User)) return null;
  const user = store.usersById.get(mapping.ReferenceRecordId);
  if (!user || !user.IsActive) return 'STALE_INACTIVE_USER';
  if (user.CallCenterId === null) return 'STALE_NO_CALL_CENTER';
  if (user.CallCenterId !== mapping.CallCenterId) return 'MISMATCHED_CALL_CENTER';
  return null;
}

export class AnalysisService {
  private readonly latest = new Map<string, AnalysisState>();
  private readonly byId = new Map<string, AnalysisState>();

  constructor(
    private readonly store: MappingStore,
    private readonly runs: RunService,
  ) {}

  startAnalysis(callCenterId: string): AnalysisSummary {
    const action = 'Analysing the call center';
    this.store.requireMappings(action);
    const center = this.store.requireCallCenter(callCenterId, action);
    const previous = this.latest.get(center.Id);
    if (previous?.summary.status === 'RUNNING') return { ...previous.summary };
    const mappings = this.store.mappings().byCenterSorted.get(center.Id) ?? [];
    const state: AnalysisState = {
      summary: {
        analysisId: this.store.newId('a0A'),
        callCenterId: center.Id,
        status: 'RUNNING',
        phase: 'COUNTS',
        agentCount: 0,
        activeAgentCount: 0,
        mappedAgentCount: 0,
        unmappedAgentCount: 0,
        unmappedActiveAgentCount: 0,
        mappingCount: mappings.length,
        userMappingCount: 0,
        queueMappingCount: 0,
        scannedCount: 0,
        staleCount: 0,
        mismatchedCount: 0,
        duplicateUserCount: 0,
        duplicateExternalIdCount: 0,
        duplicatesTruncated: false,
        percentComplete: 0,
        startedAt: this.store.nowIso(),
        finishedAt: null,
        lastError: null,
      },
      problems: [],
      timer: null,
    };
    this.latest.set(center.Id, state);
    this.byId.set(state.summary.analysisId, state);
    if (mappings.length <= SYNC_MAX_MAPPINGS) {
      this.analyse(state);
    } else {
      // Two visible steps, like the engine's SCAN and DUPLICATES phases.
      state.timer = setTimeout(() => {
        state.summary.phase = 'SCAN';
        state.summary.scannedCount = Math.floor(mappings.length / 2);
        state.summary.percentComplete = 50;
        state.timer = setTimeout(() => {
          state.timer = null;
          this.analyse(state);
        }, this.store.options.stepDelayMs * 2);
      }, this.store.options.stepDelayMs * 2);
    }
    return { ...state.summary };
  }

  getLatestAnalysis(callCenterId: string): AnalysisSummary | null {
    const action = 'Loading the analysis';
    this.store.requireMappings(action);
    const center = this.store.requireCallCenter(callCenterId, action);
    const state = this.latest.get(center.Id);
    return state ? { ...state.summary } : null;
  }

  /** MappingAnalysisService.getLatestForCallCenters: one summary per analysed call center, in the order asked. */
  getLatestAnalyses(callCenterIds: string[] | null | undefined): AnalysisSummary[] {
    const action = 'Loading the analyses';
    this.store.requireMappings(action);
    const ids = callCenterIds ?? [];
    if (ids.length > MAX_CALL_CENTERS_PER_BATCH) {
      throw new AuraHandledError(
        `${action} failed: ask for at most ${MAX_CALL_CENTERS_PER_BATCH} call centers at a time.`,
      );
    }
    const seen = new Set<string>();
    const result: AnalysisSummary[] = [];
    for (const id of ids) {
      const check = validateId(id, 'CallCenter');
      if (!check.ok) throw new AuraHandledError(`${action} failed: ${check.message}`);
      if (seen.has(check.id18)) continue;
      seen.add(check.id18);
      const state = this.latest.get(check.id18);
      if (state) result.push({ ...state.summary });
    }
    return result;
  }

  getProblems(query: ProblemQuery): ProblemPage {
    const action = 'Loading the problems';
    const state = this.requireAnalysis(query?.analysisId, action);
    const kinds = query.kinds?.length ? expandKinds(query.kinds) : null;
    const pageSize = pageSizeOf(query.pageSize, 2000);
    let start = 0;
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor) as { a?: unknown; p?: unknown } | null;
      if (!cursor || cursor.a !== state.summary.analysisId || typeof cursor.p !== 'number') {
        throw new AuraHandledError(`${action} failed: the page cursor does not belong to this analysis.`);
      }
      start = cursor.p;
    }
    const rows: ProblemRow[] = [];
    let index = start;
    for (; index < state.problems.length && rows.length < pageSize; index++) {
      const problem = state.problems[index] as ProblemRow;
      if (!kinds || kinds.has(problem.kind)) rows.push({ ...problem });
    }
    const hasMore = state.problems.slice(index).some((problem) => !kinds || kinds.has(problem.kind));
    return { rows, nextCursor: hasMore ? encodeCursor({ a: state.summary.analysisId, p: index }) : null, hasMore };
  }

  fixProblems(request: FixRequest): RunSummary {
    const action = 'Fixing the problems';
    const state = this.requireAnalysis(request?.analysisId, action);
    if (state.summary.status !== 'COMPLETED') {
      throw new AuraHandledError(`${action} failed: the analysis has not completed yet.`);
    }
    if (request.kind !== 'STALE' && request.kind !== 'MISMATCHED') {
      throw new AuraHandledError(`${action} failed: only stale and mismatched mappings are fixed in bulk.`);
    }
    if ((request.problemIds?.length ?? 0) > 2000) {
      throw new AuraHandledError(`${action} failed: send at most 2000 problems.`);
    }
    const kinds = expandKinds([request.kind]);
    const only = request.problemIds?.length ? new Set(request.problemIds) : null;
    const index = this.store.mappings();
    const seen = new Set<string>();
    const mappings: CallCenterRoutingMapRow[] = [];
    for (const problem of state.problems) {
      if (!kinds.has(problem.kind) || (only && !only.has(problem.problemId)) || seen.has(problem.mappingId)) continue;
      seen.add(problem.mappingId);
      const mapping = index.byId.get(problem.mappingId);
      mappings.push(
        mapping ?? {
          Id: problem.mappingId,
          DeveloperName: '',
          MasterLabel: '',
          CallCenterId: state.summary.callCenterId,
          ExternalId: problem.externalId ?? '',
          ReferenceRecordId: problem.userId,
          Language: 'en_US',
          QuickConnect: null,
        },
      );
    }
    if (mappings.length === 0) throw new AuraHandledError(`${action} failed: there is no such problem to fix.`);
    const center = this.store.requireCallCenter(state.summary.callCenterId, action);
    return this.runs.createFixRun(center, request.kind === 'STALE' ? 'DELETE' : 'MOVE', mappings);
  }

  /** MappingAnalysisEngine: counts, then every mapping classified, then duplicates. */
  private analyse(state: AnalysisState): void {
    const summary = state.summary;
    const callCenterId = summary.callCenterId;
    const index = this.store.mappings();
    const mappings = index.byCenterSorted.get(callCenterId) ?? [];
    const mappedUsers = index.byCenterUser.get(callCenterId) ?? new Map<string, CallCenterRoutingMapRow[]>();
    const agents = this.store.agentsByCenter.get(callCenterId) ?? [];
    summary.agentCount = agents.length;
    summary.activeAgentCount = agents.filter((user) => user.IsActive).length;
    summary.mappedAgentCount = agents.filter((user) => mappedUsers.has(user.Id)).length;
    summary.unmappedAgentCount = summary.agentCount - summary.mappedAgentCount;
    summary.unmappedActiveAgentCount = agents.filter((user) => user.IsActive && !mappedUsers.has(user.Id)).length;
    summary.mappingCount = mappings.length;
    const userMappings = mappings.filter((mapping) => mapping.ReferenceRecordId.startsWith(KEY_PREFIX.User));
    summary.userMappingCount = userMappings.length;
    summary.queueMappingCount = mappings.length - userMappings.length;

    const problems: ProblemRow[] = [];
    const add = (
      kind: ProblemKind,
      mapping: CallCenterRoutingMapRow,
      groupKey: string | null,
      detail: string,
    ): void => {
      const user = this.store.usersById.get(mapping.ReferenceRecordId);
      problems.push({
        problemId: this.store.newId('a0P'),
        kind,
        mappingId: mapping.Id,
        userId: mapping.ReferenceRecordId,
        userFullName: user?.Name ?? null,
        username: user?.Username ?? null,
        isActive: user?.IsActive ?? null,
        externalId: mapping.ExternalId,
        userCallCenterId: user?.CallCenterId ?? null,
        groupKey,
        detail,
      });
    };
    for (const mapping of userMappings) {
      const kind = liveProblem(this.store, mapping);
      if (kind === 'STALE_INACTIVE_USER') add(kind, mapping, null, 'The user is inactive: the mapping can be deleted.');
      else if (kind === 'STALE_NO_CALL_CENTER') add(kind, mapping, null, 'The user is in no call center any more.');
      else if (kind === 'MISMATCHED_CALL_CENTER') {
        const name = this.store.centersById.get(
          this.store.usersById.get(mapping.ReferenceRecordId)?.CallCenterId ?? '',
        )?.Name;
        add(kind, mapping, null, `The user is now in the call center ${name ?? 'another call center'}.`);
      }
    }
    summary.staleCount = problems.filter(
      (p) => p.kind === 'STALE_INACTIVE_USER' || p.kind === 'STALE_NO_CALL_CENTER',
    ).length;
    summary.mismatchedCount = problems.filter((p) => p.kind === 'MISMATCHED_CALL_CENTER').length;
    summary.phase = 'DUPLICATES';
    for (const [userId, list] of mappedUsers) {
      if (list.length < 2 || !userId.startsWith(KEY_PREFIX.User)) continue;
      for (const mapping of list)
        add('DUPLICATE_USER', mapping, userId, `The user has ${list.length} mappings in this call center.`);
    }
    const byKey = new Map<string, CallCenterRoutingMapRow[]>();
    for (const mapping of userMappings) {
      const key = keyOf(mapping.ExternalId);
      if (!key) continue;
      const list = byKey.get(key);
      if (list) list.push(mapping);
      else byKey.set(key, [mapping]);
    }
    for (const [key, list] of byKey) {
      if (new Set(list.map((mapping) => mapping.ReferenceRecordId)).size < 2) continue;
      for (const mapping of list)
        add('DUPLICATE_EXTERNAL_ID', mapping, key, `${list.length} users share this ExternalId.`);
    }
    summary.duplicateUserCount = problems.filter((p) => p.kind === 'DUPLICATE_USER').length;
    summary.duplicateExternalIdCount = problems.filter((p) => p.kind === 'DUPLICATE_EXTERNAL_ID').length;
    state.problems = problems;
    summary.scannedCount = mappings.length;
    summary.percentComplete = 100;
    summary.status = 'COMPLETED';
    summary.phase = 'DONE';
    summary.finishedAt = this.store.nowIso();
  }

  private requireAnalysis(analysisId: string | null | undefined, action: string): AnalysisState {
    this.store.requireMappings(action);
    const check = validateId(analysisId);
    const state = check.ok ? this.byId.get(check.id18) : undefined;
    if (!state) throw new AuraHandledError(`${action} failed: the analysis ${analysisId ?? '(none)'} does not exist.`);
    return state;
  }
}

function expandKinds(filters: readonly ProblemFilter[]): Set<ProblemKind> {
  const kinds = new Set<ProblemKind>();
  for (const filter of filters) {
    const group = KIND_GROUPS[filter];
    if (group) group.forEach((kind) => kinds.add(kind));
    else kinds.add(filter as ProblemKind);
  }
  return kinds;
}
