/**
 * Matches a telephony provider's directory export (rows of a CSV read with `readCsv` from c/mappingCsv) to Salesforce
 * users: the admin picks the column that holds the external id and the column + Salesforce field to match on; values
 * are compared trimmed and case-insensitively. Map-based: 50,000 rows × 60,000 users match in about 0.1 s of CPU.
 *
 * What Amazon Connect exports look like (checked against AWS documentation and public tooling):
 * - the admin website's user CSV (the "Add users in bulk" template, which export scripts also write) has
 *   {@link AMAZON_CONNECT_CONSOLE_COLUMNS}: `email address` / `user login` to match on, and **no ARN column**;
 * - `aws connect list-users` / the ListUsers API (UserSummaryList, flattened to CSV) has {@link AMAZON_CONNECT_API_COLUMNS}:
 *   `Arn` is the agent ARN (the ExternalId), `Username` the login. With only the user `Id`, build the ARN from the
 *   instance ARN: {@link agentArnBuilder} checks the instance ARN once and gives the `externalIdFrom` that does it.
 */
import { AGENT_RESOURCE, validateAgentArn, validateInstanceArn } from 'c/amazonConnectArns';

/** Salesforce user fields offered for matching (any other user field name may be passed too). */
export const MATCH_FIELDS = ['Email', 'Username', 'FederationIdentifier', 'Alias'] as const;

/** Columns of the Amazon Connect admin website's user CSV template (Users > User management > Add new users). */
export const AMAZON_CONNECT_CONSOLE_COLUMNS: readonly string[] = [
  'first name',
  'last name',
  'email address',
  'password',
  'user login',
  'routing profile name',
  'security_profile_name_1|security_profile_name_2',
  'phone type (soft/desk)',
  'phone number',
  'soft phone auto accept (yes/no)',
  'ACW timeout (seconds)',
];

/** Fields of a user in the ListUsers API response (`aws connect list-users`), as CSV columns. */
export const AMAZON_CONNECT_API_COLUMNS: readonly string[] = [
  'Id',
  'Arn',
  'Username',
  'LastModifiedRegion',
  'LastModifiedTime',
];

/** A Salesforce user to match: its Id and the fields matched on. */
export interface DirectoryUser {
  readonly Id: string;
  readonly [field: string]: unknown;
}

/** A directory row: its cells (in header order) and its physical line in the file (c/mappingCsv `CsvRow`). */
export interface DirectoryRow {
  readonly line: number;
  readonly cells: readonly string[];
}

/** What to match on. Column names are the file's headers (compared trimmed and case-insensitively). */
export interface MatchOptions {
  headers: readonly string[];
  /** The column holding the external id (e.g. `Arn`), or the agent id when `externalIdFrom` builds the ARN. */
  externalIdColumn: string;
  /** The column compared with the user field (e.g. `email address`). */
  matchColumn: string;
  /** The user field compared with the column (e.g. `Email`). */
  matchField: string;
  /**
   * Turns the external id cell into the ExternalId (e.g. an agent id into an agent ARN). Throwing marks the row
   * `invalid-external-id` with the error's message. Default: the trimmed cell.
   */
  externalIdFrom?: (value: string) => string;
}

/** A directory row matched to exactly one user. */
export interface DirectoryMatch<U extends DirectoryUser> {
  user: U;
  externalId: string;
  /** The line of the (first) matching row. */
  line: number;
  /** Other rows with the same key and the same external id (harmless duplicates). */
  duplicateLines: number[];
  /** The normalised value matched on. */
  key: string;
}

/** Why a directory row matched no user. */
export type UnmatchedRowReason = 'no-user' | 'blank-key' | 'blank-external-id' | 'invalid-external-id';

/** A directory row without a user. */
export interface UnmatchedRow {
  line: number;
  key: string;
  reason: UnmatchedRowReason;
  message: string;
}

/** A user without a directory row. */
export interface UnmatchedUser<U extends DirectoryUser> {
  user: U;
  /** `no-row`: no row has the user's value; `unusable-row`: its rows had no usable external id; `blank-field`. */
  reason: 'no-row' | 'unusable-row' | 'blank-field';
  message: string;
}

/** A key that cannot be matched one-to-one. */
export interface AmbiguousMatch<U extends DirectoryUser> {
  key: string;
  /** `several-users`: one directory value, several users; `several-rows`: one user, rows with different ids. */
  kind: 'several-users' | 'several-rows';
  lines: number[];
  users: U[];
  externalIds: string[];
  message: string;
}

/** Result of {@link matchDirectory}. */
export interface MatchResult<U extends DirectoryUser> {
  matched: DirectoryMatch<U>[];
  unmatchedRows: UnmatchedRow[];
  unmatchedUsers: UnmatchedUser<U>[];
  ambiguous: AmbiguousMatch<U>[];
  counts: {
    rows: number;
    users: number;
    matched: number;
    unmatchedRows: number;
    unmatchedUsers: number;
    ambiguousRows: number;
    ambiguousUsers: number;
  };
}

/** The value compared: text trimmed and lower-cased; anything else (null, numbers...) as text or empty. */
export function normalizeMatchKey(value: unknown): string {
  if (typeof value === 'string') return value.trim().toLowerCase();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value).toLowerCase();
  return '';
}

/** The index of a header, compared trimmed and case-insensitively; -1 when absent. */
export function columnIndex(headers: readonly string[], name: string): number {
  const wanted = name.trim().toLowerCase();
  return headers.findIndex((header) => header.trim().toLowerCase() === wanted);
}

function requireColumn(headers: readonly string[], name: string, role: string): number {
  const index = columnIndex(headers, name);
  if (index === -1) {
    throw new Error(`The ${role} column "${name}" is not in the file. Columns: ${headers.join(', ')}.`);
  }
  return index;
}

const linesText = (lines: number[]) => `${lines.length === 1 ? 'line' : 'lines'} ${lines.join(', ')}`;

/**
 * Matches directory rows to users on one column/field pair. Every row ends in exactly one of: matched, unmatchedRows,
 * ambiguous; every user in one of: matched, unmatchedUsers, ambiguous.
 *
 * @throws Error when a column is not among the headers (the UI offers only existing columns).
 */
export function matchDirectory<U extends DirectoryUser>(
  rows: readonly DirectoryRow[],
  users: readonly U[],
  options: MatchOptions,
): MatchResult<U> {
  const externalIdIndex = requireColumn(options.headers, options.externalIdColumn, 'external id');
  const matchIndex = requireColumn(options.headers, options.matchColumn, 'match');
  const externalIdFrom = options.externalIdFrom ?? ((value: string) => value);
  const { matchField, matchColumn, externalIdColumn } = options;

  // Users by key. Most keys have one user: keep it directly, and lists only for the shared ones.
  const userKeys = users.map((user) => normalizeMatchKey(user[matchField]));
  const userByKey = new Map<string, U>();
  const sharedKeys = new Map<string, U[]>();
  users.forEach((user, index) => {
    const key = userKeys[index];
    if (key === '') return;
    const first = userByKey.get(key);
    if (first === undefined) userByKey.set(key, user);
    else {
      const shared = sharedKeys.get(key);
      if (shared) shared.push(user);
      else sharedKeys.set(key, [first, user]);
    }
  });

  // Usable rows grouped by key (again without a list for the usual single row).
  const unmatchedRows: UnmatchedRow[] = [];
  const unusableLines = new Map<string, number[]>();
  const unusable = (row: UnmatchedRow) => {
    unmatchedRows.push(row);
    const lines = unusableLines.get(row.key);
    if (lines) lines.push(row.line);
    else unusableLines.set(row.key, [row.line]);
  };
  interface RowGroup {
    line: number;
    externalId: string;
    more: { line: number; externalId: string }[] | null;
  }
  const groups = new Map<string, RowGroup>();
  for (const row of rows) {
    const key = normalizeMatchKey(row.cells[matchIndex]);
    if (key === '') {
      unmatchedRows.push({
        line: row.line,
        key,
        reason: 'blank-key',
        message: `Line ${row.line}: "${matchColumn}" is empty.`,
      });
      continue;
    }
    const cell = (row.cells[externalIdIndex] ?? '').trim();
    if (cell === '') {
      unusable({
        line: row.line,
        key,
        reason: 'blank-external-id',
        message: `Line ${row.line}: "${externalIdColumn}" is empty.`,
      });
      continue;
    }
    let externalId: string;
    try {
      externalId = externalIdFrom(cell);
    } catch (error) {
      unusable({
        line: row.line,
        key,
        reason: 'invalid-external-id',
        message: `Line ${row.line}: ${error instanceof Error ? error.message : String(error)}`,
      });
      continue;
    }
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { line: row.line, externalId, more: null });
    else (group.more ??= []).push({ line: row.line, externalId });
  }

  const matched: DirectoryMatch<U>[] = [];
  const ambiguous: AmbiguousMatch<U>[] = [];
  let ambiguousRows = 0;
  for (const [key, group] of groups) {
    const user = userByKey.get(key);
    const entries = group.more ? [group, ...group.more] : null;
    if (user === undefined) {
      for (const { line } of entries ?? [group]) {
        unmatchedRows.push({
          line,
          key,
          reason: 'no-user',
          message: `Line ${line}: no user has ${matchField} "${key}".`,
        });
      }
      continue;
    }
    const shared = sharedKeys.get(key);
    const externalIds = entries ? [...new Set(entries.map((entry) => entry.externalId))] : [group.externalId];
    if (!shared && externalIds.length === 1) {
      const duplicateLines = entries ? entries.slice(1).map((entry) => entry.line) : [];
      matched.push({ user, externalId: group.externalId, line: group.line, duplicateLines, key });
      continue;
    }
    const lines = entries ? entries.map((entry) => entry.line) : [group.line];
    ambiguousRows += lines.length;
    ambiguous.push(
      shared
        ? {
            key,
            kind: 'several-users',
            lines,
            users: shared,
            externalIds,
            message: `${shared.length} users have ${matchField} "${key}" (${linesText(lines)}): choose by hand.`,
          }
        : {
            key,
            kind: 'several-rows',
            lines,
            users: [user],
            externalIds,
            message: `Lines ${lines.join(', ')} match the same user with different values (${externalIds.join(', ')}): choose by hand.`,
          },
    );
  }

  // Users in user order: those whose key has a row group are matched or ambiguous.
  const unmatchedUsers: UnmatchedUser<U>[] = [];
  users.forEach((user, index) => {
    const key = userKeys[index];
    if (key === '') {
      unmatchedUsers.push({ user, reason: 'blank-field', message: `The user has no ${matchField}.` });
    } else if (!groups.has(key)) {
      const lines = unusableLines.get(key);
      unmatchedUsers.push(
        lines
          ? {
              user,
              reason: 'unusable-row',
              message: `The row for ${matchField} "${key}" (${linesText(lines)}) has no usable "${externalIdColumn}".`,
            }
          : { user, reason: 'no-row', message: `No row of the file has ${matchField} "${key}".` },
      );
    }
  });
  // Rows in file order (groups are in order of their first row already, unless rows came unsorted).
  matched.sort((a, b) => a.line - b.line);
  unmatchedRows.sort((a, b) => a.line - b.line);

  return {
    matched,
    unmatchedRows,
    unmatchedUsers,
    ambiguous,
    counts: {
      rows: rows.length,
      users: users.length,
      matched: matched.length,
      unmatchedRows: unmatchedRows.length,
      unmatchedUsers: unmatchedUsers.length,
      ambiguousRows,
      ambiguousUsers: ambiguous.reduce((sum, entry) => sum + entry.users.length, 0),
    },
  };
}

/** Columns guessed from a file's headers, to preselect in the UI. */
export interface ColumnGuess {
  /** A column holding the external id itself (an ARN). */
  externalIdColumn?: string;
  /** A column holding an agent id, to combine with the instance ARN when there is no ARN column. */
  agentIdColumn?: string;
  matchColumn?: string;
  matchField?: (typeof MATCH_FIELDS)[number];
}

const key = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');
const EXTERNAL_ID_HEADERS = ['arn', 'agentarn', 'userarn', 'externalid'];
const MATCH_HEADERS: [string[], (typeof MATCH_FIELDS)[number]][] = [
  [['email', 'emailaddress'], 'Email'],
  [['username', 'userlogin', 'login'], 'Username'],
  [['federationidentifier', 'federationid'], 'FederationIdentifier'],
  [['alias'], 'Alias'],
];

/**
 * Guesses the columns of a directory export: an ARN/external id column (or, failing that, an `Id` column), and the
 * first of email, user login/username, federation id, alias to match on.
 */
export function guessDirectoryColumns(headers: readonly string[]): ColumnGuess {
  const guess: ColumnGuess = {};
  const find = (names: string[]) => headers.find((header) => names.includes(key(header)));
  guess.externalIdColumn = find(EXTERNAL_ID_HEADERS);
  if (!guess.externalIdColumn) guess.agentIdColumn = find(['id', 'userid', 'agentid']);
  for (const [names, field] of MATCH_HEADERS) {
    const column = find(names);
    if (column) {
      guess.matchColumn = column;
      guess.matchField = field;
      break;
    }
  }
  return Object.fromEntries(Object.entries(guess).filter(([, value]) => value !== undefined)) as ColumnGuess;
}

/** Result of {@link agentArnBuilder}: the `externalIdFrom` option, or why the instance ARN cannot be used. */
export type AgentArnBuilder =
  { ok: true; instanceArn: string; externalIdFrom: (agentId: string) => string } | { ok: false; message: string };

/**
 * For exports with only the agent (user) id column: checks the Amazon Connect instance ARN the admin gives once, and
 * returns the `externalIdFrom` for {@link matchDirectory} that builds
 * `arn:<partition>:connect:<region>:<account>:instance/<instance-id>/agent/<agent-id>` for each row. A cell that does
 * not give a valid agent ARN throws, so its row is reported `invalid-external-id` with the reason (an agent id must be
 * a lower-case UUID; a cell that already is an agent ARN of this instance is kept as it is).
 */
export function agentArnBuilder(instanceArn: string | null | undefined): AgentArnBuilder {
  if ((instanceArn ?? '').trim() === '') {
    return { ok: false, message: 'Enter the instance ARN of your Amazon Connect instance.' };
  }
  const instance = validateInstanceArn((instanceArn ?? '').trim());
  if (!instance.ok) return { ok: false, message: `Instance ARN: ${instance.message}` };
  const base = instance.parts.instanceArn;
  return {
    ok: true,
    instanceArn: base,
    externalIdFrom: (agentId: string) => {
      const id = agentId.trim();
      const candidate = id.startsWith(`${base}/`) ? id : `${base}/${AGENT_RESOURCE}/${id}`;
      const agent = validateAgentArn(candidate);
      if (!agent.ok) throw new Error(`"${id}" does not give an agent ARN: ${agent.message}`);
      return agent.parts.arn;
    },
  };
}
