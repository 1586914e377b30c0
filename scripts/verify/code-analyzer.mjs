// Salesforce Code Analyzer v5, offline: @salesforce/code-analyzer-core with the pmd (+cpd), eslint, regex and
// retire-js engines over the package directories of sfdx-project.json, configured by code-analyzer.yml.
// Graph Engine (sfge: data-flow from @AuraEnabled / @InvocableMethod / global entry points, e.g. FLS,
// sharing, SOQL in loops) is a second, slower invocation: --sfge adds it, --sfge-only runs only it.
//
// Rules: the union of the selectors (default Recommended, Security, AppExchange; an array of selectors is a
// union in core, `a:b` would be an intersection). Fails on:
//  - any violation of severity <= 2 (Critical/High; --fail-severity N to change),
//  - any error-level log event of core or an engine (an engine crash, a file PMD or ESLint could not
//    parse: PMD reports parse failures only as log events, never as violations),
//  - an LWC bundle whose emitted .js is missing or stale (the ESLint engine would silently check nothing).
// A Graph Engine "Path evaluation timed out" or StackOverflowError on one entry point is listed as a warning, not a
// failure: it is the engine's time or recursion limit (java_thread_timeout in code-analyzer.yml), not a defect it
// found.
// Severity-3 violations are printed as warnings; severity 4-5 are only counted (--verbose lists them).
//
// Usage: node scripts/verify/code-analyzer.mjs [--project <dir>] [--sfge | --sfge-only] [--verbose]
//        [--fail-severity 2] [--selectors Recommended,Security,AppExchange]
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  isMain,
  makeResult,
  packageDirectories,
  projectDirOf,
  rel,
  runCli,
  tidyMessage,
  unbuiltLwcProblems,
} from './lib/verify-common.mjs';
import { JAVA_HINT, javaVersion } from './apex-semantics.mjs';

const NAME = 'code-analyzer';
const require = createRequire(import.meta.url);
export const DEFAULT_SELECTORS = ['Recommended', 'Security', 'AppExchange'];
const ENGINE_PACKAGES = {
  pmd: '@salesforce/code-analyzer-pmd-engine',
  eslint: '@salesforce/code-analyzer-eslint-engine',
  regex: '@salesforce/code-analyzer-regex-engine',
  'retire-js': '@salesforce/code-analyzer-retirejs-engine',
  sfge: '@salesforce/code-analyzer-sfge-engine',
};
const SEVERITY_NAMES = { 1: 'Critical', 2: 'High', 3: 'Moderate', 4: 'Low', 5: 'Info' };

/**
 * @param {object} [options]
 * @param {string} [options.projectDir] project root (default: this repository)
 * @param {boolean} [options.sfge] also run Graph Engine (slow) after the other engines
 * @param {boolean} [options.sfgeOnly] run only Graph Engine
 * @param {string[]|string} [options.selectors] rule selectors (union); default Recommended, Security, AppExchange
 * @param {string[]|string} [options.sfgeSelectors] Graph Engine selectors; default all its rules ('sfge')
 * @param {number|string} [options.failSeverity] fail on violations of this severity or more severe (default 2)
 * @param {string} [options.config] config file (default <project>/code-analyzer.yml)
 * @param {boolean} [options.verbose] list severity 4-5 violations and engine warnings too
 * @param {(message: string) => void} [options.log]
 * @returns {Promise<import('./lib/verify-common.mjs').VerifyResult & {engines: Record<string, object>}>}
 */
export async function run(options = {}) {
  const startedAt = Date.now();
  const projectDir = projectDirOf(options);
  const log = options.log ?? (() => {});
  const failSeverity = Number(options.failSeverity ?? 2);
  const toList = (value, fallback) =>
    value === undefined || value === true ? fallback : Array.isArray(value) ? value : String(value).split(/[\s;]+/);

  const problems = unbuiltLwcProblems(projectDir);
  const warnings = [];
  const engines = {};
  const passes = [];
  if (!options.sfgeOnly) {
    passes.push({
      label: 'main',
      plugins: ['pmd', 'eslint', 'regex', 'retire-js'],
      selectors: toList(options.selectors, DEFAULT_SELECTORS),
    });
  }
  if (options.sfge || options.sfgeOnly) {
    passes.push({ label: 'sfge', plugins: ['sfge'], selectors: toList(options.sfgeSelectors, ['sfge']) });
  }

  const version = javaVersion();
  if (version === null || version < 11) {
    const message = `PMD and Graph Engine need Java 11+ ('java' ${version === null ? 'not found' : `is Java ${version}`}): ${JAVA_HINT}`;
    return makeResult(NAME, startedAt, {
      problems: [...problems, { file: '(environment)', line: 0, message }],
      summary: message,
      engines,
    });
  }

  const timings = [];
  for (const pass of passes) {
    const passStarted = Date.now();
    const outcome = await runPass(projectDir, pass, { options, failSeverity, log });
    problems.push(...outcome.problems);
    warnings.push(...outcome.warnings);
    Object.assign(engines, outcome.engines);
    timings.push(`${pass.label} ${((Date.now() - passStarted) / 1000).toFixed(1)} s`);
  }

  const perEngine = Object.entries(engines)
    .map(
      ([engine, c]) =>
        `${engine} ${c.violations}${c.failing ? ` (${c.failing} failing)` : ''}${c.logErrors ? ` +${c.logErrors} engine error(s)` : ''}`,
    )
    .join(', ');
  return makeResult(NAME, startedAt, {
    problems,
    warnings,
    engines,
    summary: `violations per engine: ${perEngine || 'none run'}; fail at severity <= ${failSeverity}; ${timings.join(', ')}`,
  });
}

/** One Code Analyzer run (its own CodeAnalyzer instance) with the given engine plugins and selectors. */
async function runPass(projectDir, pass, { options, failSeverity, log }) {
  const core = require('@salesforce/code-analyzer-core');
  const configFile = path.resolve(projectDir, options.config ?? 'code-analyzer.yml');
  const config = fs.existsSync(configFile)
    ? core.CodeAnalyzerConfig.fromFile(configFile)
    : core.CodeAnalyzerConfig.withDefaults();
  const analyzer = new core.CodeAnalyzer(config);
  const problems = [];
  const warnings = [];
  const engines = {};
  const count = (engine) => (engines[engine] ??= { violations: 0, failing: 0, logErrors: 0, bySeverity: {} });

  analyzer.onEvent(core.EventType.LogEvent, (event) => {
    if (event.logLevel <= core.LogLevel.Error) problems.push(logProblem(projectDir, 'core', event.message));
    else if (options.verbose && event.logLevel <= core.LogLevel.Warn)
      log(`core warning: ${tidyMessage(event.message)}`);
  });
  analyzer.onEvent(core.EventType.EngineLogEvent, (event) => {
    if (event.logLevel <= core.LogLevel.Error && (isPathTimeout(event) || isPathStackOverflow(event))) {
      // Graph Engine gave up on one entry point: within java_thread_timeout (code-analyzer.yml), or when its own
      // path expansion overflowed the JVM stack. That path is not analysed, which is reported but does not fail the
      // check (docs/verification.md, "Graph Engine timeouts"). Other crashes and parse failures still fail.
      warnings.push({ ...logProblem(projectDir, event.engineName, event.message), severity: 3 });
    } else if (event.logLevel <= core.LogLevel.Error) {
      count(event.engineName).logErrors++;
      problems.push(logProblem(projectDir, event.engineName, event.message));
    } else if (options.verbose && event.logLevel <= core.LogLevel.Warn) {
      log(`${event.engineName} warning: ${tidyMessage(event.message)}`);
    }
  });

  for (const plugin of pass.plugins) {
    try {
      await analyzer.addEnginePlugin(require(ENGINE_PACKAGES[plugin]).createEnginePlugin());
    } catch (error) {
      problems.push({
        file: '(environment)',
        line: 0,
        message: `cannot load the ${plugin} engine (${ENGINE_PACKAGES[plugin]}): ${error.message}`,
      });
    }
  }
  const workspaceDirs = packageDirectories(projectDir).map((dir) => dir.abs);
  const workspace = await analyzer.createWorkspace(workspaceDirs);
  const selection = await analyzer.selectRules(pass.selectors, { workspace });
  log(
    `${pass.label}: ${selection.getCount()} rules (${selection
      .getEngineNames()
      .map((engine) => `${engine} ${selection.getRulesFor(engine).length}`)
      .join(
        ', ',
      )}) selected by [${pass.selectors.join(', ')}] over ${workspaceDirs.map((d) => rel(projectDir, d)).join(', ')}`,
  );
  const results = await analyzer.run(selection, { workspace });

  for (const engine of results.getEngineNames()) count(engine);
  for (const violation of results.getViolations()) {
    const rule = violation.getRule();
    const severity = rule.getSeverityLevel();
    const engine = rule.getEngineName();
    const counts = count(engine);
    counts.violations++;
    counts.bySeverity[severity] = (counts.bySeverity[severity] ?? 0) + 1;
    const location = violation.getPrimaryLocation();
    const file = location.getFile();
    const entry = {
      file: file ? rel(projectDir, file) : '(workspace)',
      line: location.getStartLine() ?? 1,
      column: location.getStartColumn() ?? undefined,
      message: `${engine}:${rule.getName()} (severity ${severity} ${SEVERITY_NAMES[severity]}): ${tidyMessage(violation.getMessage())}`,
      rule: `${engine}:${rule.getName()}`,
    };
    if (severity <= failSeverity) {
      counts.failing++;
      problems.push(entry);
    } else if (severity <= 3 || options.verbose) {
      warnings.push(entry);
    }
  }
  return { problems, warnings, engines };
}

/**
 * A Graph Engine StackOverflowError, or its refusal of a recursive call chain, while it expands one entry point's
 * paths (its recursion limits, like the time limit above). Any other exception (NullPointerException, …) is a crash
 * and still fails.
 */
function isPathStackOverflow(event) {
  const message = String(event.message);
  return (
    event.engineName === 'sfge' &&
    /Internal execution error while scanning entry point/.test(message) &&
    (/StackOverflowError/.test(message) || isRecursionLimit(message))
  );
}

/**
 * Graph Engine cannot expand a recursive call chain: `ApexPath.putPathEndsInRecursion` throws an UnexpectedException
 * carrying the path (seen on the provisioning expression evaluator, which is recursive by design).
 */
function isRecursionLimit(message) {
  return /putPathEndsInRecursion/.test(message) || /UnexpectedException: ApexPath\{/.test(message);
}

/** A Graph Engine "Path evaluation timed out" event: the engine's time limit, not a crash or a parse failure. */
function isPathTimeout(event) {
  return event.engineName === 'sfge' && /Path evaluation timed out after \d+ ms/.test(String(event.message));
}

/**
 * A log event as a problem. PMD's processing errors and ESLint's parse errors name the file in quotes and
 * the position as `line:column` ("Syntax error at 3:16", "Unexpected token (2:0)") or, for XML, as
 * "lineNumber: 10; columnNumber: 3"; Graph Engine names it
 * as `/path/File.cls:19:60`.
 */
function logProblem(projectDir, source, message) {
  const text = String(message);
  const quoted = /'(\/[^']+\.[A-Za-z-]+)'/.exec(text);
  const unquoted = /(\/[^\s'":]+\.(?:cls|trigger|js|html|css|xml)):(\d+)(?::(\d+))?/.exec(text);
  const file = quoted?.[1] ?? unquoted?.[1];
  const position = quoted
    ? (/(?:at |\()(\d+):(\d+)/.exec(text.slice(quoted.index)) ?? /lineNumber: (\d+); columnNumber: (\d+)/.exec(text))
    : unquoted
      ? [null, unquoted[2], unquoted[3]]
      : null;
  const parseFailure = /pars(e|ing) ?(error|exception)|failed to parse|could not parse/i.test(text);
  return {
    file: file ? rel(projectDir, file) : `(${source})`,
    line: position ? Number(position[1]) : file ? 1 : 0,
    column: position?.[2] ? Number(position[2]) : undefined,
    message: `${source} ${parseFailure ? 'could not parse the file' : 'engine error'}: ${tidyMessage(text.replaceAll(projectDir + path.sep, ''))}`,
    rule: `${source}:log-error`,
  };
}

if (isMain(import.meta.url)) {
  await runCli(NAME, run, {
    valueFlags: ['failSeverity', 'selectors', 'sfgeSelectors', 'config'],
    usage: '[--sfge | --sfge-only] [--verbose] [--fail-severity 2] [--selectors Recommended,Security,AppExchange]',
  });
}
