// The scripts against the REAL sf CLI of the project (node_modules/.bin/sf) with an empty home directory: no org is
// authorised, so the prerequisite checks must stop with their explanations before anything is created. Nothing
// here needs the network. The build step is skipped (it is not what these tests are about).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { findSf, spawnRunner } from '../../scripts/org/lib.mjs';
import { main } from '../../scripts/org/org.mjs';
import { main as packageMain } from '../../scripts/org/package-version.mjs';

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ccus-sf-home-'));
const env = {
  ...process.env,
  HOME: home,
  SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
  SF_AUTOUPDATE_DISABLE: 'true',
  SF_DISABLE_TELEMETRY: 'true',
};
delete env.SF_TARGET_ORG;
delete env.SF_TARGET_DEV_HUB;
const realSf = spawnRunner({ env });
const calls = [];
/** Real sf for sf commands; the build is skipped. */
const runner = async (args, options) => {
  calls.push(args.slice(1).join(' '));
  if (args[1]?.endsWith('build-lwc.mjs')) return { code: 0, stdout: '', stderr: '' };
  return realSf(args, options);
};

describe('with the real sf CLI and no authorised org', { timeout: 120_000 }, () => {
  const sf = findSf();

  it('org:create stops at the Dev Hub check and explains how to authorise one', async () => {
    await assert.rejects(
      main(['create', '--no-open'], { runner, sf, log: () => {} }),
      /No Dev Hub is authorised in the sf CLI.*sf org login web --set-default-dev-hub/s,
    );
    assert.ok(calls.some((call) => call === 'org list --json'));
    assert.ok(!calls.some((call) => call.startsWith('org create')));
  });

  it('package:version stops at the same check', async () => {
    await assert.rejects(packageMain(['--create-package'], { runner, sf, log: () => {} }), /No Dev Hub is authorised/);
  });

  it('org:deploy names the org that is not authorised and how to get one', async () => {
    await assert.rejects(
      main(['deploy', '--alias', 'ccus-missing'], { runner, sf, log: () => {} }),
      /sf org display --target-org ccus-missing.*npm run org:create -- --alias ccus-missing/s,
    );
  });
});
