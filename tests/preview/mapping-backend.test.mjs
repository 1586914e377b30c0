// Unit tests of the preview's mapping backend (preview/backend/mapping), against the compiled backend in
// preview/.build/backend (build it first: `node scripts/preview/start.mjs --build-only`).
//   node --test tests/preview/
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';

const BACKEND = new URL('../../preview/.build/backend/', import.meta.url);
if (!fs.existsSync(new URL('mapping/index.js', BACKEND))) {
  throw new Error('preview/.build/backend is missing: run `node scripts/preview/start.mjs --build-only` first');
}
const { createMappingBackend } = await import(new URL('mapping/index.js', BACKEND).href);
const { generateSampleOrg } = await import(new URL('sampleOrg.js', BACKEND).href);
const { getOverview } = await import(new URL('overviewService.js', BACKEND).href);
const { SIMULATED_ERRORS, simulatedFailure } = await import(new URL('mapping/runs.js', BACKEND).href);

const NOW = () => new Date('2026-01-15T09:30:00Z');
const setup = (preset = 'default', options = {}) => {
  const org = generateSampleOrg(preset);
  const backend = createMappingBackend(org, NOW, { stepDelayMs: 0, ...options });
  const call = async (method, params) => structuredClone(await backend[method](structuredClone(params)));
  return { org, backend, call };
};
const centerNamed = (org, name) => org.callCenters.find((cc) => cc.Name === name);
const rejects = (promiseOrFn, pattern) =>
  assert.rejects(
    async () => (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn),
    (error) => {
      assert.equal(error.name, 'AuraHandledError');
      assert.match(error.message, pattern);
      return true;
    },
  );

/** Unmapped agents of a call center, computed independently from the rows. */
function expectedUnmapped(org, callCenterId) {
  const mapped = new Set(
    org.callCenterRoutingMaps.filter((m) => m.CallCenterId === callCenterId).map((m) => m.ReferenceRecordId),
  );
  return org.users.filter((u) => u.CallCenterId === callCenterId && !mapped.has(u.Id));
}

async function allPages(call, query) {
  const rows = [];
  let cursor = null;
  let pages = 0;
  do {
    const page = await call('MappingUsersController.getUsers', { query: { ...query, cursor } });
    rows.push(...page.rows);
    cursor = page.nextCursor;
    assert.equal(page.hasMore, cursor !== null);
    pages++;
  } while (cursor);
  return { rows, pages };
}

async function waitForRun(call, runId, done, timeoutMs = 10_000) {
  const started = Date.now();
  for (;;) {
    const run = await call('MappingRunController.getRun', { runId });
    if (done(run)) return run;
    if (Date.now() - started > timeoutMs) throw new Error(`run stuck in ${run.status} (${run.processed}/${run.total})`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
const isFinal = (run) => run.isFinal;

test('getMappingContext: formats, rule fields, limits; unknown call center is an AuraHandledException', async () => {
  const { org, call } = setup();
  const cc = org.callCenters[0];
  const context = await call('MappingUsersController.getMappingContext', { callCenterId: cc.Id });
  assert.equal(context.callCenterName, cc.Name);
  assert.equal(context.mappingAvailability, 'AVAILABLE');
  assert.deepEqual(context.access, { canRead: true, canCreate: true, canEdit: true, canDelete: true });
  assert.equal(context.developerNameFormat, 'User_{UserId18}_{CallCenterId15}');
  assert.equal(context.organizationId, org.organizationId);
  assert.ok(context.ruleFields.includes('FederationIdentifier'));
  assert.equal(context.limits.maxUserPageSize, 2000);
  await rejects(
    call('MappingUsersController.getMappingContext', { callCenterId: '04v000000000000AAA' }),
    /does not exist/,
  );
});

test('getUsers: keyset pages cover exactly the unmapped agents, once each, in name order', async () => {
  const { org, call } = setup();
  const cc = centerNamed(org, 'APAC Technical Support');
  const expected = expectedUnmapped(org, cc.Id);
  assert.ok(expected.length > 500, 'the call center has hundreds of unmapped agents');
  const { rows, pages } = await allPages(call, { callCenterId: cc.Id, pageSize: 200 });
  assert.equal(rows.length, expected.length);
  assert.equal(new Set(rows.map((r) => r.userId)).size, rows.length);
  assert.deepEqual(new Set(rows.map((r) => r.userId)), new Set(expected.map((u) => u.Id)));
  assert.equal(pages, Math.ceil(expected.length / 200));
  const names = rows.map((r) => r.name.toLowerCase());
  for (let i = 1; i < names.length; i++) assert.ok(names[i - 1] <= names[i], `${names[i - 1]} <= ${names[i]}`);
});

test('getUsers: DESC sort puts empty values last; search, status and totals', async () => {
  const { org, call } = setup();
  const cc = centerNamed(org, 'EMEA Sales Desk');
  const desc = await allPages(call, {
    callCenterId: cc.Id,
    sortBy: 'FEDERATION_ID',
    sortDirection: 'DESC',
    pageSize: 2000,
  });
  const firstEmpty = desc.rows.findIndex((r) => !r.federationIdentifier);
  assert.ok(firstEmpty > 0);
  assert.ok(
    desc.rows.slice(firstEmpty).every((r) => !r.federationIdentifier),
    'empty values last in DESC',
  );

  const page = await call('MappingUsersController.getUsers', {
    query: { callCenterId: cc.Id, search: 'MÜLLER', status: 'ACTIVE', includeTotal: true, pageSize: 5 },
  });
  const expected = expectedUnmapped(org, cc.Id).filter(
    (u) => u.IsActive && [u.Name, u.Username, u.Email].some((v) => v.toLowerCase().includes('müller')),
  );
  assert.equal(page.totalCount, expected.length);
  assert.ok(page.rows.length <= 5 && page.rows.every((r) => r.isActive && r.name.toLowerCase().includes('müller')));
  await rejects(
    call('MappingUsersController.getUsers', { query: { callCenterId: cc.Id, search: 'x', cursor: page.nextCursor } }),
    /cursor/,
  );
  await rejects(
    call('MappingUsersController.getUsers', { query: { callCenterId: cc.Id, sortBy: 'Name; DELETE' } }),
    /sorted/,
  );
  const all = await call('MappingUsersController.getUsers', {
    query: { callCenterId: cc.Id, scope: 'ALL', includeTotal: true },
  });
  assert.equal(all.totalCount, org.users.filter((u) => u.CallCenterId === cc.Id).length);
});

test('getUsers on the large preset: a 60,000-agent call center pages and searches quickly', async () => {
  const { org, call } = setup('large');
  const cc = centerNamed(org, 'Worldwide Contact Center');
  assert.equal(org.users.filter((u) => u.CallCenterId === cc.Id).length, 60_000);
  let started = performance.now();
  const first = await call('MappingUsersController.getUsers', {
    query: { callCenterId: cc.Id, scope: 'ALL', pageSize: 50 },
  });
  const firstMs = performance.now() - started;
  assert.equal(first.rows.length, 50);
  started = performance.now();
  const next = await call('MappingUsersController.getUsers', {
    query: { callCenterId: cc.Id, scope: 'ALL', pageSize: 50, cursor: first.nextCursor },
  });
  const nextMs = performance.now() - started;
  assert.equal(next.rows.length, 50);
  started = performance.now();
  const search = await call('MappingUsersController.getUsers', {
    query: { callCenterId: cc.Id, search: 'garcía', pageSize: 50 },
  });
  const searchMs = performance.now() - started;
  assert.ok(search.rows.length > 0);
  assert.ok(
    firstMs < 2000 && nextMs < 200 && searchMs < 1000,
    `first ${firstMs} ms, next ${nextMs} ms, search ${searchMs} ms`,
  );
});

test('checkRule and evaluateRule use the LWC rule language', async () => {
  const { org, call } = setup();
  const bad = await call('MappingRuleController.checkRule', { rule: 'x{!FederationIdentifer}' });
  assert.equal(bad.ok, false);
  assert.equal(bad.errors[0].code, 'UNKNOWN_FIELD');
  assert.deepEqual([bad.errors[0].startIndex, bad.errors[0].endIndex], [3, 22]);
  const good = await call('MappingRuleController.checkRule', { rule: '{!lower(FederationIdentifier|Email)}' });
  assert.deepEqual(good, { ok: true, errors: [], fields: ['FederationIdentifier', 'Email'], organizationFields: [] });
  const user = org.users.find((u) => u.FederationIdentifier === null && u.CallCenterId);
  const other = org.users.find((u) => u.FederationIdentifier && u.CallCenterId);
  const samples = await call('MappingRuleController.evaluateRule', {
    rule: '{!FederationIdentifier}',
    userIds: [user.Id, other.Id.slice(0, 15)],
  });
  assert.equal(samples[0].value, null);
  assert.match(samples[0].missingReason, /is empty/);
  assert.equal(samples[1].value, other.FederationIdentifier);
  const sso = await call('MappingRuleController.evaluateRule', {
    rule: '{!Alias}@{!Id}@{!$Organization.Id}',
    userIds: [other.Id],
  });
  assert.equal(sso[0].value, `${other.Alias}@${other.Id}@${org.organizationId}`);
  await rejects(call('MappingRuleController.evaluateRule', { rule: '{!Nope}', userIds: [] }), /not valid/);
});

test('a rule run: preview verdicts, confirm, chunked progress, partial failures, then an idempotent re-run', async () => {
  const { org, call } = setup();
  const cc = centerNamed(org, 'Billing & Collections');
  const unmapped = expectedUnmapped(org, cc.Id);
  const before = getOverview(org, NOW()).callCenters.find((c) => c.callCenterId === cc.Id);
  const ccIds = new Set(org.callCenters.map((c) => c.Id));
  const mappedAnywhere = new Set(
    org.callCenterRoutingMaps.filter((m) => ccIds.has(m.CallCenterId)).map((m) => m.ReferenceRecordId),
  );
  const run = await call('MappingRunController.createRun', {
    request: {
      callCenterId: cc.Id,
      source: 'RULE',
      rule: '{!FederationIdentifier}',
      externalIdFormat: 'TEXT',
      selectionMode: 'FILTER',
      filter: {},
    },
  });
  assert.equal(run.status, 'DRAFT');
  const previewing = await call('MappingRunController.startPreview', { runId: run.runId });
  assert.equal(previewing.total, unmapped.length);
  const previewed = await waitForRun(call, run.runId, (r) => r.status === 'PREVIEW_READY');
  const inactive = unmapped.filter((u) => !u.IsActive).length;
  const missing = unmapped.filter((u) => u.IsActive && !u.FederationIdentifier).length;
  assert.equal(previewed.verdictCounts.USER_INACTIVE ?? 0, inactive);
  assert.equal(previewed.verdictCounts.MISSING_VALUE ?? 0, missing);
  assert.equal(
    previewed.ready + (previewed.verdictCounts.DUPLICATE_IN_RUN ?? 0) + (previewed.verdictCounts.DUPLICATE_IN_ORG ?? 0),
    unmapped.length - inactive - missing,
  );
  assert.equal(
    org.callCenterRoutingMaps.length,
    generateSampleOrg('default').callCenterRoutingMaps.length,
    'nothing written before confirm',
  );

  const missingRow = (
    await call('MappingRunController.getRunItems', {
      query: { runId: run.runId, verdicts: ['MISSING_VALUE'], pageSize: 1 },
    })
  ).rows[0];
  assert.match(missingRow.message, /\{!FederationIdentifier\} is empty/);

  await call('MappingRunController.confirmRun', { runId: run.runId });
  const done = await waitForRun(call, run.runId, isFinal);
  const expectedFailures = unmapped.filter(
    (u) => simulatedFailure(u.Id, false) !== null && u.IsActive && u.FederationIdentifier,
  ).length;
  assert.equal(done.status, done.failed > 0 ? 'COMPLETED_WITH_ERRORS' : 'COMPLETED');
  assert.equal(done.processed, done.total);
  assert.equal(done.percentComplete, 100);
  assert.equal(done.created + done.failed, previewed.ready);
  assert.ok(done.failed <= expectedFailures);
  const failedRows = (
    await call('MappingRunController.getRunItems', {
      query: { runId: run.runId, outcomes: ['FAILED'], pageSize: 2000 },
    })
  ).rows;
  assert.equal(failedRows.length, done.failed);
  assert.ok(failedRows.every((r) => Object.values(SIMULATED_ERRORS).includes(r.message)));
  const after = getOverview(org, NOW()).callCenters.find((c) => c.callCenterId === cc.Id);
  const createdRows = (
    await call('MappingRunController.getRunItems', {
      query: { runId: run.runId, outcomes: ['CREATED'], pageSize: 2000 },
    })
  ).rows;
  assert.equal(createdRows.length, done.created);
  const newlyMapped = createdRows.filter((r) => !mappedAnywhere.has(r.userId)).length;
  assert.equal(after.unmappedAgentCount, before.unmappedAgentCount - newlyMapped, 'the Overview counts follow');
  assert.equal(after.userMappingCount, before.userMappingCount + done.created);

  // Re-run over every agent: the users mapped by the first run are ALREADY_MAPPED, never duplicated.
  const again = await call('MappingRunController.createRun', {
    request: {
      callCenterId: cc.Id,
      source: 'RULE',
      rule: '{!FederationIdentifier}',
      externalIdFormat: 'TEXT',
      userIds: unmapped.slice(0, 400).map((u) => u.Id),
    },
  });
  const preview2 = await call('MappingRunController.startPreview', { runId: again.runId });
  assert.equal(preview2.status, 'PREVIEW_READY', 'small runs are previewed at once');
  const createdIn1 = new Set(
    org.callCenterRoutingMaps.filter((m) => m.CallCenterId === cc.Id).map((m) => m.ReferenceRecordId),
  );
  assert.equal(
    preview2.verdictCounts.ALREADY_MAPPED,
    unmapped.slice(0, 400).filter((u) => createdIn1.has(u.Id)).length,
  );
  await call('MappingRunController.confirmRun', { runId: again.runId });
  const done2 = await waitForRun(call, again.runId, isFinal);
  const perUser = new Map();
  for (const m of org.callCenterRoutingMaps.filter((m) => m.CallCenterId === cc.Id))
    perUser.set(m.ReferenceRecordId, (perUser.get(m.ReferenceRecordId) ?? 0) + 1);
  const original = new Map();
  for (const m of generateSampleOrg('default').callCenterRoutingMaps.filter((m) => m.CallCenterId === cc.Id))
    original.set(m.ReferenceRecordId, (original.get(m.ReferenceRecordId) ?? 0) + 1);
  for (const [userId, count] of perUser)
    assert.ok(count === 1 || count === original.get(userId), `user ${userId} mapped ${count} times`);
  assert.ok(done2.skipped >= preview2.verdictCounts.ALREADY_MAPPED);
  const recent = await call('MappingRunController.getRecentRuns', { callCenterId: cc.Id, limitRows: 5 });
  assert.deepEqual(
    recent.map((r) => r.runId),
    [again.runId, run.runId],
  );
});

test('directory rows: invalid ARNs, duplicates in the run, edits by hand, rejected ids', async () => {
  const { org, call } = setup();
  const cc = centerNamed(org, 'Voice Pilot – Partner Team');
  const [a, b, c, d] = expectedUnmapped(org, cc.Id).filter((u) => u.IsActive);
  const arn = (id) =>
    `arn:aws:connect:ca-central-1:123456789012:instance/11111111-2222-4333-8444-555555555555/agent/${id}`;
  const run = await call('MappingRunController.createRun', { request: { callCenterId: cc.Id, source: 'DIRECTORY' } });
  const added = await call('MappingRunController.addRunItems', {
    runId: run.runId,
    items: [
      { userId: a.Id, externalId: arn('aaaaaaaa-0000-4000-8000-000000000001'), rowNumber: 2 },
      { userId: b.Id, externalId: arn('aaaaaaaa-0000-4000-8000-000000000001'), rowNumber: 3 },
      { userId: c.Id, externalId: 'not-an-arn', rowNumber: 4 },
      { userId: c.Id, externalId: arn('x'), rowNumber: 5 },
      { userId: 'garbage', externalId: 'x', rowNumber: 6 },
      { userId: d.Id.slice(0, 15), externalId: arn('dddddddd-0000-4000-8000-000000000004'), rowNumber: 7 },
    ],
  });
  assert.equal(added.accepted, 4);
  assert.deepEqual(
    added.rejected.map((r) => r.rowNumber),
    [5, 6],
  );
  const preview = await call('MappingRunController.startPreview', { runId: run.runId });
  assert.deepEqual(preview.verdictCounts, { DUPLICATE_IN_RUN: 2, INVALID_ARN: 1, READY: 1 });
  const rows = (await call('MappingRunController.getRunItems', { query: { runId: run.runId } })).rows;
  assert.equal(rows[3].developerName, `User_${d.Id}_${cc.Id.slice(0, 15)}`);
  assert.equal(rows[3].masterLabel, d.Id);
  const edit = await call('MappingRunController.updateRunItems', {
    runId: run.runId,
    edits: [{ itemId: rows[1].itemId, externalId: arn('bbbbbbbb-0000-4000-8000-000000000002') }],
  });
  assert.deepEqual(edit.run.verdictCounts, { READY: 3, INVALID_ARN: 1 });
  assert.equal(edit.rows[0].valueSource, 'MANUAL');
  const cancelled = await call('MappingRunController.cancelRun', { runId: run.runId });
  assert.equal(cancelled.status, 'CANCELLED');
  await rejects(call('MappingRunController.confirmRun', { runId: run.runId }), /only a previewed run/);
});

test('cancelling a running run stops it at the next step; rows written before stay', async () => {
  const { org, call } = setup('default', { stepDelayMs: 5 });
  const cc = centerNamed(org, 'Global Customer Care');
  const run = await call('MappingRunController.createRun', {
    request: {
      callCenterId: cc.Id,
      source: 'RULE',
      rule: '{!Username}',
      externalIdFormat: 'TEXT',
      selectionMode: 'FILTER',
      filter: { status: 'ACTIVE' },
    },
  });
  await call('MappingRunController.startPreview', { runId: run.runId });
  await waitForRun(call, run.runId, (r) => r.status === 'PREVIEW_READY');
  await call('MappingRunController.confirmRun', { runId: run.runId });
  await waitForRun(call, run.runId, (r) => r.status === 'RUNNING' && r.processed > 0);
  const requested = await call('MappingRunController.cancelRun', { runId: run.runId });
  assert.equal(requested.cancelRequested, true);
  const done = await waitForRun(call, run.runId, isFinal);
  assert.equal(done.status, 'CANCELLED');
  assert.ok(done.processed < done.total);
  const pending = await call('MappingRunController.getRunItems', {
    query: { runId: run.runId, outcomes: ['PENDING'], pageSize: 1 },
  });
  assert.equal(pending.rows.length, 1);
});

test('analysis finds stale, mismatched and duplicate mappings; a stale fix run deletes them', async () => {
  const { org, call } = setup();
  const cc = centerNamed(org, 'Billing & Collections');
  const analysis = await call('MappingAnalysisController.startAnalysis', { callCenterId: cc.Id });
  assert.equal(analysis.status, 'COMPLETED');
  const maps = org.callCenterRoutingMaps.filter(
    (m) => m.CallCenterId === cc.Id && m.ReferenceRecordId.startsWith('005'),
  );
  const users = new Map(org.users.map((u) => [u.Id, u]));
  const stale = maps.filter(
    (m) => !users.get(m.ReferenceRecordId).IsActive || users.get(m.ReferenceRecordId).CallCenterId === null,
  );
  const mismatched = maps.filter((m) => {
    const u = users.get(m.ReferenceRecordId);
    return u.IsActive && u.CallCenterId !== null && u.CallCenterId !== cc.Id;
  });
  assert.equal(analysis.staleCount, stale.length);
  assert.equal(analysis.mismatchedCount, mismatched.length);
  assert.ok(analysis.staleCount > 0 && analysis.mismatchedCount > 0);
  const problems = await call('MappingAnalysisController.getProblems', {
    query: { analysisId: analysis.analysisId, kinds: ['STALE'], pageSize: 2000 },
  });
  assert.equal(problems.rows.length, stale.length);
  const latest = await call('MappingAnalysisController.getLatestAnalysis', { callCenterId: cc.Id });
  assert.equal(latest.analysisId, analysis.analysisId);
  // The Overview's batch: one call for every call center, one summary per analysed call center, in the order asked.
  const batch = await call('MappingAnalysisController.getLatestAnalyses', {
    callCenterIds: [org.callCenters[0].Id, cc.Id.slice(0, 15), cc.Id],
  });
  assert.deepEqual(
    batch.map((a) => a.analysisId),
    [analysis.analysisId],
  );
  assert.deepEqual(await call('MappingAnalysisController.getLatestAnalyses', { callCenterIds: [] }), []);
  await rejects(
    call('MappingAnalysisController.getLatestAnalyses', { callCenterIds: [org.users[0].Id] }),
    /not a CallCenter id/,
  );
  await rejects(
    call('MappingAnalysisController.getLatestAnalyses', { callCenterIds: Array.from({ length: 201 }, () => cc.Id) }),
    /at most 200/,
  );

  const fix = await call('MappingAnalysisController.fixProblems', {
    request: { analysisId: analysis.analysisId, kind: 'STALE' },
  });
  assert.equal(fix.operation, 'DELETE');
  assert.equal(fix.total, stale.length);
  await call('MappingRunController.startPreview', { runId: fix.runId });
  await call('MappingRunController.confirmRun', { runId: fix.runId });
  const done = await waitForRun(call, fix.runId, isFinal);
  assert.equal(done.status, 'COMPLETED');
  assert.equal(done.created, stale.length);
  const staleIds = new Set(stale.map((m) => m.Id));
  assert.ok(!org.callCenterRoutingMaps.some((m) => staleIds.has(m.Id)));

  const move = await call('MappingAnalysisController.fixProblems', {
    request: { analysisId: analysis.analysisId, kind: 'MISMATCHED' },
  });
  await call('MappingRunController.startPreview', { runId: move.runId });
  await call('MappingRunController.confirmRun', { runId: move.runId }).catch(() => {});
  const moved = await waitForRun(call, move.runId, (r) => r.isFinal || r.status === 'PREVIEW_READY');
  assert.ok(moved.created + (moved.verdictCounts.ALREADY_MAPPED ?? 0) + moved.skipped >= 0);
  const again = await call('MappingAnalysisController.startAnalysis', { callCenterId: cc.Id });
  assert.equal(again.staleCount, 0);
});

test('a MOVE fix skips, with the reason, moves whose ExternalId the target call center already has', async () => {
  const org = generateSampleOrg('default');
  const cc = centerNamed(org, 'Global Customer Care');
  const users = new Map(org.users.map((u) => [u.Id, u]));
  const mismatched = org.callCenterRoutingMaps.filter((m) => {
    const u = users.get(m.ReferenceRecordId);
    return m.CallCenterId === cc.Id && u && u.IsActive && u.CallCenterId !== null && u.CallCenterId !== cc.Id;
  });
  const mappedIn = (centerId, userId) =>
    org.callCenterRoutingMaps.some((m) => m.CallCenterId === centerId && m.ReferenceRecordId === userId);
  const movable = mismatched.filter((m) => !mappedIn(users.get(m.ReferenceRecordId).CallCenterId, m.ReferenceRecordId));
  assert.ok(movable.length >= 3, `${movable.length} movable mismatched mappings`);
  // 1. Another agent of the target call center already has the first mapping's ExternalId (in another case).
  const [taken, ...others] = movable;
  const targetOf = (m) => users.get(m.ReferenceRecordId).CallCenterId;
  const first = others.find((m) => others.some((o) => o !== m && targetOf(o) === targetOf(m)));
  const second = others.find((o) => o !== first && targetOf(o) === targetOf(first));
  const target = users.get(taken.ReferenceRecordId).CallCenterId;
  const holder = org.users.find((u) => u.CallCenterId === target && u.Id !== taken.ReferenceRecordId);
  org.callCenterRoutingMaps.push({
    Id: '0hr8d0000099999AAA',
    DeveloperName: `User_${holder.Id}_holder`,
    MasterLabel: holder.Id,
    CallCenterId: target,
    ExternalId: taken.ExternalId.toUpperCase(),
    ReferenceRecordId: holder.Id,
    Language: 'en_US',
    QuickConnect: null,
  });
  // 2. Two moves of one ExternalId into the same call center (when their users moved to the same one).
  const sameTarget =
    users.get(first.ReferenceRecordId).CallCenterId === users.get(second.ReferenceRecordId).CallCenterId;
  if (sameTarget) second.ExternalId = first.ExternalId;
  const backend = createMappingBackend(org, NOW, { stepDelayMs: 0 });
  const call = async (method, params) => structuredClone(await backend[method](structuredClone(params)));

  let analysis = await call('MappingAnalysisController.startAnalysis', { callCenterId: cc.Id });
  for (let tries = 0; analysis.status === 'RUNNING' && tries < 5000; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 2));
    analysis = await call('MappingAnalysisController.getLatestAnalysis', { callCenterId: cc.Id });
  }
  assert.equal(analysis.status, 'COMPLETED');
  const fix = await call('MappingAnalysisController.fixProblems', {
    request: { analysisId: analysis.analysisId, kind: 'MISMATCHED' },
  });
  assert.equal(fix.operation, 'MOVE');
  const previewed = await call('MappingRunController.startPreview', { runId: fix.runId });
  assert.equal(previewed.verdictCounts.DUPLICATE_IN_ORG, 1);
  assert.equal(previewed.verdictCounts.DUPLICATE_IN_RUN, 2);
  const rows = (await call('MappingRunController.getRunItems', { query: { runId: fix.runId, pageSize: 2000 } })).rows;
  const twins = rows.filter((r) => r.verdict === 'DUPLICATE_IN_RUN').map((r) => r.userId);
  assert.deepEqual(twins.sort(), [first.ReferenceRecordId, second.ReferenceRecordId].sort());
  const takenRow = rows.find((r) => r.userId === taken.ReferenceRecordId);
  assert.equal(takenRow.verdict, 'DUPLICATE_IN_ORG');
  assert.match(takenRow.message, new RegExp(`call center ${target} already has this ExternalId .* of ${holder.Id}`));

  await call('MappingRunController.confirmRun', { runId: fix.runId });
  const done = await waitForRun(call, fix.runId, isFinal);
  assert.equal(done.created, previewed.ready);
  assert.equal(done.skipped, done.total - previewed.ready, 'every row that is not READY is skipped');
  const skipped = (
    await call('MappingRunController.getRunItems', {
      query: { runId: fix.runId, outcomes: ['SKIPPED'], pageSize: 2000 },
    })
  ).rows;
  const skippedTaken = skipped.find((r) => r.userId === taken.ReferenceRecordId);
  assert.equal(skippedTaken.verdict, 'DUPLICATE_IN_ORG', 'skipped with its verdict');
  assert.match(skippedTaken.message, /already has this ExternalId/, 'and its reason');
  assert.ok(
    org.callCenterRoutingMaps.some((m) => m.Id === taken.Id),
    'the old mapping stays',
  );
  const inTarget = org.callCenterRoutingMaps.filter(
    (m) => m.CallCenterId === target && m.ExternalId.toLowerCase() === taken.ExternalId.toLowerCase(),
  );
  assert.equal(inTarget.length, 1, 'the target call center still has the ExternalId once');
});

test('manage: keyset pages with search, edits validated like a preview, deletes', async () => {
  const { org, call } = setup();
  const cc = centerNamed(org, 'Voice Pilot – Partner Team');
  const expected = org.callCenterRoutingMaps.filter((m) => m.CallCenterId === cc.Id);
  const seen = [];
  let cursor = null;
  do {
    const page = await call('MappingManageController.getMappings', {
      query: { callCenterId: cc.Id, pageSize: 3, cursor },
    });
    seen.push(...page.rows);
    cursor = page.nextCursor;
  } while (cursor);
  assert.equal(seen.length, expected.length);
  assert.deepEqual(
    seen.map((r) => r.mappingId),
    [...expected.map((m) => m.Id)].sort(),
  );
  const queues = await call('MappingManageController.getMappings', {
    query: { callCenterId: cc.Id, referenceType: 'QUEUE' },
  });
  assert.ok(queues.rows.length > 0 && queues.rows.every((r) => r.referenceType === 'QUEUE' && r.userFullName === null));
  const user = seen.find((r) => r.referenceType === 'USER');
  const found = await call('MappingManageController.getMappings', {
    query: { callCenterId: cc.Id, search: user.username.toUpperCase() },
  });
  assert.ok(found.rows.some((r) => r.mappingId === user.mappingId));

  const other = seen.find((r) => r.referenceType === 'USER' && r.referenceRecordId !== user.referenceRecordId);
  const newArn = user.externalId.replace(/agent\/.*/, 'agent/12345678-1234-4234-8234-123456789012');
  const outcomes = await call('MappingManageController.updateMappings', {
    edits: [
      { mappingId: user.mappingId, externalId: newArn, quickConnect: '' },
      { mappingId: other.mappingId, externalId: 'not an arn' },
      { mappingId: other.mappingId, externalId: newArn.toUpperCase().replace('ARN:AWS:CONNECT', 'arn:aws:connect') },
    ],
    externalIdFormat: null,
  });
  assert.equal(outcomes[0].success, true);
  assert.match(outcomes[1].message, /^ExternalId: /);
  assert.equal(outcomes[2].success, false);
  assert.equal(org.callCenterRoutingMaps.find((m) => m.Id === user.mappingId).ExternalId, newArn);

  const deleted = await call('MappingManageController.deleteMappings', {
    mappingIds: [user.mappingId, user.mappingId],
  });
  assert.deepEqual(
    deleted.map((o) => o.success),
    [true, false],
  );
  assert.ok(!org.callCenterRoutingMaps.some((m) => m.Id === user.mappingId));
});

test('orgs without Service Cloud Voice or without access: the mapping methods explain why', async () => {
  for (const preset of ['novoice', 'noaccess']) {
    const { org, call } = setup(preset);
    const cc = org.callCenters[0];
    const context = await call('MappingUsersController.getMappingContext', { callCenterId: cc.Id });
    assert.notEqual(context.mappingAvailability, 'AVAILABLE');
    assert.equal(context.access.canCreate, false);
    assert.ok(context.createAccessMessage);
    await rejects(call('MappingUsersController.getUsers', { query: { callCenterId: cc.Id } }), /failed: /);
    await rejects(call('MappingManageController.getMappings', { query: { callCenterId: cc.Id } }), /failed: /);
    await rejects(
      call('MappingRunController.createRun', { request: { callCenterId: cc.Id, source: 'MANUAL' } }),
      /failed: /,
    );
    const all = await call('MappingUsersController.getUsers', { query: { callCenterId: cc.Id, scope: 'ALL' } });
    assert.ok(all.rows.length > 0, 'agents can still be listed');
  }
});
