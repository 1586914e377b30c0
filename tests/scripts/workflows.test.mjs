// The GitHub Actions workflows, parsed offline with the `yaml` library (installed with @salesforce/cli), and the
// sf CLI of the project running on this Node.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import YAML from 'yaml';

const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const load = (name) => YAML.parse(fs.readFileSync(path.join(REPO, '.github/workflows', name), 'utf8'));
const runs = (job) => job.steps.map((step) => step.run ?? '').join('\n');
const uses = (job, action) => job.steps.find((step) => String(step.uses ?? '').startsWith(action));

describe('ci.yml', () => {
  const workflow = load('ci.yml');
  const job = workflow.jobs.test;

  it('runs on push and pull_request', () => {
    assert.ok('push' in workflow.on && 'pull_request' in workflow.on);
  });

  it('sets up the Node the README requires, Java 17+ and Chromium', () => {
    const engines = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).engines.node;
    assert.equal(engines, '>=20.18');
    assert.match(String(uses(job, 'actions/setup-node').with['node-version']), /^(20\.x|20|22(\.x)?)$/);
    assert.ok(Number(uses(job, 'actions/setup-java').with['java-version']) >= 17);
    const chromium = uses(job, 'browser-actions/setup-chrome');
    assert.ok(chromium?.id, 'the Chromium step has an id');
    const test = job.steps.find((step) => /npm test/.test(step.run ?? ''));
    assert.equal(test.env.CHROMIUM_PATH, `\${{ steps.${chromium.id}.outputs.chrome-path }}`);
  });

  it("runs the README's test command, then the mutation suite", () => {
    const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
    assert.ok(readme.includes('`bash scripts/setup.sh && npm test`'));
    assert.match(runs(job), /^bash scripts\/setup\.sh && npm test$/m);
    assert.match(runs(job), /npm run test:mutations/);
  });
});

describe('scratch-org.yml', () => {
  const workflow = load('scratch-org.yml');
  const job = workflow.jobs['scratch-org'];
  const text = fs.readFileSync(path.join(REPO, '.github/workflows/scratch-org.yml'), 'utf8');

  it('authorises the Dev Hub by JWT from the three secrets, without echoing the key', () => {
    for (const secret of ['SF_DEVHUB_CLIENT_ID', 'SF_DEVHUB_USERNAME', 'SF_DEVHUB_JWT_KEY']) {
      assert.ok(text.includes(`\${{ secrets.${secret} }}`), `uses secrets.${secret}`);
    }
    const auth = job.steps.find((step) => /sf org login jwt/.test(step.run ?? ''));
    assert.ok(auth, 'has a JWT login step');
    assert.match(auth.run, /--client-id "\$SF_DEVHUB_CLIENT_ID" --username "\$SF_DEVHUB_USERNAME"/);
    assert.match(auth.run, /--set-default-dev-hub/);
    assert.match(auth.run, /rm -f "\$key_file"/);
    assert.doesNotMatch(auth.run, /echo "\$SF_DEVHUB_JWT_KEY"|set -x/);
  });

  it('creates the org, runs the Apex tests with coverage, with and without Voice', () => {
    assert.match(runs(job), /npm run org:create -- --alias "\$ORG_ALIAS" .*--target-dev-hub devhub/);
    assert.match(runs(job), /npm run org:test -- --alias "\$ORG_ALIAS"/);
    assert.deepEqual(
      job.strategy.matrix.include.map((entry) => entry['create-flags']),
      ['', '--no-voice'],
    );
  });

  it('always deletes the org, as the last step', () => {
    const last = job.steps.at(-1);
    assert.equal(last.if, 'always()');
    assert.match(last.run, /npm run org:delete -- --alias "\$ORG_ALIAS"/);
  });

  it('names every npm script it calls in package.json', () => {
    const scripts = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).scripts;
    for (const name of ['org:create', 'org:test', 'org:delete', 'org:deploy', 'package:version'])
      assert.ok(scripts[name], `npm run ${name}`);
  });
});

describe('sf CLI', () => {
  it('`npx sf --version` runs on this Node (the devDependency, not a global install)', () => {
    const out = execFileSync('npx', ['--no-install', 'sf', '--version'], {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, SF_AUTOUPDATE_DISABLE: 'true', SF_DISABLE_TELEMETRY: 'true' },
      timeout: 60_000,
    });
    const pinned = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).devDependencies[
      '@salesforce/cli'
    ];
    assert.match(
      out,
      new RegExp(`^@salesforce/cli/${pinned.replace(/\./g, '\\.')} .*node-v${process.versions.node}`, 'm'),
    );
  });
});
