/**
 * MappingRunController in the preview: runs as an in-memory state machine that moves on by itself with timers, like
 * the Apex Queueable chain (MappingRunEngine): DRAFT → (PREVIEWING →) PREVIEW_READY → QUEUED → RUNNING →
 * COMPLETED / COMPLETED_WITH_ERRORS, or CANCELLED at any point before the end. Each write step handles
 * `limits.writeChunkSize` rows: it checks every row again (a user mapped meanwhile is SKIPPED as ALREADY_MAPPED,
 * so re-running never duplicates a mapping), inserts the READY ones into the sample org, and fails a few of them
 * with the platform's kind of error (UNABLE_TO_LOCK_ROW once per user, FIELD_INTEGRITY_EXCEPTION always for a
 * handful), so the result screen and the failure download have something to show.
 */
import type {
  AddItemsResult,
  EditResult,
  ExternalIdFormat,
  ExternalIdSource,
  ItemEdit,
  ItemPage,
  ItemQuery,
  RejectedRow,
  RowOutcome,
  RowVerdict,
  RunItemInput,
  RunItemRow,
  RunOperation,
  RunRequest,
  RunStatus,
  RunSummary,
} from '@ccus/apex-contracts';
import type { CallCenterRoutingMapRow, CallCenterRow, UserRow as SampleUser } from '../sampleOrg.js';
import { AuraHandledError } from '../errors.js';
import { validateAgentArn, validateQuickConnectArn } from '@ccus/lwc/amazonConnectArns/amazonConnectArns.js';
import {
  MASTER_LABEL_MAX_LENGTH,
  buildMappingNames,
  checkNameFormat,
  developerNameProblems,
  DEFAULT_DEVELOPER_NAME_FORMAT,
  DEFAULT_MASTER_LABEL_FORMAT,
} from '@ccus/lwc/developerNames/developerNames.js';
import { validateId } from '@ccus/lwc/salesforceIds/salesforceIds.js';
import type { CompiledRule } from '@ccus/lwc/externalIdRules/externalIdRules.js';
import { compileRule, ruleValue } from './rules.js';
import { PREVIEW_LIMITS, decodeCursor, encodeCursor, hashOf, keyOf, pageSizeOf, type MappingStore } from './store.js';
import type { UsersService } from './users.js';

const FINAL: ReadonlySet<RunStatus> = new Set(['COMPLETED', 'COMPLETED_WITH_ERRORS', 'CANCELLED']);
const KEY_PREFIX_RUN = 'a0R';
const KEY_PREFIX_ITEM = 'a0S';
const MAX_VALUE_LENGTH = PREVIEW_LIMITS.maxValueLength;

/** One row of a run. */
export interface RunItem {
  itemId: string;
  rowNumber: number;
  userId: string;
  externalId: string | null;
  quickConnect: string | null;
  developerName: string | null;
  masterLabel: string | null;
  /** CSV rows may give their own names. */
  givenDeveloperName: string | null;
  givenMasterLabel: string | null;
  valueSource: ExternalIdSource;
  verdict: RowVerdict | null;
  message: string | null;
  outcome: RowOutcome;
  mappingId: string | null;
  /** Fix MOVE runs: the call center the mapping moves to. */
  targetCallCenterId: string | null;
}

export interface RunState {
  summary: RunSummary;
  items: RunItem[];
  itemsById: Map<string, RunItem>;
  userIds: Set<string>;
  filter: { search: string | null; status: 'ALL' | 'ACTIVE' | 'INACTIVE' } | null;
  /** Next row of the preview / write phase. */
  cursor: number;
  timer: ReturnType<typeof setTimeout> | null;
  compiled: CompiledRule | null;
}

/** Messages of the platform for the simulated failures. */
export const SIMULATED_ERRORS = {
  lock: 'UNABLE_TO_LOCK_ROW: unable to obtain exclusive access to this record or 1 records',
  integrity:
    'FIELD_INTEGRITY_EXCEPTION: Reference Record ID: the user does not have the Service Cloud Voice user permission: [ReferenceRecordId]',
};

/** Whether the platform refuses this row in the preview: ~1.5% once per user (lock), ~0.5% always. */
export function simulatedFailure(userId: string, failedBefore: boolean): string | null {
  const hash = hashOf(`write:${userId}`) % 1000;
  if (hash < 5) return SIMULATED_ERRORS.integrity;
  if (hash < 20 && !failedBefore) return SIMULATED_ERRORS.lock;
  return null;
}

export class RunService {
  private readonly runs = new Map<string, RunState>();
  private readonly lockFailures = new Set<string>();
  private sequence = 0;

  constructor(
    private readonly store: MappingStore,
    private readonly users: UsersService,
  ) {}

  // ------------------------------------------------------------------------------------------ life cycle

  createRun(request: RunRequest): RunSummary {
    const action = 'Creating the run';
    this.store.requireMappings(action);
    const center = this.store.requireCallCenter(request?.callCenterId, action);
    const source = request.source;
    if (!['RULE', 'DIRECTORY', 'MANUAL', 'CSV'].includes(source)) {
      throw new AuraHandledError(`${action} failed: unknown source ${String(source)}.`);
    }
    const format: ExternalIdFormat = request.externalIdFormat ?? 'AMAZON_CONNECT';
    if (format !== 'AMAZON_CONNECT' && format !== 'TEXT') {
      throw new AuraHandledError(`${action} failed: unknown ExternalId format ${String(format)}.`);
    }
    const selectionMode = request.selectionMode ?? 'IDS';
    if (selectionMode === 'FILTER' && source !== 'RULE') {
      throw new AuraHandledError(`${action} failed: only rule runs can select users by filter.`);
    }
    const compiled = source === 'RULE' ? compileRule(request.rule, action) : null;
    const developerNameFormat = request.developerNameFormat?.trim() || DEFAULT_DEVELOPER_NAME_FORMAT;
    const masterLabelFormat = request.masterLabelFormat?.trim() || DEFAULT_MASTER_LABEL_FORMAT;
    for (const [format, kind] of [
      [developerNameFormat, 'developerName'],
      [masterLabelFormat, 'masterLabel'],
    ] as const) {
      const check = checkNameFormat(format, kind);
      if (!check.ok) {
        throw new AuraHandledError(
          `${action} failed: the ${kind === 'developerName' ? 'DeveloperName' : 'MasterLabel'} format is not valid: ${check.errors[0]?.message ?? ''}`,
        );
      }
    }
    const defaultQuickConnect = request.defaultQuickConnect?.trim() || null;
    if (defaultQuickConnect && format === 'AMAZON_CONNECT') {
      const check = validateQuickConnectArn(defaultQuickConnect);
      if (!check.ok) throw new AuraHandledError(`${action} failed: the default QuickConnect: ${check.message}`);
    }
    const state = this.newRun(center, {
      operation: 'CREATE',
      source,
      selectionMode,
      externalIdFormat: format,
      rule: source === 'RULE' ? (request.rule ?? null) : null,
      defaultQuickConnect,
      developerNameFormat,
      masterLabelFormat,
    });
    state.compiled = compiled;
    if (selectionMode === 'FILTER') {
      state.filter = { search: request.filter?.search ?? null, status: request.filter?.status ?? 'ALL' };
    } else if (request.userIds?.length) {
      if (request.userIds.length > PREVIEW_LIMITS.maxItemsPerCall) {
        throw new AuraHandledError(
          `${action} failed: send at most ${PREVIEW_LIMITS.maxItemsPerCall} users (add more with addRunItems).`,
        );
      }
      this.addItems(
        state,
        request.userIds.map((userId) => ({ userId })),
      );
    }
    return this.refresh(state);
  }

  addRunItems(runId: string, items: RunItemInput[]): AddItemsResult {
    const action = 'Adding rows to the run';
    const state = this.requireRun(runId, action);
    if (!state.summary.canAddItems) {
      throw new AuraHandledError(
        `${action} failed: rows can only be added to a draft run (this one is ${state.summary.status}).`,
      );
    }
    if ((items ?? []).length > PREVIEW_LIMITS.maxItemsPerCall) {
      throw new AuraHandledError(`${action} failed: send at most ${PREVIEW_LIMITS.maxItemsPerCall} rows per call.`);
    }
    if (state.items.length + items.length > PREVIEW_LIMITS.maxRunRows) {
      throw new AuraHandledError(`${action} failed: a run can have at most ${PREVIEW_LIMITS.maxRunRows} rows.`);
    }
    const { accepted, rejected } = this.addItems(state, items ?? []);
    this.refresh(state);
    return { runId: state.summary.runId, accepted, rejected, totalItems: state.items.length };
  }

  startPreview(runId: string): RunSummary {
    const action = 'Previewing the run';
    const state = this.requireRun(runId, action);
    if (!state.summary.canPreview) {
      throw new AuraHandledError(
        `${action} failed: the run is ${state.summary.status}; only draft or previewed runs can be previewed.`,
      );
    }
    if (state.filter && state.summary.status === 'DRAFT') {
      state.summary.phase = 'GATHER';
      const ids = this.users.unmappedUserIds(state.summary.callCenterId, state.filter.search, state.filter.status);
      this.addItems(
        state,
        ids.map((userId) => ({ userId })),
      );
    }
    if (state.items.length === 0) {
      throw new AuraHandledError(`${action} failed: the run has no rows. Select users first.`);
    }
    state.cursor = 0;
    if (state.items.length <= PREVIEW_LIMITS.syncPreviewMaxRows) {
      this.evaluateRows(state, state.items, true);
      this.finishPreview(state);
    } else {
      state.summary.status = 'PREVIEWING';
      state.summary.phase = 'EVALUATE';
      this.schedule(state, () => this.previewStep(state));
    }
    return this.refresh(state);
  }

  getRun(runId: string): RunSummary {
    return this.refresh(this.requireRun(runId, 'Loading the run'));
  }

  getRecentRuns(callCenterId: string | null, limitRows: number | null): RunSummary[] {
    this.store.requireMappings('Loading the recent runs');
    const limit = Math.max(1, Math.min(200, limitRows ?? 20));
    return [...this.runs.values()]
      .filter((state) => callCenterId == null || state.summary.callCenterId === callCenterId)
      .reverse()
      .slice(0, limit)
      .map((state) => this.refresh(state));
  }

  getRunItems(query: ItemQuery): ItemPage {
    const action = 'Loading the run rows';
    const state = this.requireRun(query?.runId, action);
    const pageSize = pageSizeOf(query.pageSize, 2000);
    const verdicts = query.verdicts?.length ? new Set(query.verdicts) : null;
    const outcomes = query.outcomes?.length ? new Set(query.outcomes) : null;
    let start = 0;
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor) as { r?: unknown; p?: unknown } | null;
      if (!cursor || cursor.r !== state.summary.runId || typeof cursor.p !== 'number') {
        throw new AuraHandledError(`${action} failed: the page cursor does not belong to this run.`);
      }
      start = cursor.p;
    }
    const rows: RunItemRow[] = [];
    let index = start;
    const matches = (item: RunItem): boolean =>
      (!verdicts || (item.verdict !== null && verdicts.has(item.verdict))) && (!outcomes || outcomes.has(item.outcome));
    for (; index < state.items.length && rows.length < pageSize; index++) {
      const item = state.items[index] as RunItem;
      if (matches(item)) rows.push(this.toRow(item));
    }
    let hasMore = false;
    for (let next = index; next < state.items.length; next++) {
      if (matches(state.items[next] as RunItem)) {
        hasMore = true;
        break;
      }
    }
    return { rows, nextCursor: hasMore ? encodeCursor({ r: state.summary.runId, p: index }) : null, hasMore };
  }

  updateRunItems(runId: string, edits: ItemEdit[]): EditResult {
    const action = 'Editing the run rows';
    const state = this.requireRun(runId, action);
    if (!state.summary.canEdit) {
      throw new AuraHandledError(
        `${action} failed: rows can only be edited after the preview (the run is ${state.summary.status}).`,
      );
    }
    if ((edits ?? []).length > PREVIEW_LIMITS.maxEditsPerCall) {
      throw new AuraHandledError(`${action} failed: send at most ${PREVIEW_LIMITS.maxEditsPerCall} edits per call.`);
    }
    const edited: RunItem[] = [];
    for (const edit of edits ?? []) {
      const item = state.itemsById.get(edit.itemId);
      if (!item) throw new AuraHandledError(`${action} failed: the row ${edit.itemId} is not in this run.`);
      item.externalId = edit.externalId?.length ? edit.externalId : null;
      const quickConnect = edit.quickConnect?.trim() ? edit.quickConnect : null;
      item.quickConnect = quickConnect ?? state.summary.defaultQuickConnect;
      item.valueSource = 'MANUAL';
      edited.push(item);
    }
    // The edited rows and their duplicate groups: every row is re-checked (cheap in memory).
    this.evaluateRows(state, state.items, false);
    this.markRunDuplicates(state);
    this.refresh(state);
    return { run: { ...state.summary }, rows: edited.map((item) => this.toRow(item)) };
  }

  confirmRun(runId: string): RunSummary {
    const action = 'Confirming the run';
    const state = this.requireRun(runId, action);
    if (this.store.org.mappingAvailability !== 'AVAILABLE') this.store.requireMappings(action);
    if (!state.summary.canConfirm) {
      throw new AuraHandledError(
        state.summary.status === 'PREVIEW_READY'
          ? `${action} failed: no row is ready to be written.`
          : `${action} failed: only a previewed run can be confirmed (this one is ${state.summary.status}).`,
      );
    }
    state.summary.status = 'QUEUED';
    state.summary.phase = 'WRITE';
    state.summary.startedAt = this.store.nowIso();
    state.cursor = 0;
    this.schedule(state, () => this.writeStep(state));
    return this.refresh(state);
  }

  cancelRun(runId: string): RunSummary {
    const action = 'Cancelling the run';
    const state = this.requireRun(runId, action);
    if (FINAL.has(state.summary.status)) {
      throw new AuraHandledError(`${action} failed: the run is already ${state.summary.status}.`);
    }
    if (state.summary.status === 'RUNNING') {
      state.summary.cancelRequested = true; // the next step stops
    } else {
      this.clearTimer(state);
      this.finish(state, 'CANCELLED');
    }
    return this.refresh(state);
  }

  resumeRun(runId: string): RunSummary {
    const action = 'Resuming the run';
    const state = this.requireRun(runId, action);
    const { status } = state.summary;
    if (FINAL.has(status)) throw new AuraHandledError(`${action} failed: the run is already ${status}.`);
    if (status === 'PAUSED' || status === 'FAILED' || ((status === 'RUNNING' || status === 'QUEUED') && !state.timer)) {
      state.summary.status = 'RUNNING';
      state.summary.lastError = null;
      this.schedule(state, () => this.writeStep(state));
    } else if (status === 'PREVIEWING' && !state.timer) {
      this.schedule(state, () => this.previewStep(state));
    }
    return this.refresh(state);
  }

  // ------------------------------------------------------------------------------------------ fix runs

  /** A DRAFT fix run over existing mappings (MappingFixService). */
  createFixRun(
    center: CallCenterRow,
    operation: Exclude<RunOperation, 'CREATE'>,
    mappings: CallCenterRoutingMapRow[],
  ): RunSummary {
    const state = this.newRun(center, {
      operation,
      source: 'FIX',
      selectionMode: 'IDS',
      externalIdFormat: 'AMAZON_CONNECT',
      rule: null,
      defaultQuickConnect: null,
      developerNameFormat: DEFAULT_DEVELOPER_NAME_FORMAT,
      masterLabelFormat: DEFAULT_MASTER_LABEL_FORMAT,
    });
    for (const mapping of mappings) {
      const item = this.newItem(state, { userId: mapping.ReferenceRecordId }, mapping.ReferenceRecordId);
      item.mappingId = mapping.Id;
      item.externalId = mapping.ExternalId;
      item.quickConnect = mapping.QuickConnect;
      item.valueSource = 'FIX';
    }
    return this.refresh(state);
  }

  // ------------------------------------------------------------------------------------------ engine

  private newRun(
    center: CallCenterRow,
    fields: Pick<
      RunSummary,
      | 'operation'
      | 'source'
      | 'selectionMode'
      | 'externalIdFormat'
      | 'rule'
      | 'defaultQuickConnect'
      | 'developerNameFormat'
      | 'masterLabelFormat'
    >,
  ): RunState {
    const admin = this.store.usersById.get(this.store.org.currentUserId);
    this.sequence++;
    const summary: RunSummary = {
      runId: this.store.newId(KEY_PREFIX_RUN),
      name: `MR-${String(this.sequence).padStart(6, '0')}`,
      status: 'DRAFT',
      callCenterId: center.Id,
      ...fields,
      phase: null,
      total: 0,
      ready: 0,
      verdictCounts: {},
      processed: 0,
      created: 0,
      failed: 0,
      skipped: 0,
      percentComplete: 0,
      cancelRequested: false,
      canAddItems: false,
      canPreview: false,
      canEdit: false,
      canConfirm: false,
      canCancel: false,
      canResume: false,
      isFinal: false,
      createdById: this.store.org.currentUserId,
      createdByName: admin?.Name ?? null,
      createdDate: this.store.nowIso(),
      previewedAt: null,
      startedAt: null,
      finishedAt: null,
      lastProgressAt: null,
      lastError: null,
    };
    const state: RunState = {
      summary,
      items: [],
      itemsById: new Map(),
      userIds: new Set(),
      filter: null,
      cursor: 0,
      timer: null,
      compiled: null,
    };
    this.runs.set(summary.runId, state);
    return state;
  }

  private newItem(state: RunState, input: RunItemInput, userId: string): RunItem {
    const item: RunItem = {
      itemId: this.store.newId(KEY_PREFIX_ITEM),
      rowNumber: input.rowNumber ?? state.items.length + 1,
      userId,
      externalId: input.externalId?.length ? input.externalId : null,
      quickConnect: input.quickConnect?.trim() ? input.quickConnect : null,
      developerName: null,
      masterLabel: null,
      givenDeveloperName: input.developerName?.trim() || null,
      givenMasterLabel: input.masterLabel?.trim() || null,
      valueSource: state.summary.source,
      verdict: null,
      message: null,
      outcome: 'PENDING',
      mappingId: null,
      targetCallCenterId: null,
    };
    state.items.push(item);
    state.itemsById.set(item.itemId, item);
    state.userIds.add(userId);
    return item;
  }

  private addItems(state: RunState, inputs: RunItemInput[]): { accepted: number; rejected: RejectedRow[] } {
    const rejected: RejectedRow[] = [];
    let accepted = 0;
    inputs.forEach((input, index) => {
      const rowNumber = input.rowNumber ?? state.items.length + 1;
      const id = validateId(input.userId, 'User');
      if (!id.ok) {
        rejected.push({ rowNumber, userId: input.userId ?? null, message: `Not a user id: ${id.message}` });
        return;
      }
      if (state.userIds.has(id.id18)) {
        rejected.push({ rowNumber, userId: input.userId, message: 'The user is already in this run.' });
        return;
      }
      if ((input.externalId?.length ?? 0) > 4 * MAX_VALUE_LENGTH) {
        rejected.push({ rowNumber, userId: input.userId, message: 'The ExternalId is far too long.' });
        return;
      }
      void index;
      this.newItem(state, input, id.id18);
      accepted++;
    });
    return { accepted, rejected };
  }

  private previewStep(state: RunState): void {
    state.timer = null;
    if (state.summary.status !== 'PREVIEWING') return;
    const chunk = state.items.slice(state.cursor, state.cursor + this.store.options.previewChunkSize);
    this.evaluateRows(state, chunk, true);
    state.cursor += chunk.length;
    state.summary.lastProgressAt = this.store.nowIso();
    if (state.cursor < state.items.length) {
      this.schedule(state, () => this.previewStep(state));
      return;
    }
    state.summary.phase = 'DUPLICATES';
    this.finishPreview(state);
  }

  private finishPreview(state: RunState): void {
    this.markRunDuplicates(state);
    state.summary.status = 'PREVIEW_READY';
    state.summary.phase = 'COUNT';
    state.summary.previewedAt = this.store.nowIso();
    state.summary.lastProgressAt = state.summary.previewedAt;
    state.cursor = 0;
  }

  /** The write phase: one chunk per step; every row is checked again right before it is written. */
  private writeStep(state: RunState): void {
    state.timer = null;
    const summary = state.summary;
    if (summary.status !== 'QUEUED' && summary.status !== 'RUNNING') return;
    if (summary.cancelRequested) {
      this.finish(state, 'CANCELLED');
      return;
    }
    summary.status = 'RUNNING';
    const chunk = state.items.slice(state.cursor, state.cursor + PREVIEW_LIMITS.writeChunkSize);
    // Only rows READY in the preview are checked again (a user mapped meanwhile becomes ALREADY_MAPPED).
    const ready = chunk.filter((item) => item.verdict === 'READY');
    if (summary.operation === 'CREATE') this.evaluateRows(state, ready, false);
    else this.evaluateFixRows(state, ready);
    for (const item of chunk) {
      if (item.verdict !== 'READY') {
        item.outcome = 'SKIPPED';
        continue;
      }
      const failure =
        this.store.options.simulateFailures && summary.operation === 'CREATE'
          ? simulatedFailure(item.userId, this.lockFailures.has(item.userId))
          : null;
      if (failure) {
        if (failure === SIMULATED_ERRORS.lock) this.lockFailures.add(item.userId);
        item.outcome = 'FAILED';
        item.message = failure;
        continue;
      }
      this.write(state, item);
      item.outcome = 'CREATED';
    }
    state.cursor += chunk.length;
    summary.lastProgressAt = this.store.nowIso();
    if (state.cursor < state.items.length) {
      this.schedule(state, () => this.writeStep(state));
      return;
    }
    this.refresh(state);
    this.finish(state, summary.failed > 0 ? 'COMPLETED_WITH_ERRORS' : 'COMPLETED');
  }

  private write(state: RunState, item: RunItem): void {
    const { summary } = state;
    if (summary.operation === 'DELETE') {
      if (item.mappingId) this.store.removeMapping(item.mappingId);
      return;
    }
    const callCenterId =
      summary.operation === 'MOVE' ? (item.targetCallCenterId ?? summary.callCenterId) : summary.callCenterId;
    const created = this.store.addMapping({
      DeveloperName: item.developerName ?? '',
      MasterLabel: item.masterLabel ?? '',
      CallCenterId: callCenterId,
      ExternalId: item.externalId ?? '',
      ReferenceRecordId: item.userId,
      QuickConnect: item.quickConnect,
    });
    if (summary.operation === 'MOVE' && item.mappingId) this.store.removeMapping(item.mappingId);
    item.mappingId = created.Id;
  }

  private finish(state: RunState, status: RunStatus): void {
    state.summary.status = status;
    state.summary.phase = 'DONE';
    state.summary.finishedAt = this.store.nowIso();
    state.summary.lastProgressAt = state.summary.finishedAt;
    this.refresh(state);
  }

  /** MappingRowEvaluator.evaluate: values (when `computeValues`) and the verdict of create-run rows. */
  private evaluateRows(state: RunState, items: RunItem[], computeValues: boolean): void {
    const { summary } = state;
    if (summary.operation !== 'CREATE') {
      this.evaluateFixRows(state, items);
      return;
    }
    const center = this.store.centersById.get(summary.callCenterId);
    const index = this.store.mappings();
    const byUser = index.byCenterUser.get(summary.callCenterId) ?? new Map<string, CallCenterRoutingMapRow[]>();
    const byKey = index.byCenterKey.get(summary.callCenterId) ?? new Map<string, CallCenterRoutingMapRow[]>();
    const compiled = state.compiled ?? (summary.rule ? compileRule(summary.rule, 'Previewing the run') : null);
    for (const item of items) {
      if (item.outcome !== 'PENDING') continue;
      const user = this.store.usersById.get(item.userId);
      if (computeValues) {
        if (compiled && item.valueSource === 'RULE') {
          item.externalId = null;
          item.message = null;
          if (user) {
            const value = ruleValue(compiled, user, this.store.org.organizationId);
            item.externalId = value.value === null ? null : value.value.slice(0, MAX_VALUE_LENGTH + 1);
            item.message = value.missingReason;
          }
        }
        if (!item.quickConnect && summary.defaultQuickConnect) item.quickConnect = summary.defaultQuickConnect;
        if (user) {
          const built = buildMappingNames(
            {
              userId: user.Id,
              callCenterId: summary.callCenterId,
              userAlias: user.Alias,
              callCenterInternalName: center?.InternalName ?? null,
            },
            { developerNameFormat: summary.developerNameFormat, masterLabelFormat: summary.masterLabelFormat },
          );
          item.developerName = item.givenDeveloperName ?? (built.ok ? built.developerName : null);
          item.masterLabel = item.givenMasterLabel ?? (built.ok ? built.masterLabel : null);
          if (!built.ok && !item.givenDeveloperName) item.message = built.errors.join(' ');
        }
      }
      item.mappingId = null;
      const problem = this.firstProblem(state, item, user, byUser.get(item.userId));
      if (problem) {
        [item.verdict, item.message] = problem;
        continue;
      }
      const used = (byKey.get(keyOf(item.externalId) ?? '') ?? []).find(
        (mapping) => mapping.ReferenceRecordId !== item.userId,
      );
      if (used) {
        item.verdict = 'DUPLICATE_IN_ORG';
        item.mappingId = used.Id;
        item.message = `This ExternalId is already used in this call center by the mapping ${used.DeveloperName} of ${used.ReferenceRecordId}.`;
        continue;
      }
      item.verdict = 'READY';
      item.message = null;
    }
  }

  private firstProblem(
    state: RunState,
    item: RunItem,
    user: SampleUser | undefined,
    existing: CallCenterRoutingMapRow[] | undefined,
  ): [RowVerdict, string] | null {
    if (!user) return ['USER_NOT_FOUND', 'The user does not exist or you cannot see it.'];
    const mapped = existing?.[0];
    if (mapped) {
      item.mappingId = mapped.Id;
      return [
        'ALREADY_MAPPED',
        `The user already has a mapping for this call center (ExternalId "${mapped.ExternalId}").`,
      ];
    }
    if (user.CallCenterId !== state.summary.callCenterId) {
      return [
        'NOT_IN_CALL_CENTER',
        user.CallCenterId === null
          ? 'The user is in no call center.'
          : `The user is in another call center (${user.CallCenterId}).`,
      ];
    }
    if (!user.IsActive) return ['USER_INACTIVE', 'The user is inactive: calls cannot be routed to them.'];
    if (!item.externalId || item.externalId.trim() === '') {
      return [
        'MISSING_VALUE',
        item.message && item.message.endsWith(' is empty') ? item.message : 'The row has no ExternalId.',
      ];
    }
    const valueProblem =
      valueProblemOf(item.externalId, 'ExternalId') ??
      (item.quickConnect ? valueProblemOf(item.quickConnect, 'QuickConnect') : null);
    if (valueProblem) return ['INVALID_VALUE', valueProblem];
    if (state.summary.externalIdFormat === 'AMAZON_CONNECT') {
      const agent = validateAgentArn(item.externalId);
      if (!agent.ok) return ['INVALID_ARN', `ExternalId: ${agent.message}`];
      if (item.quickConnect) {
        const quickConnect = validateQuickConnectArn(item.quickConnect);
        if (!quickConnect.ok) return ['INVALID_ARN', `QuickConnect: ${quickConnect.message}`];
      }
    }
    if (!item.developerName) return ['INVALID_NAME', item.message ?? 'The DeveloperName could not be built.'];
    const nameProblem = developerNameProblems(item.developerName)[0];
    if (nameProblem) return ['INVALID_NAME', `DeveloperName "${item.developerName}": ${nameProblem.message}`];
    if (!item.masterLabel || item.masterLabel.length > MASTER_LABEL_MAX_LENGTH) {
      return ['INVALID_NAME', `MasterLabel must have 1 to ${MASTER_LABEL_MAX_LENGTH} characters.`];
    }
    return null;
  }

  /** DUPLICATE_IN_RUN among READY rows: one ExternalId (ignoring case) on several rows; none is written. */
  private markRunDuplicates(state: RunState): void {
    if (state.summary.operation !== 'CREATE') return;
    const groups = new Map<string, RunItem[]>();
    for (const item of state.items) {
      if (item.verdict !== 'READY' && item.verdict !== 'DUPLICATE_IN_RUN') continue;
      const key = keyOf(item.externalId);
      if (!key) continue;
      const group = groups.get(key);
      if (group) group.push(item);
      else groups.set(key, [item]);
    }
    for (const group of groups.values()) {
      if (group.length < 2) {
        const only = group[0];
        if (only?.verdict === 'DUPLICATE_IN_RUN') {
          only.verdict = 'READY';
          only.message = null;
        }
        continue;
      }
      for (const item of group) {
        const others = group
          .filter((other) => other !== item)
          .map((other) => other.rowNumber)
          .slice(0, 5);
        item.verdict = 'DUPLICATE_IN_RUN';
        item.message = `Row(s) ${others.join(', ')} of this run have the same ExternalId: neither is written.`;
      }
    }
  }

  /** MappingFixService's checks of stale (DELETE) and mismatched (MOVE) rows. */
  private evaluateFixRows(state: RunState, items: RunItem[]): void {
    const index = this.store.mappings();
    for (const item of items) {
      if (item.outcome !== 'PENDING') continue;
      const mapping = item.mappingId ? index.byId.get(item.mappingId) : undefined;
      const user = this.store.usersById.get(item.userId);
      const set = (verdict: RowVerdict, message: string | null): void => {
        item.verdict = verdict;
        item.message = message;
      };
      if (!mapping) {
        set('MAPPING_NOT_FOUND', 'The mapping no longer exists.');
        continue;
      }
      item.developerName = mapping.DeveloperName;
      item.masterLabel = mapping.MasterLabel;
      if (!user) {
        if (state.summary.operation === 'DELETE')
          set('READY', 'The mapped user no longer exists: the mapping is deleted.');
        else set('USER_NOT_FOUND', 'The user does not exist or you cannot see it.');
        continue;
      }
      if (state.summary.operation === 'DELETE') {
        if (user.IsActive && user.CallCenterId === mapping.CallCenterId) {
          set('RESOLVED', 'The user is active in this call center again: the mapping is kept.');
        } else set('READY', null);
        continue;
      }
      // MOVE
      if (user.CallCenterId === mapping.CallCenterId) {
        set('RESOLVED', 'The user is in this call center again: the mapping is kept.');
        continue;
      }
      if (user.CallCenterId === null) {
        set('NOT_IN_CALL_CENTER', 'The user is in no call center: delete the mapping instead.');
        continue;
      }
      const target = user.CallCenterId;
      item.targetCallCenterId = target;
      const inTarget = index.byCenterUser.get(target)?.get(user.Id)?.[0];
      if (inTarget) {
        item.mappingId = mapping.Id;
        set('ALREADY_MAPPED', `The user already has a mapping in their call center (${inTarget.DeveloperName}).`);
        continue;
      }
      const built = buildMappingNames(
        {
          userId: user.Id,
          callCenterId: target,
          userAlias: user.Alias,
          callCenterInternalName: this.store.centersById.get(target)?.InternalName ?? null,
        },
        { developerNameFormat: state.summary.developerNameFormat, masterLabelFormat: state.summary.masterLabelFormat },
      );
      if (!built.ok) {
        set('INVALID_NAME', built.errors.join(' '));
        continue;
      }
      item.developerName = built.developerName;
      item.masterLabel = built.masterLabel;
      set('READY', `Moves to the call center ${target}.`);
    }
    if (state.summary.operation === 'MOVE') this.markMoveDuplicates(items);
  }

  /**
   * MappingFixService.markMoveDuplicates: a READY move whose ExternalId (ignoring case) the target call center has on
   * another user's mapping is DUPLICATE_IN_ORG; READY moves of one ExternalId into one call center are DUPLICATE_IN_RUN.
   */
  private markMoveDuplicates(items: RunItem[]): void {
    const byCenterKey = this.store.mappings().byCenterKey;
    const groups = new Map<string, RunItem[]>();
    for (const item of items) {
      const key = keyOf(item.externalId);
      if (item.verdict !== 'READY' || !key || !item.targetCallCenterId) continue;
      const groupKey = `${item.targetCallCenterId}\u0000${key}`;
      const group = groups.get(groupKey);
      if (group) group.push(item);
      else groups.set(groupKey, [item]);
    }
    for (const group of groups.values()) {
      for (const item of group) {
        const target = item.targetCallCenterId as string;
        const taken = (byCenterKey.get(target)?.get(keyOf(item.externalId) ?? '') ?? []).find(
          (mapping) => mapping.ReferenceRecordId !== item.userId,
        );
        if (taken) {
          item.verdict = 'DUPLICATE_IN_ORG';
          item.message = `The call center ${target} already has this ExternalId on the mapping ${taken.DeveloperName} of ${taken.ReferenceRecordId}: the mapping is not moved.`;
        } else if (group.length > 1) {
          item.verdict = 'DUPLICATE_IN_RUN';
          item.message = `Another row of this run moves the same ExternalId to the call center ${target}: neither is moved.`;
        }
      }
    }
  }

  // ------------------------------------------------------------------------------------------ helpers

  private schedule(state: RunState, step: () => void): void {
    this.clearTimer(state);
    state.timer = setTimeout(step, this.store.options.stepDelayMs);
  }

  private clearTimer(state: RunState): void {
    if (state.timer) clearTimeout(state.timer);
    state.timer = null;
  }

  private requireRun(runId: string | null | undefined, action: string): RunState {
    this.store.requireMappings(action);
    const check = validateId(runId);
    const state = check.ok ? this.runs.get(check.id18) : undefined;
    if (!state) throw new AuraHandledError(`${action} failed: the run ${runId ?? '(none)'} does not exist.`);
    return state;
  }

  /** Recomputes counts and the allowed actions; returns a copy of the summary. */
  private refresh(state: RunState): RunSummary {
    const summary = state.summary;
    const counts: Record<string, number> = {};
    let processed = 0;
    let created = 0;
    let failed = 0;
    let skipped = 0;
    for (const item of state.items) {
      if (item.verdict) counts[item.verdict] = (counts[item.verdict] ?? 0) + 1;
      if (item.outcome === 'CREATED') created++;
      else if (item.outcome === 'FAILED') failed++;
      else if (item.outcome === 'SKIPPED') skipped++;
    }
    processed = created + failed + skipped;
    summary.total = state.items.length;
    summary.verdictCounts = counts;
    summary.ready = counts['READY'] ?? 0;
    summary.processed = processed;
    summary.created = created;
    summary.failed = failed;
    summary.skipped = skipped;
    summary.percentComplete = summary.total === 0 ? 0 : Math.floor((100 * processed) / summary.total);
    const status = summary.status;
    summary.isFinal = FINAL.has(status);
    summary.canAddItems = status === 'DRAFT' && summary.operation === 'CREATE' && summary.selectionMode === 'IDS';
    summary.canPreview = status === 'DRAFT' || status === 'PREVIEW_READY';
    summary.canEdit = status === 'PREVIEW_READY' && summary.operation === 'CREATE';
    summary.canConfirm =
      status === 'PREVIEW_READY' && summary.ready > 0 && this.store.org.mappingAvailability === 'AVAILABLE';
    summary.canCancel = !summary.isFinal && !summary.cancelRequested;
    summary.canResume = status === 'PAUSED' || status === 'FAILED';
    return { ...summary, verdictCounts: { ...counts } };
  }

  private toRow(item: RunItem): RunItemRow {
    const user = this.store.usersById.get(item.userId);
    return {
      itemId: item.itemId,
      rowNumber: item.rowNumber,
      userId: item.userId,
      userFullName: user?.Name ?? null,
      username: user?.Username ?? null,
      email: user?.Email ?? null,
      alias: user?.Alias ?? null,
      isActive: user?.IsActive ?? null,
      externalId: item.externalId,
      quickConnect: item.quickConnect,
      developerName: item.developerName,
      masterLabel: item.masterLabel,
      valueSource: item.valueSource,
      verdict: item.verdict,
      message: item.message,
      outcome: item.outcome,
      mappingId: item.mappingId,
    };
  }
}

function valueProblemOf(value: string, label: string): string | null {
  if (value.length > MAX_VALUE_LENGTH) {
    return `${label} has ${value.length} characters; the limit is ${MAX_VALUE_LENGTH}.`;
  }
  if (value !== value.trim()) return `${label} has spaces or line breaks around it; values are compared exactly.`;
  if (/[\r\n]/.test(value)) return `${label} contains a line break.`;
  return null;
}
