// Apex semantic check: the apex-ls checker (io.github.apexdevtools.apexls.CheckForIssues) bundled in
// @salesforce/code-analyzer-pmd-engine, with the v65 platform types (it knows CallCenter and
// CallCenterRoutingMap). It resolves every type, method, field reference and @AuraEnabled signature across
// all package directories of sfdx-project.json; it does NOT check field names inside SOQL.
//
// CheckForIssues flags (from its usage text): -f/--format text|json|pmd, -d/--detail errors|warnings|unused,
// -n/--nocache, -w/--workspace <dir>, -l/--logging none|info|debug, -c/--cacheDir, -p/--param.
// Exit codes: 0 no errors, 4 errors found, 3 crash, 1 bad arguments. We use -f json (the pmd format always
// exits 0) and -d warnings, so warnings are printed too; categories Syntax/Error/Missing are errors,
// Warning/Unused are warnings. `--unused` adds unused-member analysis (-d unused), reported as warnings.
//
// Usage: node scripts/verify/apex-semantics.mjs [--project <dir>] [--unused]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  findInNodeModules,
  isMain,
  makeResult,
  packageFiles,
  projectDirOf,
  rel,
  runCli,
  tidyMessage,
} from './lib/verify-common.mjs';

const NAME = 'apex-semantics';
const JAVA_LIB = '@salesforce/code-analyzer-pmd-engine/dist/java-lib';
const ERROR_CATEGORIES = new Set(['Syntax', 'Error', 'Missing']);
export const JAVA_HINT = 'install a JDK 17: apt-get install openjdk-17-jre-headless';

/**
 * @param {object} [options]
 * @param {string} [options.projectDir] project root (default: this repository)
 * @param {boolean} [options.unused] also report unused classes/methods (as warnings)
 * @param {string} [options.java] java command (default: $JAVA_HOME/bin/java, else `java` on the PATH)
 * @param {(message: string) => void} [options.log]
 * @returns {Promise<import('./lib/verify-common.mjs').VerifyResult>}
 */
export async function run(options = {}) {
  const startedAt = Date.now();
  const projectDir = projectDirOf(options);
  const fail = (message) =>
    makeResult(NAME, startedAt, { problems: [{ file: '(environment)', line: 0, message }], summary: message });

  const java = options.java ?? javaCommand();
  const version = javaVersion(java);
  if (version === null) return fail(`'${java}' not found: ${JAVA_HINT}`);
  if (version < 11) return fail(`apex-ls needs Java 11 or later, '${java}' is Java ${version}: ${JAVA_HINT}`);
  const lib = findInNodeModules(projectDir, JAVA_LIB);
  if (!lib) return fail(`node_modules/${JAVA_LIB} not found: run npm ci`);

  const args = [
    '-cp',
    `${lib}${path.sep}*`,
    'io.github.apexdevtools.apexls.CheckForIssues',
    '-n',
    '-f',
    'json',
    '-d',
    options.unused ? 'unused' : 'warnings',
    '-w',
    projectDir,
  ];
  options.log?.(`java ${args.join(' ')}`);
  const { code, stdout, stderr } = await exec(java, args, projectDir);

  const problems = [];
  const warnings = [];
  let report;
  try {
    // The JSON starts at the first '{': apex-ls may print log lines before it.
    report = JSON.parse(stdout.slice(stdout.indexOf('{')));
  } catch {
    const output = `${stdout}\n${stderr}`.trim().split('\n').slice(0, 20).join('\n');
    return fail(`apex-ls exited ${code} without a JSON report:\n${output}`);
  }
  for (const file of report.files ?? []) {
    for (const message of file.messages ?? []) {
      const problem = {
        file: rel(projectDir, file.path),
        line: Math.max(1, message.start?.line ?? 1),
        column: message.start?.offset !== undefined && message.start.line > 0 ? message.start.offset + 1 : undefined,
        message: `${message.category === 'Warning' ? '' : `${message.category}: `}${tidyMessage(message.message.replaceAll(projectDir + path.sep, ''))}`,
        rule: `apex-ls:${message.category}`,
      };
      (ERROR_CATEGORIES.has(message.category) ? problems : warnings).push(problem);
    }
  }
  // Exit 4 means "errors found": never pass on it, even if the report could not be attributed to a file.
  if (code === 4 && problems.length === 0) {
    problems.push({ file: '(apex-ls)', line: 0, message: `apex-ls exited 4 (errors) but reported none:\n${stdout}` });
  } else if (code !== 0 && code !== 4) {
    problems.push({ file: '(apex-ls)', line: 0, message: `apex-ls exited ${code}: ${stderr.trim().slice(0, 2000)}` });
  }
  const apexFiles = packageFiles(projectDir, (f) => /\.(cls|trigger)$/.test(f)).length;
  return makeResult(NAME, startedAt, {
    problems,
    warnings,
    summary: `apex-ls checked ${apexFiles} Apex file(s): ${problems.length} error(s), ${warnings.length} warning(s) (Java ${version})`,
  });
}

function javaCommand() {
  const fromHome = process.env.JAVA_HOME && path.join(process.env.JAVA_HOME, 'bin', 'java');
  return fromHome && fs.existsSync(fromHome) ? fromHome : 'java';
}

/** Major Java version, or null when the command cannot be run. */
export function javaVersion(java = javaCommand()) {
  const result = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return null;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`);
  if (!match) return null;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major;
}

function exec(command, args, cwd) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) => resolve({ code: -1, stdout, stderr: String(error) }));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

if (isMain(import.meta.url)) await runCli(NAME, run, { usage: '[--unused]' });
