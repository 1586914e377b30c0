// Browser end-to-end tests of the local preview (preview/dist, built by `npm start -- --build-only`):
// Debian's Chromium driven by playwright-core, against the generated sample orgs. This file is the
// harness; the checks live in one spec module per feature (tests/e2e/specs/<feature>.mjs).
//
//   node tests/e2e/run-e2e.mjs [--build] [--screenshots=<dir>] [--json=<file>] [--spec=<name>[,<name>]]
//   import { run } from './tests/e2e/run-e2e.mjs'; await run({ screenshotsDir, specs: ['overview'] })
//
// Each check is one named result: { name, ok, ms, error?, detail? } (the name is prefixed "<spec>: ").
//
// ---------------------------------------------------------------- the spec interface
// A spec module exports
//   export const name = '<feature>';
//   export async function checks(t) { await t.check('what it checks', async () => 'detail'); ... }
// Specs run one after the other (overview first, then by name), in one browser context (1280x900,
// en-US, UTC, fixed clock 2026-01-15T09:30:00Z, downloads accepted). `t` is:
//   t.check(name, fn, { timeoutMs = 60000 } = {}) → Promise<boolean>
//       Runs one named check: `fn` returns an optional detail string; a throw (or a timeout) fails it.
//       A check also fails if any page of the spec collected a problem while it ran (see openPage).
//       Resolves to whether it passed (a later step can skip itself when an earlier one failed).
//   t.openPage(query = '') → Promise<Page>
//       Opens the preview at `/${query}` (e.g. '?org=large&latency=0') and collects its console errors,
//       page errors, HTTP >= 400 responses and failed requests; the check running when they occur fails.
//       Pages stay open until the spec ends (close one earlier with page.close()).
//   t.pageInfo(page) → { problems: string[], warnings: string[], started: number }
//       What openPage collected for a page (`started`: Date.now() before navigation).
//   t.assertNoProblems(page)          throws when the page collected problems.
//   t.assertAccessible(page) → Promise<string>
//       axe-core (WCAG 2.2 AA + best practices): throws on serious/critical violations, returns a summary.
//   t.screenshot(page, screenName) → Promise<string>   full page → <screenshots dir>/<screenName>.png
//       (docs/screenshots by default); returns the path relative to the repo.
//   t.navigateTo(page, sectionLabel) → Promise<void>
//       Clicks the section in the app's navigation and waits until it is marked aria-current="page".
//   t.navItem(page, sectionLabel) → Locator of that navigation link.
//   t.expectedFrom(preset) → Promise<{ org, callCenters }>
//       The sample org of a preset (generated in Node by preview/.build/backend/sampleOrg.js) and the
//       Overview numbers computed independently from its rows (see expectedOverview below).
//   t.backendModule(file) → Promise<module>   e.g. await t.backendModule('overviewService.js').
//   t.readTables(page), t.readDefinitionLists(page), t.parseCount(text), t.firstLine(text): DOM helpers.
//   t.waitForApexCall(page, method, { count = 1, timeoutMs }) → waits until `count` calls of
//       'Class.method' have returned (globalThis.__ccusPreview.apexCalls).
//   t.deepClick(page, selector) / t.deepText(page, selector): through shadow roots (synthetic shadow:
//       Playwright's CSS locators already pierce it, these are for evaluate-style checks).
//   t.ROOT, t.baseUrl, t.screenshotsDir, t.TIMEOUTS, t.log(message)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../../scripts/preview/static-server.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DEFAULT_DIST = path.join(ROOT, 'preview', 'dist');
const BACKEND = path.join(ROOT, 'preview', '.build', 'backend');
const SPECS_DIR = path.join(ROOT, 'tests', 'e2e', 'specs');
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
export const TIMEOUTS = { launch: 30_000, navigation: 20_000, action: 10_000, check: 60_000 };

// ---------------------------------------------------------------- expected values

const backendModule = (file) => import(pathToFileURL(path.join(BACKEND, file)).href);

/**
 * The Overview of a sample org, computed from its rows with the Apex service's definitions
 * (CallCenterOverviewService + CallCenterRoutingMapRepository): agents are users with the call center
 * in User.CallCenterId; "mapped" = has a CallCenterRoutingMap pointing at the user for any call center
 * (the Apex semi-join is not correlated); queue (00G) mappings never count.
 */
async function expectedOverview(preset) {
  const { generateSampleOrg } = await backendModule('sampleOrg.js');
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
      callCenterId: cc.Id,
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

const firstLine = (text) =>
  String(text)
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split('\n')[0];

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

/** Texts of every element matching `selector`, through shadow roots. */
function deepText(page, selector) {
  return page.evaluate((sel) => {
    const deepAll = (root = document, out = []) => {
      for (const element of root.querySelectorAll(sel)) out.push(element);
      for (const element of root.querySelectorAll('*')) if (element.shadowRoot) deepAll(element.shadowRoot, out);
      return out;
    };
    return deepAll().map((element) => (element.innerText ?? element.textContent ?? '').replace(/\s+/g, ' ').trim());
  }, selector);
}

/** Clicks the first element matching `selector`, through shadow roots; false when there is none. */
function deepClick(page, selector) {
  return page.evaluate((sel) => {
    const find = (root = document) => {
      const hit = root.querySelector(sel);
      if (hit) return hit;
      for (const element of root.querySelectorAll('*')) {
        const inner = element.shadowRoot ? find(element.shadowRoot) : null;
        if (inner) return inner;
      }
      return null;
    };
    const element = find();
    element?.click();
    return Boolean(element);
  }, selector);
}

/** "33,787" → 33787; anything that is not a plain (grouped) integer → null. */
function parseCount(text) {
  const digits = String(text ?? '').replace(/[\s,.\u00a0\u202f']/g, '');
  return /^\d+$/.test(digits) ? Number(digits) : null;
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

/** The section link in the app's navigation. */
const navItem = (page, label) => page.getByRole('navigation').getByRole('link', { name: label, exact: true });

async function navigateTo(page, label) {
  await navItem(page, label).click();
  await page
    .waitForFunction(
      (wanted) => {
        const deepAll = (selector, root = document, out = []) => {
          for (const element of root.querySelectorAll(selector)) out.push(element);
          for (const element of root.querySelectorAll('*'))
            if (element.shadowRoot) deepAll(selector, element.shadowRoot, out);
          return out;
        };
        return deepAll('a[aria-current="page"]').some((a) => a.textContent.trim() === wanted);
      },
      label,
      { timeout: TIMEOUTS.action },
    )
    .catch(() => {
      throw new Error(`"${label}" is not marked as the current page (aria-current="page") in the navigation`);
    });
}

async function waitForApexCall(page, method, { count = 1, timeoutMs = TIMEOUTS.navigation } = {}) {
  await page
    .waitForFunction(
      ([wanted, n]) =>
        (globalThis.__ccusPreview?.apexCalls ?? []).filter((call) => call.method === wanted && call.ms > 0).length >= n,
      [method, count],
      { timeout: timeoutMs },
    )
    .catch(() => {
      throw new Error(`no (or fewer than ${count}) completed Apex call(s) of ${method} within ${timeoutMs} ms`);
    });
}

// ---------------------------------------------------------------- the run

/** The spec modules, overview first, then by file name; `only` keeps the named ones. */
async function loadSpecs(only) {
  const files = fs
    .readdirSync(SPECS_DIR)
    .filter((file) => file.endsWith('.mjs'))
    .sort((a, b) => (a === 'overview.mjs' ? -1 : b === 'overview.mjs' ? 1 : a.localeCompare(b)));
  const specs = [];
  for (const file of files) {
    const spec = await import(pathToFileURL(path.join(SPECS_DIR, file)).href);
    if (typeof spec.name !== 'string' || typeof spec.checks !== 'function') {
      throw new Error(`tests/e2e/specs/${file} must export \`name\` (string) and \`checks(t)\` (async function)`);
    }
    if (!only || only.includes(spec.name)) specs.push(spec);
  }
  return specs;
}

/**
 * Runs every spec's checks against preview/dist (or `distDir`).
 * @returns {Promise<{ passed: number, failed: number, results: Array<{ name: string, ok: boolean, ms: number, error?: string, detail?: string }> }>}
 */
export async function run({
  screenshotsDir = 'docs/screenshots',
  distDir = DEFAULT_DIST,
  specs: only,
  log = () => {},
} = {}) {
  const shots = path.resolve(ROOT, screenshotsDir);
  const results = [];

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
    const specs = await loadSpecs(only);
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
      acceptDownloads: true,
    });
    // A fixed clock keeps "Counted <date>" and the screenshots the same from run to run (timers still run).
    await context.clock.setFixedTime(new Date('2026-01-15T09:30:00Z'));
    const expectedCache = new Map();

    for (const spec of specs) {
      const pages = new Map(); // Page → { problems, warnings, started }
      const t = {
        ROOT,
        TIMEOUTS,
        baseUrl: server.url,
        screenshotsDir: shots,
        log,
        firstLine,
        readTables,
        readDefinitionLists,
        parseCount,
        deepText,
        deepClick,
        assertAccessible,
        navItem,
        navigateTo,
        waitForApexCall,
        backendModule,
        async check(name, fn, { timeoutMs = TIMEOUTS.check } = {}) {
          const started = Date.now();
          const seen = new Map([...pages].map(([page, info]) => [page, info.problems.length]));
          let timer;
          let ok = true;
          let detail;
          let error;
          try {
            detail = await Promise.race([
              fn(),
              new Promise((_, reject) => {
                timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs / 1000} s`)), timeoutMs);
              }),
            ]);
            const fresh = [...pages].flatMap(([page, info]) => info.problems.slice(seen.get(page) ?? 0));
            if (fresh.length) {
              throw new Error(`${fresh.length} problem(s) on the page:\n  ${fresh.slice(0, 8).join('\n  ')}`);
            }
          } catch (caught) {
            ok = false;
            error = String(caught?.message ?? caught).replace(/\x1b\[[0-9;]*m/g, '');
          } finally {
            clearTimeout(timer);
          }
          const result = { name: `${spec.name}: ${name}`, ok, ms: Date.now() - started };
          if (ok && detail) result.detail = String(detail);
          if (!ok) result.error = error.split('\n').slice(0, 12).join('\n');
          results.push(result);
          log(
            `${ok ? 'ok  ' : 'FAIL'} ${result.name} (${result.ms} ms)${ok ? '' : `\n     ${result.error.replace(/\n/g, '\n     ')}`}`,
          );
          return ok;
        },
        async openPage(query = '') {
          const page = await context.newPage();
          page.setDefaultTimeout(TIMEOUTS.action);
          page.setDefaultNavigationTimeout(TIMEOUTS.navigation);
          const info = { problems: [], warnings: [], started: Date.now() };
          pages.set(page, info);
          page.on('console', (message) => {
            if (message.type() === 'error') info.problems.push(`console.error: ${message.text().slice(0, 300)}`);
            if (message.type() === 'warning') info.warnings.push(message.text().slice(0, 200));
          });
          page.on('pageerror', (err) => info.problems.push(`page error: ${String(err?.stack ?? err).slice(0, 400)}`));
          page.on('response', (response) => {
            if (response.status() >= 400) info.problems.push(`HTTP ${response.status()} ${response.url()}`);
          });
          page.on('requestfailed', (request) => {
            info.problems.push(`request failed: ${request.url()} (${request.failure()?.errorText ?? 'unknown'})`);
          });
          page.on('close', () => pages.delete(page));
          info.started = Date.now();
          await page.goto(`${server.url}/${query}`, { waitUntil: 'load' });
          return page;
        },
        pageInfo(page) {
          return pages.get(page) ?? { problems: [], warnings: [], started: 0 };
        },
        assertNoProblems(page) {
          const { problems } = t.pageInfo(page);
          if (problems.length)
            throw new Error(`${problems.length} problem(s) on the page:\n  ${problems.slice(0, 8).join('\n  ')}`);
        },
        async screenshot(page, screenName) {
          fs.mkdirSync(shots, { recursive: true });
          const file = path.join(shots, `${screenName}.png`);
          await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' });
          return path.relative(ROOT, file);
        },
        async expectedFrom(preset) {
          if (!expectedCache.has(preset)) expectedCache.set(preset, await expectedOverview(preset));
          return expectedCache.get(preset);
        },
      };
      try {
        await spec.checks(t);
      } catch (error) {
        results.push({ name: `${spec.name}: spec`, ok: false, ms: 0, error: String(error?.stack ?? error) });
      } finally {
        for (const page of [...pages.keys()]) await page.close().catch(() => {});
      }
    }
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
  const specs = option(args, 'spec')?.split(',');
  const started = Date.now();
  if (args.includes('--build')) {
    const { buildPreview } = await import('../../scripts/preview/start.mjs');
    await buildPreview();
  }
  const testsStarted = Date.now();
  const report = await run({
    ...(screenshotsDir ? { screenshotsDir } : {}),
    ...(specs ? { specs } : {}),
    log: console.log,
  });
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
