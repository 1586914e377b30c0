// The scratch org definitions, checked with the definition schema of the pinned CLI (@salesforce/core, the zod
// schema `sf org create scratch` validates with) and against each other.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, it } from 'node:test';

const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const require = createRequire(import.meta.url);
const { ScratchOrgDefSchema } = require(
  path.join(REPO, 'node_modules/@salesforce/core/lib/schema/project-scratch-def/scratchOrgDef.js'),
);
const read = (name) => JSON.parse(fs.readFileSync(path.join(REPO, 'config', name), 'utf8'));
const voice = read('project-scratch-def.json');
const noVoice = read('project-scratch-def-novoice.json');

describe('scratch org definitions', () => {
  it('the Voice definition enables partner telephony with a quantity, as the Partner Telephony Developer Guide requires', () => {
    assert.ok(voice.features.includes('ServiceCloudVoicePartnerTelephony:1'));
  });

  it('the definition without Voice is the same org minus the Voice feature', () => {
    assert.deepEqual(
      noVoice.features,
      voice.features.filter((feature) => !feature.startsWith('ServiceCloudVoice')),
    );
    for (const key of ['edition', 'language', 'country', 'hasSampleData', 'settings'])
      assert.deepEqual(noVoice[key], voice[key], key);
    assert.equal(
      voice.language,
      'en_US',
      'English profile names (Standard User, Minimum Access - Salesforce) are relied on',
    );
  });

  it("passes the CLI's definition schema, except the documented quantity on the Voice feature", () => {
    assert.equal(ScratchOrgDefSchema.safeParse(noVoice).success, true);
    const result = ScratchOrgDefSchema.safeParse(voice);
    // @salesforce/core 8.32's schema lists ServiceCloudVoicePartnerTelephony without a quantity, so the CLI prints a
    // warning "features.0: Invalid input" (a warning only: the definition is sent as written). The Developer Guide
    // asks for a quantity (1-50): docs/platform-assumptions.md row S1.
    const issues = result.success
      ? []
      : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    assert.deepEqual(issues, [
      `features.${voice.features.indexOf('ServiceCloudVoicePartnerTelephony:1')}: Invalid input`,
    ]);
    const withoutQuantity = { ...voice, features: voice.features.map((feature) => feature.replace(/:\d+$/, '')) };
    assert.equal(ScratchOrgDefSchema.safeParse(withoutQuantity).success, true);
  });
});
