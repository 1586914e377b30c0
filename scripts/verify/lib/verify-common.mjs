// Shared plumbing of the offline verification scripts in scripts/verify/*.mjs.
//
// Every check exports `run(options)` resolving to a VerifyResult and is runnable alone; `runCli` is the
// command-line wrapper each script calls when it is the entry point. This module is not a check itself
// (it lives under lib/ so a runner that globs scripts/verify/*.mjs does not pick it up).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * @typedef {object} Problem
 * @property {string} file    path relative to the project root ('(environment)' for a missing tool)
 * @property {number} line    1-based line; 1 for problems about a whole file, 0 for environment problems
 * @property {string} message what is wrong and, where useful, how to fix it
 * @property {number} [column] 1-based column, when the tool reports one
 * @property {string} [rule]   the tool's rule or error code, when it has one
 */

/**
 * @typedef {object} VerifyResult
 * @property {string} name           the check's name (the script's base name)
 * @property {boolean} passed        false when there is at least one problem
 * @property {Problem[]} problems    failures (they make `passed` false)
 * @property {Problem[]} warnings    findings worth reading that do not fail the check
 * @property {string} summary        one line: what was checked, counts
 * @property {number} durationMs     wall-clock time of run()
 */

/** The repository root: two levels above scripts/verify/lib. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Directories never walked: dependencies, VCS, tool caches and build output. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.sf', '.sfdx', '.verify', 'coverage', '.jest-cache']);

/** @param {{projectDir?: string}} [options] */
export function projectDirOf(options = {}) {
  return path.resolve(options.projectDir ?? REPO_ROOT);
}

/**
 * The package directories of sfdx-project.json, as absolute paths (only those that exist).
 * @param {string} projectDir
 * @returns {{path: string, abs: string, default: boolean, packaged: boolean}[]}
 */
export function packageDirectories(projectDir) {
  const file = path.join(projectDir, 'sfdx-project.json');
  const project = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!Array.isArray(project.packageDirectories) || project.packageDirectories.length === 0) {
    throw new Error(`${file} has no packageDirectories`);
  }
  return project.packageDirectories
    .map((dir) => ({
      path: dir.path.replace(/\\/g, '/').replace(/\/$/, ''),
      abs: path.resolve(projectDir, dir.path),
      default: dir.default === true,
      packaged: typeof dir.package === 'string',
    }))
    .filter((dir) => fs.existsSync(dir.abs));
}

/**
 * Every file under `dir` (recursively), skipping dependency and tool directories.
 * @param {string} dir
 * @param {(file: string) => boolean} [filter]
 * @returns {string[]} absolute paths, sorted
 */
export function walkFiles(dir, filter = () => true) {
  const out = [];
  const walk = (current) => {
    let entries;
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(full);
      } else if (entry.isFile() && filter(full)) {
        out.push(full);
      }
    }
  };
  walk(dir);
  return out.sort();
}

/** Every file of every package directory. */
export function packageFiles(projectDir, filter) {
  return packageDirectories(projectDir).flatMap((dir) => walkFiles(dir.abs, filter));
}

/** Project-relative path with forward slashes. */
export function rel(projectDir, file) {
  return path.relative(projectDir, file).split(path.sep).join('/');
}

/**
 * Keeps tool messages readable: collapses ANTLR's "expecting {…every token…}" lists, drops Java/JS stack
 * traces and squeezes whitespace.
 */
export function tidyMessage(message, maxLength = 600) {
  const text = String(message)
    .replace(/expecting \{([^}]{120,})\}?/, (_, tokens) => `expecting one of ${tokens.split(', ').length} tokens`)
    .replace(/\s+at [\w$.<>]+ \([^)]*\)[\s\S]*$/, '')
    .replace(/(\([\w$.]+:\d+\))(?:;[\w$./]+\([^)]*\))+/g, '$1;…')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
}

/** 1-based line of a character offset in a text. */
export function lineOfOffset(text, offset) {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * The LWC bundles of all package directories.
 * @returns {{name: string, dir: string, files: string[], hasTs: boolean}[]}
 */
export function lwcBundles(projectDir) {
  const bundles = [];
  for (const pkg of packageDirectories(projectDir)) {
    const lwcDirs = [];
    const findLwcDirs = (dir) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (!entry.isDirectory() || SKIPPED_DIRS.has(entry.name)) continue;
        const full = path.join(dir, entry.name);
        if (entry.name === 'lwc') lwcDirs.push(full);
        else findLwcDirs(full);
      }
    };
    findLwcDirs(pkg.abs);
    for (const lwcDir of lwcDirs) {
      for (const entry of fs.readdirSync(lwcDir, { withFileTypes: true })) {
        if (!entry.isDirectory() || entry.name.startsWith('.') || entry.name === '__tests__') continue;
        const dir = path.join(lwcDir, entry.name);
        const files = walkFiles(dir, (f) => !f.split(path.sep).includes('__tests__'));
        bundles.push({ name: entry.name, dir, files, hasTs: fs.existsSync(path.join(dir, `${entry.name}.ts`)) });
      }
    }
  }
  return bundles;
}

/**
 * Problems for TypeScript LWC bundles whose emitted .js is missing or older than the .ts sources:
 * every check of the emitted JavaScript would otherwise silently check nothing or stale code.
 */
export function unbuiltLwcProblems(projectDir) {
  const problems = [];
  for (const bundle of lwcBundles(projectDir)) {
    if (!bundle.hasTs) continue;
    for (const ts of bundle.files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))) {
      const js = ts.replace(/\.ts$/, '.js');
      if (!fs.existsSync(js)) {
        problems.push({
          file: rel(projectDir, ts),
          line: 1,
          message: `no emitted ${path.basename(js)} beside it: run npm run build first`,
        });
      } else if (fs.statSync(js).mtimeMs + 1000 < fs.statSync(ts).mtimeMs) {
        problems.push({
          file: rel(projectDir, ts),
          line: 1,
          message: `emitted ${path.basename(js)} is older than the .ts (stale build): run npm run build first`,
        });
      }
    }
  }
  return problems;
}

/**
 * Finds a file inside node_modules, looking in the project first, then beside this script.
 * @param {string} projectDir
 * @param {string} relative path below node_modules, e.g. '@salesforce/code-analyzer-pmd-engine/dist/java-lib'
 */
export function findInNodeModules(projectDir, relative) {
  for (const start of [projectDir, REPO_ROOT]) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'node_modules', relative);
      if (fs.existsSync(candidate)) return candidate;
      if (path.dirname(dir) === dir) break;
    }
  }
  return null;
}

/** Runs async `worker` over `items` with at most `limit` in flight; results keep the input order. */
export async function mapLimit(items, limit, worker) {
  const results = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await worker(items[index], index);
    }
  });
  await Promise.all(lanes);
  return results;
}

/** Parallelism suited to this machine (the team shares 2 cores). */
export function defaultConcurrency() {
  return Math.max(1, Math.min(4, (os.availableParallelism?.() ?? os.cpus().length) || 1));
}

/** Sorts problems by file, then line. */
export function sortProblems(problems) {
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
}

/**
 * Builds the result object of a check.
 * @returns {VerifyResult}
 */
export function makeResult(name, startedAt, { problems = [], warnings = [], summary = '', ...extra } = {}) {
  return {
    name,
    passed: problems.length === 0,
    problems: sortProblems(problems),
    warnings: sortProblems(warnings),
    summary,
    durationMs: Date.now() - startedAt,
    ...extra,
  };
}

/** `file:line: message` (with the column when known): the format editors and CI annotate. */
export function formatProblem(problem, prefix = '') {
  const column = problem.column ? `:${problem.column}` : '';
  return `${problem.file}:${problem.line}${column}: ${prefix}${problem.message}`;
}

/**
 * Parses the common command-line flags: --project <dir>, --verbose, --quiet-warnings, plus the check's own
 * boolean flags (`--sfge` -> {sfge: true}) and `--name value` pairs listed in `valueFlags`.
 */
export function parseArgs(argv, valueFlags = []) {
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      (options.files ??= []).push(arg);
      continue;
    }
    const [rawKey, inlineValue] = arg.slice(2).split(/=(.*)/s);
    const key = rawKey.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (key === 'project') options.projectDir = inlineValue ?? argv[++i];
    else if (valueFlags.includes(key)) options[key] = inlineValue ?? argv[++i];
    else options[key] = inlineValue === undefined ? true : inlineValue;
  }
  return options;
}

/**
 * Runs a check from the command line: prints every problem as `file:line: message`, the warnings
 * (unless --quiet-warnings), then the summary; exit code 1 when the check failed, 2 when it crashed.
 */
export async function runCli(name, run, { valueFlags = [], usage = '' } = {}) {
  const options = parseArgs(process.argv.slice(2), valueFlags);
  if (options.help) {
    console.log(`usage: node scripts/verify/${name}.mjs [--project <dir>] ${usage}`.trim());
    return;
  }
  options.log ??= (message) => console.error(`[${name}] ${message}`);
  try {
    const result = await run(options);
    for (const problem of result.problems) console.log(formatProblem(problem));
    if (!options.quietWarnings)
      for (const warning of result.warnings ?? []) console.log(formatProblem(warning, 'warning: '));
    const status = result.passed ? 'PASS' : `FAIL (${result.problems.length} problem(s))`;
    console.log(`${name}: ${status}: ${result.summary} [${(result.durationMs / 1000).toFixed(1)} s]`);
    process.exitCode = result.passed ? 0 : 1;
  } catch (error) {
    console.error(`${name}: crashed: ${error?.stack ?? error}`);
    process.exitCode = 2;
  }
}

/** True when the module at `metaUrl` is the script node was started with. */
export function isMain(metaUrl) {
  if (process.argv[1] === undefined) return false;
  const real = (file) => {
    try {
      return fs.realpathSync(file);
    } catch {
      return path.resolve(file);
    }
  };
  return real(process.argv[1]) === real(fileURLToPath(metaUrl));
}
