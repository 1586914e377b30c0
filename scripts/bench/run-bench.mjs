// `npm run bench` (not part of `npm test`): measures, in the real browser over the preview, the app's way against
// the naive way, and writes the medians and ratios to docs/benchmarks.md.
//   1. time to first rows of a 60,000-agent call center (sample org ?org=large): one server-side page
//      (MappingUsersController.getUsers, keyset paging) in a viewport-rendered lightning-datatable, against every
//      agent loaded into the browser and given to a plain lightning-datatable;
//   2. time to search results: server-side search of the first page, against filtering the 60,000 rows in the
//      browser and re-rendering the plain datatable;
//   3. parse + match of a generated 50,000-row directory export (Amazon Connect ListUsers flattened to CSV) to the
//      60,000 agents: c/mappingCsv (PapaParse) + c/directoryMatching (Map-based), against splitting on line breaks
//      and commas + a nested-loop match (bounded: a sample of rows is matched, the time is extrapolated linearly).
// The page is preview/bench (bench-only components, not in force-app), built to preview/dist/bench.
//
//   node scripts/bench/run-bench.mjs [--no-build (reuse preview/dist; the bench page is always rebuilt)] [--runs=5] [--naive-runs=3] [--sample=2000] [--out=docs/benchmarks.md]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../preview/static-server.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST = path.join(ROOT, 'preview', 'dist');
const BIG_CENTER = 'Worldwide Contact Center';
const SEARCH = 'garcía';
const DIRECTORY_ROWS = 50_000;

const option = (name, fallback) => {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
};
const RUNS = Number(option('runs', 5));
const NAIVE_RUNS = Number(option('naive-runs', 3));
const SAMPLE = Number(option('sample', 2000));
const OUT = path.resolve(ROOT, option('out', 'docs/benchmarks.md'));
/** The naive table with all 60,000 rows is given up after this long (it may also crash the tab). */
const NAIVE_FULL_TIMEOUT_MS = Number(option('naive-full-timeout', 150_000));
/** Rows of the naive table that is measured to the end (and searched). */
const NAIVE_ROWS = 20_000;
/** A naive run slower than this is not repeated (a plain datatable with 60,000 rows takes minutes). */
const NAIVE_REPEAT_LIMIT_MS = 120_000;

const median = (values) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const ms = (value) =>
  value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value).toLocaleString('en-US')} ms`;
const ratio = (slow, fast) => `${(slow / fast).toFixed(slow / fast >= 100 ? 0 : 1)}×`;

async function build() {
  if (!process.argv.includes('--no-build')) {
    const { buildPreview } = await import('../preview/start.mjs');
    await buildPreview();
  }
  const { rollup } = await import('rollup');
  const { loadConfigFile } = await import('rollup/loadConfigFile');
  const started = Date.now();
  const { options, warnings } = await loadConfigFile(path.join(ROOT, 'preview', 'bench', 'rollup.bench.config.mjs'));
  for (const inputOptions of options) {
    const bundle = await rollup(inputOptions);
    try {
      await Promise.all(inputOptions.output.map((outputOptions) => bundle.write(outputOptions)));
    } finally {
      await bundle.close();
    }
  }
  warnings.flush();
  console.log(`bench: page built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * A directory export like `aws connect list-users` flattened to CSV (Id, Arn, Username) plus the e-mail and the
 * routing profile (quoted, with a comma) of 50,000 agents: 48,500 of the call center's agents (some e-mails in
 * upper case) and 1,500 people Salesforce does not know.
 */
async function directoryCsv() {
  const { generateSampleOrg } = await import(
    pathToFileURL(path.join(ROOT, 'preview/.build/backend/sampleOrg.js')).href
  );
  const { createRandom } = await import(pathToFileURL(path.join(ROOT, 'preview/.build/backend/random.js')).href);
  const org = generateSampleOrg('large');
  const center = org.callCenters.find((cc) => cc.Name === BIG_CENTER);
  const agents = org.users.filter((u) => u.CallCenterId === center.Id);
  const rng = createRandom(7);
  rng.shuffle(agents);
  const instance = 'arn:aws:connect:us-east-1:123456789012:instance/0f4c3b1e-2a7d-4e55-9c1b-7d2f1e0a9b31';
  const lines = ['Id,Arn,Username,Email,RoutingProfile,LastModifiedTime'];
  for (let i = 0; i < DIRECTORY_ROWS; i++) {
    const agent = i < DIRECTORY_ROWS - 1500 ? agents[i] : null;
    const id = rng.uuid();
    const email = agent
      ? i % 10 === 0
        ? agent.Email.toUpperCase()
        : agent.Email
      : `contractor${i}@partner.example.com`;
    const profile = i % 3 === 0 ? '"Basic, Tier 1"' : 'Basic';
    lines.push(
      `${id},${instance}/agent/${id},${email.split('@')[0]},${email},${profile},2025-11-0${1 + (i % 9)}T10:00:00Z`,
    );
  }
  return lines.join('\n') + '\n';
}

async function main() {
  await build();
  const csv = await directoryCsv();
  const server = await startStaticServer({ root: DIST });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const results = { paged: [], pagedSearch: [], naiveFull: [], naive: [], naiveSearch: [], app: [], naiveCsv: [] };
  const facts = {};
  try {
    const errors = [];
    const newPage = async () => {
      const created = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      created.on('pageerror', (error) => errors.push(String(error)));
      created.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
      return created;
    };
    let page = await newPage();
    const open = async () => {
      await page.goto(`${server.url}/bench/index.html?org=large&latency=0`, { waitUntil: 'load' });
      await page.waitForFunction(() => window.benchReady === true, null, { timeout: 60_000 });
    };
    await open();
    const centers = await page.evaluate(() => window.bench.callCenters());
    const center = centers.find((cc) => cc.name === BIG_CENTER);
    if (!center || center.agents !== 60_000)
      throw new Error(`no 60,000-agent call center in ?org=large: ${JSON.stringify(centers)}`);
    const log = (label, value) => console.log(`bench: ${label} ${JSON.stringify(value)}`);

    // Warm-up (JIT, sort caches on the "server") then the app's way.
    await page.evaluate((id) => window.bench.pagedFirstRows(id), center.id);
    for (let i = 0; i < RUNS; i++) {
      const r = await page.evaluate((id) => window.bench.pagedFirstRows(id), center.id);
      results.paged.push(r.ms);
      facts.pagedRendered = r.rendered;
      log('paged first rows', r);
    }
    for (let i = 0; i < RUNS; i++) {
      const r = await page.evaluate(([id, term]) => window.bench.pagedSearch(id, term), [center.id, SEARCH]);
      results.pagedSearch.push(r.ms);
      log('paged search', r);
    }
    // The naive way: all 60,000 rows into a plain datatable, given up after NAIVE_FULL_TIMEOUT_MS (it may also
    // crash the tab); then the same with the first 20,000 rows (the size measured in ../shared/reference), on which
    // the naive search runs.
    const started = Date.now();
    try {
      await open();
      // The render is one long task: the page cannot time itself out, so the runner does (and closes the page).
      let timer;
      const r = await Promise.race([
        page.evaluate(
          ([id, timeout]) => window.bench.naiveFirstRows(id, Infinity, timeout),
          [center.id, NAIVE_FULL_TIMEOUT_MS],
        ),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`not rendered within ${NAIVE_FULL_TIMEOUT_MS / 1000} s`)),
            NAIVE_FULL_TIMEOUT_MS,
          );
        }),
      ]).finally(() => clearTimeout(timer));
      results.naiveFull.push(r.ms);
      log('naive first rows (60,000)', r);
    } catch (error) {
      facts.naiveFullFailure = `${String(error.message ?? error).split('\n')[0]} after ${Math.round((Date.now() - started) / 1000)} s`;
      log('naive first rows (60,000) did not finish', facts.naiveFullFailure);
      await page.close({ runBeforeUnload: false }).catch(() => {});
      page = await newPage();
    }
    for (let i = 0; i < NAIVE_RUNS; i++) {
      await open();
      const r = await page.evaluate(([id, limit]) => window.bench.naiveFirstRows(id, limit), [center.id, NAIVE_ROWS]);
      results.naive.push(r.ms);
      facts.naiveRows = r.rows;
      facts.naiveLoadMs = (facts.naiveLoadMs ?? []).concat(r.loadMs);
      facts.naiveRendered = r.rendered;
      log('naive first rows', r);
      const s = await page.evaluate(([id, term]) => window.bench.naiveSearch(id, term), [center.id, SEARCH]);
      results.naiveSearch.push(s.ms);
      facts.searchRows = s.rows;
      log('naive search', s);
      if (r.ms + s.ms > NAIVE_REPEAT_LIMIT_MS) break;
    }
    // Parse + match.
    await open();
    await page.evaluate((id) => window.bench.agentsForMatching(id), center.id);
    await page.evaluate((text) => window.bench.appParseAndMatch(text), csv); // warm-up
    for (let i = 0; i < RUNS; i++) {
      const r = await page.evaluate((text) => window.bench.appParseAndMatch(text), csv);
      results.app.push(r.ms);
      facts.app = r;
      log('app parse + match', r);
    }
    for (let i = 0; i < NAIVE_RUNS; i++) {
      const r = await page.evaluate(([text, sample]) => window.bench.naiveParseAndMatch(text, sample), [csv, SAMPLE]);
      const extrapolated = r.parseMs + (r.matchMs * r.rows) / r.sampleRows;
      results.naiveCsv.push(extrapolated);
      facts.naiveCsv = r;
      log('naive parse + match', { ...r, extrapolatedMs: Math.round(extrapolated) });
    }
    if (errors.length) throw new Error(`errors in the bench page:\n  ${errors.slice(0, 5).join('\n  ')}`);
    facts.browser = `Chromium ${browser.version()}`;
  } finally {
    await browser.close().catch(() => {});
    await server.close().catch(() => {});
  }
  writeReport(results, facts, csv);
}

function writeReport(r, facts, csv) {
  const cpus = os.cpus();
  const m = Object.fromEntries(Object.entries(r).map(([key, values]) => [key, median(values)]));
  const runs = (values) => values.map((v) => Math.round(v).toLocaleString('en-US')).join(', ');
  const text = `# Benchmarks

Generated by \`npm run bench\` (scripts/bench/run-bench.mjs) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.
Not part of \`npm test\`. Re-run it after changing the unmapped-users paging, the CSV reader or the directory matcher.

**Machine**: ${cpus[0]?.model?.trim() ?? 'unknown CPU'} (${cpus.length} logical CPUs, shared with other work while measuring), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}, ${facts.browser} (headless, playwright-core).

**Setup**: the local preview (\`?org=large\`: one call center with 60,000 agents, generated sample data, Apex simulated
by the TypeScript preview backend with \`?latency=0\`, i.e. no network delay). Each measurement runs in the page
(preview/bench, bench-only components); times are medians of repeated runs (all runs listed, in ms). A real org adds
network and Apex time to every server call: the server-side way makes one call per page, the naive way
${Math.ceil(60_000 / 2000)} calls of 2,000 rows (the getUsers maximum) before anything is shown.

| Measurement | App's way (median) | Naive way (median) | Naive / app |
| --- | ---: | ---: | ---: |
| Time to first rows, 60,000-agent call center (naive: all 60,000 rows) | ${ms(m.paged)} | ${r.naiveFull.length ? ms(m.naiveFull) : `not rendered (${facts.naiveFullFailure})`} | ${r.naiveFull.length ? ratio(m.naiveFull, m.paged) : `> ${ratio(NAIVE_FULL_TIMEOUT_MS, m.paged)}`} |
| Time to first rows (naive: only the first ${NAIVE_ROWS.toLocaleString('en-US')} rows) | ${ms(m.paged)} | ${ms(m.naive)} | ${ratio(m.naive, m.paged)} |
| Time to search results ("${SEARCH}"; naive: in the ${NAIVE_ROWS.toLocaleString('en-US')}-row table) | ${ms(m.pagedSearch)} | ${ms(m.naiveSearch)} | ${ratio(m.naiveSearch, m.pagedSearch)} |
| Parse + match a ${DIRECTORY_ROWS.toLocaleString('en-US')}-row directory export to 60,000 agents | ${ms(m.app)} | ${ms(m.naiveCsv)} (extrapolated) | ${ratio(m.naiveCsv, m.app)} |

## What was compared

- **First rows.** App: \`MappingUsersController.getUsers\` returns one keyset page (100 rows, scope ALL, sorted by
  name) and a \`lightning-datatable\` with \`render-config\` (\`viewportRendering\`, \`virtualize: 'vertical'\`, as in
  c/unmappedUsers) renders ${facts.pagedRendered ?? '?'} rows. Naive: every agent is fetched and given to a plain
  \`lightning-datatable\`; with all 60,000 rows it ${r.naiveFull.length ? `took ${runs(r.naiveFull)} ms` : `did not finish (${facts.naiveFullFailure}; an earlier run crashed the tab: "Target crashed")`}, so the naive
  way is also measured with the first ${(facts.naiveRows ?? 0).toLocaleString('en-US')} rows (fetching all 60,000 took
  ${runs(facts.naiveLoadMs ?? [])} ms of that), all ${(facts.naiveRendered ?? 0).toLocaleString('en-US')} of them rendered. Runs: app ${runs(r.paged)}; naive
  ${runs(r.naive)}.
- **Search.** App: the server filters the 60,000 agents (case-insensitive contains over name, username, email, alias,
  federation id, profile, role) and returns the first page. Naive: the ${(facts.naiveRows ?? 0).toLocaleString('en-US')} rows already in the browser are
  filtered in JavaScript (${(facts.searchRows ?? 0).toLocaleString('en-US')} matches) and the plain datatable re-renders them.
  Runs: app ${runs(r.pagedSearch)}; naive ${runs(r.naiveSearch)}.
- **Parse + match.** The export (${(csv.length / 2 ** 20).toFixed(1)} MiB: Id, Arn, Username, Email, a quoted routing profile with a
  comma in a third of the rows, LastModifiedTime; 48,500 agents, 10% of the e-mails upper-case, 1,500 unknown people)
  is matched on Email. App: \`readCsv\` (c/mappingCsv, PapaParse) + \`matchDirectory\` (c/directoryMatching, Map
  lookups): ${(facts.app?.matched ?? 0).toLocaleString('en-US')} matched, ${(facts.app?.unmatchedRows ?? 0).toLocaleString('en-US')} rows unmatched, ${facts.app?.ambiguous ?? 0} ambiguous
  (parse ${ms(facts.app?.parseMs ?? 0)} of the last run). Naive: \`split('\\n')\` + \`split(',')\` and, per row, a scan of the 60,000 users;
  the scan ran on the first ${(facts.naiveCsv?.sampleRows ?? 0).toLocaleString('en-US')} rows (${ms(facts.naiveCsv?.matchMs ?? 0)}) and is extrapolated linearly to all rows
  (measuring all of them would take minutes). The naive parse is also wrong: ${(facts.naiveCsv?.misparsed ?? 0).toLocaleString('en-US')} rows split into the
  wrong number of cells (the quoted commas). Runs (ms): app ${runs(r.app)}; naive ${runs(r.naiveCsv)}.
`;
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, text);
  console.log(`\nbench: wrote ${path.relative(ROOT, OUT)}\n\n${text.split('\n').slice(8, 14).join('\n')}`);
}

await main().catch((error) => {
  console.error(`bench: ${error.stack ?? error}`);
  process.exit(1);
});
