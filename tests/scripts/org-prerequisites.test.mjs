// Prerequisite checks of the org scripts and their messages: Node too old, sf missing, no / no default /
// unreachable Dev Hub, org not authorised, package not created; with a fake sf (no org, no network).
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { UsageError, checkNodeVersion, findSf, pickDevHub } from '../../scripts/org/lib.mjs';
import { main } from '../../scripts/org/org.mjs';
import { checkPackageConfig, main as packageMain } from '../../scripts/org/package-version.mjs';
import { DEFAULT_HUB, collectLog, fakeSf, orgList } from './helpers.mjs';

describe('Node version', () => {
  it('refuses Node older than the README requires, saying what to install', () => {
    assert.throws(
      () => checkNodeVersion('18.19.0'),
      (error) =>
        error instanceof UsageError &&
        /Node.js 18.19.0 is too old: this project needs Node.js >= 20.18.0/.test(error.message),
    );
    assert.doesNotThrow(() => checkNodeVersion('20.18.0'));
    assert.doesNotThrow(() => checkNodeVersion(process.versions.node));
  });

  it('stops org:create before running anything', async () => {
    const { runner, calls } = fakeSf();
    await assert.rejects(main(['create'], { runner, sf: 'sf', log: () => {}, nodeVersion: '20.11.1' }), /too old/);
    assert.equal(calls.length, 0);
  });
});

describe('sf CLI', () => {
  it('prefers the project devDependency, then the PATH', () => {
    const local = path.join('/repo', 'node_modules', '.bin', 'sf');
    assert.equal(findSf({ projectDir: '/repo', pathEnv: '/usr/bin', exists: (file) => file === local }), local);
    assert.equal(
      findSf({ projectDir: '/repo', pathEnv: '/opt/sf/bin', exists: (file) => file === '/opt/sf/bin/sf' }),
      '/opt/sf/bin/sf',
    );
  });

  it('says to run npm ci when there is no sf at all', () => {
    assert.throws(
      () => findSf({ projectDir: '/repo', pathEnv: '/usr/bin:/bin', exists: () => false }),
      /The Salesforce CLI \(sf\) was not found.*Run `npm ci`/s,
    );
  });
});

describe('Dev Hub', () => {
  it('explains how to authorise one when none is', () => {
    const pick = pickDevHub(orgList([]));
    assert.equal(pick.ok, false);
    assert.match(pick.message, /No Dev Hub is authorised/);
    assert.match(pick.message, /sf org login web --set-default-dev-hub --alias devhub/);
  });

  it('asks for --target-dev-hub when none is the default', () => {
    const pick = pickDevHub(orgList([{ ...DEFAULT_HUB, isDefaultDevHubUsername: false }]));
    assert.equal(pick.ok, false);
    assert.match(pick.message, /No default Dev Hub is set \(authorised: devhub\)/);
    assert.match(pick.message, /sf config set target-dev-hub=devhub/);
  });

  it('names the authorised hubs when the requested one is unknown, and asks to log in again when unreachable', () => {
    assert.match(
      /** @type {any} */ (pickDevHub(orgList([DEFAULT_HUB]), 'other')).message,
      /"other" is not an authorised Dev Hub. Authorised Dev Hubs: devhub/,
    );
    const expired = pickDevHub(orgList([{ ...DEFAULT_HUB, connectedStatus: 'RefreshTokenAuthError' }]));
    assert.match(
      /** @type {any} */ (expired).message,
      /not reachable \(RefreshTokenAuthError\).*sf org login web --alias devhub/s,
    );
  });

  it('picks the default hub, or the requested one by alias or username', () => {
    assert.deepEqual(pickDevHub(orgList([DEFAULT_HUB])), { ok: true, hub: 'admin@hub.example.com' });
    const second = {
      alias: 'hub2',
      username: 'b@hub.example.com',
      isDefaultDevHubUsername: false,
      connectedStatus: 'Connected',
    };
    assert.deepEqual(pickDevHub(orgList([DEFAULT_HUB, second]), 'b@hub.example.com'), {
      ok: true,
      hub: 'b@hub.example.com',
    });
  });

  it('makes org:create stop after the check, before creating anything', async () => {
    const { runner, lines } = fakeSf([[/^org list/, { json: orgList([]) }]]);
    await assert.rejects(main(['create'], { runner, sf: 'sf', log: () => {} }), /No Dev Hub is authorised/);
    assert.equal(lines().filter((line) => line.startsWith('org create')).length, 0);
  });

  it('makes package:version stop the same way', async () => {
    const { runner, lines } = fakeSf([[/^org list/, { json: orgList([]) }]]);
    await assert.rejects(packageMain([], { runner, sf: 'sf', log: () => {} }), /No Dev Hub is authorised/);
    assert.equal(lines().filter((line) => line.startsWith('package')).length, 0);
  });
});

describe('target org and failing commands', () => {
  it('org:deploy explains how to create or log in to a missing org', async () => {
    const { runner } = fakeSf([
      [/^org display/, { code: 1, json: { status: 1, message: 'No authorization information found for nope.' } }],
    ]);
    await assert.rejects(
      main(['deploy', '--alias', 'nope'], { runner, sf: 'sf', log: () => {} }),
      /No authorization information found for nope.*npm run org:create -- --alias nope/s,
    );
  });

  it('a failing build stops the script with the build hint', async () => {
    const runner = async (args) => ({ code: args[1]?.includes('build-lwc') ? 2 : 0, stdout: '', stderr: '' });
    await assert.rejects(
      main(['deploy'], { runner, sf: 'sf', log: () => {} }),
      /Command failed \(exit 2\).*npm run build/s,
    );
  });

  it('a scratch org creation failure suggests --no-voice (Voice entitlement)', async () => {
    const { runner } = fakeSf([
      [/^org list/, { json: orgList([DEFAULT_HUB]) }],
      [/^org create scratch/, { code: 1, stderr: 'An unknown server error occurred' }],
    ]);
    await assert.rejects(
      main(['create'], { runner, sf: 'sf', log: () => {} }),
      /not entitled to ServiceCloudVoicePartnerTelephony \(retry with --no-voice\)/,
    );
  });
});

describe('package entry of sfdx-project.json', () => {
  const project = {
    namespace: '',
    packageDirectories: [
      {
        path: 'force-app',
        default: true,
        package: 'Contact Center User Sync',
        versionName: "Winter '27",
        versionNumber: '0.1.0.NEXT',
        versionDescription: 'x',
      },
      { path: 'dev-app', default: false },
    ],
    packageAliases: {},
  };

  it('accepts the repository file, notes the unlocked (no namespace) package and the missing alias', async () => {
    const fs = await import('node:fs');
    const real = JSON.parse(fs.readFileSync(new URL('../../sfdx-project.json', import.meta.url), 'utf8'));
    const check = checkPackageConfig(real);
    assert.deepEqual(check.errors, []);
    assert.ok(check.notes.some((note) => /UNLOCKED/.test(note)));
    assert.equal(checkPackageConfig(project).hasAlias, false);
    assert.equal(
      checkPackageConfig({ ...project, packageAliases: { 'Contact Center User Sync': '0Ho5g0000000001CAA' } }).hasAlias,
      true,
    );
  });

  it('reports a bad versionNumber, a missing package entry and a non-default directory', () => {
    const bad = structuredClone(project);
    bad.packageDirectories[0].versionNumber = '1.0';
    bad.packageDirectories[0].default = false;
    const check = checkPackageConfig(bad);
    assert.ok(check.errors.some((error) => /versionNumber "1.0"/.test(error)));
    assert.ok(check.errors.some((error) => /"default": true/.test(error)));
    assert.match(checkPackageConfig({ packageDirectories: [] }).errors[0], /no packageDirectories entry/);
  });

  it('without an alias, package:version says how to create the package (and creates nothing)', async () => {
    const { runner, lines } = fakeSf([[/^org list/, { json: orgList([DEFAULT_HUB]) }]]);
    await assert.rejects(
      packageMain([], { runner, sf: 'sf', log: () => {}, project }),
      /no package alias for "Contact Center User Sync".*npm run package:version -- --create-package.*sf package create --name 'Contact Center User Sync' --package-type Unlocked/s,
    );
    assert.equal(lines().filter((line) => line.startsWith('package')).length, 0);
  });
});
