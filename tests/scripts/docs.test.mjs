// The documented commands exist: every `npm run <script>` in the README and the docs is a package.json script, and
// every option shown after `npm run org:<command> --` or `npm run package:version --` is one the script accepts.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { COMMANDS } from '../../scripts/org/org.mjs';
import { FLAGS } from '../../scripts/org/package-version.mjs';

const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const DOCS = [
  'README.md',
  'docs/admin-guide.md',
  'docs/platform-assumptions.md',
  'docs/architecture.md',
  'docs/security-review.md',
];
const scripts = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).scripts;

/** Options a script accepts, with the --no- forms of negatable ones. */
function accepted(flags) {
  return new Set(Object.entries(flags).flatMap(([name, flag]) => [name, ...(flag.negatable ? [`no-${name}`] : [])]));
}

describe('documented commands', () => {
  for (const doc of DOCS) {
    const text = fs.readFileSync(path.join(REPO, doc), 'utf8');

    it(`${doc}: every npm run <script> exists`, () => {
      for (const [, name] of text.matchAll(/npm run ([\w:-]+)/g))
        assert.ok(scripts[name], `${doc} mentions npm run ${name}`);
    });

    it(`${doc}: the options shown for the org and package scripts exist`, () => {
      for (const [, name, rest] of text.matchAll(/npm run ((?:org|package):[\w-]+) -- ([^`\n]*)/g)) {
        const spec = name === 'package:version' ? FLAGS : COMMANDS[name.slice(4)]?.flags;
        assert.ok(spec, `${doc}: npm run ${name}`);
        const known = accepted(spec);
        for (const [, option] of rest.split(/&&|;|\|/)[0].matchAll(/--([\w-]+)/g)) {
          assert.ok(known.has(option), `${doc}: npm run ${name} -- --${option} is not an option of the script`);
        }
      }
    });
  }
});
