// The command sequence of each script with --dry-run (printed, nothing runs), and the test-run summary.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { main, summarizeTestRun } from '../../scripts/org/org.mjs';
import { main as packageMain } from '../../scripts/org/package-version.mjs';
import { collectLog } from './helpers.mjs';

/** Runs a script in dry-run mode and returns the printed commands (`$ …` lines, without the `$ `). */
async function dryRun(run, argv, extra = {}) {
  const { log, lines } = collectLog();
  const exit = await run([...argv, '--dry-run'], { log, ...extra });
  assert.equal(exit, 0);
  return lines.filter((line) => line.startsWith('$ ')).map((line) => line.slice(2));
}

const sfOnly = (commands) =>
  commands.filter((line) => line.startsWith('sf ')).map((line) => line.split(' ').slice(1, 4).join(' '));

describe('org:create --dry-run', () => {
  it('builds, checks the Dev Hub, creates, deploys both directories, assigns, adds sample data, opens the app', async () => {
    const commands = await dryRun(main, ['create']);
    assert.match(commands[0], /scripts\/build\/build-lwc\.mjs$/);
    assert.equal(commands[1], 'sf org list --json');
    assert.match(
      commands[2],
      /^sf org create scratch --definition-file config\/project-scratch-def\.json --alias ccus --duration-days 7 .*--set-default/,
    );
    assert.equal(commands[3], 'sf project deploy start --source-dir force-app --target-org ccus --wait 30');
    assert.equal(commands[4], 'sf project deploy start --source-dir dev-app --target-org ccus --wait 30');
    assert.equal(
      commands[5],
      'sf org assign permset --name Contact_Center_User_Sync_Admin --name Contact_Center_User_Sync_Provisioning --target-org ccus',
    );
    const creates = commands.filter((line) => line.startsWith('sf data create record --sobject User'));
    assert.equal(creates.length, 6);
    assert.ok(creates.every((line) => /CallCenterId='\\''<CallCenterId>'\\''/.test(line)));
    assert.ok(
      commands.some((line) =>
        /^sf data import bulk --sobject CallCenterRoutingMap --file .*CallCenterRoutingMap\.csv'? --line-ending LF/.test(
          line,
        ),
      ),
    );
    assert.equal(commands.at(-1), 'sf org open --target-org ccus --path lightning/n/Contact_Center_User_Sync');
  });

  it('--no-voice uses the definition without Voice and imports no mappings', async () => {
    const commands = await dryRun(main, [
      'create',
      '--no-voice',
      '--duration-days',
      '3',
      '--target-dev-hub',
      'hub',
      '--no-open',
    ]);
    assert.match(
      commands[2],
      /--definition-file config\/project-scratch-def-novoice\.json --alias ccus-novoice --duration-days 3 --target-dev-hub hub/,
    );
    assert.ok(!commands.some((line) => /CallCenterRoutingMap/.test(line)));
    assert.equal(
      commands.at(-1),
      'sf org open --target-org ccus-novoice --path lightning/n/Contact_Center_User_Sync --url-only',
    );
  });

  it('--no-deploy stops after creating an empty org; --no-sample-data skips the agents', async () => {
    assert.deepEqual(sfOnly(await dryRun(main, ['create', '--no-deploy'])), ['org list --json', 'org create scratch']);
    const commands = await dryRun(main, ['create', '--no-sample-data']);
    assert.ok(!commands.some((line) => /data (create|query|import)/.test(line)));
  });
});

describe('org:deploy, org:test, org:delete --dry-run', () => {
  it('org:deploy builds, checks the org and deploys force-app then dev-app', async () => {
    const commands = await dryRun(main, ['deploy', '--alias', 'mine']);
    assert.match(commands[0], /build-lwc\.mjs$/);
    assert.deepEqual(commands.slice(1), [
      'sf org display --target-org mine --json',
      'sf project deploy start --source-dir force-app --target-org mine --wait 30',
      'sf project deploy start --source-dir dev-app --target-org mine --wait 30',
    ]);
    assert.equal((await dryRun(main, ['deploy', '--no-dev-app'])).filter((line) => /dev-app/.test(line)).length, 0);
  });

  it('org:test runs the local Apex tests with coverage in JSON', async () => {
    const commands = await dryRun(main, ['test']);
    assert.equal(
      commands.at(-1),
      'sf apex run test --test-level RunLocalTests --code-coverage --result-format json --output-dir .verify/apex-tests --wait 60 --target-org ccus --json',
    );
    assert.ok(commands.some((line) => line.startsWith('sf project deploy start --source-dir force-app')));
    assert.ok(!(await dryRun(main, ['test', '--no-deploy'])).some((line) => /deploy start/.test(line)));
  });

  it('org:delete deletes without a prompt', async () => {
    assert.deepEqual(await dryRun(main, ['delete', '--alias', 'ci-1']), [
      'sf org delete scratch --target-org ci-1 --no-prompt',
    ]);
  });
});

describe('package:version --dry-run', () => {
  const project = {
    namespace: '',
    packageDirectories: [
      {
        path: 'force-app',
        default: true,
        package: 'Contact Center User Sync',
        versionName: 'W',
        versionNumber: '0.1.0.NEXT',
      },
    ],
    packageAliases: { 'Contact Center User Sync': '0Ho5g0000000001CAA' },
  };

  it('builds, checks the Dev Hub and creates a version with coverage, bypassing the installation key', async () => {
    const commands = await dryRun(packageMain, [], { project });
    assert.match(commands[0], /build-lwc\.mjs$/);
    assert.equal(commands[1], 'sf org list --json');
    assert.equal(
      commands[2],
      "sf package version create --package 'Contact Center User Sync' --code-coverage --installation-key-bypass --definition-file config/project-scratch-def.json --wait 60 --target-dev-hub '<default Dev Hub>' --json",
    );
    assert.equal(commands.length, 3);
  });

  it('--create-package creates the unlocked package first when there is no alias', async () => {
    const commands = await dryRun(packageMain, ['--create-package', '--target-dev-hub', 'hub'], {
      project: { ...project, packageAliases: {} },
    });
    assert.equal(
      commands[2],
      "sf package create --name 'Contact Center User Sync' --package-type Unlocked --path force-app --no-namespace --target-dev-hub hub",
    );
    assert.match(commands[3], /^sf package version create /);
  });

  it('--create-package creates a managed package when sfdx-project.json has a namespace', async () => {
    const commands = await dryRun(packageMain, ['--create-package', '--target-dev-hub', 'hub'], {
      project: { ...project, namespace: 'ccus', packageAliases: {} },
    });
    assert.equal(
      commands[2],
      "sf package create --name 'Contact Center User Sync' --package-type Managed --path force-app --target-dev-hub hub",
    );
  });
});

describe('summarizeTestRun', () => {
  const run = (tests, coverage) => ({
    status: 0,
    result: {
      summary: {
        testsRan: tests.length,
        passing: tests.filter((t) => t.Outcome === 'Pass').length,
        skipped: 0,
        outcome: 'Passed',
        orgWideCoverage: '91%',
      },
      tests,
      coverage: { coverage },
    },
  });
  const pass = { Outcome: 'Pass', FullName: 'A_Tests.ok' };
  const cov = (name, totalLines, totalCovered) => ({
    name,
    totalLines,
    totalCovered,
    coveredPercent: Math.floor((totalCovered / totalLines) * 100),
  });

  it('passes at or above the threshold, counting only our classes', () => {
    const summary = summarizeTestRun(run([pass], [cov('A', 100, 95), cov('Foreign', 1000, 0)]), ['A'], 90);
    assert.equal(summary.ok, true);
    assert.equal(summary.percent, 95);
    assert.match(summary.lines.join('\n'), /Coverage of our 1 classes\/triggers: 95\/100 lines = 95 %/);
  });

  it('fails below the threshold, listing the least covered classes', () => {
    const summary = summarizeTestRun(run([pass], [cov('A', 100, 95), cov('B', 100, 70)]), ['A', 'B', 'C'], 90);
    assert.equal(summary.ok, false);
    assert.equal(summary.percent, 82.5);
    const text = summary.lines.join('\n');
    assert.match(text, /FAILED: coverage 82.5 % < 90 %/);
    assert.match(text, /70 %  B \(70\/100\)/);
    assert.match(text, /no coverage data \(not run by any test, or an interface without lines\): C/);
  });

  it('also gates on the org-wide figure, which counts classes no test ran', () => {
    const output = run([pass], [cov('A', 100, 95)]);
    output.result.summary.orgWideCoverage = '80%';
    const summary = summarizeTestRun(output, ['A', 'Untested'], 90);
    assert.equal(summary.ok, false);
    assert.equal(summary.percent, 95);
    assert.equal(summary.gate, 80);
    assert.match(summary.lines.at(-1), /FAILED: coverage 80 % < 90 %/);
  });

  it('fails on a failing test and names it', () => {
    const failing = {
      Outcome: 'Fail',
      FullName: 'B_Tests.breaks',
      Message: 'System.AssertException: Assertion Failed\nmore',
    };
    const summary = summarizeTestRun(run([pass, failing], [cov('A', 10, 10)]), ['A'], 90);
    assert.equal(summary.ok, false);
    assert.match(summary.lines.join('\n'), /✗ B_Tests.breaks: System.AssertException: Assertion Failed$/m);
  });

  it('fails when sf returned nothing usable', () => {
    assert.equal(summarizeTestRun(null, ['A'], 90).ok, false);
  });
});
