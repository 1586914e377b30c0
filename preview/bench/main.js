// The benchmark page (npm run bench, scripts/bench/run-bench.mjs): the preview's Apex transport and sample org
// (?org=large&latency=0), the bench components, and the app's CSV modules. Every measurement runs in the page;
// window.bench exposes them to the runner.
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import PagedTable from 'bench/pagedTable';
import NaiveTable from 'bench/naiveTable';
import { readCsv } from 'c/mappingCsv';
import { matchDirectory } from 'c/directoryMatching';
import { invokeApex } from '../src/apexTransport.js';

const host = document.getElementById('bench');
/** A data row of a lightning-datatable (its header row has the key HEADER). */
const ROW = 'tr[data-row-key-value]:not([data-row-key-value="HEADER"])';
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));

/** Every element matching `selector` under `root`, through (synthetic) shadow roots. */
function deepAll(root, selector, out = []) {
  if (root.shadowRoot) deepAll(root.shadowRoot, selector, out);
  for (const element of root.querySelectorAll(selector)) out.push(element);
  for (const element of root.querySelectorAll('*')) if (element.shadowRoot) deepAll(element.shadowRoot, selector, out);
  return out;
}

/** Resolves when the datatable shows the row `rowKey` first (the rows are on screen), then after a paint. */
async function rowShown(element, rowKey, timeoutMs = 600_000) {
  const started = performance.now();
  for (;;) {
    const first = deepAll(element, ROW)[0];
    if (first && first.getAttribute('data-row-key-value') === rowKey) break;
    if (rowKey === null && first === undefined) break;
    if (performance.now() - started > timeoutMs) throw new Error(`row ${rowKey} not shown`);
    await nextFrame();
  }
  await nextFrame();
}

function mount(tag, Ctor, props = {}) {
  host.replaceChildren();
  const element = createElement(tag, { is: Ctor });
  Object.assign(element, props);
  host.appendChild(element);
  return element;
}

let allAgents = null;
/** Every agent of a call center through getUsers (pages of maxUserPageSize), as the naive table needs them. */
async function loadAllAgents(callCenterId) {
  const rows = [];
  let cursor = null;
  do {
    const page = await invokeApex('MappingUsersController.getUsers', {
      query: { callCenterId, scope: 'ALL', pageSize: 2000, cursor },
    });
    rows.push(...page.rows);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

const contains = (row, term) =>
  [row.name, row.username, row.email, row.alias, row.federationIdentifier, row.profileName, row.roleName].some(
    (value) => value && value.toLowerCase().includes(term),
  );

window.bench = {
  async callCenters() {
    const overview = await invokeApex('CallCenterOverviewController.getOverview', {});
    return overview.callCenters.map((cc) => ({ id: cc.callCenterId, name: cc.name, agents: cc.agentCount }));
  },

  /** Server-side paging: time until the first page is on screen. */
  async pagedFirstRows(callCenterId) {
    const started = performance.now();
    const element = mount('bench-paged-table', PagedTable, { callCenterId });
    const first = await element.load('');
    await rowShown(element, first);
    return { ms: performance.now() - started, rendered: deepAll(element, ROW).length };
  },

  /** Server-side search on a table showing the first page: time until the results are on screen. */
  async pagedSearch(callCenterId, term) {
    const element = mount('bench-paged-table', PagedTable, { callCenterId });
    await rowShown(element, await element.load(''));
    const started = performance.now();
    const first = await element.load(term);
    await rowShown(element, first);
    return { ms: performance.now() - started, rendered: deepAll(element, ROW).length };
  },

  /**
   * The naive way: load every agent, give them (or the first `limit`) to a plain datatable; gives up after
   * `timeoutMs` of rendering (a 60,000-row plain datatable can take minutes, or crash the tab).
   */
  async naiveFirstRows(callCenterId, limit = Infinity, timeoutMs = 600_000) {
    const started = performance.now();
    const rows = (await loadAllAgents(callCenterId)).slice(0, limit);
    allAgents = rows;
    const loadedMs = performance.now() - started;
    const element = mount('bench-naive-table', NaiveTable);
    await rowShown(element, element.show(rows), timeoutMs);
    return {
      ms: performance.now() - started,
      loadMs: loadedMs,
      rows: rows.length,
      rendered: deepAll(element, ROW).length,
    };
  },

  /** The naive search: filter the rows in the browser and re-render the plain datatable. */
  async naiveSearch(callCenterId, term) {
    allAgents ??= await loadAllAgents(callCenterId);
    // Reuses the table of naiveFirstRows (all rows already rendered), else renders them first (not timed).
    let element = host.firstElementChild;
    if (element?.tagName !== 'BENCH-NAIVE-TABLE') {
      element = mount('bench-naive-table', NaiveTable);
      await rowShown(element, element.show(allAgents));
    }
    const started = performance.now();
    const lower = term.toLowerCase();
    const found = allAgents.filter((row) => contains(row, lower));
    await rowShown(element, element.show(found));
    return { ms: performance.now() - started, rows: found.length };
  },

  /** Agents with the fields the directory matcher reads. */
  async agentsForMatching(callCenterId) {
    allAgents ??= await loadAllAgents(callCenterId);
    return allAgents.length;
  },

  /** The app's way: PapaParse through c/mappingCsv readCsv, then c/directoryMatching matchDirectory (Map-based). */
  appParseAndMatch(csvText) {
    const users = allAgents.map((row) => ({ Id: row.userId, Email: row.email }));
    const started = performance.now();
    const table = readCsv(window.Papa, csvText);
    const parsedMs = performance.now() - started;
    const result = matchDirectory(table.rows, users, {
      headers: table.headers,
      externalIdColumn: 'Arn',
      matchColumn: 'Email',
      matchField: 'Email',
    });
    return {
      ms: performance.now() - started,
      parseMs: parsedMs,
      rows: table.rows.length,
      matched: result.matched.length,
      unmatchedRows: result.unmatchedRows.length,
      ambiguous: result.ambiguous.length,
    };
  },

  /**
   * The naive way: split on line breaks and commas (breaks quoted values), then for each row scan every user
   * (nested loops). Bounded: only the first `sampleRows` rows are matched; the runner extrapolates linearly.
   */
  naiveParseAndMatch(csvText, sampleRows) {
    const users = allAgents.map((row) => ({ Id: row.userId, Email: row.email }));
    const started = performance.now();
    const lines = csvText.split('\n');
    const headers = lines[0].split(',');
    const rows = lines
      .slice(1)
      .filter((line) => line !== '')
      .map((line) => line.split(','));
    const parseMs = performance.now() - started;
    const emailIndex = headers.indexOf('Email');
    const arnIndex = headers.indexOf('Arn');
    const misparsed = rows.filter((cells) => cells.length !== headers.length).length;
    const matchStarted = performance.now();
    let matched = 0;
    const sample = rows.slice(0, sampleRows);
    for (const cells of sample) {
      const key = (cells[emailIndex] ?? '').trim().toLowerCase();
      let found = null;
      for (const user of users) {
        if (user.Email.toLowerCase() === key) {
          found = user;
          break;
        }
      }
      if (found && cells[arnIndex]) matched++;
    }
    const matchMs = performance.now() - matchStarted;
    return { parseMs, matchMs, sampleRows: sample.length, rows: rows.length, matched, misparsed };
  },
};
window.benchReady = true;
