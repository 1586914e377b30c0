// `npm test`: every offline check of the package, in order, ending with the line "N passed, N failed".
//
// Each stage is one check (counted as 1), except the stages that run test suites (Jest, the browser
// tests), which count each of their tests. A stage that fails does not stop the later ones, so one run
// shows every problem; the exit code is non-zero if anything failed.
//
//   npm test                      all stages
//   npm run check:quick           fast subset (< 60 s): tsc, lint, Apex syntax, apex-ls, Jest on changed files
//   node scripts/test/run-all.mjs --only jest,e2e   chosen stages (names below)
//   node scripts/test/run-all.mjs --list            list the stages
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const VERIFY_DIR = '.verify';
const node = process.execPath;
const bin = (name) => path.join('node_modules', '.bin', name);

/**
 * @typedef {{ passed: number, failed: number, detail?: string }} StageCount
 * @typedef {{ name: string, title: string, quick?: boolean, command: () => string[], env?: Record<string,string>,
 *   count?: (exitCode: number) => StageCount, needs?: string[], manual?: boolean }} Stage
 */

/** Counts the tests of a Jest run from its --json output file. */
function countJest(file) {
  return (exitCode) => {
    if (!fs.existsSync(file)) return { passed: 0, failed: 1, detail: 'Jest wrote no results' };
    const report = JSON.parse(fs.readFileSync(file, 'utf8'));
    const failedSuites = report.numRuntimeErrorTestSuites ?? 0;
    // A coverage-threshold miss or a suite that fails to load makes Jest exit non-zero with all tests passed.
    const extra = exitCode !== 0 && report.numFailedTests === 0 ? 1 : 0;
    return {
      passed: report.numPassedTests,
      failed: report.numFailedTests + failedSuites + extra,
      detail: extra ? 'Jest exited non-zero (coverage threshold or a suite that failed to run)' : undefined,
    };
  };
}

/** Counts the browser tests from the JSON the e2e runner writes. */
function countJsonResults(file) {
  return (exitCode) => {
    if (!fs.existsSync(file)) return { passed: 0, failed: 1, detail: `no results in ${file}` };
    const { passed, failed } = JSON.parse(fs.readFileSync(file, 'utf8'));
    return { passed, failed: failed + (exitCode !== 0 && failed === 0 ? 1 : 0) };
  };
}

/** Counts the tests of a `node --test` run from its TAP summary lines (`# pass N`, `# fail N`). */
function countNodeTests(file) {
  return (exitCode) => {
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    const passed = Number(/^# pass (\d+)$/m.exec(text)?.[1] ?? 0);
    const failed = Number(/^# fail (\d+)$/m.exec(text)?.[1] ?? 0);
    if (!text) return { passed: 0, failed: 1, detail: `no results in ${file}` };
    return { passed, failed: failed + (exitCode !== 0 && failed === 0 ? 1 : 0) };
  };
}

const quickMode = process.argv.includes('--quick');

/** @type {Stage[]} */
const STAGES = [
  {
    name: 'build',
    title: 'TypeScript LWC build (tsc emit)',
    quick: true,
    command: () => [node, 'scripts/build/build-lwc.mjs'],
  },
  {
    name: 'typecheck',
    title: 'Type-check LWC sources and tests (tsc --noEmit; the preview backend is checked by preview-build)',
    quick: true,
    command: () => [
      node,
      'node_modules/typescript/bin/tsc',
      '-p',
      'tsconfig.test.json',
      '--incremental',
      '--tsBuildInfoFile',
      `${VERIFY_DIR}/tsconfig.test.tsbuildinfo`,
    ],
  },
  {
    name: 'lint',
    title: 'ESLint (zero warnings)',
    quick: true,
    // The cache (keyed by file content and config) makes re-runs lint only what changed.
    command: () => [
      bin('eslint'),
      '--max-warnings',
      '0',
      '--cache',
      '--cache-location',
      `${VERIFY_DIR}/eslint-cache`,
      '.',
    ],
  },
  {
    name: 'format',
    title: 'Prettier (TS, HTML, JSON, scripts)',
    command: () => [
      bin('prettier'),
      '--check',
      'force-app/**/lwc/**/*.{ts,html,json}',
      'types/**/*.ts',
      'scripts/**/*.{mjs,cjs}',
      'tests/**/*.mjs',
      'preview/**/*.{ts,mjs}',
      'config/*.json',
      'config/sample-data/*.json',
      '.github/workflows/*.yml',
    ],
  },
  {
    name: 'generated',
    title: 'Generated files are current (Apex rule-vector test class from ruleVectors.json)',
    quick: true,
    command: () => [node, 'scripts/build/gen-rule-vectors-apex.mjs', '--check'],
  },
  {
    name: 'apex-format',
    title: 'Apex syntax and format (prettier-plugin-apex)',
    quick: true,
    command: () => [node, 'scripts/verify/apex-format.mjs'],
  },
  {
    name: 'apex-semantics',
    title: 'Apex semantics (apex-ls)',
    quick: true,
    command: () => [node, 'scripts/verify/apex-semantics.mjs'],
  },
  {
    name: 'lwc-compile',
    title: 'LWC compiler over the emitted bundles',
    command: () => [node, 'scripts/verify/lwc-compile.mjs'],
    needs: ['build'], // needs the emitted LWC .js and the static resources copied from npm
  },
  {
    name: 'metadata-lint',
    title: 'Metadata XML, elements and permission set references',
    command: () => [node, 'scripts/verify/metadata-lint.mjs'],
  },
  {
    name: 'metadata-convert',
    title: 'Source-deploy-retrieve conversion (every file claimed)',
    command: () => [node, 'scripts/verify/metadata-convert.mjs'],
    needs: ['build'], // needs the emitted LWC .js and the static resources copied from npm
  },
  {
    name: 'soql-schema',
    title: 'SOQL objects, fields and relationships against the v65 schema + our objects',
    command: () => [node, 'scripts/verify/soql-schema.mjs', '--quiet-info'],
  },
  {
    name: 'apex-contracts',
    title: 'Apex <-> LWC contracts (imports, @wire, parameters, result types, preview backend)',
    command: () => [node, 'scripts/verify/apex-contracts.mjs', '--quiet-info'],
  },
  {
    name: 'permission-coverage',
    title: 'Permission sets grant what the package ships and the async jobs need',
    command: () => [node, 'scripts/verify/permission-coverage.mjs', '--quiet-info'],
  },
  {
    name: 'code-analyzer',
    title: 'Code Analyzer v5 (PMD, ESLint, regex, RetireJS)',
    command: () => [node, 'scripts/verify/code-analyzer.mjs'],
    needs: ['build'], // needs the emitted LWC .js and the static resources copied from npm
  },
  {
    name: 'graph-engine',
    title: 'Code Analyzer v5 Graph Engine (sfge)',
    command: () => [node, 'scripts/verify/code-analyzer.mjs', '--sfge-only'],
  },
  {
    name: 'jest',
    title: 'Jest unit and component tests (coverage >= 90% of LWC lines)',
    quick: true,
    command: () => [
      node,
      'node_modules/@salesforce/sfdx-lwc-jest/bin/sfdx-lwc-jest',
      '--',
      '--coverage',
      '--json',
      `--outputFile=${VERIFY_DIR}/jest.json`,
      ...(quickMode ? ['--onlyChanged', '--coverageThreshold={}', '--passWithNoTests'] : []),
    ],
    count: countJest(`${VERIFY_DIR}/jest.json`),
  },
  {
    name: 'payloads',
    title: 'Golden provisioning payloads: SCIM requests against a real SCIM 2.0 library, webhook signatures',
    command: () => [
      node,
      '--test',
      '--test-reporter=tap',
      `--test-reporter-destination=${VERIFY_DIR}/payloads.tap`,
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      'tests/payloads/',
    ],
    count: countNodeTests(`${VERIFY_DIR}/payloads.tap`),
  },
  {
    name: 'scripts',
    title: 'Org and packaging scripts offline: arguments, prerequisites, dry runs, sample data, workflows, sf CLI',
    command: () => [
      node,
      '--test',
      '--test-reporter=tap',
      `--test-reporter-destination=${VERIFY_DIR}/scripts.tap`,
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      'tests/scripts/',
    ],
    count: countNodeTests(`${VERIFY_DIR}/scripts.tap`),
  },
  {
    name: 'preview-build',
    title: 'Preview build (backend typed by the Apex contracts, rollup)',
    command: () => [node, 'scripts/preview/start.mjs', '--build-only'],
  },
  {
    name: 'preview-unit',
    title: 'Preview backend unit tests (node --test against the compiled backend)',
    command: () => [
      node,
      '--test',
      '--test-reporter=tap',
      `--test-reporter-destination=${VERIFY_DIR}/preview-unit.tap`,
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      'tests/preview/',
    ],
    count: countNodeTests(`${VERIFY_DIR}/preview-unit.tap`),
    needs: ['preview-build'],
  },
  {
    name: 'e2e',
    title: 'Browser tests (Chromium, axe-core, screenshots)',
    command: () => [node, 'tests/e2e/run-e2e.mjs', `--json=${VERIFY_DIR}/e2e.json`],
    count: countJsonResults(`${VERIFY_DIR}/e2e.json`),
    needs: ['preview-build'],
  },
  {
    // Not in the default run (about 4-5 min on 2 cores): `npm run test:mutations`, or --only mutations.
    name: 'mutations',
    title: 'Mutation suite: each injected fault makes its verification stage fail (npm run test:mutations)',
    manual: true,
    command: () => [node, 'scripts/test/mutations.mjs', `--json=${VERIFY_DIR}/mutations.json`],
    count: countJsonResults(`${VERIFY_DIR}/mutations.json`),
  },
];

function parseArgs(argv) {
  const only = argv.find((arg) => arg.startsWith('--only'));
  const onlyValue = only?.includes('=') ? only.split('=')[1] : only ? argv[argv.indexOf(only) + 1] : undefined;
  return { only: onlyValue ? onlyValue.split(',') : null, list: argv.includes('--list') };
}

function runCommand(args, env) {
  return new Promise((resolve) => {
    const child = spawn(args[0], args.slice(1), { stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('error', (error) => {
      console.error(`could not start ${args[0]}: ${error.message}`);
      resolve(127);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main() {
  const { only, list } = parseArgs(process.argv.slice(2));
  if (list) {
    for (const stage of STAGES) {
      console.log(
        `${stage.name.padEnd(18)} ${stage.quick ? '[quick] ' : ''}${stage.manual ? '[not in the default run] ' : ''}${stage.title}`,
      );
    }
    return;
  }
  const unknown = (only ?? []).filter((name) => !STAGES.some((stage) => stage.name === name));
  if (unknown.length) {
    console.error(`Unknown stage(s): ${unknown.join(', ')}. Stages: ${STAGES.map((stage) => stage.name).join(', ')}`);
    process.exit(2);
  }
  let selected = STAGES.filter((stage) => (only ? only.includes(stage.name) : quickMode ? stage.quick : !stage.manual));
  // A stage that needs another (e2e needs the preview build) brings it along.
  const names = new Set(selected.map((stage) => stage.name));
  for (const stage of selected) for (const need of stage.needs ?? []) names.add(need);
  selected = STAGES.filter((stage) => names.has(stage.name));

  fs.mkdirSync(VERIFY_DIR, { recursive: true });
  const summary = [];
  const started = Date.now();
  for (const stage of selected) {
    console.log(`\n━━ ${stage.name}: ${stage.title}`);
    const stageStart = Date.now();
    const exitCode = await runCommand(stage.command(), stage.env);
    const counted = stage.count
      ? stage.count(exitCode)
      : exitCode === 0
        ? { passed: 1, failed: 0 }
        : { passed: 0, failed: 1 };
    const seconds = ((Date.now() - stageStart) / 1000).toFixed(1);
    summary.push({ stage, ...counted, seconds, exitCode });
    const verdict = counted.failed ? 'FAILED' : 'ok';
    console.log(`━━ ${stage.name}: ${verdict} (${counted.passed} passed, ${counted.failed} failed, ${seconds} s)`);
  }

  const passed = summary.reduce((sum, row) => sum + row.passed, 0);
  const failed = summary.reduce((sum, row) => sum + row.failed, 0);
  console.log('\nStage                 Passed  Failed  Seconds');
  for (const row of summary) {
    const mark = row.failed ? '✗' : '✓';
    console.log(
      `${mark} ${row.stage.name.padEnd(19)} ${String(row.passed).padStart(6)}  ${String(row.failed).padStart(6)}  ${row.seconds.padStart(7)}${row.detail ? `  ${row.detail}` : ''}`,
    );
  }
  console.log(`Total time ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
