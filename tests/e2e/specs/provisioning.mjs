// Browser checks of the Provisioning section (activity screen; harness: tests/e2e/run-e2e.mjs).
// Expected counts come from the sample requests module (preview/backend/provisioning/sampleRequests.ts, compiled to
// preview/.build/backend), not from the backend service that filters and pages them.
export const name = 'provisioning';

/** The harness's fixed clock (Date.now() in the browser). */
const FIXED_NOW = new Date('2026-01-15T09:30:00Z');
const STATUSES = ['Pending', 'Sending', 'Delivered', 'Dead_Letter', 'Superseded', 'Resolved'];
const TILE_LABELS = {
  Pending: 'Pending',
  Sending: 'Sending',
  Delivered: 'Delivered',
  Dead_Letter: 'Dead letter',
  Superseded: 'Superseded',
  Resolved: 'Resolved',
};

export async function checks(t) {
  const { org } = await t.expectedFrom('default');
  const { generateProvisioningSample } = await t.backendModule('provisioning/sampleRequests.js');
  const sample = generateProvisioningSample(org, FIXED_NOW);
  const expectedCounts = Object.fromEntries(
    STATUSES.map((status) => [status, sample.requests.filter((request) => request.row.status === status).length]),
  );
  const userEmails = new Set(org.users.map((user) => user.Email));

  /** Count per status, read from the status buttons ("Dead letter: 21"). */
  const readTiles = async (page) => {
    const texts = await page.locator('[data-id="status-tile"]').allTextContents();
    return Object.fromEntries(
      texts.map((text) => {
        const [label, count] = text.trim().split(/:\s*/);
        return [label, t.parseCount(count)];
      }),
    );
  };

  /** The request table: header labels and the rendered rows (viewport rendering: the rows in view). */
  const readRequestTable = async (page) => {
    const tables = await t.readTables(page);
    const table = tables.find((tb) => tb.headers.includes('State') && tb.headers.includes('Provider'));
    if (!table) throw new Error(`No request table (tables: ${JSON.stringify(tables.map((tb) => tb.headers))})`);
    const column = (header) => {
      const index = table.headers.indexOf(header);
      if (index < 0) throw new Error(`No "${header}" column (columns: ${table.headers.join(' | ')})`);
      return index;
    };
    return { table, column, cells: (header) => table.rows.map((row) => row[column(header)] ?? '') };
  };

  /** Waits until the list has been (re)loaded: no Apex call pending and the Refresh button enabled again. */
  const waitForList = async (page, calls) => {
    await t.waitForApexCall(page, 'ProvisioningActivityController.getRequests', { count: calls });
    await page.locator('[data-id="refresh"] button:not([disabled])').waitFor();
  };
  const listCalls = (page) =>
    page.evaluate(
      () =>
        (globalThis.__ccusPreview?.apexCalls ?? []).filter(
          (call) => call.method === 'ProvisioningActivityController.getRequests',
        ).length,
    );

  /** lightning/confirm (an alertdialog in lightning-overlay-container): checks its title, answers OK. */
  const confirm = async (page, title) => {
    const overlay = page.locator('lightning-overlay-container');
    const ok = overlay.getByRole('button', { name: 'OK' });
    await ok.waitFor({ timeout: t.TIMEOUTS.action });
    const text = ((await overlay.first().textContent()) ?? '').replace(/\s+/g, ' ');
    if (title && !text.includes(title)) throw new Error(`The confirmation says "${text.trim()}", not "${title}"`);
    await ok.click();
    await ok.waitFor({ state: 'detached' });
  };

  const factValue = (page, key) => page.locator(`[data-fact="${key}"] dd`).textContent();

  const waitForFact = async (page, key, expected, timeout = 20_000) => {
    await page
      .waitForFunction(
        ([factKey, wanted]) => {
          const deepAll = (selector, root = document, out = []) => {
            for (const element of root.querySelectorAll(selector)) out.push(element);
            for (const element of root.querySelectorAll('*'))
              if (element.shadowRoot) deepAll(selector, element.shadowRoot, out);
            return out;
          };
          return deepAll(`[data-fact="${factKey}"] dd`).some((dd) => dd.textContent.trim() === wanted);
        },
        [key, expected],
        { timeout },
      )
      .catch(async () => {
        throw new Error(`the detail's ${key} is "${(await factValue(page, key))?.trim()}", not "${expected}"`);
      });
  };

  let page;
  const opened = await t.check(
    'the Provisioning section lists requests in every state with counts per status',
    async () => {
      page = await t.openPage('?latency=50');
      await t.waitForApexCall(page, 'CallCenterOverviewController.getOverview');
      t.assertNoProblems(page);
      await t.navigateTo(page, 'Provisioning');
      // One list query and one count query per status.
      await waitForList(page, 1 + STATUSES.length);
      const tiles = await readTiles(page);
      const wrong = STATUSES.filter((status) => tiles[TILE_LABELS[status]] !== expectedCounts[status]).map(
        (status) => `${TILE_LABELS[status]}: shown ${tiles[TILE_LABELS[status]]}, expected ${expectedCounts[status]}`,
      );
      if (wrong.length) throw new Error(`Counts per status differ from the sample:\n  ${wrong.join('\n  ')}`);
      const empty = STATUSES.filter((status) => !expectedCounts[status]);
      if (empty.length) throw new Error(`The sample has no request in state ${empty.join(', ')}`);

      const { cells } = await readRequestTable(page);
      const states = new Set(cells('State'));
      const missing = ['Queued', 'Retrying', 'Sending', 'Delivered', 'Dead letter'].filter((s) => !states.has(s));
      if (missing.length)
        throw new Error(`The first rows show no ${missing.join(', ')} request (states: ${[...states]})`);
      const http = new Set(cells('HTTP'));
      const missingHttp = ['200', '401', '409', '429', '500', 'Timeout'].filter((code) => !http.has(code));
      if (missingHttp.length) throw new Error(`No ${missingHttp.join(', ')} answer in the first rows`);
      const providers = new Set(cells('Provider'));
      if (providers.size < 2) throw new Error(`Only one provider in the first rows: ${[...providers]}`);
      const countText = await page.locator('[data-id="count-text"]').textContent();
      if (!countText.includes(`of ${sample.requests.length} requests`))
        throw new Error(`"${countText}" does not say ${sample.requests.length} requests`);
      return `${sample.requests.length} requests; ${STATUSES.map((s) => `${TILE_LABELS[s]} ${tiles[TILE_LABELS[s]]}`).join(', ')}`;
    },
  );
  if (!opened) return;

  await t.check('filter by status (the Dead letter count) shows only dead letters', async () => {
    const before = await listCalls(page);
    await page.locator('[data-id="status-tile"][data-status="Dead_Letter"]').click();
    await waitForList(page, before + 1 + STATUSES.length);
    const { cells } = await readRequestTable(page);
    const states = [...new Set(cells('State'))];
    if (states.length !== 1 || states[0] !== 'Dead letter') throw new Error(`States shown: ${states.join(', ')}`);
    const countText = await page.locator('[data-id="count-text"]').textContent();
    if (!countText.includes(`of ${expectedCounts.Dead_Letter} requests`))
      throw new Error(`"${countText}" does not say ${expectedCounts.Dead_Letter} requests`);
    const pressed = await page
      .locator('[data-id="status-tile"][data-status="Dead_Letter"]')
      .getAttribute('aria-pressed');
    if (pressed !== 'true') throw new Error('The Dead letter count is not marked as pressed');
    return `${cells('State').length} dead letters rendered; ${countText.trim()}`;
  });

  let deadLetterName = '';
  await t.check('a dead letter opens with its payload redacted, its answer and its attempts', async () => {
    const first = page.locator('[data-id="request-table"] tbody tr').first().getByRole('button');
    deadLetterName = ((await first.textContent()) ?? '').trim();
    await first.click();
    const payload = page.locator('[data-id="detail-payload"]');
    await payload.waitFor();
    const text = (await payload.textContent()) ?? '';
    for (const key of ['username', 'crmUser', 'email', 'phoneNumbers']) {
      if (!text.includes(`"${key}": "[REDACTED]"`)) throw new Error(`"${key}" is not shown as [REDACTED]:\n${text}`);
    }
    const leaked = [...userEmails].find((email) => text.includes(email));
    if (leaked) throw new Error(`The payload shows the email address ${leaked}`);
    JSON.parse(text);
    const response = (await page.locator('[data-id="detail-response"]').textContent()) ?? '';
    if (!response.includes('"authorization": "[REDACTED]"'))
      throw new Error(`The answer does not hide its credential:\n${response}`);
    const http = (await factValue(page, 'http'))?.trim();
    const reason = (await factValue(page, 'deadLetterReason'))?.trim();
    const attempts = (await factValue(page, 'attempts'))?.trim();
    if (http !== '401') throw new Error(`Last HTTP status ${http}, expected 401`);
    if (!reason?.includes('Authentication failed')) throw new Error(`Dead-letter reason: ${reason}`);
    return `${deadLetterName}: HTTP ${http}, ${attempts} attempt(s), reason "${reason}"`;
  });

  await t.check('axe on the activity screen with a detail open, and screenshot', async () => {
    const detail = await t.assertAccessible(page);
    return `axe: ${detail}; screenshot ${await t.screenshot(page, 'provisioning')}`;
  });

  await t.check('retry a failed request: confirmed, then queued, then delivered', async () => {
    await page.locator('[data-id="detail-retry"] button').click();
    await confirm(page, 'Retry requests');
    const outcome = page.locator('[data-id="outcomes"]');
    await outcome.waitFor();
    const text = ((await outcome.textContent()) ?? '').replace(/\s+/g, ' ');
    if (!text.includes(`${deadLetterName}: Sent again`)) throw new Error(`Outcome: ${text}`);
    await waitForFact(page, 'state', 'Delivered');
    const http = (await factValue(page, 'http'))?.trim();
    if (http !== '200' && http !== '201') throw new Error(`Delivered with HTTP ${http}`);
    return `${deadLetterName}: sent again; delivered with HTTP ${http}`;
  });

  await t.check('replay a request: a new request is created and delivered', async () => {
    await page.locator('[data-id="detail-replay"] button').click();
    await confirm(page, 'Replay requests');
    const outcome = page.locator('[data-id="outcomes"]');
    await page.locator('[data-id="outcome-summary"]', { hasText: 'Replay: 1 of 1 done.' }).waitFor();
    const text = ((await outcome.textContent()) ?? '').replace(/\s+/g, ' ');
    if (!text.includes('Replayed as a new request')) throw new Error(`Outcome: ${text}`);
    // Back to every status: the replay is the newest request.
    const before = await listCalls(page);
    await page.locator('[data-id="status-tile"][data-status="Dead_Letter"]').click();
    await waitForList(page, before + 1 + STATUSES.length);
    const newest = page.locator('[data-id="request-table"] tbody tr').first();
    const deadline = Date.now() + 20_000;
    let first = [];
    while (Date.now() < deadline) {
      const { table, column } = await readRequestTable(page);
      first = table.rows[0] ?? [];
      if (first[column('State')] === 'Delivered') break;
      await page.waitForTimeout(250);
    }
    const { column } = await readRequestTable(page);
    if (first[column('State')] !== 'Delivered')
      throw new Error(`The newest request is not delivered: ${first.join(' | ')}`);
    const newestName = ((await newest.getByRole('button').textContent()) ?? '').trim();
    if (newestName <= deadLetterName) throw new Error(`The newest request is ${newestName}, not a new one`);
    return `${deadLetterName} replayed as ${newestName}, delivered`;
  });

  await t.check('resolve dead letters, one from its detail and two selected at once', async () => {
    const before = await listCalls(page);
    await page.locator('[data-id="status-tile"][data-status="Dead_Letter"]').click();
    await waitForList(page, before + 1 + STATUSES.length);
    const rows = page.locator('[data-id="request-table"] tbody tr');
    const name = ((await rows.first().getByRole('button').textContent()) ?? '').trim();
    await rows.first().getByRole('button').click();
    await waitForFact(page, 'state', 'Dead letter');
    const beforeResolve = await listCalls(page);
    await page.locator('[data-id="detail-resolve"] button').click();
    await confirm(page, 'Resolve dead letters');
    await waitForFact(page, 'state', 'Resolved');
    // The resolve reloads the list: select once it is back.
    await waitForList(page, beforeResolve + 1 + STATUSES.length);

    const shown = await rows.count();
    if (shown < 3) throw new Error(`Only ${shown} dead letters left to select`);
    const names = [];
    for (const index of [1, 2]) {
      const row = rows.nth(index);
      names.push(((await row.getByRole('button').textContent()) ?? '').trim());
      // A DOM click on the row's checkbox (the datatable re-renders rows while Playwright waits for stability).
      await row.locator('input[type="checkbox"]').evaluate((input) => input.click());
    }
    await page.locator('[data-id="selection-text"]', { hasText: '2 selected' }).waitFor();
    await page.locator('[data-id="bulk-resolve"] button').click();
    await confirm(page, 'Resolve dead letters');
    await page.locator('[data-id="outcome-summary"]', { hasText: 'Resolve: 2 of 2 done.' }).waitFor();
    const outcomes = ((await page.locator('[data-id="outcomes"]').textContent()) ?? '').replace(/\s+/g, ' ');
    const notResolved = names.filter((n) => !outcomes.includes(`${n}: Resolved`));
    if (notResolved.length) throw new Error(`No "Resolved" outcome for ${notResolved.join(', ')}: ${outcomes}`);
    const tiles = await readTiles(page);
    if (tiles['Dead letter'] !== expectedCounts.Dead_Letter - 4)
      throw new Error(`Dead letters: ${tiles['Dead letter']}, expected ${expectedCounts.Dead_Letter - 4}`);
    return `resolved ${name}, ${names.join(', ')}; dead letters now ${tiles['Dead letter']}`;
  });

  await t.check('resync a call center: confirmed, progress bars move to 100%', async () => {
    const center = org.callCenters.find((cc) => org.users.some((u) => u.CallCenterId === cc.Id && u.IsActive));
    await page.locator('[data-id="resync-call-center"] button').first().click();
    await page.locator('[data-id="resync-call-center"]').getByRole('option', { name: center.Name }).click();
    await page.locator('[data-id="resync-start"] button').click();
    await confirm(page, 'Resync call center');
    const queued = page.locator('[data-id="resync-queued"] [role="progressbar"]');
    await queued.waitFor();
    const seen = new Set();
    const deadline = Date.now() + 30_000;
    let status = '';
    while (Date.now() < deadline) {
      seen.add(await queued.getAttribute('aria-valuenow'));
      status = ((await page.locator('[data-id="resync-status"]').textContent()) ?? '').trim();
      if (status.startsWith('Resync finished')) break;
      await page.waitForTimeout(250);
    }
    if (!status.startsWith('Resync finished')) throw new Error(`The resync did not finish: "${status}"`);
    const delivered = await page
      .locator('[data-id="resync-delivered"] [role="progressbar"]')
      .getAttribute('aria-valuenow');
    if (delivered !== '100') throw new Error(`Requests finished: ${delivered}%`);
    if (![...seen].some((value) => Number(value) < 100)) throw new Error('No intermediate progress was shown');
    const detail = await t.assertAccessible(page);
    return `${center.Name}: queued ${[...seen].join('→')}%; "${status}"; axe: ${detail}; screenshot ${await t.screenshot(
      page,
      'provisioning-resync',
    )}`;
  });

  await t.check('an org without call center agents explains how to switch provisioning on', async () => {
    const empty = await t.openPage('?org=empty&latency=0');
    await t.waitForApexCall(empty, 'CallCenterOverviewController.getOverview');
    await t.navigateTo(empty, 'Provisioning');
    const state = empty.locator('[data-id="empty-state"]');
    await state.waitFor();
    const text = (await state.textContent()) ?? '';
    if (!text.includes('Provisioning Enabled') || !text.includes('Providers screen'))
      throw new Error(`The empty state does not say what to switch on: ${text}`);
    const detail = await t.assertAccessible(empty);
    await empty.close();
    return `axe: ${detail}`;
  });
}
