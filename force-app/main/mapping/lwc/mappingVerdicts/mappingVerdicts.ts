/**
 * The preview's verdict for each mapping row before anything is written: ready, or why not (missing value, invalid
 * value, invalid Amazon Connect ARN, ExternalId or user repeated in this run, ExternalId already used in the org,
 * user already mapped, user inactive), with counts per verdict.
 *
 * A row can have several issues; its `verdict` is the first in {@link VERDICTS} order (the most decisive: a row that
 * is already mapped is skipped whatever else is wrong with it), and `issues` lists them all.
 *
 * Duplicates: ExternalIds are compared trimmed and case-insensitively, because two values that differ only in case
 * are almost certainly one identity typed twice (and Salesforce unique text indexes ignore case); ids compare on
 * their case-sensitive 15-character form. Rows that will not be written (already mapped, user inactive) do not count
 * as duplicates of other rows.
 */
import { validateAgentArn, validateQuickConnectArn } from 'c/amazonConnectArns';
import { MASTER_LABEL_MAX_LENGTH, developerNameProblems } from 'c/developerNames';
import { idKey, validateId } from 'c/salesforceIds';
import type { IdValidation } from 'c/salesforceIds';

/** Verdicts, most decisive first. */
export const VERDICTS = [
  'already-mapped',
  'user-inactive',
  'missing-value',
  'invalid-value',
  'invalid-arn',
  'duplicate-user-in-run',
  'duplicate-in-org',
  'duplicate-in-run',
  'ready',
] as const;

/** A row's verdict. */
export type Verdict = (typeof VERDICTS)[number];

/** Labels for the preview's filters and counts. */
export const VERDICT_LABELS: Readonly<Record<Verdict, string>> = {
  'already-mapped': 'Already mapped',
  'user-inactive': 'User inactive',
  'missing-value': 'Missing value',
  'invalid-value': 'Invalid value',
  'invalid-arn': 'Invalid ARN',
  'duplicate-user-in-run': 'User twice in this run',
  'duplicate-in-org': 'ExternalId already used in the org',
  'duplicate-in-run': 'ExternalId twice in this run',
  ready: 'Ready',
};

/** Which telephony provider the call center uses: Amazon Connect ExternalIds and QuickConnects must be ARNs. */
export type ProviderKind = 'amazon-connect' | 'other';

/** A row to judge. `developerName`/`masterLabel` left undefined are generated later and not checked. */
export interface MappingCandidate {
  externalId: string | null | undefined;
  referenceRecordId: string | null | undefined;
  callCenterId: string | null | undefined;
  developerName?: string | null;
  masterLabel?: string | null;
  quickConnect?: string | null;
  /** False for an inactive user; undefined when unknown (not reported). */
  userIsActive?: boolean | null;
}

/** A mapping that exists in the org (of the run's call center). */
export interface ExistingMapping {
  externalId: string | null | undefined;
  referenceRecordId?: string | null;
  callCenterId?: string | null;
}

/** What the rows are judged against. */
export interface VerdictContext {
  providerKind: ProviderKind;
  /** The run's call center: rows for another one are invalid. */
  callCenterId?: string | null;
  /** The call center's existing mappings (for "already mapped" and "ExternalId already used"). */
  existingMappings?: Iterable<ExistingMapping>;
  /** More ExternalIds already used in the call center, when their owners are not known. */
  existingExternalIds?: Iterable<string>;
  /** Accept queue (Group) ids as ReferenceRecordId, e.g. when importing a CSV of existing mappings. Default false. */
  allowQueues?: boolean;
}

/** One thing wrong with a row (or `ready`). */
export interface VerdictIssue {
  verdict: Verdict;
  /** The field concerned, e.g. `ExternalId`. */
  field?: string;
  message: string;
}

/** The verdict of the row at `index` of the input. */
export interface RowVerdict {
  index: number;
  verdict: Verdict;
  /** The message of the verdict's issue. */
  message: string;
  /** Every issue of the row, in {@link VERDICTS} order; `[ready]` when there is none. */
  issues: VerdictIssue[];
}

/** Result of {@link computeVerdicts}. */
export interface VerdictSummary {
  rows: RowVerdict[];
  /** Rows per verdict (each row counted once, by its verdict). */
  counts: Record<Verdict, number>;
  /** Rows having each issue (a row with several issues counts for each). */
  issueCounts: Record<Verdict, number>;
  total: number;
  /** Rows that would be written. */
  ready: number;
}

/** The key ExternalIds are compared by for duplicates: trimmed, lower-cased. */
export function externalIdKey(value: string | null | undefined): string {
  return (value ?? '').trim().toLowerCase();
}

const isBlank = (value: string | null | undefined) => value === null || value === undefined || value.trim() === '';

const zeroCounts = () => Object.fromEntries(VERDICTS.map((verdict) => [verdict, 0])) as Record<Verdict, number>;

const VERDICT_ORDER = new Map<Verdict, number>(VERDICTS.map((verdict, index) => [verdict, index]));

/** Validations repeated on every row (the call center) are done once per run. */
type IdValidator = (value: string | null | undefined) => IdValidation;

/** Issues that depend on the row alone, and the row's user key (15-character id, null when invalid). */
function rowIssues(
  row: MappingCandidate,
  context: VerdictContext,
  runCallCenterKey: string | null,
  validateCallCenter: IdValidator,
): { issues: VerdictIssue[]; userKey: string | null } {
  const issues: VerdictIssue[] = [];
  let userKey: string | null = null;
  const missing = (field: string) => issues.push({ verdict: 'missing-value', field, message: `${field} is empty.` });

  if (row.userIsActive === false) {
    issues.push({ verdict: 'user-inactive', message: 'The user is inactive.' });
  }
  if (isBlank(row.externalId)) missing('ExternalId');
  else if ((row.externalId as string).trim() !== row.externalId && context.providerKind !== 'amazon-connect') {
    issues.push({ verdict: 'invalid-value', field: 'ExternalId', message: 'ExternalId has spaces around it.' });
  }

  if (isBlank(row.referenceRecordId)) missing('ReferenceRecordId');
  else {
    const user = validateId(row.referenceRecordId);
    const prefix = user.ok ? user.id15.slice(0, 3) : '';
    if (user.ok) userKey = user.id15;
    if (!user.ok) {
      issues.push({
        verdict: 'invalid-value',
        field: 'ReferenceRecordId',
        message: `ReferenceRecordId: ${user.message}`,
      });
    } else if (prefix !== '005' && !(prefix === '00G' && context.allowQueues)) {
      issues.push({
        verdict: 'invalid-value',
        field: 'ReferenceRecordId',
        message:
          prefix === '00G'
            ? 'ReferenceRecordId is a queue; this run maps users.'
            : 'ReferenceRecordId is not a user id (005...).',
      });
    }
  }

  if (isBlank(row.callCenterId)) missing('CallCenterId');
  else {
    const callCenter = validateCallCenter(row.callCenterId);
    if (!callCenter.ok) {
      issues.push({ verdict: 'invalid-value', field: 'CallCenterId', message: `CallCenterId: ${callCenter.message}` });
    } else if (runCallCenterKey !== null && callCenter.id15 !== runCallCenterKey) {
      issues.push({
        verdict: 'invalid-value',
        field: 'CallCenterId',
        message: 'CallCenterId is another call center than the one of this run.',
      });
    }
  }

  if (row.developerName !== undefined) {
    if (isBlank(row.developerName)) missing('DeveloperName');
    else {
      const problems = developerNameProblems(row.developerName);
      if (problems.length) {
        issues.push({
          verdict: 'invalid-value',
          field: 'DeveloperName',
          message: `DeveloperName: ${problems.map((problem) => problem.message).join(' ')}`,
        });
      }
    }
  }
  if (row.masterLabel !== undefined) {
    if (isBlank(row.masterLabel)) missing('MasterLabel');
    else if ((row.masterLabel as string).length > MASTER_LABEL_MAX_LENGTH) {
      issues.push({
        verdict: 'invalid-value',
        field: 'MasterLabel',
        message: `MasterLabel has ${(row.masterLabel as string).length} characters; the limit is ${MASTER_LABEL_MAX_LENGTH}.`,
      });
    }
  }

  const hasQuickConnect = !isBlank(row.quickConnect);
  if (context.providerKind === 'amazon-connect') {
    const agent = isBlank(row.externalId) ? null : validateAgentArn(row.externalId);
    if (agent && !agent.ok) {
      issues.push({ verdict: 'invalid-arn', field: 'ExternalId', message: `ExternalId: ${agent.message}` });
    }
    if (hasQuickConnect) {
      const quickConnect = validateQuickConnectArn(row.quickConnect);
      if (!quickConnect.ok) {
        issues.push({
          verdict: 'invalid-arn',
          field: 'QuickConnect',
          message: `QuickConnect: ${quickConnect.message}`,
        });
      } else if (agent?.ok && agent.parts.instanceArn !== quickConnect.parts.instanceArn) {
        issues.push({
          verdict: 'invalid-arn',
          field: 'QuickConnect',
          message: 'QuickConnect belongs to another Amazon Connect instance than the agent.',
        });
      }
    }
  } else if (hasQuickConnect) {
    issues.push({
      verdict: 'invalid-value',
      field: 'QuickConnect',
      message: 'QuickConnect is only used with Amazon Connect; leave it empty.',
    });
  }
  return { issues, userKey };
}

/**
 * Judges every row of a run. Rows keep their input order (`index`); `counts` has every verdict (zero included).
 */
export function computeVerdicts(rows: readonly MappingCandidate[], context: VerdictContext): VerdictSummary {
  const runCallCenterKey = isBlank(context.callCenterId) ? null : idKey(context.callCenterId);

  // Existing mappings: users already mapped (on this call center), ExternalIds in use and by whom.
  const mappedUsers = new Set<string>();
  const externalIdOwners = new Map<string, (string | null)[]>();
  const addOwner = (externalId: string | null | undefined, owner: string | null) => {
    const key = externalIdKey(externalId);
    if (key === '') return;
    const owners = externalIdOwners.get(key);
    if (owners) owners.push(owner);
    else externalIdOwners.set(key, [owner]);
  };
  for (const mapping of context.existingMappings ?? []) {
    const owner = idKey(mapping.referenceRecordId);
    const sameCallCenter =
      runCallCenterKey === null || isBlank(mapping.callCenterId) || idKey(mapping.callCenterId) === runCallCenterKey;
    if (!sameCallCenter) continue;
    if (owner !== null) mappedUsers.add(owner);
    addOwner(mapping.externalId, owner);
  }
  for (const externalId of context.existingExternalIds ?? []) addOwner(externalId, null);

  const callCenterValidations = new Map<string, IdValidation>();
  const validateCallCenter: IdValidator = (value) => {
    const text = value as string;
    let result = callCenterValidations.get(text);
    if (!result) {
      result = validateId(text, 'CallCenter');
      callCenterValidations.set(text, result);
    }
    return result;
  };

  // First pass: row issues, and the rows that will be written, counted for duplicates within the run.
  const externalIdCounts = new Map<string, number>();
  const userCounts = new Map<string, number>();
  const judged = rows.map((row) => {
    const { issues, userKey } = rowIssues(row, context, runCallCenterKey, validateCallCenter);
    if (userKey !== null && mappedUsers.has(userKey)) {
      issues.unshift({ verdict: 'already-mapped', message: 'The user already has a mapping in this call center.' });
    }
    const written = !issues.some((issue) => issue.verdict === 'already-mapped' || issue.verdict === 'user-inactive');
    const key = externalIdKey(row.externalId);
    if (written) {
      if (key !== '') externalIdCounts.set(key, (externalIdCounts.get(key) ?? 0) + 1);
      if (userKey !== null) userCounts.set(userKey, (userCounts.get(userKey) ?? 0) + 1);
    }
    return { issues, userKey, key, written };
  });

  const counts = zeroCounts();
  const issueCounts = zeroCounts();
  const results: RowVerdict[] = judged.map(({ issues, userKey, key, written }, index) => {
    if (written) {
      const userRows = userKey === null ? 0 : (userCounts.get(userKey) as number);
      if (userRows > 1) {
        issues.push({
          verdict: 'duplicate-user-in-run',
          field: 'ReferenceRecordId',
          message: `The user is on ${userRows} rows of this run.`,
        });
      }
      const owners = key === '' ? undefined : externalIdOwners.get(key);
      if (owners?.some((owner) => owner === null || owner !== userKey)) {
        issues.push({
          verdict: 'duplicate-in-org',
          field: 'ExternalId',
          message: 'Another mapping of this call center already uses this ExternalId.',
        });
      }
      const externalIdRows = key === '' ? 0 : (externalIdCounts.get(key) as number);
      if (externalIdRows > 1) {
        issues.push({
          verdict: 'duplicate-in-run',
          field: 'ExternalId',
          message: `This ExternalId is on ${externalIdRows} rows of this run.`,
        });
      }
    }
    if (issues.length === 0) issues.push({ verdict: 'ready', message: 'Ready to create.' });
    if (issues.length > 1) {
      issues.sort((a, b) => (VERDICT_ORDER.get(a.verdict) as number) - (VERDICT_ORDER.get(b.verdict) as number));
    }
    const verdict = issues[0].verdict;
    counts[verdict]++;
    let previous: Verdict | null = null;
    for (const issue of issues) {
      // Issues are sorted: count each verdict once per row.
      if (issue.verdict !== previous) issueCounts[issue.verdict]++;
      previous = issue.verdict;
    }
    return { index, verdict, message: issues[0].message, issues };
  });

  return { rows: results, counts, issueCounts, total: rows.length, ready: counts.ready };
}
