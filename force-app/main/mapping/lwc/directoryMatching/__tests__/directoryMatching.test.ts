import * as Papa from 'papaparse';
import {
  AMAZON_CONNECT_API_COLUMNS,
  AMAZON_CONNECT_CONSOLE_COLUMNS,
  MATCH_FIELDS,
  agentArnBuilder,
  columnIndex,
  guessDirectoryColumns,
  matchDirectory,
  normalizeMatchKey,
} from 'c/directoryMatching';
import type { DirectoryRow, DirectoryUser, MatchResult } from 'c/directoryMatching';
import { readCsv } from 'c/mappingCsv';
import { buildAgentArn } from 'c/amazonConnectArns';

/** CPU time of this process in ms (user + system), to time code independently of other processes. */
const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

const INSTANCE_ARN = 'arn:aws:connect:us-east-1:123456789012:instance/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const agentId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const agentArn = (n: number) => `${INSTANCE_ARN}/agent/${agentId(n)}`;

interface TestUser extends DirectoryUser {
  Id: string;
  Username?: string | null;
  Email?: string | null;
  FederationIdentifier?: string | null;
  Alias?: string | null;
  EmployeeNumber?: number | null;
}

const jane: TestUser = { Id: '005A', Username: 'jsmith@acme.com', Email: 'Jane.Smith@Acme.com', Alias: 'jsmith' };
const mo: TestUser = { Id: '005B', Username: 'mjones@acme.com', Email: 'mo@acme.com', Alias: 'mjones' };
const noEmail: TestUser = { Id: '005C', Username: 'nomail@acme.com', Email: null, Alias: 'nomail' };
const twinA: TestUser = { Id: '005D', Username: 'twin.a@acme.com', Email: 'twins@acme.com', Alias: 'twa' };
const twinB: TestUser = { Id: '005E', Username: 'twin.b@acme.com', Email: 'TWINS@acme.com', Alias: 'twb' };
const twinC: TestUser = { Id: '005G', Username: 'twin.c@acme.com', Email: ' twins@ACME.com', Alias: 'twc' };
const lonely: TestUser = { Id: '005F', Username: 'lonely@acme.com', Email: 'lonely@acme.com', Alias: 'lone' };

function read(csv: string) {
  const table = readCsv(Papa, csv);
  expect(table.problems).toEqual([]);
  return table;
}

/** Every row and every user must be in exactly one bucket. */
function expectPartition<U extends DirectoryUser>(result: MatchResult<U>, rows: readonly DirectoryRow[], users: U[]) {
  const rowLines = [
    ...result.matched.flatMap((m) => [m.line, ...m.duplicateLines]),
    ...result.unmatchedRows.map((r) => r.line),
    ...result.ambiguous.flatMap((a) => a.lines),
  ].sort((a, b) => a - b);
  expect(rowLines).toEqual(rows.map((row) => row.line).sort((a, b) => a - b));
  const userIds = [
    ...result.matched.map((m) => m.user.Id),
    ...result.unmatchedUsers.map((u) => u.user.Id),
    ...result.ambiguous.flatMap((a) => a.users.map((u) => u.Id)),
  ].sort();
  expect(userIds).toEqual(users.map((user) => user.Id).sort());
}

describe('matchDirectory', () => {
  it('matches an Amazon Connect list-users export to users by username, taking the Arn column', () => {
    const table = read(
      [
        'Id,Arn,Username',
        `${agentId(1)},${agentArn(1)}, JSmith@Acme.com `,
        `${agentId(2)},${agentArn(2)},mjones@acme.com`,
      ].join('\r\n'),
    );
    const users = [jane, mo];
    const result = matchDirectory(table.rows, users, {
      headers: table.headers,
      externalIdColumn: 'Arn',
      matchColumn: 'Username',
      matchField: 'Username',
    });
    expect(result.matched).toEqual([
      { user: jane, externalId: agentArn(1), line: 2, duplicateLines: [], key: 'jsmith@acme.com' },
      { user: mo, externalId: agentArn(2), line: 3, duplicateLines: [], key: 'mjones@acme.com' },
    ]);
    expect(result.counts).toEqual({
      rows: 2,
      users: 2,
      matched: 2,
      unmatchedRows: 0,
      unmatchedUsers: 0,
      ambiguousRows: 0,
      ambiguousUsers: 0,
    });
  });

  it('builds agent ARNs from an id column and the instance ARN', () => {
    const table = read(['email address,user login,Id', `jane.smith@acme.com,jsmith,${agentId(7)}`].join('\n'));
    const result = matchDirectory(table.rows, [jane], {
      headers: table.headers,
      externalIdColumn: 'id',
      matchColumn: 'EMAIL ADDRESS',
      matchField: 'Email',
      externalIdFrom: (id) => buildAgentArn(INSTANCE_ARN, id),
    });
    expect(result.matched.map((m) => m.externalId)).toEqual([agentArn(7)]);
  });

  it('reports rows without a user, with an empty key, an empty or an unusable external id', () => {
    const table = read(
      [
        'Arn,Email',
        `${agentArn(1)},stranger@acme.com`,
        `${agentArn(2)},`,
        `,jane.smith@acme.com`,
        `not-an-id,mo@acme.com`,
        `boom,lonely@acme.com`,
      ].join('\n'),
    );
    const users = [jane, mo, lonely];
    const result = matchDirectory(table.rows, users, {
      headers: table.headers,
      externalIdColumn: 'Arn',
      matchColumn: 'Email',
      matchField: 'Email',
      externalIdFrom: (value) => {
        // A non-Error throw must be reported too.
        const notAnError: unknown = 'exploded';
        if (value === 'boom') throw notAnError;
        return value.startsWith('arn:') ? value : buildAgentArn(INSTANCE_ARN, value);
      },
    });
    expect(result.matched).toEqual([]);
    expect(result.unmatchedRows).toEqual([
      {
        line: 2,
        key: 'stranger@acme.com',
        reason: 'no-user',
        message: 'Line 2: no user has Email "stranger@acme.com".',
      },
      { line: 3, key: '', reason: 'blank-key', message: 'Line 3: "Email" is empty.' },
      { line: 4, key: 'jane.smith@acme.com', reason: 'blank-external-id', message: 'Line 4: "Arn" is empty.' },
      {
        line: 5,
        key: 'mo@acme.com',
        reason: 'invalid-external-id',
        message: expect.stringMatching(/^Line 5: Agent id: The agent id "not-an-id" is not an Amazon Connect id/),
      },
      { line: 6, key: 'lonely@acme.com', reason: 'invalid-external-id', message: 'Line 6: exploded' },
    ]);
    expect(result.unmatchedUsers).toEqual([
      {
        user: jane,
        reason: 'unusable-row',
        message: 'The row for Email "jane.smith@acme.com" (line 4) has no usable "Arn".',
      },
      { user: mo, reason: 'unusable-row', message: 'The row for Email "mo@acme.com" (line 5) has no usable "Arn".' },
      { user: lonely, reason: 'unusable-row', message: expect.stringContaining('(line 6)') },
    ]);
    expectPartition(result, table.rows, users);
  });

  it('reports users without a row and users without a value in the matched field, in user order', () => {
    const table = read(['Arn,Email', `${agentArn(1)},jane.smith@acme.com`].join('\n'));
    const users = [lonely, noEmail, jane, mo];
    const result = matchDirectory(table.rows, users, {
      headers: table.headers,
      externalIdColumn: 'Arn',
      matchColumn: 'Email',
      matchField: 'Email',
    });
    expect(result.matched.map((m) => m.user)).toEqual([jane]);
    expect(result.unmatchedUsers).toEqual([
      { user: lonely, reason: 'no-row', message: 'No row of the file has Email "lonely@acme.com".' },
      { user: noEmail, reason: 'blank-field', message: 'The user has no Email.' },
      { user: mo, reason: 'no-row', message: 'No row of the file has Email "mo@acme.com".' },
    ]);
    expectPartition(result, table.rows, users);
  });

  it('reports one directory value shared by several users as ambiguous', () => {
    const table = read(['Arn,Email', `${agentArn(1)},twins@acme.com`, `${agentArn(2)},mo@acme.com`].join('\n'));
    const users = [twinA, twinB, mo];
    const result = matchDirectory(table.rows, users, {
      headers: table.headers,
      externalIdColumn: 'Arn',
      matchColumn: 'Email',
      matchField: 'Email',
    });
    expect(result.ambiguous).toEqual([
      {
        key: 'twins@acme.com',
        kind: 'several-users',
        lines: [2],
        users: [twinA, twinB],
        externalIds: [agentArn(1)],
        message: '2 users have Email "twins@acme.com" (line 2): choose by hand.',
      },
    ]);
    expect(result.counts).toMatchObject({ matched: 1, ambiguousRows: 1, ambiguousUsers: 2, unmatchedUsers: 0 });
    expectPartition(result, table.rows, users);
  });

  it('reports every row of a value shared by several users, and every unusable row of a user', () => {
    const table = read(
      [
        'Arn,Email',
        `${agentArn(1)},twins@acme.com`,
        `${agentArn(1)},twins@acme.com`,
        ',mo@acme.com',
        ',mo@acme.com',
      ].join('\n'),
    );
    const users = [twinA, twinB, twinC, mo];
    const result = matchDirectory(table.rows, users, {
      headers: table.headers,
      externalIdColumn: 'Arn',
      matchColumn: 'Email',
      matchField: 'Email',
    });
    expect(result.ambiguous.map((a) => a.message)).toEqual([
      '3 users have Email "twins@acme.com" (lines 2, 3): choose by hand.',
    ]);
    expect(result.unmatchedUsers.map((u) => u.message)).toEqual([
      'The row for Email "mo@acme.com" (lines 4, 5) has no usable "Arn".',
    ]);
    expectPartition(result, table.rows, users);
  });

  it('reports several rows with different external ids for one user as ambiguous', () => {
    const table = read(
      [
        'Arn,Email',
        `${agentArn(1)},mo@acme.com`,
        `${agentArn(2)},jane.smith@acme.com`,
        `${agentArn(3)},MO@acme.com`,
      ].join('\n'),
    );
    const users = [jane, mo];
    const result = matchDirectory(table.rows, users, {
      headers: table.headers,
      externalIdColumn: 'Arn',
      matchColumn: 'Email',
      matchField: 'Email',
    });
    expect(result.ambiguous).toEqual([
      {
        key: 'mo@acme.com',
        kind: 'several-rows',
        lines: [2, 4],
        users: [mo],
        externalIds: [agentArn(1), agentArn(3)],
        message: `Lines 2, 4 match the same user with different values (${agentArn(1)}, ${agentArn(3)}): choose by hand.`,
      },
    ]);
    expect(result.counts).toMatchObject({ matched: 1, ambiguousRows: 2, ambiguousUsers: 1 });
    expectPartition(result, table.rows, users);
  });

  it('matches repeated identical rows once, listing the duplicates', () => {
    const table = read(['Arn,Email', `${agentArn(1)},mo@acme.com`, `${agentArn(1)}, Mo@Acme.com`].join('\n'));
    const result = matchDirectory(table.rows, [mo], {
      headers: table.headers,
      externalIdColumn: 'Arn',
      matchColumn: 'Email',
      matchField: 'Email',
    });
    expect(result.matched).toEqual([
      { user: mo, externalId: agentArn(1), line: 2, duplicateLines: [3], key: 'mo@acme.com' },
    ]);
    expect(result.ambiguous).toEqual([]);
  });

  it('matches on any user field, including non-text values, and tolerates short rows', () => {
    const users: TestUser[] = [{ Id: '005X', EmployeeNumber: 1001 }];
    const rows: DirectoryRow[] = [
      { line: 2, cells: ['1001', 'ext-1'] },
      { line: 3, cells: ['1002'] },
    ];
    const result = matchDirectory(rows, users, {
      headers: ['Employee', 'External'],
      externalIdColumn: 'External',
      matchColumn: 'Employee',
      matchField: 'EmployeeNumber',
    });
    expect(result.matched.map((m) => [m.user.Id, m.externalId])).toEqual([['005X', 'ext-1']]);
    expect(result.unmatchedRows).toEqual([
      { line: 3, key: '1002', reason: 'blank-external-id', message: 'Line 3: "External" is empty.' },
    ]);
  });

  it('throws when a chosen column is not in the file', () => {
    expect(() =>
      matchDirectory([], [], {
        headers: ['Arn', 'Email'],
        externalIdColumn: 'ARN',
        matchColumn: 'Login',
        matchField: 'Username',
      }),
    ).toThrow('The match column "Login" is not in the file. Columns: Arn, Email.');
    expect(() =>
      matchDirectory([], [], {
        headers: ['Email'],
        externalIdColumn: 'Arn',
        matchColumn: 'Email',
        matchField: 'Email',
      }),
    ).toThrow('The external id column "Arn" is not in the file.');
  });

  it('matches 50,000 rows against 60,000 users in well under a second', () => {
    const users: TestUser[] = Array.from({ length: 60000 }, (_, i) => ({
      Id: `005${String(i).padStart(12, '0')}`,
      Email: `User${i}@Example.com`,
    }));
    const rows: DirectoryRow[] = Array.from({ length: 50000 }, (_, i) => ({
      line: i + 2,
      // Every 5th row matches its user; the others match users 55,000+ or nobody.
      cells: [agentArn(i), ` user${i % 5 === 0 ? i : i + 55000}@example.com`],
    }));
    // CPU time of the best of 2 runs: work of other processes on the shared machine does not count.
    let elapsed = Number.POSITIVE_INFINITY;
    let result = {} as MatchResult<TestUser>;
    for (let run = 0; run < 2; run++) {
      const started = cpuMs();
      result = matchDirectory(rows, users, {
        headers: ['Arn', 'Email'],
        externalIdColumn: 'Arn',
        matchColumn: 'Email',
        matchField: 'Email',
      });
      elapsed = Math.min(elapsed, cpuMs() - started);
    }
    console.info(`directoryMatching: 50,000 rows x 60,000 users matched in ${elapsed.toFixed(1)} ms of CPU`);
    expect(result.counts.matched + result.counts.unmatchedRows).toBe(50000);
    expect(result.counts.matched).toBeGreaterThan(9000);
    expect(elapsed).toBeLessThan(1000);
    expectPartition(result, rows, users);
  });
});

describe('normalizeMatchKey and columnIndex', () => {
  it('trim and lower-case text, convert numbers and booleans, and treat anything else as empty', () => {
    expect(normalizeMatchKey('  Jane@ACME.com\t')).toBe('jane@acme.com');
    expect(normalizeMatchKey(42)).toBe('42');
    expect(normalizeMatchKey(true)).toBe('true');
    expect(normalizeMatchKey(null)).toBe('');
    expect(normalizeMatchKey(undefined)).toBe('');
    expect(normalizeMatchKey({})).toBe('');
  });

  it('find headers trimmed and case-insensitively', () => {
    expect(columnIndex([' First Name ', 'Email Address'], 'email address')).toBe(1);
    expect(columnIndex(['a'], 'b')).toBe(-1);
  });
});

describe('guessDirectoryColumns', () => {
  it("guesses the email column of the Amazon Connect admin website's CSV, which has no ARN column", () => {
    expect(guessDirectoryColumns(AMAZON_CONNECT_CONSOLE_COLUMNS)).toEqual({
      matchColumn: 'email address',
      matchField: 'Email',
    });
  });

  it('guesses Arn and Username of a list-users export', () => {
    expect(guessDirectoryColumns(AMAZON_CONNECT_API_COLUMNS)).toEqual({
      externalIdColumn: 'Arn',
      matchColumn: 'Username',
      matchField: 'Username',
    });
  });

  it('falls back to an id column, and to user login, federation id or alias', () => {
    expect(guessDirectoryColumns(['Id', 'user login'])).toEqual({
      agentIdColumn: 'Id',
      matchColumn: 'user login',
      matchField: 'Username',
    });
    expect(guessDirectoryColumns(['External Id', 'Federation ID'])).toEqual({
      externalIdColumn: 'External Id',
      matchColumn: 'Federation ID',
      matchField: 'FederationIdentifier',
    });
    expect(guessDirectoryColumns(['Agent ARN', 'alias'])).toMatchObject({
      externalIdColumn: 'Agent ARN',
      matchField: 'Alias',
    });
    expect(guessDirectoryColumns(['Name', 'Phone'])).toEqual({});
  });

  it('offers the usual Salesforce fields for matching', () => {
    expect(MATCH_FIELDS).toEqual(['Email', 'Username', 'FederationIdentifier', 'Alias']);
  });

  describe('agentArnBuilder (export with only the agent id column)', () => {
    it('refuses a missing or invalid instance ARN with a message, before any row is read', () => {
      expect(agentArnBuilder('')).toEqual({
        ok: false,
        message: 'Enter the instance ARN of your Amazon Connect instance.',
      });
      expect(agentArnBuilder(null)).toMatchObject({ ok: false });
      const wrong = agentArnBuilder('arn:aws:connect:us-east-1:12345:instance/x');
      expect(wrong.ok).toBe(false);
      expect(wrong.ok ? '' : wrong.message).toMatch(/^Instance ARN: /);
      // An agent ARN given instead of the instance ARN names the instance ARN to use.
      const agent = agentArnBuilder(agentArn(1));
      expect(agent.ok ? '' : agent.message).toContain(INSTANCE_ARN);
    });

    it('builds arn:aws:connect:<region>:<account>:instance/<instance-id>/agent/<agent-id> per row, validated', () => {
      const builder = agentArnBuilder(`  ${INSTANCE_ARN}  `);
      if (!builder.ok) throw new Error(builder.message);
      expect(builder.instanceArn).toBe(INSTANCE_ARN);
      expect(builder.externalIdFrom(` ${agentId(3)} `)).toBe(agentArn(3));
      // A cell that already holds an agent ARN of the instance is kept.
      expect(builder.externalIdFrom(agentArn(4))).toBe(agentArn(4));
      expect(() => builder.externalIdFrom('jsmith')).toThrow(/"jsmith" does not give an agent ARN/);
      expect(() => builder.externalIdFrom('ABCDEF00-0000-4000-8000-000000000005')).toThrow(
        /lower-case|upper-case|UUID/i,
      );
    });

    it('marks rows whose id gives no agent ARN as invalid-external-id and matches the others', () => {
      const builder = agentArnBuilder(INSTANCE_ARN);
      if (!builder.ok) throw new Error(builder.message);
      const table = read(['Id,Username', `${agentId(7)},jane.smith@acme.com`, 'not-a-uuid,mo@acme.com'].join('\n'));
      const result = matchDirectory(table.rows, [jane, mo], {
        headers: table.headers,
        externalIdColumn: 'Id',
        matchColumn: 'Username',
        matchField: 'Email',
        externalIdFrom: builder.externalIdFrom,
      });
      expect(result.matched.map((m) => [m.user.Id, m.externalId])).toEqual([[jane.Id, agentArn(7)]]);
      expect(result.unmatchedRows).toEqual([
        expect.objectContaining({
          line: 3,
          reason: 'invalid-external-id',
          message: expect.stringContaining('not-a-uuid'),
        }),
      ]);
    });
  });
});
