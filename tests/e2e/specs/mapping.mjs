// Browser walk through the mapping workflow in the preview (harness: tests/e2e/run-e2e.mjs), on the `large` sample
// org: its 60,000-agent call center has thousands of unmapped agents. Unmapped users → search/filter → select all
// that match → ExternalIds from the telephony directory export (a CSV generated here from the same sample org, with
// agent ARNs, a few invalid ARNs, one ARN on two users and unknown people) → preview verdict counts → Export CSV
// (exact CallCenterRoutingMap header) → confirm → progress → result with the failed rows and their reasons →
// run again (mapped users are skipped, nothing is duplicated) → the Overview counts follow → Mappings: import the
// exported CSV, search, edit and delete. Expected numbers come from the sample org and the backend's own
// simulatedFailure rule, computed in Node.
// Then a rule walk on a fresh page (the Billing & Collections call center, whose agents carry their Amazon Connect user
// id in FederationIdentifier): filter → instance ARN + rule → preview verdict counts → confirm → progress → result →
// CSV export of the created mappings → run again (nothing duplicated) → the Overview counts follow.
import fs from 'node:fs';
import path from 'node:path';

export const name = 'mapping';

const CALL_CENTER = 'Worldwide Contact Center';
const QUERY = '?org=large&latency=20';
const CSV_HEADER = 'ExternalId,ReferenceRecordId,CallCenterId,DeveloperName,MasterLabel,QuickConnect';
const SEARCH = 'Contact Center Agent'; // the profile of every agent but the supervisors
const LONG = { timeoutMs: 120_000 };
/** A data row of a lightning-datatable (not its header row). */
const ROW = '[data-row-key-value]:not([data-row-key-value="HEADER"])';

/** A UUID (lower-case v4 layout) from a number: valid in an agent ARN. */
const uuidOf = (n) => {
  const hex = (n * 2654435761 + 0x9e3779b9).toString(16).padStart(12, '0').slice(-12);
  return `5e1f${hex.slice(0, 4)}-${hex.slice(4, 8)}-4${hex.slice(8, 11)}-8${hex.slice(0, 3)}-${hex}`;
};

/** A chain of checks on one page: after a failed step the following ones are skipped. */
function chainOn(t, screenshotName) {
  const chain = { page: null, broken: false };
  chain.step = (fn) => async () => {
    if (!chain.page || chain.broken) throw new Error('skipped: an earlier step failed');
    try {
      return await fn(chain.page);
    } catch (error) {
      chain.broken = true;
      await t.screenshot(chain.page, screenshotName).catch(() => {});
      throw error;
    }
  };
  return chain;
}

const byIdOn = (p, id) => p.locator(`[data-id="${id}"]`);

/** Polls the locator's text until it contains `text`. */
async function waitForTextOn(locator, text, timeoutMs) {
  const started = Date.now();
  let last = '';
  while (Date.now() - started < timeoutMs) {
    last = await locator.innerText().catch(() => '');
    if (last.includes(text)) return last;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`"${text}" never appeared (the text is "${last}")`);
}

/** Picks `option` in the lightning-combobox labelled `label`. */
async function chooseOptionOn(p, label, option) {
  await p.getByRole('combobox', { name: label, exact: true }).click();
  await p.getByRole('option', { name: option, exact: true }).first().click();
}

const RULE_CALL_CENTER = 'Billing & Collections';

/**
 * A rule-based run from "unmapped" to "mapped": the call center's agents keep their Amazon Connect user id in
 * FederationIdentifier (preview/backend/sampleOrg.ts `agentIdInFederationId`), the admin gives the instance ARN once
 * and picks the "Agent ARN from Federation ID" rule.
 */
async function ruleWalk(t, org, simulatedFailure) {
  const center = org.callCenters.find((cc) => cc.Name === RULE_CALL_CENTER);
  const centerMaps = org.callCenterRoutingMaps.filter((m) => m.CallCenterId === center.Id);
  const mappedHere = new Set(centerMaps.map((m) => m.ReferenceRecordId));
  const usersById = new Map(org.users.map((u) => [u.Id, u]));
  const centerIds = new Set(org.callCenters.map((cc) => cc.Id));
  const mappedAnywhere = new Set(
    org.callCenterRoutingMaps.filter((m) => centerIds.has(m.CallCenterId)).map((m) => m.ReferenceRecordId),
  );
  // The instance ARN, as the admin reads it from an existing agent mapping of the call center.
  const instance = centerMaps
    .find((m) => usersById.get(m.ReferenceRecordId)?.CallCenterId === center.Id && m.ExternalId.includes('/agent/'))
    .ExternalId.split('/agent/')[0];
  const selected = org.users.filter(
    (u) =>
      u.CallCenterId === center.Id &&
      u.IsActive &&
      !mappedHere.has(u.Id) &&
      [u.Name, u.Username, u.Email, u.Alias, u.FederationIdentifier ?? '', u.ProfileName, u.UserRoleName ?? '']
        .join('\u0001')
        .toLowerCase()
        .includes(SEARCH.toLowerCase()),
  );
  const ready = selected.filter((u) => u.FederationIdentifier);
  const missing = selected.length - ready.length;
  const failures = ready.filter((u) => simulatedFailure(u.Id, false) !== null).length;
  const stillFailing = ready.filter((u) => simulatedFailure(u.Id, true) !== null).length;
  const created = ready.length - failures;
  const retried = failures - stillFailing;
  const chain = chainOn(t, 'mapping-rule-failed-step');
  const step = chain.step;
  const fmt = (n) => n.toLocaleString('en-US');

  await t.check(
    `Rule walk: ${RULE_CALL_CENTER}, search "${SEARCH}" + Active, select all ${fmt(selected.length)} that match`,
    async () => {
      const p = await t.openPage(QUERY);
      await t.navigateTo(p, 'Unmapped users');
      await chooseOptionOn(p, 'Call center', RULE_CALL_CENTER);
      await byIdOn(p, 'users-table').locator(ROW).first().waitFor({ timeout: 30_000 });
      await chooseOptionOn(p, 'Show', 'Active users');
      await byIdOn(p, 'search').locator('input').fill(SEARCH);
      await waitForTextOn(byIdOn(p, 'count'), fmt(selected.length), 20_000);
      await byIdOn(p, 'users-table')
        .locator('[data-row-key-value="HEADER"] input[type="checkbox"]')
        .first()
        .check({ force: true });
      await byIdOn(p, 'select-all-matching').click();
      const selection = await byIdOn(p, 'selection-count').innerText();
      if (!selection.includes(fmt(selected.length))) throw new Error(`selection says "${selection}"`);
      chain.page = p;
      return selection;
    },
    LONG,
  );

  await t.check(
    'Rule walk: give the instance ARN once, pick "Agent ARN from Federation ID", test it on selected users',
    step(async (p) => {
      await byIdOn(p, 'generate').click();
      await byIdOn(p, 'run-wizard').waitFor();
      await byIdOn(p, 'instance-arn').locator('input').fill(instance);
      await byIdOn(p, 'rule-preset-agent-arn').click();
      const rule = await byIdOn(p, 'rule-input').locator('textarea').inputValue();
      if (rule !== `${instance}/agent/{!FederationIdentifier}`) throw new Error(`the rule is "${rule}"`);
      await waitForTextOn(byIdOn(p, 'rule-status'), 'The rule is valid', 10_000);
      await byIdOn(p, 'test-rule').click();
      const samples = await waitForTextOn(byIdOn(p, 'rule-samples'), `${instance}/agent/`, 10_000);
      const axe = await t.assertAccessible(p);
      return `rule ${rule}; ${samples.split('\n').length - 1} sample rows; axe: ${axe}; screenshot ${await t.screenshot(p, 'mapping-rule')}`;
    }),
    LONG,
  );

  await t.check(
    `Rule walk: preview verdict counts (${fmt(ready.length)} ready, ${fmt(missing)} without a Federation ID)`,
    step(async (p) => {
      await byIdOn(p, 'preview').click();
      await byIdOn(p, 'ready-text').waitFor({ timeout: 60_000 });
      const readyText = await byIdOn(p, 'ready-text').innerText();
      if (!readyText.includes(`${fmt(ready.length)} of ${fmt(selected.length)}`))
        throw new Error(`"${readyText}" does not say ${ready.length} of ${selected.length} rows are ready`);
      const summary = (await p.locator('c-verdict-summary').innerText()).replace(/\s+/g, ' ');
      if (missing > 0 && !summary.includes(fmt(missing)))
        throw new Error(`verdict counts "${summary}" lack ${missing}`);
      if (/invalid ARN/i.test(summary)) throw new Error(`rule values are not valid ARNs: ${summary}`);
      return `${readyText} | ${summary}; screenshot ${await t.screenshot(p, 'mapping-rule-preview')}`;
    }),
    LONG,
  );

  await t.check(
    `Rule walk: confirm → progress → result (${fmt(created)} created, ${fmt(failures)} failed with the reason)`,
    step(async (p) => {
      await byIdOn(p, 'confirm').click();
      await p.locator('lightning-progress-bar').first().waitFor({ timeout: 20_000 });
      await byIdOn(p, 'result').waitFor({ timeout: 100_000 });
      const result = (await byIdOn(p, 'result').innerText()).replace(/\s+/g, ' ');
      if (!result.includes(`${fmt(created)} created, ${fmt(failures)} failed`))
        throw new Error(`result "${result}", expected ${created} created, ${failures} failed`);
      if (failures > 0) {
        const table = await byIdOn(p, 'failures-table').innerText();
        if (!/UNABLE_TO_LOCK_ROW|FIELD_INTEGRITY_EXCEPTION/.test(table)) throw new Error('no platform error shown');
      }
      const axe = await t.assertAccessible(p);
      return `${result}; axe: ${axe}; screenshot ${await t.screenshot(p, 'mapping-rule-result')}`;
    }),
    LONG,
  );

  await t.check(
    'Rule walk: export the created mappings as an importable CSV (exact columns, one built ARN per row)',
    step(async (p) => {
      const [download] = await Promise.all([
        p.waitForEvent('download', { timeout: 30_000 }),
        byIdOn(p, 'export-result-csv').click(),
      ]);
      const lines = fs
        .readFileSync(await download.path(), 'utf8')
        .trim()
        .split(/\r?\n/);
      if (lines[0] !== CSV_HEADER) throw new Error(`header is "${lines[0]}"`);
      if (lines.length - 1 !== created) throw new Error(`${lines.length - 1} rows, expected ${created}`);
      const bad = lines.slice(1).filter((line) => {
        const [externalId, userId, callCenterId] = line.split(',');
        return (
          externalId !== `${instance}/agent/${usersById.get(userId)?.FederationIdentifier}` ||
          callCenterId !== center.Id
        );
      });
      if (bad.length) throw new Error(`${bad.length} rows do not carry the user's agent ARN, e.g. ${bad[0]}`);
      return `${download.suggestedFilename()}: ${lines.length - 1} rows`;
    }),
  );

  await t.check(
    'Rule walk: run again: the mapped users are no longer unmapped (not gathered), only the failed rows are written',
    step(async (p) => {
      await byIdOn(p, 'run-again').click();
      await byIdOn(p, 'ready-text').waitFor({ timeout: 60_000 });
      const readyText = await byIdOn(p, 'ready-text').innerText();
      // The selection is "every unmapped user matching the filter": the users mapped by the first run drop out of it.
      if (!readyText.includes(`${fmt(failures)} of ${fmt(selected.length - created)}`))
        throw new Error(`"${readyText}" does not say ${failures} of ${selected.length - created} rows are ready`);
      const summary = (await p.locator('c-verdict-summary').innerText()).replace(/\s+/g, ' ');
      if (/Already mapped/i.test(summary)) throw new Error(`mapped users were gathered again: ${summary}`);
      let result = '';
      if (failures > 0) {
        await byIdOn(p, 'confirm').click();
        await byIdOn(p, 'result').waitFor({ timeout: 60_000 });
        result = (await byIdOn(p, 'result').innerText()).replace(/\s+/g, ' ');
        if (!result.includes(`${fmt(retried)} created`))
          throw new Error(`result "${result}", expected ${retried} created`);
      }
      return `${readyText} | ${summary} | ${result}`;
    }),
    LONG,
  );

  await t.check(
    `Rule walk: the Overview's "Not mapped" of ${RULE_CALL_CENTER} drops by exactly the mappings created`,
    step(async (p) => {
      await t.navigateTo(p, 'Overview');
      await t.waitForApexCall(p, 'CallCenterOverviewController.getOverview', { count: 2 });
      const table = (await t.readTables(p)).find((tb) => tb.headers.includes('Call center'));
      const row = table?.rows.find((cells) => cells[table.headers.indexOf('Call center')] === RULE_CALL_CENTER);
      if (!row) throw new Error(`no Overview row for ${RULE_CALL_CENTER}`);
      const before = (await t.expectedFrom('large')).callCenters.find((cc) => cc.name === RULE_CALL_CENTER);
      const notMapped = t.parseCount(row[table.headers.indexOf('Not mapped')]);
      const mapped = t.parseCount(row[table.headers.indexOf('Mapped')]);
      // The Overview counts a user as mapped when any call center maps them (its multi-call-center semi-join).
      const newlyMapped = ready.filter(
        (u) => simulatedFailure(u.Id, true) === null && !mappedAnywhere.has(u.Id),
      ).length;
      const expected = before.unmappedAgentCount - newlyMapped;
      if (notMapped !== expected || mapped !== before.mappedAgentCount + newlyMapped)
        throw new Error(
          `Not mapped ${notMapped} / Mapped ${mapped}, expected ${expected} / ${before.mappedAgentCount + newlyMapped}`,
        );
      return `Not mapped: ${before.unmappedAgentCount} → ${notMapped}; Mapped: ${before.mappedAgentCount} → ${mapped}`;
    }),
  );

  // ---- Recent runs (issue gap 3): leave the screen and come back; the runs of the call center are listed.
  await t.check(
    'Recent runs: back on Unmapped users, the rule runs are listed with status and counts; open one, download its failures',
    step(async (p) => {
      await t.navigateTo(p, 'Unmapped users');
      await chooseOptionOn(p, 'Call center', RULE_CALL_CENTER);
      const table = byIdOn(p, 'runs-table');
      await table.waitFor({ timeout: 30_000 });
      const first = table.locator('[data-run-row="MR-000001"]');
      const counts = await first.locator('[data-cell="counts"]').innerText();
      if (!counts.includes(`${fmt(created)} created, ${fmt(failures)} failed`))
        throw new Error(`MR-000001 says "${counts}", expected ${created} created, ${failures} failed`);
      const names = await table.locator('[data-run-row]').evaluateAll((rows) => rows.map((r) => r.dataset.runRow));
      if (names[0] !== 'MR-000002' || names[1] !== 'MR-000001') throw new Error(`runs listed: ${names.join(', ')}`);
      let downloaded = 'no failures';
      if (failures > 0) {
        const [download] = await Promise.all([
          p.waitForEvent('download', { timeout: 30_000 }),
          first.locator('[data-id="download-run-failures"]').click(),
        ]);
        const lines = fs
          .readFileSync(await download.path(), 'utf8')
          .replace(/^\uFEFF/, '')
          .trim()
          .split(/\r?\n/);
        if (lines.length - 1 !== failures)
          throw new Error(`${lines.length - 1} failed rows downloaded, expected ${failures}`);
        downloaded = `${download.suggestedFilename()}: ${lines.length - 1} rows`;
      }
      const axe = await t.assertAccessible(p);
      const shot = await t.screenshot(p, 'mapping-recent-runs');
      await p.getByRole('button', { name: 'Open MR-000001', exact: true }).click();
      await byIdOn(p, 'result').waitFor({ timeout: 20_000 });
      const result = (await byIdOn(p, 'result').innerText()).replace(/\s+/g, ' ');
      if (!result.includes(`${fmt(created)} created`)) throw new Error(`the opened run says "${result}"`);
      await byIdOn(p, 'close').click();
      await byIdOn(p, 'users-table').waitFor({ timeout: 20_000 });
      return `${names.join(', ')}; MR-000001: ${counts}; ${downloaded}; opened: ${result}; axe: ${axe}; screenshot ${shot}`;
    }),
    LONG,
  );

  // ---- By hand (gap 7): two users, values typed in the preview table, the row is checked again.
  await t.check(
    'By hand: type an ExternalId in the preview table and save; the row turns ready',
    step(async (p) => {
      await chooseOptionOn(p, 'Show', 'Active users');
      const rows = byIdOn(p, 'users-table').locator(ROW);
      await rows.first().waitFor({ timeout: 20_000 });
      for (const index of [0, 1]) {
        await rows.nth(index).locator('input[type="checkbox"]').first().check({ force: true });
      }
      await byIdOn(p, 'generate').click();
      await byIdOn(p, 'run-wizard').waitFor();
      await p.getByText('By hand, row by row in the preview', { exact: true }).click();
      await byIdOn(p, 'preview').click();
      await waitForTextOn(byIdOn(p, 'ready-text'), '0 of 2', 30_000);
      const arn = `${instance}/agent/0b5e1f00-0000-4000-8000-000000000001`;
      const table = byIdOn(p, 'preview-table');
      await table
        .getByRole('button', { name: /^Edit ExternalId/ })
        .first()
        .click();
      await p.keyboard.press('ControlOrMeta+A');
      await p.keyboard.type(arn);
      await p.keyboard.press('Enter');
      await p.getByRole('button', { name: 'Save', exact: true }).click();
      const ready = await waitForTextOn(byIdOn(p, 'ready-text'), '1 of 2', 20_000);
      const axe = await t.assertAccessible(p);
      const shot = await t.screenshot(p, 'mapping-by-hand');
      await byIdOn(p, 'close').click();
      await byIdOn(p, 'users-table').waitFor({ timeout: 20_000 });
      return `${ready}; axe: ${axe}; screenshot ${shot}`;
    }),
    LONG,
  );

  // ---- Cancel (gap 7): a 5,000-row write is cancelled while it runs; rows written before stay.
  await t.check(
    'Cancel: a large run is cancelled while it writes; the result says so and keeps the mappings written before',
    step(async (p) => {
      await chooseOptionOn(p, 'Call center', 'Worldwide Contact Center');
      await byIdOn(p, 'users-table').locator(ROW).first().waitFor({ timeout: 30_000 });
      await chooseOptionOn(p, 'Show', 'Active users');
      await byIdOn(p, 'search').locator('input').fill(SEARCH);
      const world = org.callCenters.find((cc) => cc.Name === 'Worldwide Contact Center');
      const worldMapped = new Set(
        org.callCenterRoutingMaps.filter((m) => m.CallCenterId === world.Id).map((m) => m.ReferenceRecordId),
      );
      const worldSelected = org.users.filter(
        (u) =>
          u.CallCenterId === world.Id &&
          u.IsActive &&
          !worldMapped.has(u.Id) &&
          [u.Name, u.Username, u.Email, u.Alias, u.FederationIdentifier ?? '', u.ProfileName, u.UserRoleName ?? '']
            .join('\u0001')
            .toLowerCase()
            .includes(SEARCH.toLowerCase()),
      ).length;
      await waitForTextOn(byIdOn(p, 'count'), fmt(worldSelected), 30_000);
      await byIdOn(p, 'users-table')
        .locator('[data-row-key-value="HEADER"] input[type="checkbox"]')
        .first()
        .check({ force: true });
      await byIdOn(p, 'select-all-matching').click();
      await byIdOn(p, 'generate').click();
      await byIdOn(p, 'run-wizard').waitFor();
      await chooseOptionOn(p, 'ExternalId format', 'Any text (other telephony providers)');
      await p.locator('[data-id="rule-preset"][data-rule="{!Username}"]').click();
      await waitForTextOn(byIdOn(p, 'rule-status'), 'The rule is valid', 10_000);
      await byIdOn(p, 'preview').click();
      await byIdOn(p, 'ready-text').waitFor({ timeout: 90_000 });
      const readyText = await byIdOn(p, 'ready-text').innerText();
      const ready = Number(readyText.split(' of ')[0].replace(/\D/g, ''));
      await byIdOn(p, 'confirm').click();
      await p.locator('lightning-progress-bar').first().waitFor({ timeout: 20_000 });
      // Cancel once the run is writing (some mappings created), not while it is still queued.
      const createdCount = p.locator('c-run-progress [data-count="created"] dd').first();
      for (let tries = 0; tries < 300; tries++) {
        const text = await createdCount.innerText().catch(() => '0');
        if (Number(text.replace(/\D/g, '')) > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await byIdOn(p, 'cancel').locator('button').click();
      await byIdOn(p, 'result').waitFor({ timeout: 60_000 });
      const result = (await byIdOn(p, 'result').innerText()).replace(/\s+/g, ' ');
      if (!result.includes('Run cancelled')) throw new Error(`the result says "${result}"`);
      const createdNow = Number((result.match(/([\d,]+) created/)?.[1] ?? '').replace(/,/g, ''));
      if (!(createdNow > 0 && createdNow < ready))
        throw new Error(`${createdNow} created of ${ready} ready: the run was not cancelled while it wrote`);
      const shot = await t.screenshot(p, 'mapping-cancelled');
      await byIdOn(p, 'close').click();
      return `${readyText} → ${result}; screenshot ${shot}`;
    }),
    LONG,
  );

  // ---- Problems (gap 7): analyse, then fix every stale mapping and every mismatched one in bulk.
  const stale = centerMaps.filter((m) => {
    const u = usersById.get(m.ReferenceRecordId);
    return m.ReferenceRecordId.startsWith('005') && u && (!u.IsActive || u.CallCenterId === null);
  });
  const mismatched = centerMaps.filter((m) => {
    const u = usersById.get(m.ReferenceRecordId);
    return u && u.IsActive && u.CallCenterId !== null && u.CallCenterId !== center.Id;
  });
  const fixKind = async (p, filter, button, expectedCount) => {
    await byIdOn(p, 'problem-filter').getByText(filter, { exact: true }).click();
    await waitForTextOn(byIdOn(p, 'fix'), button, 10_000);
    await byIdOn(p, 'fix').click();
    await p.getByRole('button', { name: /^(OK|Confirm|Delete|Move)$/ }).click();
    const summary = byIdOn(p, 'fix-run');
    await summary.locator('[data-id="verdict-counts"]').waitFor({ timeout: 30_000 });
    const counts = (await summary.innerText()).replace(/\s+/g, ' ');
    if (expectedCount !== null && !counts.includes(fmt(expectedCount)))
      throw new Error(`the fix preview "${counts}" lacks ${expectedCount}`);
    if (!/Ready/.test(counts)) throw new Error(`nothing to fix: ${counts}`);
    await byIdOn(p, 'fix-confirm').click();
    await byIdOn(p, 'fix-done').waitFor({ timeout: 60_000 });
    return counts;
  };
  await t.check(
    `Problems: analyse ${RULE_CALL_CENTER}, delete its ${stale.length} stale mappings and move its ${mismatched.length} mismatched ones in bulk`,
    step(async (p) => {
      await t.navigateTo(p, 'Mappings');
      await chooseOptionOn(p, 'Call center', RULE_CALL_CENTER);
      await p.getByRole('tab', { name: 'Problems' }).click();
      await byIdOn(p, 'analyse').click();
      await byIdOn(p, 'problem-counts').waitFor({ timeout: 60_000 });
      const before = (await byIdOn(p, 'problem-counts').innerText()).replace(/\s+/g, ' ');
      const staleCounts = await fixKind(p, 'Stale', 'Delete all stale mappings', stale.length);
      // Some moves may be skipped (the user is mapped in the target call center already): counted, not asserted.
      const moveCounts = await fixKind(p, 'Mismatched', 'Move all mismatched mappings', null);
      await byIdOn(p, 'analyse').click();
      let after = before;
      for (let tries = 0; tries < 50 && after === before; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        after = (await byIdOn(p, 'problem-counts').innerText()).replace(/\s+/g, ' ');
      }
      if (after === before) throw new Error(`the problem counts did not change: ${after}`);
      const axe = await t.assertAccessible(p);
      const shot = await t.screenshot(p, 'mapping-problems-fixed');
      return `before: ${before} | stale fix: ${staleCounts} | move: ${moveCounts} | after: ${after}; axe: ${axe}; screenshot ${shot}`;
    }),
    LONG,
  );
}

export async function checks(t) {
  const { org } = await t.expectedFrom('large');
  const { simulatedFailure } = await t.backendModule('mapping/runs.js');
  const center = org.callCenters.find((cc) => cc.Name === CALL_CENTER);
  const mappedHere = new Set(
    org.callCenterRoutingMaps.filter((m) => m.CallCenterId === center.Id).map((m) => m.ReferenceRecordId),
  );
  const selected = org.users.filter(
    (u) =>
      u.CallCenterId === center.Id &&
      u.IsActive &&
      !mappedHere.has(u.Id) &&
      [u.Name, u.Username, u.Email, u.Alias, u.FederationIdentifier ?? '', u.ProfileName, u.UserRoleName ?? '']
        .join('\u0001')
        .toLowerCase()
        .includes(SEARCH.toLowerCase()),
  );
  // The directory export: every selected agent but a few, 3 invalid ARNs, one ARN on two agents, 40 unknown people.
  const instance = 'arn:aws:connect:us-east-1:123456789012:instance/0f4c3b1e-2a7d-4e55-9c1b-7d2f1e0a9b31';
  const lines = ['Id,Arn,Username,Email'];
  const expected = { READY: 0, INVALID_ARN: 0, DUPLICATE_IN_RUN: 0 };
  const readyUsers = [];
  selected.forEach((user, index) => {
    if (index % 97 === 5) return; // not in the telephony system: stays unmatched
    let arn = `${instance}/agent/${uuidOf(index)}`;
    if (index < 3) {
      arn = `${instance}/agent/NOT-A-UUID-${index}`;
      expected.INVALID_ARN++;
    } else if (index === 3 || index === 4) {
      arn = `${instance}/agent/${uuidOf(3)}`;
      expected.DUPLICATE_IN_RUN++;
    } else {
      expected.READY++;
      readyUsers.push(user);
    }
    lines.push(`${uuidOf(index)},${arn},${user.Username.split('@')[0]},${user.Email}`);
  });
  for (let i = 0; i < 40; i++)
    lines.push(
      `${uuidOf(100_000 + i)},${instance}/agent/${uuidOf(100_000 + i)},x${i},contractor${i}@partner.example.com`,
    );
  const directory = Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
  const expectedFailures = readyUsers.filter((u) => simulatedFailure(u.Id, false) !== null).length;
  const stillFailing = readyUsers.filter((u) => simulatedFailure(u.Id, true) !== null).length;

  let page;
  let exportedCsv;
  let created = 0;
  let broken = false;
  const step = (fn) => async () => {
    if (!page || broken) throw new Error('skipped: an earlier step failed');
    try {
      return await fn(page);
    } catch (error) {
      broken = true; // the walk goes on from where this step left the page: stop here
      await t.screenshot(page, 'mapping-failed-step').catch(() => {});
      throw error;
    }
  };
  const byId = (p, id) => p.locator(`[data-id="${id}"]`);
  /** Polls the locator's text until it contains `text`. */
  const waitForText = async (locator, text, timeoutMs) => {
    const started = Date.now();
    let last = '';
    while (Date.now() - started < timeoutMs) {
      last = await locator.innerText().catch(() => '');
      if (last.includes(text)) return last;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`"${text}" never appeared (the text is "${last}")`);
  };
  /** Picks `option` in the lightning-combobox labelled `label`. */
  const chooseOption = async (p, label, option) => {
    await p.getByRole('combobox', { name: label, exact: true }).click();
    await p.getByRole('option', { name: option, exact: true }).first().click();
  };

  await t.check(
    `Unmapped users: the ${CALL_CENTER} (60,000 agents) lists its unmapped agents page by page`,
    async () => {
      const opened = await t.openPage(QUERY);
      await t.navigateTo(opened, 'Unmapped users');
      await chooseOption(opened, 'Call center', CALL_CENTER);
      await byId(opened, 'users-table').locator(ROW).first().waitFor({ timeout: 30_000 });
      const count = await byId(opened, 'count').innerText();
      // All unmapped agents, or the active ones (the status filter's default).
      const unmapped = org.users.filter((u) => u.CallCenterId === center.Id && !mappedHere.has(u.Id));
      const counts = [unmapped.length, unmapped.filter((u) => u.IsActive).length].map((n) => n.toLocaleString('en-US'));
      if (!counts.some((n) => count.includes(` ${n} `))) {
        throw new Error(`the count says "${count}", expected ${counts.join(' or ')} unmapped users`);
      }
      page = opened;
      const axe = await t.assertAccessible(page);
      return `${count}; axe: ${axe}; screenshot ${await t.screenshot(page, 'mapping-unmapped-users')}`;
    },
    LONG,
  );

  await t.check(
    `search "${SEARCH}" + Active, then select all that match`,
    step(async (p) => {
      await chooseOption(p, 'Show', 'Active users');
      await byId(p, 'search').locator('input').fill(SEARCH);
      const expectedCount = selected.length.toLocaleString('en-US');
      await waitForText(byId(p, 'count'), expectedCount, 20_000);
      // Select the loaded page (header checkbox), then every user that matches.
      await byId(p, 'users-table')
        .locator('[data-row-key-value="HEADER"] input[type="checkbox"]')
        .first()
        .check({ force: true });
      await byId(p, 'select-all-matching').click();
      const selection = await byId(p, 'selection-count').innerText();
      if (!selection.includes(expectedCount))
        throw new Error(`selection says "${selection}", expected ${expectedCount}`);
      return `${selection}; screenshot ${await t.screenshot(p, 'mapping-unmapped-users-selected')}`;
    }),
    LONG,
  );

  await t.check(
    'Generate → directory export: upload, match on Email, counts of matched and unmatched rows',
    step(async (p) => {
      await byId(p, 'generate').click();
      await byId(p, 'run-wizard').waitFor();
      await p.getByText("Your telephony system's user export (CSV)", { exact: true }).click();
      await byId(p, 'directory-upload')
        .locator('input[type="file"]')
        .setInputFiles({ name: 'connect-users.csv', mimeType: 'text/csv', buffer: directory });
      await byId(p, 'file-summary').waitFor({ timeout: 20_000 });
      await chooseOption(p, 'Column with the ExternalId', 'Arn');
      await chooseOption(p, 'Column to match on', 'Email');
      await chooseOption(p, 'Salesforce field to match', 'Email');
      await byId(p, 'match-directory').click();
      await byId(p, 'match-counts').waitFor({ timeout: 60_000 });
      const counts = (await byId(p, 'match-counts').innerText()).replace(/\s+/g, ' ');
      const axe = await t.assertAccessible(p);
      return `${counts}; axe: ${axe}; screenshot ${await t.screenshot(p, 'mapping-directory-match')}`;
    }),
    LONG,
  );

  await t.check(
    'Preview: verdict counts (ready, invalid ARN, ExternalId twice in the run); nothing written yet',
    step(async (p) => {
      await byId(p, 'preview').click();
      await byId(p, 'ready-text').waitFor({ timeout: 60_000 });
      const ready = await byId(p, 'ready-text').innerText();
      if (!ready.includes(expected.READY.toLocaleString('en-US'))) {
        throw new Error(`"${ready}" does not say ${expected.READY} rows are ready`);
      }
      const summary = (await p.locator('c-verdict-summary').innerText()).replace(/\s+/g, ' ');
      for (const count of [expected.INVALID_ARN, expected.DUPLICATE_IN_RUN]) {
        if (!summary.includes(String(count))) throw new Error(`verdict counts "${summary}" lack ${count}`);
      }
      const axe = await t.assertAccessible(p);
      return `${ready} | ${summary}; axe: ${axe}; screenshot ${await t.screenshot(p, 'mapping-preview')}`;
    }),
    LONG,
  );

  await t.check(
    'Export CSV: a download with exactly the CallCenterRoutingMap columns',
    step(async (p) => {
      const [download] = await Promise.all([
        p.waitForEvent('download', { timeout: 30_000 }),
        byId(p, 'export-csv').click(),
      ]);
      const file = await download.path();
      exportedCsv = fs.readFileSync(file, 'utf8');
      const header = exportedCsv.replace(/^\uFEFF/, '').split(/\r?\n/)[0];
      if (header !== CSV_HEADER) throw new Error(`header is "${header}", expected "${CSV_HEADER}"`);
      const rows = exportedCsv.trim().split(/\r?\n/).length - 1;
      return `${download.suggestedFilename()}: ${rows} rows, header ${header}`;
    }),
  );

  await t.check(
    'Confirm: progress bar moves, then the result lists the failed rows with the platform error',
    step(async (p) => {
      await byId(p, 'confirm').click();
      await p.locator('lightning-progress-bar').first().waitFor({ timeout: 20_000 });
      await t.screenshot(p, 'mapping-run-progress');
      await byId(p, 'result').waitFor({ timeout: 100_000 });
      const result = (await byId(p, 'result').innerText()).replace(/\s+/g, ' ');
      created = expected.READY - expectedFailures;
      if (!result.includes(created.toLocaleString('en-US')))
        throw new Error(`result "${result}" does not say ${created} created`);
      if (expectedFailures > 0) {
        const failures = await byId(p, 'failures-table').innerText();
        if (!/UNABLE_TO_LOCK_ROW|FIELD_INTEGRITY_EXCEPTION/.test(failures)) {
          throw new Error('the failed rows do not show the platform error');
        }
      }
      const axe = await t.assertAccessible(p);
      return `${result}; ${expectedFailures} failed; axe: ${axe}; screenshot ${await t.screenshot(p, 'mapping-run-result')}`;
    }),
    LONG,
  );

  await t.check(
    'Run again: the mapped users are skipped (already mapped), the failed rows are retried',
    step(async (p) => {
      await byId(p, 'run-again').click();
      await byId(p, 'ready-text').waitFor({ timeout: 60_000 });
      const summary = (await p.locator('c-verdict-summary').innerText()).replace(/\s+/g, ' ');
      const ready = await byId(p, 'ready-text').innerText();
      // Every failed row is ready again; the platform refuses the permanent failures again on write.
      if (!ready.includes(expectedFailures.toLocaleString('en-US'))) {
        throw new Error(`"${ready}" does not say ${expectedFailures} ready`);
      }
      if (!summary.includes(created.toLocaleString('en-US')))
        throw new Error(`"${summary}" lacks ${created} already mapped`);
      let result = '';
      if (expectedFailures > 0) {
        await byId(p, 'confirm').click();
        await byId(p, 'result').waitFor({ timeout: 60_000 });
        result = (await byId(p, 'result').innerText()).replace(/\s+/g, ' ');
        const retried = (expectedFailures - stillFailing).toLocaleString('en-US');
        if (!result.includes(retried)) throw new Error(`result "${result}" does not say ${retried} created`);
        created += expectedFailures - stillFailing;
      }
      return `${ready} | ${summary} | ${result}; screenshot ${await t.screenshot(p, 'mapping-run-again')}`;
    }),
    LONG,
  );

  await t.check(
    "Overview: the call center's counts follow the created mappings",
    step(async (p) => {
      await t.navigateTo(p, 'Overview');
      await t.waitForApexCall(p, 'CallCenterOverviewController.getOverview', { count: 2 });
      const table = (await t.readTables(p)).find((tb) => tb.headers.includes('Call center'));
      const row = table?.rows.find((cells) => cells[table.headers.indexOf('Call center')] === CALL_CENTER);
      if (!row) throw new Error(`no Overview row for ${CALL_CENTER}`);
      const before = (await t.expectedFrom('large')).callCenters.find((cc) => cc.name === CALL_CENTER);
      const notMapped = t.parseCount(row[table.headers.indexOf('Not mapped')]);
      if (notMapped === before.unmappedAgentCount || notMapped === null) {
        throw new Error(`"Not mapped" still shows ${notMapped} (before the runs: ${before.unmappedAgentCount})`);
      }
      return `Not mapped: ${before.unmappedAgentCount} → ${notMapped} (${created} mappings created)`;
    }),
  );

  await t.check(
    'Mappings: import the exported CSV (its rows are already mapped: nothing to write)',
    step(async (p) => {
      await t.navigateTo(p, 'Mappings');
      await chooseOption(p, 'Call center', CALL_CENTER);
      await byId(p, 'mappings-table').locator(ROW).first().waitFor({ timeout: 30_000 });
      await p.getByRole('tab', { name: 'Import CSV' }).click();
      await byId(p, 'import-file')
        .locator('input[type="file"]')
        .setInputFiles({ name: 'exported.csv', mimeType: 'text/csv', buffer: Buffer.from(exportedCsv ?? '', 'utf8') });
      await byId(p, 'import-checked').waitFor({ timeout: 30_000 });
      const checked = await byId(p, 'import-checked').innerText();
      await byId(p, 'import-start-preview').click();
      await byId(p, 'import-preview').waitFor({ timeout: 60_000 });
      const imported = (await byId(p, 'import-preview').innerText()).replace(/\s+/g, ' ');
      if (!/already mapped/i.test(imported))
        throw new Error(`the import preview does not say the rows are already mapped: ${imported.slice(0, 300)}`);
      const axe = await t.assertAccessible(p);
      const shot = await t.screenshot(p, 'mapping-csv-import');
      return `${checked} | ${imported.slice(0, 200)}; axe: ${axe}; screenshot ${shot}`;
    }),
    LONG,
  );

  await t.check(
    'Mappings: search, edit an ExternalId inline, delete a mapping after confirming',
    step(async (p) => {
      await p.getByRole('tab', { name: 'Mappings', exact: true }).click();
      const user = readyUsers.find((u) => simulatedFailure(u.Id, true) === null);
      await byId(p, 'search').locator('input').fill(user.Username);
      const table = byId(p, 'mappings-table');
      await waitForText(byId(p, 'row-count'), '1', 20_000);
      await table.locator(ROW).first().waitFor();
      const newArn = `${instance}/agent/${uuidOf(999_999)}`;
      await table
        .getByRole('button', { name: /^Edit ExternalId/ })
        .first()
        .click();
      await p.keyboard.press('ControlOrMeta+A');
      await p.keyboard.type(newArn);
      await p.keyboard.press('Enter');
      await p.getByRole('button', { name: 'Save', exact: true }).click();
      await waitForText(table, newArn.slice(-12), 20_000);
      const saved = await byId(p, 'save-outcome').innerText();
      const axe = await t.assertAccessible(p);
      const shot = await t.screenshot(p, 'mapping-manage');
      await table
        .getByRole('button', { name: /Show actions/ })
        .first()
        .click();
      await p.getByRole('menuitem', { name: 'Delete' }).click();
      await p.getByRole('button', { name: /^(OK|Delete)$/ }).click();
      await byId(p, 'empty-mappings').waitFor({ timeout: 20_000 });
      return `edited ${user.Username}: "${saved.trim()}", then deleted; axe (after the edit): ${axe}; screenshot ${shot}`;
    }),
    LONG,
  );

  await ruleWalk(t, org, simulatedFailure);
}
