// Shared plumbing of the org scripts (scripts/org/*.mjs): argument parsing, prerequisite checks and the
// command runner. Everything that decides something is a pure function, so tests/scripts/*.test.mjs run it
// offline; the only side effects go through a `runner` the scripts receive (a fake `sf` in the tests, the
// real CLI otherwise, or a printer with --dry-run).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (two levels above scripts/org). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The Node version the README requires (package.json "engines"). */
export const MIN_NODE = '20.18.0';

/** Names the scripts use; one place so docs, tests and scripts agree. */
export const PROJECT = Object.freeze({
  packageName: 'Contact Center User Sync',
  packageDir: 'force-app',
  devAppDir: 'dev-app',
  scratchDef: 'config/project-scratch-def.json',
  scratchDefNoVoice: 'config/project-scratch-def-novoice.json',
  permissionSets: ['Contact_Center_User_Sync_Admin', 'Contact_Center_User_Sync_Provisioning'],
  appPath: 'lightning/n/Contact_Center_User_Sync',
  defaultAlias: 'ccus',
  coverageThreshold: 90,
});

/** An error whose message is meant for the user as it is (what is missing and how to fix it). */
export class UsageError extends Error {
  /** @param {string} message @param {number} [exitCode] */
  constructor(message, exitCode = 2) {
    super(message);
    this.name = 'UsageError';
    this.exitCode = exitCode;
  }
}

/**
 * @typedef {{ type: 'boolean' | 'string' | 'number', default?: unknown, help: string, negatable?: boolean }} FlagSpec
 */

/**
 * Parses `--name value`, `--name=value`, boolean `--flag` and `--no-flag` (for negatable booleans and for
 * booleans named `no-…`). Unknown flags, missing values and non-numbers are UsageErrors.
 * @param {string[]} argv
 * @param {Record<string, FlagSpec>} spec keys are flag names without dashes
 * @returns {Record<string, unknown> & { _: string[] }}
 */
export function parseFlags(argv, spec) {
  /** @type {Record<string, unknown> & { _: string[] }} */
  const out = { _: [] };
  for (const [name, flag] of Object.entries(spec)) out[name] = flag.default ?? (flag.type === 'boolean' ? false : null);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      out._.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    let name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    let value = eq === -1 ? undefined : arg.slice(eq + 1);
    let negated = false;
    if (!(name in spec) && name.startsWith('no-') && spec[name.slice(3)]?.negatable) {
      name = name.slice(3);
      negated = true;
    }
    const flag = spec[name];
    if (!flag) {
      throw new UsageError(
        `Unknown option --${name}. Options: ${Object.keys(spec)
          .map((key) => `--${key}`)
          .join(', ')}`,
      );
    }
    if (flag.type === 'boolean') {
      if (value !== undefined) throw new UsageError(`--${name} takes no value`);
      out[name] = !negated;
      continue;
    }
    if (value === undefined) {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      i++;
    }
    if (flag.type === 'number') {
      const number = Number(value);
      if (!Number.isInteger(number) || number <= 0)
        throw new UsageError(`--${name} must be a positive whole number, got "${value}"`);
      out[name] = number;
    } else {
      out[name] = value;
    }
  }
  return out;
}

/** @param {Record<string, FlagSpec>} spec */
export function usage(command, summary, spec) {
  const lines = [`Usage: ${command} [options]`, '', summary, '', 'Options:'];
  for (const [name, flag] of Object.entries(spec)) {
    const shown =
      flag.type === 'boolean'
        ? `--${flag.negatable ? '[no-]' : ''}${name}`
        : `--${name} <${flag.type === 'number' ? 'n' : 'value'}>`;
    const def = flag.default !== undefined && flag.type !== 'boolean' ? ` (default: ${flag.default})` : '';
    lines.push(`  ${shown.padEnd(26)} ${flag.help}${def}`);
  }
  return lines.join('\n');
}

/** Compares dotted versions: negative when a < b. */
export function compareVersions(a, b) {
  const pa = String(a).replace(/^v/, '').split('.').map(Number);
  const pb = String(b).replace(/^v/, '').split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const diff = (pa[i] || 0) - (pb[i] || 0);
    if (diff) return diff;
  }
  return 0;
}

/** Throws a UsageError when the Node version is older than the README requires. */
export function checkNodeVersion(version = process.versions.node, minimum = MIN_NODE) {
  if (compareVersions(version, minimum) < 0) {
    throw new UsageError(
      `Node.js ${version} is too old: this project needs Node.js >= ${minimum} (README, package.json "engines"). ` +
        'Install a current Node 20 or 22 LTS (e.g. `nvm install 22`), then `npm ci`.',
      1,
    );
  }
}

/**
 * Where the `sf` CLI is: the project's devDependency (node_modules/.bin/sf, what `npm ci` installs) first,
 * otherwise an `sf` on the PATH. Throws a UsageError saying how to install it when there is neither.
 * @param {{ projectDir?: string, pathEnv?: string, exists?: (file: string) => boolean }} [options]
 */
export function findSf(options = {}) {
  const projectDir = options.projectDir ?? REPO_ROOT;
  const exists = options.exists ?? ((file) => fs.existsSync(file));
  const local = path.join(projectDir, 'node_modules', '.bin', 'sf');
  if (exists(local)) return local;
  for (const dir of (options.pathEnv ?? process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && exists(path.join(dir, 'sf'))) return path.join(dir, 'sf');
  }
  throw new UsageError(
    'The Salesforce CLI (sf) was not found: neither node_modules/.bin/sf nor an sf on the PATH. ' +
      'Run `npm ci` in the repository (it installs @salesforce/cli as a devDependency), then retry.',
    1,
  );
}

/**
 * Picks the Dev Hub from `sf org list --json` output. `requested` is a --target-dev-hub alias or username.
 * @param {unknown} orgList parsed JSON of `sf org list --json`
 * @param {string | null} [requested]
 * @returns {{ ok: true, hub: string } | { ok: false, message: string }}
 */
export function pickDevHub(orgList, requested = null) {
  const result = /** @type {{ result?: { devHubs?: Array<Record<string, unknown>> } }} */ (orgList)?.result;
  const hubs = Array.isArray(result?.devHubs) ? result.devHubs : [];
  const name = (hub) => String(hub.alias ?? hub.username);
  const connected = (hub) => hub.connectedStatus === undefined || hub.connectedStatus === 'Connected';
  const login =
    'sf org login web --set-default-dev-hub --alias devhub   (in the Dev Hub org, Setup > Dev Hub must be enabled)';
  if (hubs.length === 0) {
    return {
      ok: false,
      message: `No Dev Hub is authorised in the sf CLI, and scratch orgs and package versions need one. Authorise it with:\n  ${login}\nCI: authorise it by JWT (see .github/workflows/scratch-org.yml).`,
    };
  }
  let hub;
  if (requested) {
    hub = hubs.find((candidate) => candidate.alias === requested || candidate.username === requested);
    if (!hub) {
      return {
        ok: false,
        message: `"${requested}" is not an authorised Dev Hub. Authorised Dev Hubs: ${hubs.map(name).join(', ')}. Authorise it with:\n  sf org login web --alias ${requested} --set-default-dev-hub`,
      };
    }
  } else {
    hub = hubs.find((candidate) => candidate.isDefaultDevHubUsername === true);
    if (!hub) {
      return {
        ok: false,
        message: `No default Dev Hub is set (authorised: ${hubs.map(name).join(', ')}). Pass --target-dev-hub <alias> or run:\n  sf config set target-dev-hub=${name(hubs[0])}`,
      };
    }
  }
  if (!connected(hub)) {
    return {
      ok: false,
      message: `The Dev Hub ${name(hub)} is authorised but not reachable (${String(hub.connectedStatus)}). Log in again:\n  sf org login web --alias ${name(hub)} --set-default-dev-hub`,
    };
  }
  return { ok: true, hub: String(hub.username ?? hub.alias) };
}

/** Quotes one argument for display (the runner never goes through a shell). */
export function shellQuote(arg) {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${String(arg).replace(/'/g, `'\\''`)}'`;
}

/** Parses JSON from a command's stdout, tolerating warnings printed before it. */
export function parseJsonOutput(stdout) {
  const text = String(stdout ?? '').trim();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    const start = text.indexOf('{');
    if (start === -1) return null;
    try {
      return JSON.parse(text.slice(start));
    } catch {
      return null;
    }
  }
}

/**
 * @typedef {{ code: number, stdout: string, stderr: string }} CommandResult
 * @typedef {(args: string[], options?: { capture?: boolean }) => Promise<CommandResult>} Runner
 */

/**
 * The real runner: spawns the command without a shell. `capture` collects stdout (for --json commands);
 * otherwise output streams to the terminal.
 * @returns {Runner}
 */
export function spawnRunner({ cwd = REPO_ROOT, env = process.env } = {}) {
  return (args, options = {}) =>
    new Promise((resolve) => {
      const child = spawn(args[0], args.slice(1), {
        cwd,
        env: { SF_AUTOUPDATE_DISABLE: 'true', SF_DISABLE_TELEMETRY: 'true', ...env },
        stdio: options.capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      });
      let stdout = '';
      let stderr = '';
      child.stdout?.on('data', (chunk) => (stdout += chunk));
      child.stderr?.on('data', (chunk) => (stderr += chunk));
      child.on('error', (error) =>
        resolve({ code: 127, stdout, stderr: `could not start ${args[0]}: ${error.message}` }),
      );
      child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), stdout, stderr }));
    });
}

/**
 * The --dry-run runner: prints each command (`$ sf …`) and runs nothing. Commands answer with empty output,
 * so the scripts show placeholders (<CallCenterId>) where a real run would use queried values.
 * @param {(line: string) => void} print
 * @returns {Runner}
 */
export function dryRunner(print) {
  return async (args) => {
    print(`$ ${args.map(shellQuote).join(' ')}`);
    return { code: 0, stdout: '', stderr: '' };
  };
}

/**
 * A small step engine shared by the scripts: prints a heading per step, runs commands, stops with a clear
 * message when one fails.
 */
export class Steps {
  /**
   * @param {{ runner: Runner, sf: string, log?: (line: string) => void, dryRun?: boolean }} options
   */
  constructor({ runner, sf, log = console.log, dryRun = false }) {
    this.runner = runner;
    this.sfBin = sf;
    this.log = log;
    this.dryRun = dryRun;
    this.count = 0;
  }

  heading(title) {
    this.count++;
    this.log(`\n[${this.count}] ${title}`);
  }

  /** Runs `sf …args`; throws with `hint` when it fails (unless allowFailure). */
  async sf(args, { json = false, hint = '', allowFailure = false } = {}) {
    const full = [this.sfBin, ...args, ...(json ? ['--json'] : [])];
    const result = await this.runner(full, { capture: json });
    const parsed = json ? parseJsonOutput(result.stdout) : null;
    if (result.code !== 0 && !allowFailure) {
      const detail = (parsed && /** @type {{message?: string}} */ (parsed).message) || result.stderr.trim();
      throw new UsageError(
        `Command failed (exit ${result.code}): sf ${args.join(' ')}${detail ? `\n  ${detail}` : ''}${hint ? `\n${hint}` : ''}`,
        1,
      );
    }
    return { ...result, json: parsed };
  }

  /** Runs a non-sf command (the build). */
  async exec(args, { hint = '' } = {}) {
    const result = await this.runner(args, {});
    if (result.code !== 0) {
      throw new UsageError(`Command failed (exit ${result.code}): ${args.join(' ')}${hint ? `\n${hint}` : ''}`, 1);
    }
    return result;
  }
}

/** The build every script runs first (deploys need the .js tsc emits beside each LWC .ts). */
export function buildCommand() {
  return [process.execPath, 'scripts/build/build-lwc.mjs'];
}

/** Runs a script's main with the shared error handling (UsageError: message only; anything else: stack). */
export async function runMain(main) {
  try {
    process.exitCode = (await main(process.argv.slice(2))) ?? 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`\n${error.message}`);
      process.exitCode = error.exitCode;
    } else {
      console.error(error);
      process.exitCode = 1;
    }
  }
}
