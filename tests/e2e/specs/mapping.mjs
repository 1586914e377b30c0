// Browser walk through the mapping workflow in the preview (harness: tests/e2e/run-e2e.mjs), on the `large` sample
// org: its 60,000-agent call center has thousands of unmapped agents. Unmapped users → search/filter → select all
// that match → ExternalIds from the telephony directory export (a CSV generated here from the same sample org, with
// agent ARNs, a few invalid ARNs, one ARN on two users and unknown people) → preview verdict counts → Export CSV
// (exact CallCenterRoutingMap header) → confirm → progress → result with the failed rows and their reasons →
// run again (mapped users are skipped, nothing is duplicated) → the Overview counts follow → Mappings: import the
// exported CSV, search, edit and delete. Expected numbers come from the sample org and the backend's own
// simulatedFailure rule, computed in Node.
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
}
