// Argument handling of the org scripts (scripts/org/org.mjs, scripts/org/package-version.mjs, scripts/org/lib.mjs).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError, compareVersions, parseFlags, shellQuote } from '../../scripts/org/lib.mjs';
import { main, parseOrgArgs } from '../../scripts/org/org.mjs';
import { FLAGS, main as packageMain } from '../../scripts/org/package-version.mjs';
import { collectLog } from './helpers.mjs';

describe('parseFlags', () => {
  const spec = {
    alias: { type: 'string', help: '' },
    days: { type: 'number', default: 7, help: '' },
    voice: { type: 'boolean', default: true, negatable: true, help: '' },
    'dry-run': { type: 'boolean', help: '' },
  };

  it('reads --name value, --name=value, booleans and defaults', () => {
    assert.deepEqual(parseFlags(['--alias', 'a', '--days=3', '--dry-run'], spec), {
      _: [],
      alias: 'a',
      days: 3,
      voice: true,
      'dry-run': true,
    });
    assert.deepEqual(parseFlags([], spec), { _: [], alias: null, days: 7, voice: true, 'dry-run': false });
  });

  it('turns --no-<flag> off for negatable booleans', () => {
    assert.equal(parseFlags(['--no-voice'], spec).voice, false);
  });

  it('rejects unknown options, missing values, bad numbers and values on booleans', () => {
    assert.throws(
      () => parseFlags(['--colour'], spec),
      (error) => error instanceof UsageError && /Unknown option --colour/.test(error.message),
    );
    assert.throws(() => parseFlags(['--alias'], spec), /--alias needs a value/);
    assert.throws(() => parseFlags(['--alias', '--dry-run'], spec), /--alias needs a value/);
    assert.throws(() => parseFlags(['--days', 'three'], spec), /--days must be a positive whole number, got "three"/);
    assert.throws(() => parseFlags(['--days', '0'], spec), /positive whole number/);
    assert.throws(() => parseFlags(['--dry-run=yes'], spec), /--dry-run takes no value/);
    assert.throws(() => parseFlags(['--no-days'], spec), /Unknown option --no-days/);
  });
});

describe('parseOrgArgs', () => {
  it('defaults the alias to ccus, and ccus-novoice without Voice', () => {
    assert.equal(parseOrgArgs(['create']).alias, 'ccus');
    assert.equal(parseOrgArgs(['create', '--no-voice']).alias, 'ccus-novoice');
    assert.equal(parseOrgArgs(['create', '--no-voice', '--alias', 'mine']).alias, 'mine');
    assert.equal(parseOrgArgs(['test']).flags.threshold, 90);
    assert.equal(parseOrgArgs(['create']).flags['duration-days'], 7);
  });

  it('rejects unknown commands, positional arguments and out-of-range values', () => {
    assert.throws(() => parseOrgArgs([]), /Usage: node scripts\/org\/org.mjs <create\|deploy\|test\|delete>/);
    assert.throws(() => parseOrgArgs(['launch']), /Unknown command "launch"/);
    assert.throws(() => parseOrgArgs(['create', 'extra']), /Unexpected argument "extra"/);
    assert.throws(() => parseOrgArgs(['create', '--duration-days', '31']), /between 1 and 30/);
    assert.throws(() => parseOrgArgs(['test', '--threshold', '120']), /percentage/);
    assert.throws(() => parseOrgArgs(['delete', '--alias', 'a b']), /may only contain/);
    assert.throws(() => parseOrgArgs(['delete', '--no-voice']), /Unknown option --no-voice/);
  });

  it('prints the options with --help and runs nothing', async () => {
    const { log, text } = collectLog();
    const exit = await main(['create', '--help'], { log, runner: async () => assert.fail('ran a command'), sf: 'sf' });
    assert.equal(exit, 0);
    assert.match(text(), /--\[no-\]voice/);
    assert.match(text(), /--duration-days <n>/);
  });
});

describe('package-version arguments', () => {
  it('has the documented flags and rejects positional arguments', async () => {
    assert.deepEqual(Object.keys(FLAGS).sort(), [
      'create-package',
      'definition-file',
      'dry-run',
      'help',
      'target-dev-hub',
      'wait',
    ]);
    await assert.rejects(packageMain(['now'], { log: () => {}, sf: 'sf' }), /Unexpected argument "now"/);
  });
});

describe('small helpers', () => {
  it('compares versions and quotes for display', () => {
    assert.ok(compareVersions('20.17.0', '20.18.0') < 0);
    assert.ok(compareVersions('v22.1.0', '20.18.0') > 0);
    assert.equal(compareVersions('20.18', '20.18.0'), 0);
    assert.equal(shellQuote('force-app'), 'force-app');
    assert.equal(shellQuote("it's"), `'it'\\''s'`);
  });
});
