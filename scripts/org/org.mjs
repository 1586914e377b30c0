// Scratch-org scripts: `npm run org:create | org:deploy | org:test | org:delete` (node scripts/org/org.mjs <command>).
// Each builds first, checks its prerequisites (Node, the sf CLI, an authorised Dev Hub or the target org) and
// says what is missing and how to fix it. `--dry-run` prints the commands without running anything.
//
//   npm run org:create                         Voice scratch org "ccus", 7 days, deploy, permission sets, sample data, open the app
//   npm run org:create -- --no-voice           the same without Service Cloud Voice (alias "ccus-novoice")
//   npm run org:deploy -- --alias ccus         build + deploy force-app and dev-app
//   npm run org:test -- --alias ccus           build + deploy + Apex tests with coverage (fails below 90 %)
//   npm run org:delete -- --alias ccus         delete the scratch org
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  PROJECT,
  REPO_ROOT,
  Steps,
  UsageError,
  buildCommand,
  checkNodeVersion,
  dryRunner,
  findSf,
  parseFlags,
  pickDevHub,
  runMain,
  spawnRunner,
  usage,
} from './lib.mjs';
import {
  loadAgents,
  planAgents,
  routingMapRows,
  toCsv,
  userValues,
  usernameFor,
  ROUTING_MAP_COLUMNS,
} from './sample-data.mjs';

const COMMON = {
  alias: { type: 'string', help: 'scratch org alias (default: ccus, or ccus-novoice with --no-voice)' },
  'dry-run': { type: 'boolean', help: 'print the commands instead of running them' },
  help: { type: 'boolean', help: 'show this help' },
};

/** @type {Record<string, { summary: string, flags: Record<string, import('./lib.mjs').FlagSpec> }>} */
export const COMMANDS = {
  create: {
    summary:
      'Build, check the Dev Hub, create a scratch org, deploy force-app and dev-app, assign the permission sets, create a demo call center with sample agents (some mapped), open the app.',
    flags: {
      ...COMMON,
      'duration-days': { type: 'number', default: 7, help: 'days before the scratch org expires (1-30)' },
      voice: {
        type: 'boolean',
        default: true,
        negatable: true,
        help: '--no-voice: scratch org without Service Cloud Voice',
      },
      'target-dev-hub': { type: 'string', help: 'Dev Hub alias or username (default: the default Dev Hub)' },
      deploy: {
        type: 'boolean',
        default: true,
        negatable: true,
        help: '--no-deploy: an empty org (no deploy, permission sets or sample data), e.g. to install a package version',
      },
      'sample-data': {
        type: 'boolean',
        default: true,
        negatable: true,
        help: '--no-sample-data: skip the demo agents',
      },
      open: {
        type: 'boolean',
        default: true,
        negatable: true,
        help: '--no-open: print the app URL instead of opening it',
      },
      wait: { type: 'number', default: 30, help: 'minutes to wait for org creation and each deploy' },
      'sample-dir': {
        type: 'string',
        help: 'where the generated CallCenterRoutingMap CSV is written (default: a temp dir)',
      },
    },
  },
  deploy: {
    summary: 'Build, then deploy force-app (and dev-app) to the org.',
    flags: {
      ...COMMON,
      'dev-app': {
        type: 'boolean',
        default: true,
        negatable: true,
        help: '--no-dev-app: deploy only the package (force-app)',
      },
      wait: { type: 'number', default: 30, help: 'minutes to wait for each deploy' },
    },
  },
  test: {
    summary: `Build, deploy force-app, run the Apex tests with code coverage; fails when a test fails or our classes are below ${PROJECT.coverageThreshold} % covered.`,
    flags: {
      ...COMMON,
      threshold: {
        type: 'number',
        default: PROJECT.coverageThreshold,
        help: 'minimum line coverage of our classes, in %',
      },
      deploy: { type: 'boolean', default: true, negatable: true, help: '--no-deploy: test what is in the org already' },
      wait: { type: 'number', default: 60, help: 'minutes to wait for the test run' },
      'output-dir': { type: 'string', default: '.verify/apex-tests', help: 'where sf writes the test result files' },
    },
  },
  delete: {
    summary: 'Delete the scratch org.',
    flags: { ...COMMON },
  },
};

/**
 * Parses `<command> [flags]`. Returns the command, its flags and the resolved alias.
 * @param {string[]} argv
 */
export function parseOrgArgs(argv) {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || !(command in COMMANDS)) {
    throw new UsageError(
      `${command && command !== '--help' ? `Unknown command "${command}". ` : ''}Usage: node scripts/org/org.mjs <${Object.keys(COMMANDS).join('|')}> [options] (--help for the options of each)`,
    );
  }
  const flags = parseFlags(rest, COMMANDS[command].flags);
  if (flags._.length) throw new UsageError(`Unexpected argument "${flags._[0]}" (options start with --)`);
  const noVoice = command === 'create' && flags.voice === false;
  const alias = /** @type {string} */ (
    flags.alias ?? (noVoice ? `${PROJECT.defaultAlias}-novoice` : PROJECT.defaultAlias)
  );
  if (!/^[\w.@-]+$/.test(alias)) throw new UsageError(`--alias "${alias}" may only contain letters, digits, _ . @ -`);
  if (command === 'create' && /** @type {number} */ (flags['duration-days']) > 30) {
    throw new UsageError('--duration-days must be between 1 and 30 (the scratch org maximum)');
  }
  if (command === 'test' && /** @type {number} */ (flags.threshold) > 100)
    throw new UsageError('--threshold is a percentage (1-100)');
  return { command, flags, alias };
}

// ---------------------------------------------------------------------------------------------- coverage

/** Names of our Apex classes and triggers (non-test), from the package directory. */
export function ourApexNames(projectDir = REPO_ROOT) {
  const names = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(cls|trigger)$/.test(entry.name)) {
        const name = entry.name.replace(/\.(cls|trigger)$/, '');
        const source = fs.readFileSync(full, 'utf8');
        const testClass = new RegExp(`@IsTest(\\([^)]*\\))?\\s+[\\w\\s]*\\bclass\\s+${name}\\b`, 'i');
        if (!testClass.test(source)) names.push(name);
      }
    }
  };
  walk(path.join(projectDir, PROJECT.packageDir));
  return names.sort();
}

/**
 * Summarises `sf apex run test --code-coverage --result-format json` output: tests, failures, and the line
 * coverage of OUR classes (the package's non-test classes and triggers) against the threshold.
 * @param {unknown} output parsed JSON (with or without the `{ status, result }` envelope)
 * @param {string[]} ourNames
 * @param {number} threshold
 */
export function summarizeTestRun(output, ourNames, threshold) {
  const result = /** @type {any} */ (output)?.result ?? output;
  if (!result?.summary) {
    return {
      ok: false,
      lines: ['The test run returned no result (see the sf output above).'],
      percent: null,
      gate: null,
    };
  }
  const tests = Array.isArray(result.tests) ? result.tests : [];
  const failures = tests.filter((test) => test.Outcome !== 'Pass' && test.Outcome !== 'Skip');
  const ours = new Set(ourNames);
  const coverage = (result.coverage?.coverage ?? []).filter((row) => ours.has(row.name));
  const total = coverage.reduce((sum, row) => sum + row.totalLines, 0);
  const covered = coverage.reduce((sum, row) => sum + row.totalCovered, 0);
  const percent = total ? Math.floor((covered / total) * 1000) / 10 : 0;
  const missing = ourNames.filter((name) => !coverage.some((row) => row.name === name));
  const lines = [
    `Tests: ${result.summary.testsRan ?? tests.length} ran, ${result.summary.passing ?? tests.length - failures.length} passed, ${failures.length} failed, ${result.summary.skipped ?? 0} skipped (outcome ${result.summary.outcome ?? '?'})`,
  ];
  for (const test of failures.slice(0, 20)) {
    lines.push(
      `  ✗ ${test.FullName ?? `${test.ApexClass?.Name}.${test.MethodName}`}: ${String(test.Message ?? '').split('\n')[0]}`,
    );
  }
  if (failures.length > 20) lines.push(`  … and ${failures.length - 20} more`);
  lines.push(
    `Coverage of our ${coverage.length} classes/triggers: ${covered}/${total} lines = ${percent} % (threshold ${threshold} %; org-wide as sf reports it: ${result.summary.orgWideCoverage ?? 'n/a'})`,
  );
  const low = coverage
    .filter((row) => row.totalLines && row.coveredPercent < threshold)
    .sort((a, b) => a.coveredPercent - b.coveredPercent);
  for (const row of low.slice(0, 10))
    lines.push(`  ${String(row.coveredPercent).padStart(3)} %  ${row.name} (${row.totalCovered}/${row.totalLines})`);
  if (missing.length) {
    lines.push(
      `  no coverage data (not run by any test, or an interface without lines): ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}`,
    );
  }
  // Classes no test touched are missing from the per-class list, so the org-wide figure (the scratch org holds only
  // this project's Apex) is the gate too: the lower of the two counts.
  const orgWide = Number.parseFloat(String(result.summary.orgWideCoverage ?? ''));
  const gate = Number.isFinite(orgWide) ? Math.min(percent, orgWide) : percent;
  const ok = failures.length === 0 && total > 0 && gate >= threshold;
  const problems = [
    ...(failures.length ? [`${failures.length} failing test(s)`] : []),
    ...(gate < threshold ? [`coverage ${gate} % < ${threshold} %`] : []),
  ];
  lines.push(ok ? 'PASSED' : `FAILED: ${problems.join('; ')}`);
  return { ok, lines, percent, gate };
}

// ---------------------------------------------------------------------------------------------- steps

const records = (json) => /** @type {any} */ (json)?.result?.records ?? [];

async function checkDevHub(steps, requested) {
  steps.heading('Check that a Dev Hub is authorised');
  const { json } = await steps.sf(['org', 'list'], {
    json: true,
    hint: 'Could not list the authorised orgs.',
  });
  if (steps.dryRun) return requested ?? '<default Dev Hub>';
  const pick = pickDevHub(json, requested);
  if (!pick.ok) throw new UsageError(pick.message, 1);
  steps.log(`Dev Hub: ${pick.hub}`);
  return pick.hub;
}

async function checkTargetOrg(steps, alias) {
  steps.heading(`Check that the org "${alias}" is authorised`);
  const { json } = await steps.sf(['org', 'display', '--target-org', alias], {
    json: true,
    hint: `The org "${alias}" is not authorised in the sf CLI. Create it with \`npm run org:create -- --alias ${alias}\`, or log in: sf org login web --alias ${alias}`,
  });
  return /** @type {any} */ (json)?.result ?? null;
}

async function build(steps) {
  steps.heading('Build (tsc emits the LWC .js that deploys)');
  await steps.exec(buildCommand(), { hint: 'Fix the TypeScript errors above (npm run build).' });
}

async function deploy(steps, alias, { devApp, wait }) {
  const dirs = [PROJECT.packageDir, ...(devApp ? [PROJECT.devAppDir] : [])];
  for (const dir of dirs) {
    steps.heading(
      `Deploy ${dir}${dir === PROJECT.devAppDir ? ' (not packaged: demo call center, credential templates)' : ''}`,
    );
    await steps.sf(['project', 'deploy', 'start', '--source-dir', dir, '--target-org', alias, '--wait', String(wait)], {
      hint: `The deploy of ${dir} failed: the component errors are listed above. docs/platform-assumptions.md lists what no offline check could prove.`,
    });
  }
}

/**
 * Creates the sample agents (users of the demo call center) and, with Voice, the CallCenterRoutingMap records of
 * the mapped ones. Idempotent: existing sample users and mappings are kept.
 */
async function sampleData(steps, alias, { voice, sampleDir }) {
  const file = loadAgents();
  const dry = steps.dryRun;
  const query = (soql, hint) =>
    steps.sf(['data', 'query', '--query', soql, '--target-org', alias], { json: true, hint });

  steps.heading('Sample data: look up the org, the demo call center, licences and profiles');
  const org = await steps.sf(['org', 'display', '--target-org', alias], { json: true });
  const orgId = dry ? null : /** @type {any} */ (org.json)?.result?.id;
  const cc = await query(
    `SELECT Id FROM CallCenter WHERE InternalName = '${file.callCenterInternalName}'`,
    'The demo call center is deployed from dev-app/main/sample-data/callCenters: deploy dev-app first (npm run org:deploy).',
  );
  const callCenterId = dry ? '<CallCenterId>' : records(cc.json)[0]?.Id;
  if (!callCenterId) {
    throw new UsageError(
      `The call center ${file.callCenterInternalName} is not in the org: deploy dev-app (npm run org:deploy -- --alias ${alias}).`,
      1,
    );
  }
  const licenses = await query(
    `SELECT Name, TotalLicenses, UsedLicenses FROM UserLicense WHERE Name IN ('Salesforce', 'Salesforce Platform')`,
  );
  const profiles = await query(
    `SELECT Id, Name FROM Profile WHERE Name IN ('Standard User', 'Standard Platform User')`,
  );
  const existing = await query(`SELECT Id, Alias, Username FROM User WHERE Username LIKE '%@ccus-demo.example.com'`);

  const profileIds = new Map(records(profiles.json).map((row) => [row.Name, row.Id]));
  const existingByUsername = new Map(records(existing.json).map((row) => [String(row.Username).toLowerCase(), row.Id]));
  const plan = planAgents(
    file.agents,
    dry ? [{ Name: 'Salesforce', TotalLicenses: 99, UsedLicenses: 0 }] : records(licenses.json),
  );

  steps.heading(`Sample data: ${plan.length} agents in the demo call center`);
  const created = [];
  for (const agent of plan) {
    const username = dry ? `${agent.key}.<orgid>@ccus-demo.example.com` : usernameFor(agent, orgId);
    const known = existingByUsername.get(username.toLowerCase());
    if (known) {
      steps.log(`  ${agent.key}: exists (${known})`);
      created.push({ ...agent, userId: known });
      continue;
    }
    const profileId = dry ? `<ProfileId of ${agent.profile}>` : profileIds.get(agent.profile);
    if (!profileId)
      throw new UsageError(
        `The profile "${agent.profile}" is not in the org (the scratch definition sets language en_US).`,
        1,
      );
    const values = dry
      ? userValues(agent, { orgId: '000000000000000', profileId, callCenterId }).replace(
          /Username='[^']*'/,
          `Username='${username}'`,
        )
      : userValues(agent, { orgId, profileId, callCenterId });
    const result = await steps.sf(
      ['data', 'create', 'record', '--sobject', 'User', '--values', values, '--target-org', alias],
      {
        json: true,
        hint: 'Creating a sample user failed (a licence or a required User field?). The rest of the org is ready; rerun with --no-sample-data to skip.',
      },
    );
    const userId = dry ? `<UserId of ${agent.key}>` : /** @type {any} */ (result.json)?.result?.id;
    steps.log(
      `  ${agent.key}: ${agent.active ? 'active' : 'inactive'}, ${agent.mapped ? 'mapped' : 'unmapped'}${agent.note ? ` (${agent.note})` : ''}`,
    );
    created.push({ ...agent, userId });
  }

  if (!voice) {
    steps.log(
      '  No Service Cloud Voice: CallCenterRoutingMap does not exist, so every agent is unmapped (the app says why).',
    );
    return { created, csv: null };
  }
  steps.heading('Sample data: CallCenterRoutingMap records for the mapped agents (Bulk API 2.0 CSV import)');
  const mapped = await query(
    `SELECT ReferenceRecordId FROM CallCenterRoutingMap WHERE CallCenterId = '${callCenterId}'`,
    'CallCenterRoutingMap is missing: was the org created from config/project-scratch-def.json (Service Cloud Voice)?',
  );
  const already = new Set(records(mapped.json).map((row) => row.ReferenceRecordId));
  const todo = created.filter((agent) => agent.mapped && !already.has(agent.userId));
  const dir =
    sampleDir ??
    (dry ? path.join(os.tmpdir(), 'ccus-sample-<random>') : fs.mkdtempSync(path.join(os.tmpdir(), 'ccus-sample-')));
  const csvFile = path.join(dir, 'CallCenterRoutingMap.csv');
  if (dry) {
    steps.log(
      `  (dry run) ${csvFile} gets the columns ${ROUTING_MAP_COLUMNS.join(',')} for: ${todo.map((agent) => agent.key).join(', ')}`,
    );
  } else if (todo.length === 0) {
    steps.log('  every mapped agent has its mapping already');
    return { created, csv: null };
  } else {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(csvFile, toCsv(routingMapRows(todo, { orgId, callCenterId })));
    steps.log(`  wrote ${csvFile} (${todo.length} rows)`);
  }
  await steps.sf(
    [
      'data',
      'import',
      'bulk',
      '--sobject',
      'CallCenterRoutingMap',
      '--file',
      csvFile,
      '--line-ending',
      'LF',
      '--wait',
      '10',
      '--target-org',
      alias,
    ],
    {
      json: true,
      hint: 'The mapping import failed; the agents exist. The failed rows are listed by: sf data bulk results --job-id <id>',
    },
  );
  return { created, csv: dry ? null : csvFile };
}

async function openApp(steps, alias, open) {
  steps.heading('Open the app');
  await steps.sf(['org', 'open', '--target-org', alias, '--path', PROJECT.appPath, ...(open ? [] : ['--url-only'])]);
}

// ---------------------------------------------------------------------------------------------- commands

/**
 * Runs one command. `runner`, `sf`, `log` and `nodeVersion` are injectable (tests run it with a fake sf).
 * @param {string[]} argv
 * @param {{ runner?: import('./lib.mjs').Runner, sf?: string, log?: (line: string) => void, nodeVersion?: string }} [deps]
 * @returns {Promise<number>} exit code
 */
export async function main(argv, deps = {}) {
  const log = deps.log ?? console.log;
  const { command, flags, alias } = parseOrgArgs(argv);
  if (flags.help) {
    log(usage(`npm run org:${command} --`, COMMANDS[command].summary, COMMANDS[command].flags));
    return 0;
  }
  checkNodeVersion(deps.nodeVersion);
  const dryRun = Boolean(flags['dry-run']);
  const sf = deps.sf ?? (dryRun ? 'sf' : findSf());
  const runner = deps.runner ?? (dryRun ? dryRunner(log) : spawnRunner());
  const steps = new Steps({ runner, sf, log, dryRun });
  if (dryRun) log(`Dry run of org:${command}: the commands are printed, nothing runs.`);

  if (command === 'create') {
    const voice = flags.voice !== false;
    await build(steps);
    const hub = await checkDevHub(steps, /** @type {string|null} */ (flags['target-dev-hub']));
    steps.heading(
      `Create the scratch org "${alias}" (${voice ? 'with' : 'WITHOUT'} Service Cloud Voice, ${flags['duration-days']} days)`,
    );
    await steps.sf(
      [
        'org',
        'create',
        'scratch',
        '--definition-file',
        voice ? PROJECT.scratchDef : PROJECT.scratchDefNoVoice,
        '--alias',
        alias,
        '--duration-days',
        String(flags['duration-days']),
        '--target-dev-hub',
        hub,
        '--set-default',
        '--wait',
        String(flags.wait),
      ],
      {
        hint:
          'Scratch org creation failed. Common causes: the daily scratch org allocation is used up (sf org list limits --target-org <hub>), ' +
          (voice
            ? 'or the Dev Hub is not entitled to ServiceCloudVoicePartnerTelephony (retry with --no-voice).'
            : 'or the Dev Hub is unreachable.'),
      },
    );
    if (!flags.deploy) {
      log(
        `\nEmpty scratch org "${alias}" is ready (nothing deployed). Install a version: sf package install --package <04t…> --target-org ${alias} --wait 20 --no-prompt`,
      );
      return 0;
    }
    await deploy(steps, alias, { devApp: true, wait: flags.wait });
    steps.heading('Assign the permission sets to the admin user');
    await steps.sf([
      'org',
      'assign',
      'permset',
      ...PROJECT.permissionSets.flatMap((name) => ['--name', name]),
      '--target-org',
      alias,
    ]);
    if (flags['sample-data']) await sampleData(steps, alias, { voice, sampleDir: flags['sample-dir'] });
    await openApp(steps, alias, flags.open);
    log(
      `\nScratch org "${alias}" is ready. Next: npm run org:test -- --alias ${alias}; npm run org:delete -- --alias ${alias}`,
    );
    return 0;
  }

  if (command === 'deploy') {
    await build(steps);
    await checkTargetOrg(steps, alias);
    await deploy(steps, alias, { devApp: flags['dev-app'], wait: flags.wait });
    log(`\nDeployed to "${alias}".`);
    return 0;
  }

  if (command === 'test') {
    await build(steps);
    await checkTargetOrg(steps, alias);
    if (flags.deploy) await deploy(steps, alias, { devApp: false, wait: 30 });
    steps.heading('Run the Apex tests with code coverage');
    const run = await steps.sf(
      [
        'apex',
        'run',
        'test',
        '--test-level',
        'RunLocalTests',
        '--code-coverage',
        '--result-format',
        'json',
        '--output-dir',
        String(flags['output-dir']),
        '--wait',
        String(flags.wait),
        '--target-org',
        alias,
      ],
      { json: true, allowFailure: true },
    );
    if (dryRun) return 0;
    const summary = summarizeTestRun(run.json, ourApexNames(), /** @type {number} */ (flags.threshold));
    log(`\n${summary.lines.join('\n')}`);
    return summary.ok ? 0 : 1;
  }

  // delete
  steps.heading(`Delete the scratch org "${alias}"`);
  await steps.sf(['org', 'delete', 'scratch', '--target-org', alias, '--no-prompt'], {
    hint: `Could not delete "${alias}": is it a scratch org known to this CLI (sf org list)?`,
  });
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  runMain((argv) => main(argv));
}
