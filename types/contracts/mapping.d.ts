/**
 * Contracts of the Mapping feature (force-app/main/mapping): the JSON the mapping Apex controllers exchange with the
 * mapping LWCs and the preview backend. Field names are the Apex DTO field names (MappingUsersService,
 * MappingRuleService, MappingRunService, MappingAnalysisService, MappingFixService, MappingManageService); do not
 * rename one side without the other.
 *
 * Conventions:
 * - Ids are 18-character Salesforce ids (the server returns 18; it accepts 15 or 18).
 * - Timestamps are ISO-8601 UTC strings, e.g. `2025-01-31T09:15:00.000Z` (Apex `Datetime`).
 * - `T | null`: the server may also leave the property out (Aura drops null-valued properties, see
 *   docs/platform-assumptions.md row 13), so test with `== null`.
 * - Paged lists use keyset cursors: pass a page's `nextCursor` back as `cursor` for the next page; `hasMore` says
 *   whether one exists. Cursors are opaque and only valid for the same query (same filter and sort).
 * - Errors are thrown as AuraHandledException whose message names the action that failed and why (missing
 *   Service Cloud Voice, missing permission, invalid input): show it as is (c/apexErrors).
 */
import type { MappingAvailability } from './overview';

// ---------------------------------------------------------------------------------------------------------------
// Shared value types

/** How ExternalId (and QuickConnect) values are validated. */
export type ExternalIdFormat =
  /** ExternalId must be an Amazon Connect agent ARN, QuickConnect (optional) a quick connect ARN. */
  | 'AMAZON_CONNECT'
  /** Any non-blank value without surrounding whitespace, at most 255 characters (partner telephony). */
  | 'TEXT';

/** Where a run's ExternalIds come from. */
export type ExternalIdSource =
  /** Computed on the server by an ExternalId rule (docs/external-id-rules.md). */
  | 'RULE'
  /** Matched in the browser against the telephony system's user export; the pairs are sent with addRunItems. */
  | 'DIRECTORY'
  /** Typed by the admin; sent with addRunItems. */
  | 'MANUAL'
  /** Imported from a CSV parsed in the browser; sent with addRunItems (DeveloperName/MasterLabel may be given). */
  | 'CSV'
  /** A fix run (delete stale / move mismatched mappings): values are copied from the existing mappings. */
  | 'FIX';

/** What a run does. */
export type RunOperation =
  /** Create CallCenterRoutingMap records for users. */
  | 'CREATE'
  /** Delete stale mappings (fix run). */
  | 'DELETE'
  /** Recreate mismatched mappings in the user's current call center, then delete the old ones (fix run). */
  | 'MOVE';

/** Where a run is in its life cycle. */
export type RunStatus =
  /** Created; rows can still be added (addRunItems). */
  | 'DRAFT'
  /** The preview is being computed asynchronously: poll getRun. */
  | 'PREVIEWING'
  /** Every row has a verdict; rows can be edited; nothing is written until confirmRun. */
  | 'PREVIEW_READY'
  /** Confirmed; the first write step is queued. */
  | 'QUEUED'
  /** Writing, chunk by chunk: poll getRun for processed/created/failed. */
  | 'RUNNING'
  /** The job chain stopped (e.g. the Queueable stack depth of Developer Edition/scratch orgs): call resumeRun. */
  | 'PAUSED'
  /** Every READY row was written. */
  | 'COMPLETED'
  /** Finished, but some rows failed: list them with getRunItems({ outcomes: ['FAILED'] }). */
  | 'COMPLETED_WITH_ERRORS'
  /** Cancelled by the admin; rows written before the cancel stay. */
  | 'CANCELLED'
  /** A step failed repeatedly; lastError says why; resumeRun retries. */
  | 'FAILED';

/** A row's preview verdict. Only READY rows are written. */
export type RowVerdict =
  /** Will be written. */
  | 'READY'
  /** No ExternalId (the rule's merge field was empty, or no value was sent); the message names the merge field. */
  | 'MISSING_VALUE'
  /** ExternalId or QuickConnect is longer than 255 characters, has surrounding whitespace or a line break. */
  | 'INVALID_VALUE'
  /** ExternalId is not an agent ARN, or QuickConnect not a quick connect ARN (AMAZON_CONNECT format). */
  | 'INVALID_ARN'
  /** The DeveloperName or MasterLabel (given or built from the format) is not valid. */
  | 'INVALID_NAME'
  /** Another READY row of this run has the same ExternalId (compared ignoring case): neither is written. */
  | 'DUPLICATE_IN_RUN'
  /** A mapping of another user in this call center already has this ExternalId (ignoring case). */
  | 'DUPLICATE_IN_ORG'
  /** The user already has a mapping for this call center (fix MOVE runs: in the target call center). */
  | 'ALREADY_MAPPED'
  /** The user is inactive. */
  | 'USER_INACTIVE'
  /** The user is not (or no longer) in the run's call center. */
  | 'NOT_IN_CALL_CENTER'
  /** The user does not exist or the admin cannot see it. */
  | 'USER_NOT_FOUND'
  /** Fix runs: the mapping no longer exists in the call center. */
  | 'MAPPING_NOT_FOUND'
  /** Fix runs: the problem disappeared (the user is active in the call center again). */
  | 'RESOLVED';

/** What happened to a row in the write phase. */
export type RowOutcome =
  /** Not handled yet. */
  | 'PENDING'
  /** Written (created; for fix runs: deleted or moved). */
  | 'CREATED'
  /** The platform refused the row; `message` has its error. */
  | 'FAILED'
  /** Not written because its verdict was not READY when the write step re-checked it; `verdict` says why. */
  | 'SKIPPED';

/** A mapping problem found by an analysis. */
export type ProblemKind =
  /** The mapped user is inactive. */
  | 'STALE_INACTIVE_USER'
  /** The mapped user is in no call center. */
  | 'STALE_NO_CALL_CENTER'
  /** The mapped user is now in another call center (`userCallCenterId`). */
  | 'MISMATCHED_CALL_CENTER'
  /** One user has two or more mappings in the call center (`groupKey` = the user id). */
  | 'DUPLICATE_USER'
  /** Two or more users of the call center share one ExternalId (`groupKey` = the lower-cased ExternalId). */
  | 'DUPLICATE_EXTERNAL_ID';

/** Problem filters: a kind, or a group of kinds. */
export type ProblemFilter = ProblemKind | 'STALE' | 'MISMATCHED' | 'DUPLICATE';

/** User sort keys (an allow-list: anything else is refused). */
export type UserSortKey = 'NAME' | 'USERNAME' | 'EMAIL' | 'ALIAS' | 'FEDERATION_ID' | 'PROFILE' | 'ROLE' | 'ID';

// ---------------------------------------------------------------------------------------------------------------
// Context and users (MappingUsersController)

/** What the running user may do with CallCenterRoutingMap records (describe). */
export interface MappingAccessFlags {
  /** Can read mappings (AVAILABLE). */
  canRead: boolean;
  /** Can create mappings (needed to confirm create and move runs). */
  canCreate: boolean;
  /** Can edit ExternalId / QuickConnect (Manage screen). */
  canEdit: boolean;
  /** Can delete mappings (Manage screen, stale fixes, move runs). */
  canDelete: boolean;
}

/** Server limits the LWCs must respect. */
export interface MappingLimits {
  /** Largest `pageSize` of getUsers (the directory matcher pages all agents this many at a time). */
  maxUserPageSize: number;
  /** Longest search text accepted. */
  maxSearchLength: number;
  /** Rows per addRunItems call. */
  maxItemsPerCall: number;
  /** Edits per updateRunItems call. */
  maxEditsPerCall: number;
  /** Rows one run may have. */
  maxRunRows: number;
  /** Previews up to this many rows are computed within startPreview; larger ones asynchronously. */
  syncPreviewMaxRows: number;
  /** Rows written per asynchronous write step (progress moves by this much). */
  writeChunkSize: number;
  /** Longest ExternalId rule. */
  maxRuleLength: number;
  /** Users per evaluateRule call. */
  maxRuleSampleUsers: number;
  /** Mappings per updateMappings / deleteMappings call. */
  maxManageWritesPerCall: number;
  /** Longest ExternalId / QuickConnect value. */
  maxValueLength: number;
}

/** Everything the mapping screens load first for a call center. */
export interface MappingContext {
  /** The call center (18 characters). */
  callCenterId: string;
  /** CallCenter.Name. */
  callCenterName: string;
  /** CallCenter.InternalName (the {CallCenterInternalName} token). */
  internalName: string | null;
  /** Whether mappings can be read at all. */
  mappingAvailability: MappingAvailability;
  /** Why mappings cannot be used (missing Voice or permission); null when they can be read. */
  mappingAvailabilityMessage: string | null;
  /** Create/edit/delete permissions on CallCenterRoutingMap. */
  access: MappingAccessFlags;
  /** Why runs cannot be confirmed (no create permission), or null: show it next to the disabled button. */
  createAccessMessage: string | null;
  /** The org id (18 characters): the value of `$Organization.Id` when the browser evaluates a rule. */
  organizationId: string;
  /** DeveloperName format of new runs (setting; default `User_{UserId18}_{CallCenterId15}`). */
  developerNameFormat: string;
  /** MasterLabel format of new runs (setting; default `{UserId18}`). */
  masterLabelFormat: string;
  /** Every field a rule may use, in suggestion order: the default user fields, then `customRuleFields`. */
  ruleFields: string[];
  /** Readable custom text fields of User (pass as `customFields` to the LWC rule parser). */
  customRuleFields: string[];
  /** How unmapped users are found: one anti-join query, or the post-filter fallback (setting). */
  unmappedFilterMode: 'ANTI_JOIN' | 'POST_FILTER';
  /** Server limits. */
  limits: MappingLimits;
}

/** A page request for a call center's agents. */
export interface UserQuery {
  /** The call center. */
  callCenterId: string;
  /** Case-insensitive contains-search over name, username, email, alias, federation id, profile and role. */
  search?: string | null;
  /** Filter on User.IsActive; default ALL. */
  status?: 'ALL' | 'ACTIVE' | 'INACTIVE' | null;
  /** UNMAPPED (default): agents without a mapping for this call center; ALL: every agent (directory matching). */
  scope?: 'UNMAPPED' | 'ALL' | null;
  /** Sort key; default NAME. Ties are broken by id. */
  sortBy?: UserSortKey | null;
  /** Default ASC. Empty values sort first in ASC and last in DESC. */
  sortDirection?: 'ASC' | 'DESC' | null;
  /** 1..limits.maxUserPageSize; default 50. */
  pageSize?: number | null;
  /** The previous page's nextCursor; omit for the first page. */
  cursor?: string | null;
  /** Also count every matching user (one more query); default false. */
  includeTotal?: boolean | null;
}

/** One agent. */
export interface UserRow {
  /** User id. */
  userId: string;
  /** User.Name. */
  name: string;
  /** User.Username. */
  username: string;
  /** User.Email. */
  email: string;
  /** User.Alias. */
  alias: string | null;
  /** User.FederationIdentifier. */
  federationIdentifier: string | null;
  /** Profile.Name. */
  profileName: string | null;
  /** UserRole.Name. */
  roleName: string | null;
  /** User.IsActive. */
  isActive: boolean;
  /** User.LastLoginDate (ISO-8601). */
  lastLoginDate: string | null;
}

/** A page of agents. */
export interface UserPage {
  /** The agents, in the requested order. */
  rows: UserRow[];
  /** Cursor of the next page, or null. */
  nextCursor: string | null;
  /** Whether a next page exists (a POST_FILTER page may be short, even empty, and still have more). */
  hasMore: boolean;
  /** All matching users, when `includeTotal` was set (null when not asked, or not countable cheaply). */
  totalCount: number | null;
  /** How unmapped users were found for this page. */
  filterMode: 'ANTI_JOIN' | 'POST_FILTER';
}

// ---------------------------------------------------------------------------------------------------------------
// Rules (MappingRuleController)

/** One error of a rule, as the server reports it (same codes, spans and messages as the LWC parser). */
export interface RuleCheckProblem {
  /** Error code of docs/external-id-rules.md, e.g. UNKNOWN_FIELD. */
  code: string;
  /** 0-based offset of the first character (UTF-16). */
  startIndex: number;
  /** Offset after the last character (exclusive). */
  endIndex: number;
  /** The message of the spec. */
  message: string;
  /** A replacement for [startIndex, endIndex), or null. */
  suggestion: string | null;
}

/** The server's check of a rule. */
export interface RuleCheck {
  /** No errors: the rule can be used in a run. */
  ok: boolean;
  /** Errors in order of position (rule-level errors alone, else at most one per merge field). */
  errors: RuleCheckProblem[];
  /** User fields the rule reads. */
  fields: string[];
  /** `$Organization` fields the rule reads. */
  organizationFields: string[];
}

/** A rule's value for one user. */
export interface RuleSample {
  /** The user. */
  userId: string;
  /** The ExternalId; null when missing. */
  value: string | null;
  /** `{!...} is empty` when missing; else null. */
  missingReason: string | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Runs (MappingRunController)

/** createRun's request. */
export interface RunRequest {
  /** The call center to map users to. */
  callCenterId: string;
  /** Where ExternalIds come from (FIX runs are created by fixProblems). */
  source: Exclude<ExternalIdSource, 'FIX'>;
  /** RULE runs: the rule (checked again by the server). */
  rule?: string | null;
  /** Default AMAZON_CONNECT. */
  externalIdFormat?: ExternalIdFormat | null;
  /** QuickConnect ARN given to rows without one; optional. */
  defaultQuickConnect?: string | null;
  /**
   * IDS (default): the rows are the users sent (`userIds` for RULE runs, else addRunItems);
   * FILTER (RULE runs only): every unmapped user of the call center matching `filter`, gathered by the server.
   */
  selectionMode?: 'IDS' | 'FILTER' | null;
  /** IDS + RULE: up to limits.maxItemsPerCall users (more with addRunItems). */
  userIds?: string[] | null;
  /** FILTER: which unmapped users (the filter is sent, not the ids). */
  filter?: { search?: string | null; status?: 'ALL' | 'ACTIVE' | 'INACTIVE' | null } | null;
  /** DeveloperName format for this run; omit for the setting. */
  developerNameFormat?: string | null;
  /** MasterLabel format for this run; omit for the setting. */
  masterLabelFormat?: string | null;
}

/** One row sent by the browser (DIRECTORY, MANUAL, CSV; or RULE runs' users). */
export interface RunItemInput {
  /** The user, 15 or 18 characters. */
  userId: string;
  /** The ExternalId; ignored for RULE runs. */
  externalId?: string | null;
  /** The QuickConnect ARN; optional. */
  quickConnect?: string | null;
  /** CSV: a DeveloperName to use instead of the format's (validated). */
  developerName?: string | null;
  /** CSV: a MasterLabel to use instead of the format's. */
  masterLabel?: string | null;
  /** Position in the input (CSV line number), echoed in verdict lists and rejections. */
  rowNumber?: number | null;
}

/** A row addRunItems refused. */
export interface RejectedRow {
  /** The row's rowNumber, or its position in the run. */
  rowNumber: number;
  /** The user id as sent. */
  userId: string | null;
  /** Why (bad id, not a user id, already in the run, value too long). */
  message: string;
}

/** addRunItems' result. */
export interface AddItemsResult {
  /** The run. */
  runId: string;
  /** Rows added by this call. */
  accepted: number;
  /** Rows refused by this call. */
  rejected: RejectedRow[];
  /** Rows in the run now. */
  totalItems: number;
}

/** A run as the screens show it (poll getRun while `status` is PREVIEWING, QUEUED or RUNNING). */
export interface RunSummary {
  /** Mapping_Run__c id. */
  runId: string;
  /** Run number, e.g. MR-000012. */
  name: string;
  /** Life-cycle status. */
  status: RunStatus;
  /** CREATE, DELETE or MOVE. */
  operation: RunOperation;
  /** Where ExternalIds come from. */
  source: ExternalIdSource;
  /** The run's call center. */
  callCenterId: string;
  /** IDS or FILTER. */
  selectionMode: 'IDS' | 'FILTER';
  /** How values are validated. */
  externalIdFormat: ExternalIdFormat;
  /** RULE runs: the rule; else null. */
  rule: string | null;
  /** QuickConnect for rows without one, or null. */
  defaultQuickConnect: string | null;
  /** DeveloperName format of this run. */
  developerNameFormat: string;
  /** MasterLabel format of this run. */
  masterLabelFormat: string;
  /** Engine phase (GATHER, EVALUATE, DUPLICATES, COUNT, WRITE, DONE), for diagnostics. */
  phase: string | null;
  /** Rows in the run. */
  total: number;
  /** Rows whose verdict is READY. */
  ready: number;
  /** Rows per verdict after the preview, keyed by {@link RowVerdict}, e.g. `{ READY: 120, MISSING_VALUE: 3 }`; verdicts without rows are absent. */
  verdictCounts: Record<string, number>;
  /** Rows the write phase has handled (created + failed + skipped): the progress bar's value. */
  processed: number;
  /** Rows written. */
  created: number;
  /** Rows that failed (each keeps its reason). */
  failed: number;
  /** Rows not written because their verdict was not READY at write time. */
  skipped: number;
  /** floor(100 * processed / total). */
  percentComplete: number;
  /** The admin asked to cancel; the next step stops the run. */
  cancelRequested: boolean;
  /** addRunItems is allowed (DRAFT create run). */
  canAddItems: boolean;
  /** startPreview is allowed (DRAFT, or PREVIEW_READY to refresh verdicts). */
  canPreview: boolean;
  /** updateRunItems is allowed (PREVIEW_READY). */
  canEdit: boolean;
  /** confirmRun is allowed (PREVIEW_READY with at least one READY row). */
  canConfirm: boolean;
  /** cancelRun is allowed. */
  canCancel: boolean;
  /** resumeRun is allowed (PAUSED, FAILED, or no progress for 10 minutes). */
  canResume: boolean;
  /** COMPLETED, COMPLETED_WITH_ERRORS or CANCELLED. */
  isFinal: boolean;
  /** Who created the run. */
  createdById: string;
  /** Their name. */
  createdByName: string | null;
  /** When the run was created. */
  createdDate: string;
  /** When the preview was computed. */
  previewedAt: string | null;
  /** When the write phase started. */
  startedAt: string | null;
  /** When the run reached a final status. */
  finishedAt: string | null;
  /** When a step last completed. */
  lastProgressAt: string | null;
  /** The last step error (also after a successful retry), or null. */
  lastError: string | null;
}

/** A page request for a run's rows. */
export interface ItemQuery {
  /** The run. */
  runId: string;
  /** Only these verdicts; omit for all. */
  verdicts?: RowVerdict[] | null;
  /** Only these outcomes (e.g. ['FAILED'] for the failure download); omit for all. */
  outcomes?: RowOutcome[] | null;
  /** The previous page's nextCursor. */
  cursor?: string | null;
  /** 1..2,000; default 50. */
  pageSize?: number | null;
}

/** One row of a run with its user. */
export interface RunItemRow {
  /** Mapping_Run_Item__c id (for updateRunItems). */
  itemId: string;
  /** Input position (CSV line number). */
  rowNumber: number;
  /** The user. */
  userId: string;
  /** User.Name (null when the user is not visible). */
  userFullName: string | null;
  /** User.Username. */
  username: string | null;
  /** User.Email. */
  email: string | null;
  /** User.Alias. */
  alias: string | null;
  /** User.IsActive. */
  isActive: boolean | null;
  /** The ExternalId to write (computed by the rule, or sent). */
  externalId: string | null;
  /** The QuickConnect to write. */
  quickConnect: string | null;
  /** The DeveloperName to write. */
  developerName: string | null;
  /** The MasterLabel to write. */
  masterLabel: string | null;
  /** Where the ExternalId came from (MANUAL after an edit). */
  valueSource: ExternalIdSource | null;
  /** The verdict (null only before the preview). */
  verdict: RowVerdict | null;
  /** Why the row is not READY, or why writing it failed. */
  message: string | null;
  /** The write outcome. */
  outcome: RowOutcome;
  /** The created mapping, or the existing one (ALREADY_MAPPED, DUPLICATE_IN_ORG, fix runs). */
  mappingId: string | null;
}

/** A page of run rows. */
export interface ItemPage {
  /** Rows in input order. */
  rows: RunItemRow[];
  /** Cursor of the next page, or null. */
  nextCursor: string | null;
  /** Whether a next page exists. */
  hasMore: boolean;
}

/** A by-hand edit of one row (PREVIEW_READY runs). */
export interface ItemEdit {
  /** The row. */
  itemId: string;
  /** The new ExternalId (blank: MISSING_VALUE). */
  externalId: string | null;
  /** The new QuickConnect (blank: the run's default, if any). */
  quickConnect?: string | null;
}

/** updateRunItems' result. */
export interface EditResult {
  /** The run with refreshed verdict counts. */
  run: RunSummary;
  /** The edited rows, re-evaluated. */
  rows: RunItemRow[];
}

// ---------------------------------------------------------------------------------------------------------------
// Analysis and fixes (MappingAnalysisController)

/** A call center's mapping analysis (poll getLatestAnalysis while RUNNING). */
export interface AnalysisSummary {
  /** Mapping_Analysis__c id. */
  analysisId: string;
  /** The call center. */
  callCenterId: string;
  /** RUNNING, COMPLETED or FAILED. */
  status: 'RUNNING' | 'COMPLETED' | 'FAILED';
  /** Engine phase (COUNTS, SCAN, DUPLICATES, CLEANUP, DONE). */
  phase: string | null;
  /** Users of the call center. */
  agentCount: number;
  /** Active users of the call center. */
  activeAgentCount: number;
  /** Users of the call center with a mapping for THIS call center (exact). */
  mappedAgentCount: number;
  /** Users of the call center without a mapping for it. */
  unmappedAgentCount: number;
  /** Active users without a mapping: their calls are not routed. */
  unmappedActiveAgentCount: number;
  /** All mappings of the call center (users and queues). */
  mappingCount: number;
  /** Mappings pointing at users. */
  userMappingCount: number;
  /** Mappings pointing at queues (never problems). */
  queueMappingCount: number;
  /** Mappings classified so far (progress of RUNNING analyses). */
  scannedCount: number;
  /** STALE_* problems. */
  staleCount: number;
  /** MISMATCHED_CALL_CENTER problems. */
  mismatchedCount: number;
  /** DUPLICATE_USER rows (every mapping of a user mapped twice). */
  duplicateUserCount: number;
  /** DUPLICATE_EXTERNAL_ID rows. */
  duplicateExternalIdCount: number;
  /** More duplicates exist than are listed. */
  duplicatesTruncated: boolean;
  /** Progress, 100 when finished. */
  percentComplete: number;
  /** When it started. */
  startedAt: string | null;
  /** When it finished. */
  finishedAt: string | null;
  /** Why it failed, or a partial failure (e.g. duplicates could not be checked). */
  lastError: string | null;
}

/** A page request for an analysis's problems. */
export interface ProblemQuery {
  /** The analysis. */
  analysisId: string;
  /** Kinds or groups; omit for all. */
  kinds?: ProblemFilter[] | null;
  /** The previous page's nextCursor. */
  cursor?: string | null;
  /** 1..2,000; default 50. */
  pageSize?: number | null;
}

/** One problem mapping. */
export interface ProblemRow {
  /** Mapping_Problem__c id (for fixProblems). */
  problemId: string;
  /** The kind. */
  kind: ProblemKind;
  /** The CallCenterRoutingMap id. */
  mappingId: string;
  /** The mapped user. */
  userId: string;
  /** User.Name. */
  userFullName: string | null;
  /** User.Username. */
  username: string | null;
  /** User.IsActive. */
  isActive: boolean | null;
  /** The mapping's ExternalId. */
  externalId: string | null;
  /** The user's current call center (mismatched: where the mapping belongs), or null. */
  userCallCenterId: string | null;
  /** Duplicates: the shared user id or lower-cased ExternalId. */
  groupKey: string | null;
  /** A sentence for the admin. */
  detail: string | null;
}

/** A page of problems. */
export interface ProblemPage {
  /** The problems. */
  rows: ProblemRow[];
  /** Cursor of the next page, or null. */
  nextCursor: string | null;
  /** Whether a next page exists. */
  hasMore: boolean;
}

/** fixProblems' request: creates a DRAFT fix run (then startPreview, confirmRun as for any run). */
export interface FixRequest {
  /** A COMPLETED analysis. */
  analysisId: string;
  /** STALE (delete) or MISMATCHED (move). Duplicates are fixed one by one on the Manage screen. */
  kind: 'STALE' | 'MISMATCHED';
  /** Only these problems (up to 2,000); omit for every problem of the kind. */
  problemIds?: string[] | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Manage (MappingManageController)

/** A page request for a call center's mappings. */
export interface MappingListQuery {
  /** The call center. */
  callCenterId: string;
  /** Contains-search over ExternalId, DeveloperName, MasterLabel, QuickConnect and the user's name/username/email. */
  search?: string | null;
  /** USER, QUEUE or ALL (default). */
  referenceType?: 'USER' | 'QUEUE' | 'ALL' | null;
  /** The previous page's nextCursor (pages are in record id order). */
  cursor?: string | null;
  /** 1..2,000; default 50. */
  pageSize?: number | null;
}

/** One mapping with its user. */
export interface MappingRow {
  /** CallCenterRoutingMap id. */
  mappingId: string;
  /** Its call center. */
  callCenterId: string;
  /** The user or queue. */
  referenceRecordId: string;
  /** USER or QUEUE. */
  referenceType: 'USER' | 'QUEUE';
  /** User.Name (users only). */
  userFullName: string | null;
  /** User.Username. */
  username: string | null;
  /** User.Email. */
  email: string | null;
  /** User.IsActive. */
  isActive: boolean | null;
  /** The user's current call center. */
  userCallCenterId: string | null;
  /** ExternalId. */
  externalId: string | null;
  /** QuickConnect. */
  quickConnect: string | null;
  /** DeveloperName. */
  developerName: string | null;
  /** MasterLabel. */
  masterLabel: string | null;
  /** A problem this mapping has (stale or mismatched), computed live; null when none. */
  problem: Extract<ProblemKind, 'STALE_INACTIVE_USER' | 'STALE_NO_CALL_CENTER' | 'MISMATCHED_CALL_CENTER'> | null;
}

/** A page of mappings. */
export interface MappingPage {
  /** The mappings. */
  rows: MappingRow[];
  /** Cursor of the next page, or null. */
  nextCursor: string | null;
  /** Whether a next page exists. */
  hasMore: boolean;
}

/** An edit of one mapping. */
export interface MappingEdit {
  /** The mapping. */
  mappingId: string;
  /** The new ExternalId (required). */
  externalId: string;
  /** The new QuickConnect; blank clears it. */
  quickConnect?: string | null;
}

/** The outcome of writing one mapping. */
export interface WriteOutcome {
  /** The mapping. */
  mappingId: string;
  /** Whether it was written. */
  success: boolean;
  /** Why not (validation or the platform's error); null on success. */
  message: string | null;
}

// ---------------------------------------------------------------------------------------------------------------

/** The Mapping feature's Apex methods. */
export interface MappingContracts {
  /** Access, formats, rule fields and limits of a call center (describe + one query). */
  'MappingUsersController.getMappingContext': {
    params: { callCenterId: string };
    result: MappingContext;
    cacheable: false;
  };
  /** A keyset page of a call center's (unmapped) agents with search and sort. */
  'MappingUsersController.getUsers': {
    params: { query: UserQuery };
    result: UserPage;
    cacheable: false;
  };
  /** The server's check of a rule (same errors as the LWC parser). */
  'MappingRuleController.checkRule': {
    params: { rule: string };
    result: RuleCheck;
    cacheable: true;
  };
  /** A rule's values for up to limits.maxRuleSampleUsers users, exactly as a run computes them. */
  'MappingRuleController.evaluateRule': {
    params: { rule: string; userIds: string[] };
    result: RuleSample[];
    cacheable: false;
  };
  /** Creates a DRAFT run; nothing is written to CallCenterRoutingMap. */
  'MappingRunController.createRun': {
    params: { request: RunRequest };
    result: RunSummary;
    cacheable: false;
  };
  /** Adds up to limits.maxItemsPerCall rows to a DRAFT create run (send large selections in chunks). */
  'MappingRunController.addRunItems': {
    params: { runId: string; items: RunItemInput[] };
    result: AddItemsResult;
    cacheable: false;
  };
  /** Computes every row's values and verdict (PREVIEW_READY at once for small runs, else PREVIEWING: poll). */
  'MappingRunController.startPreview': {
    params: { runId: string };
    result: RunSummary;
    cacheable: false;
  };
  /** A run's status, counts and progress. */
  'MappingRunController.getRun': {
    params: { runId: string };
    result: RunSummary;
    cacheable: false;
  };
  /** The latest runs (of a call center, or all when null), newest first. */
  'MappingRunController.getRecentRuns': {
    params: { callCenterId: string | null; limitRows: number | null };
    result: RunSummary[];
    cacheable: false;
  };
  /** A keyset page of a run's rows, optionally by verdict or outcome (failed rows: the download). */
  'MappingRunController.getRunItems': {
    params: { query: ItemQuery };
    result: ItemPage;
    cacheable: false;
  };
  /** Edits rows by hand after the preview; the edited rows and their duplicate groups are re-evaluated. */
  'MappingRunController.updateRunItems': {
    params: { runId: string; edits: ItemEdit[] };
    result: EditResult;
    cacheable: false;
  };
  /** Starts writing the READY rows asynchronously (QUEUED). */
  'MappingRunController.confirmRun': {
    params: { runId: string };
    result: RunSummary;
    cacheable: false;
  };
  /** Cancels a run (at once when idle, else at the next step). */
  'MappingRunController.cancelRun': {
    params: { runId: string };
    result: RunSummary;
    cacheable: false;
  };
  /** Continues a PAUSED, FAILED or stalled run (safe to repeat). */
  'MappingRunController.resumeRun': {
    params: { runId: string };
    result: RunSummary;
    cacheable: false;
  };
  /** Analyses a call center (COMPLETED at once when small, else RUNNING: poll getLatestAnalysis). */
  'MappingAnalysisController.startAnalysis': {
    params: { callCenterId: string };
    result: AnalysisSummary;
    cacheable: false;
  };
  /** The call center's latest analysis, or null when it was never analysed. */
  'MappingAnalysisController.getLatestAnalysis': {
    params: { callCenterId: string };
    result: AnalysisSummary | null;
    cacheable: false;
  };
  /**
   * The latest analysis of each of several call centers (at most 200) in one call: one summary per call center that
   * has an analysis, in the order asked (the Overview's batch).
   */
  'MappingAnalysisController.getLatestAnalyses': {
    params: { callCenterIds: string[] };
    result: AnalysisSummary[];
    cacheable: false;
  };
  /** A keyset page of an analysis's problems. */
  'MappingAnalysisController.getProblems': {
    params: { query: ProblemQuery };
    result: ProblemPage;
    cacheable: false;
  };
  /** Creates a DRAFT fix run for stale (delete) or mismatched (move) mappings. */
  'MappingAnalysisController.fixProblems': {
    params: { request: FixRequest };
    result: RunSummary;
    cacheable: false;
  };
  /** A keyset page of a call center's mappings with search. */
  'MappingManageController.getMappings': {
    params: { query: MappingListQuery };
    result: MappingPage;
    cacheable: false;
  };
  /** Edits ExternalId and QuickConnect of up to limits.maxManageWritesPerCall mappings (validated like a preview). */
  'MappingManageController.updateMappings': {
    params: { edits: MappingEdit[]; externalIdFormat: ExternalIdFormat | null };
    result: WriteOutcome[];
    cacheable: false;
  };
  /** Deletes up to limits.maxManageWritesPerCall mappings (confirm in the UI first). */
  'MappingManageController.deleteMappings': {
    params: { mappingIds: string[] };
    result: WriteOutcome[];
    cacheable: false;
  };
}
