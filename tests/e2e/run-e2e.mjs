// Browser end-to-end tests of the local preview (preview/dist, built by `npm start -- --build-only`):
// Debian's Chromium driven by playwright-core, against the generated sample orgs. Expected numbers are
// computed here from the same sample org module the preview uses (preview/.build/backend/sampleOrg.js),
// independently of the preview backend's own service code.
//
//   node tests/e2e/run-e2e.mjs [--build] [--screenshots=<dir>] [--json=<file>]
//   import { run } from './tests/e2e/run-e2e.mjs'; await run({ screenshotsDir })
//
// Each check is one named result: { name, ok, ms, error?, detail? }.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../../scripts/preview/static-server.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DEFAULT_DIST = path.join(ROOT, 'preview', 'dist');
const BACKEND = path.join(ROOT, 'preview', '.build', 'backend');
const AXE = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const TIMEOUTS = { launch: 30_000, navigation: 20_000, action: 10_000, check: 60_000 };
const BANNER_TEXT = 'Local preview with generated sample data — no Salesforce org is connected.';

/** The setup app's navigation, in order (issue "Foundation"). */
const SECTIONS = [
  { label: 'Overview', screen: 'overview', built: true },
  { label: 'Unmapped users', screen: 'unmapped-users', built: false },
  { label: 'Mappings', screen: 'mappings', built: false },
  { label: 'Provisioning', screen: 'provisioning', built: false },
  { label: 'Providers', screen: 'providers', built: false },
];

/** Overview table columns (header text) and the contract field each one shows. */
const COUNT_COLUMNS = [
  ['Agents', 'agentCount'],
  ['Active', 'activeAgentCount'],
  ['Inactive', 'inactiveAgentCount'],
  ['Mapped', 'mappedAgentCount'],
  ['Not mapped', 'unmappedAgentCount'],
  ['Active, not mapped', 'unmappedActiveAgentCount'],
];
const AGENT_COLUMNS = COUNT_COLUMNS.slice(0, 3);

// ---------------------------------------------------------------- expected values

/**
 * The Overview of a sample org, computed from its rows with the Apex service's definitions
 * (CallCenterOverviewService + CallCenterRoutingMapRepository): agents are users with the call center
 * in User.CallCenterId; "mapped" = has a CallCenterRoutingMap pointing at the user for any call center
 * (the Apex semi-join is not correlated); queue (00G) mappings never count.
 */
async function expectedOverview(preset) {
  const { generateSampleOrg } = await import(pathToFileURL(path.join(BACKEND, 'sampleOrg.js')).href);
  const org = generateSampleOrg(preset);
  const readable = org.mappingAvailability === 'AVAILABLE';
  const ccIds = new Set(org.callCenters.map((cc) => cc.Id));
  const userMaps = readable
    ? org.callCenterRoutingMaps.filter((m) => m.ReferenceRecordId.startsWith('005') && ccIds.has(m.CallCenterId))
    : [];
  const mappedUsers = new Set(userMaps.map((m) => m.ReferenceRecordId));
  const callCenters = org.callCenters.map((cc) => {
    const agents = org.users.filter((u) => u.CallCenterId === cc.Id);
    const active = agents.filter((u) => u.IsActive);
    const mapped = agents.filter((u) => mappedUsers.has(u.Id));
    const mappedActive = mapped.filter((u) => u.IsActive);
    return {
      name: cc.Name,
      agentCount: agents.length,
      activeAgentCount: active.length,
      inactiveAgentCount: agents.length - active.length,
      mappedAgentCount: readable ? mapped.length : null,
      unmappedAgentCount: readable ? agents.length - mapped.length : null,
      unmappedActiveAgentCount: readable ? active.length - mappedActive.length : null,
      userMappingCount: readable ? userMaps.filter((m) => m.CallCenterId === cc.Id).length : null,
    };
  });
  return { org, callCenters };
}

// ---------------------------------------------------------------- page helpers

/** Opens the preview with a query string and records every console error, page error and failed request. */
async function openPage(context, baseUrl, query = '') {
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUTS.action);
  page.setDefaultNavigationTimeout(TIMEOUTS.navigation);
  const problems = [];
  const warnings = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text().slice(0, 300)}`);
    if (message.type() === 'warning') warnings.push(message.text().slice(0, 200));
  });
  page.on('pageerror', (error) => problems.push(`page error: ${String(error?.stack ?? error).slice(0, 400)}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => {
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText ?? 'unknown'})`);
  });
  const started = Date.now();
  await page.goto(`${baseUrl}/${query}`, { waitUntil: 'load' });
  return { page, problems, warnings, started };
}

const firstLine = (text) =>
  String(text)
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split('\n')[0];

function assertNoProblems(problems) {
  if (problems.length)
    throw new Error(`${problems.length} problem(s) on the page:\n  ${problems.slice(0, 8).join('\n  ')}`);
}

/**
 * Waits until the Overview has finished loading (its Apex call returned and the spinner is gone); on
 * timeout, the page's errors say why.
 */
async function waitForOverview(page, problems = []) {
  try {
    await overviewLoaded(page);
  } catch (error) {
    const why = problems.length ? `\n  ${problems.slice(0, 5).join('\n  ')}` : '';
    throw new Error(`the Overview did not finish loading (${firstLine(error.message)})${why}`);
  }
}

async function overviewLoaded(page) {
  await page.waitForFunction(
    () => {
      const calls = globalThis.__ccusPreview?.apexCalls ?? [];
      return calls.some((call) => call.method === 'CallCenterOverviewController.getOverview' && call.ms > 0);
    },
    null,
    { timeout: TIMEOUTS.navigation },
  );
  await page.locator('lightning-spinner').first().waitFor({ state: 'detached', timeout: TIMEOUTS.action });
}

/** Every table in the page (through shadow roots): header labels and cell texts. */
function readTables(page) {
  return page.evaluate(() => {
    const deepAll = (selector, root = document, out = []) => {
      for (const element of root.querySelectorAll(selector)) out.push(element);
      for (const element of root.querySelectorAll('*'))
        if (element.shadowRoot) deepAll(selector, element.shadowRoot, out);
      return out;
    };
    const text = (element) => (element.innerText ?? element.textContent ?? '').replace(/\s+/g, ' ').trim();
    return deepAll('table').map((table) => ({
      headers: [...table.querySelectorAll('thead th')].map((th) => th.getAttribute('aria-label') || text(th)),
      rows: [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('th, td')].map(text)),
    }));
  });
}

/** `<dt>` label → `<dd>` text, through shadow roots. */
function readDefinitionLists(page) {
  return page.evaluate(() => {
    const deepAll = (selector, root = document, out = []) => {
      for (const element of root.querySelectorAll(selector)) out.push(element);
      for (const element of root.querySelectorAll('*'))
        if (element.shadowRoot) deepAll(selector, element.shadowRoot, out);
      return out;
    };
    const pairs = {};
    for (const dt of deepAll('dt')) {
      let dd = dt.nextElementSibling;
      while (dd && dd.tagName !== 'DD') dd = dd.nextElementSibling;
      if (dd) pairs[dt.textContent.trim()] = dd.textContent.trim();
    }
    return pairs;
  });
}

/** "33,787" → 33787; anything that is not a plain (grouped) integer → null. */
function parseCount(text) {
  const digits = String(text ?? '').replace(/[\s,.\u00a0\u202f']/g, '');
  return /^\d+$/.test(digits) ? Number(digits) : null;
}

/** Checks the Overview table against the expected call centers; returns a short summary. */
async function assertOverviewTable(page, expected, columns) {
  const tables = await readTables(page);
  const table = tables.find((t) => t.headers.includes('Call center'));
  if (!table)
    throw new Error(`No table with a "Call center" column (tables: ${JSON.stringify(tables.map((t) => t.headers))})`);
  const index = (header) => {
    const i = table.headers.indexOf(header);
    if (i < 0) throw new Error(`The Overview table has no "${header}" column (columns: ${table.headers.join(' | ')})`);
    return i;
  };
  const nameColumn = index('Call center');
  if (table.rows.length !== expected.length) {
    throw new Error(`Expected ${expected.length} call center rows, found ${table.rows.length}`);
  }
  const mismatches = [];
  for (const cc of expected) {
    const row = table.rows.find((cells) => cells[nameColumn] === cc.name);
    if (!row) {
      mismatches.push(`no row for "${cc.name}"`);
      continue;
    }
    for (const [header, field] of columns) {
      const shown = parseCount(row[index(header)]);
      if (shown !== cc[field])
        mismatches.push(`${cc.name} / ${header}: shown "${row[index(header)]}", expected ${cc[field]}`);
    }
  }
  if (mismatches.length) throw new Error(`Overview numbers differ from the sample org:\n  ${mismatches.join('\n  ')}`);
  return table;
}

/** Runs axe-core on the page; fails on serious or critical violations, reports the others. */
async function assertAccessible(page) {
  if (!(await page.evaluate(() => typeof globalThis.axe === 'object'))) await page.addScriptTag({ path: AXE });
  const { violations } = await page.evaluate(() =>
    globalThis.axe.run(document, {
      resultTypes: ['violations'],
      runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
    }),
  );
  const describe = (v) =>
    `${v.id} (${v.impact}): ${v.help} — ${v.nodes
      .slice(0, 4)
      .map((node) => node.target.join(' > '))
      .join(', ')}${v.nodes.length > 4 ? `, +${v.nodes.length - 4} more` : ''}`;
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (blocking.length)
    throw new Error(`${blocking.length} serious/critical axe violation(s):\n  ${blocking.map(describe).join('\n  ')}`);
  const minor = violations.map(describe);
  return minor.length ? `non-blocking: ${minor.join('; ')}` : 'no violations';
}

async function screenshot(page, dir, screen) {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${screen}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' });
  return path.relative(ROOT, file);
}

/** The section link in the app's navigation. */
const navItem = (page, label) => page.getByRole('navigation').getByRole('link', { name: label, exact: true });

/** Checks that the section is shown: current in the navigation, and its content (or placeholder). */
async function assertSectionShown(page, section, expectedOverview, problems = []) {
  const link = navItem(page, section.label);
  await page
    .waitForFunction(
      (label) => {
        const deepAll = (selector, root = document, out = []) => {
          for (const element of root.querySelectorAll(selector)) out.push(element);
          for (const element of root.querySelectorAll('*'))
            if (element.shadowRoot) deepAll(selector, element.shadowRoot, out);
          return out;
        };
        return deepAll('a[aria-current="page"]').some((a) => a.textContent.trim() === label);
      },
      section.label,
      { timeout: TIMEOUTS.action },
    )
    .catch(() => {
      throw new Error(`"${section.label}" is not marked as the current page (aria-current="page") in the navigation`);
    });
  await link.waitFor({ state: 'visible' });
  if (section.built) {
    await waitForOverview(page, problems);
    await assertOverviewTable(page, expectedOverview, AGENT_COLUMNS);
    return;
  }
  await page
    .getByRole('heading', { name: section.label, exact: true })
    .waitFor({ state: 'visible' })
    .catch(() => {
      throw new Error(`no visible "${section.label}" heading after navigating to it`);
    });
  await page
    .getByText('This section is not built yet', { exact: false })
    .first()
    .waitFor({ state: 'visible' })
    .catch(() => {
      throw new Error(`the "${section.label}" section does not say that it is not built yet`);
    });
  if (await page.getByRole('columnheader', { name: 'Call center' }).count()) {
    throw new Error(`the Overview table is still shown on "${section.label}"`);
  }
}

/** The focused element through shadow roots: its text and ARIA state. */
function focused(page) {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    return element ? { tag: element.tagName.toLowerCase(), text: (element.textContent ?? '').trim() } : null;
  });
}

/** Moves the focus with Tab (then Shift+Tab) until it is on the navigation link `label`. */
async function focusWithKeyboard(page, label) {
  for (const key of ['Tab', 'Shift+Tab']) {
    for (let i = 0; i < 40; i++) {
      const current = await focused(page);
      if (current?.tag === 'a' && current.text === label) return i;
      await page.keyboard.press(key);
    }
  }
  throw new Error(`could not reach the "${label}" link with Tab / Shift+Tab`);
}

// ---------------------------------------------------------------- the run

/**
 * Runs every check against preview/dist (or `distDir`).
 * @returns {Promise<{ passed: number, failed: number, results: Array<{ name: string, ok: boolean, ms: number, error?: string, detail?: string }> }>}
 */
export async function run({ screenshotsDir = 'docs/screenshots', distDir = DEFAULT_DIST, log = () => {} } = {}) {
  const shots = path.resolve(ROOT, screenshotsDir);
  const results = [];
  const check = async (name, fn) => {
    const started = Date.now();
    let timer;
    try {
      const detail = await Promise.race([
        fn(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`timed out after ${TIMEOUTS.check / 1000} s`)), TIMEOUTS.check);
        }),
      ]);
      results.push({ name, ok: true, ms: Date.now() - started, ...(detail ? { detail: String(detail) } : {}) });
    } catch (error) {
      const message = String(error?.message ?? error).replace(/\x1b\[[0-9;]*m/g, '');
      results.push({ name, ok: false, ms: Date.now() - started, error: message.split('\n').slice(0, 12).join('\n') });
    } finally {
      clearTimeout(timer);
    }
    const last = results[results.length - 1];
    log(
      `${last.ok ? 'ok  ' : 'FAIL'} ${name} (${last.ms} ms)${last.ok ? '' : `\n     ${last.error.replace(/\n/g, '\n     ')}`}`,
    );
  };

  const missing = [
    path.join(distDir, 'index.html'),
    path.join(distDir, 'app.js'),
    path.join(BACKEND, 'sampleOrg.js'),
  ].filter((file) => !fs.existsSync(file));
  if (missing.length) {
    results.push({
      name: 'preview build exists',
      ok: false,
      ms: 0,
      error: `missing ${missing.map((f) => path.relative(ROOT, f)).join(', ')}: run \`node scripts/preview/start.mjs --build-only\` first`,
    });
    return summarize(results);
  }

  let server;
  let browser;
  try {
    server = await startStaticServer({ root: distDir });
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: TIMEOUTS.launch,
    });
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'en-US',
      timezoneId: 'UTC',
    });
    // A fixed clock keeps "Counted <date>" and the screenshots the same from run to run (timers still run).
    await context.clock.setFixedTime(new Date('2026-01-15T09:30:00Z'));
    const base = server.url;
    const standard = await expectedOverview('default');
    const withOpen = async (query, fn) => {
      const opened = await openPage(context, base, query);
      try {
        return await fn(opened);
      } finally {
        await opened.page.close();
      }
    };

    // One page of the standard sample org for the checks that only look at it or click through it.
    let standardPage;
    const onStandardPage = (fn) => async () => {
      if (!standardPage) throw new Error('the standard sample org page did not load (see the first check)');
      return fn(standardPage);
    };

    await check('app loads with no console errors, page errors or failed requests', async () => {
      standardPage = await openPage(context, base, '');
      const { page, problems, warnings, started } = standardPage;
      await waitForOverview(page, problems);
      const loadMs = Date.now() - started;
      await page.waitForTimeout(300); // let late errors and requests (icons, fonts) arrive
      assertNoProblems(problems);
      const info = await page.evaluate(() => globalThis.__ccusPreview);
      const warned = warnings.length
        ? `; ${warnings.length} console warning(s): ${warnings.slice(0, 3).join(' | ')}`
        : '';
      return `Overview ready ${loadMs} ms after navigation; sample org (${info.users} users, ${info.callCenterRoutingMaps} mappings) generated in ${Math.round(info.generationMs)} ms in the browser${warned}`;
    });

    await check(
      'preview banner is visible, outside the app and exposed as a note',
      onStandardPage(async ({ page }) => {
        const banner = page.getByRole('note').filter({ hasText: BANNER_TEXT });
        await banner.waitFor({ state: 'visible' });
        if (await banner.evaluate((element) => element.closest('c-setup-app') !== null)) {
          throw new Error('the banner is inside the LWC tree');
        }
      }),
    );

    await check(
      'Overview shows every sample call center with its agent and mapping counts',
      onStandardPage(async ({ page, problems }) => {
        await assertOverviewTable(page, standard.callCenters, COUNT_COLUMNS);
        const totals = await readDefinitionLists(page);
        const sum = (field) => standard.callCenters.reduce((total, cc) => total + cc[field], 0);
        const expectedTotals = {
          'Call centers': standard.callCenters.length,
          Agents: sum('agentCount'),
          'Active agents': sum('activeAgentCount'),
          'Mapped agents': sum('mappedAgentCount'),
          'Active agents not mapped': sum('unmappedActiveAgentCount'),
        };
        const wrong = Object.entries(expectedTotals).filter(([label, value]) => parseCount(totals[label]) !== value);
        if (wrong.length) {
          throw new Error(
            `totals differ: ${wrong.map(([label, value]) => `${label}: shown "${totals[label]}", expected ${value}`).join('; ')}`,
          );
        }
        assertNoProblems(problems);
        return `${standard.callCenters.length} call centers, ${expectedTotals.Agents} agents, ${expectedTotals['Active agents not mapped']} active agents not mapped`;
      }),
    );

    await check(
      'icons used by the app exist in SLDS',
      onStandardPage(async ({ page }) => {
        const { used, blank } = await page.evaluate(() => {
          const deepAll = (selector, root = document, out = []) => {
            for (const element of root.querySelectorAll(selector)) out.push(element);
            for (const element of root.querySelectorAll('*'))
              if (element.shadowRoot) deepAll(selector, element.shadowRoot, out);
            return out;
          };
          // lightning-primitive-icon renders <use href=""> when its icon is not in the SLDS icon library.
          const icons = deepAll('lightning-primitive-icon');
          const isBlank = (icon) => {
            const use = (icon.shadowRoot ?? icon).querySelector('use');
            return Boolean(use) && !use.getAttribute('href') && !use.getAttribute('xlink:href');
          };
          const nameOf = (icon) => icon.iconName ?? icon.getRootNode().host?.getAttribute('icon-name') ?? '(unnamed)';
          return {
            used: [...new Set(icons.map(nameOf))],
            blank: [...new Set(icons.filter(isBlank).map(nameOf))],
          };
        });
        if (blank.length) {
          const version = JSON.parse(
            fs.readFileSync(path.join(ROOT, 'node_modules/@salesforce-ux/design-system/package.json'), 'utf8'),
          ).version;
          throw new Error(`icon(s) render blank, they are not in SLDS ${version}: ${blank.join(', ')}`);
        }
        return `icons: ${used.join(', ')}`;
      }),
    );

    await check(
      'axe: overview has no serious or critical violations',
      onStandardPage(async ({ page }) => {
        const detail = await assertAccessible(page);
        return `${detail}; screenshot ${await screenshot(page, shots, 'overview')}`;
      }),
    );

    for (const section of SECTIONS.filter((s) => !s.built)) {
      await check(
        `click navigation: "${section.label}" shows its section and says it is not built yet`,
        onStandardPage(async ({ page, problems }) => {
          await navItem(page, section.label).click();
          await assertSectionShown(page, section, standard.callCenters, problems);
          assertNoProblems(problems);
          const detail = await assertAccessible(page);
          return `axe: ${detail}; screenshot ${await screenshot(page, shots, section.screen)}`;
        }),
      );
    }
    await standardPage?.page.close();

    await check('keyboard navigation (Tab, Enter) reaches every section and back to the Overview', () =>
      withOpen('', async ({ page, problems }) => {
        await waitForOverview(page, problems);
        const presses = [];
        for (const section of [...SECTIONS.slice(1), SECTIONS[0]]) {
          presses.push(await focusWithKeyboard(page, section.label));
          await page.keyboard.press('Enter');
          await assertSectionShown(page, section, standard.callCenters, problems).catch((error) => {
            throw new Error(`after Enter on "${section.label}": ${error.message}`);
          });
        }
        assertNoProblems(problems);
        return `Tab presses between sections: ${presses.join(', ')}`;
      }),
    );

    await check('empty org (?org=empty): the Overview says there are no call centers', () =>
      withOpen('?org=empty', async ({ page, problems }) => {
        await waitForOverview(page, problems);
        await page.getByText('No call centers yet').waitFor({ state: 'visible' });
        const tables = await readTables(page);
        if (tables.some((t) => t.headers.includes('Call center')))
          throw new Error('a call center table is shown for an org without call centers');
        assertNoProblems(problems);
        const detail = await assertAccessible(page);
        return `axe: ${detail}; screenshot ${await screenshot(page, shots, 'overview-empty-org')}`;
      }),
    );

    for (const [preset, screen, title] of [
      ['novoice', 'overview-no-voice', 'Service Cloud Voice is not enabled'],
      ['noaccess', 'overview-no-mapping-access', 'You cannot see telephony mappings'],
    ]) {
      await check(`?org=${preset}: agent counts shown, mapping counts replaced by the explanation`, () =>
        withOpen(`?org=${preset}`, async ({ page, problems }) => {
          const expected = await expectedOverview(preset);
          const { MAPPING_AVAILABILITY_MESSAGES } = await import(
            pathToFileURL(path.join(BACKEND, 'overviewService.js')).href
          );
          const message = MAPPING_AVAILABILITY_MESSAGES[expected.org.mappingAvailability];
          await waitForOverview(page, problems);
          await page.getByText(title, { exact: false }).first().waitFor({ state: 'visible' });
          await page
            .getByText(message, { exact: true })
            .waitFor({ state: 'visible' })
            .catch(() => {
              throw new Error(`the explanation from the backend is not shown: "${message.slice(0, 80)}…"`);
            });
          const table = await assertOverviewTable(page, expected.callCenters, AGENT_COLUMNS);
          const mappingHeaders = COUNT_COLUMNS.slice(3)
            .map(([header]) => header)
            .filter((h) => table.headers.includes(h));
          if (mappingHeaders.length)
            throw new Error(`mapping columns are shown although mappings cannot be read: ${mappingHeaders.join(', ')}`);
          assertNoProblems(problems);
          const detail = await assertAccessible(page);
          return `axe: ${detail}; screenshot ${await screenshot(page, shots, screen)}`;
        }),
      );
    }

    await check('a failing Apex call (?fail=...) shows a readable error', () =>
      withOpen('?fail=CallCenterOverviewController.getOverview', async ({ page, problems }) => {
        await waitForOverview(page, problems);
        const alert = page
          .getByRole('alert')
          .filter({ hasText: 'Simulated failure of CallCenterOverviewController.getOverview' });
        await alert.waitFor({ state: 'visible' }).catch(() => {
          throw new Error('no visible alert with the Apex error message');
        });
        assertNoProblems(problems);
        const detail = await assertAccessible(page);
        return `axe: ${detail}; screenshot ${await screenshot(page, shots, 'overview-load-error')}`;
      }),
    );
  } catch (error) {
    results.push({ name: 'e2e setup (server, browser)', ok: false, ms: 0, error: String(error?.stack ?? error) });
  } finally {
    await browser?.close().catch(() => {});
    await server?.close().catch(() => {});
  }
  return summarize(results);
}

function summarize(results) {
  const failed = results.filter((r) => !r.ok).length;
  return { passed: results.length - failed, failed, results };
}

/** `--name=value` or `--name value`. */
function option(args, name) {
  const inline = args.find((arg) => arg.startsWith(`--${name}=`));
  if (inline) return inline.slice(name.length + 3);
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
}

async function main() {
  const args = process.argv.slice(2);
  const screenshotsDir = option(args, 'screenshots');
  const jsonFile = option(args, 'json');
  const started = Date.now();
  if (args.includes('--build')) {
    const { buildPreview } = await import('../../scripts/preview/start.mjs');
    await buildPreview();
  }
  const testsStarted = Date.now();
  const report = await run({ ...(screenshotsDir ? { screenshotsDir } : {}), log: console.log });
  const { passed, failed, results } = report;
  console.log('');
  for (const result of results) if (result.detail) console.log(`  ${result.name}: ${result.detail}`);
  const seconds = (ms) => (ms / 1000).toFixed(1);
  console.log(
    `\ne2e: ${passed} passed, ${failed} failed in ${seconds(Date.now() - testsStarted)} s` +
      (args.includes('--build') ? ` (${seconds(Date.now() - started)} s with the build)` : ''),
  );
  if (jsonFile) {
    fs.mkdirSync(path.dirname(path.resolve(jsonFile)), { recursive: true });
    fs.writeFileSync(jsonFile, JSON.stringify(report, null, 2) + '\n');
  }
  process.exitCode = failed > 0 ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
