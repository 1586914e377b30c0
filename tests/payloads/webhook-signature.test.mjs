// Verifies the golden webhook message the way a receiving telephony provider would: the X-CCUS-Signature header is
// "v1=" + hex HMAC-SHA256, keyed with the signing secret, over `timestamp + "." + hex(SHA-256(raw body))`
// (see docs/provisioning.md for why the body is digested first: the platform computes the signature from a Named
// Credential formula, and formulas cannot concatenate a text with the binary body).
// The golden file is the packaged static resource that the Apex test ProvisioningGoldenPayloads_Tests also reads.
// Run: node --test tests/payloads/
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const GOLDEN = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../force-app/main/provisioning/staticresources/ProvisioningGoldenPayloads.json',
);
const golden = JSON.parse(fs.readFileSync(GOLDEN, 'utf8'));
const { webhook } = golden;

/** Default tolerance of receivers for the timestamp, against replays. */
const TOLERANCE_SECONDS = 300;

/**
 * A reference verifier, as a provider would implement it.
 * @param {{rawBody: string, headers: Record<string, string>, secret: string, nowSeconds: number}} input
 * @returns {{ok: boolean, reason?: string}}
 */
export function verifyWebhook({ rawBody, headers, secret, nowSeconds }) {
  const timestamp = headers['X-CCUS-Timestamp'];
  const header = headers['X-CCUS-Signature'] ?? '';
  if (!/^\d+$/.test(timestamp ?? '')) return { ok: false, reason: 'missing timestamp' };
  if (Math.abs(nowSeconds - Number(timestamp)) > TOLERANCE_SECONDS) return { ok: false, reason: 'stale timestamp' };
  const match = /^v1=([0-9a-f]{64})$/.exec(header);
  if (!match) return { ok: false, reason: 'malformed signature' };
  const bodyDigest = crypto.createHash('sha256').update(rawBody, 'utf8').digest('hex');
  const expected = crypto.createHmac('sha256', secret).update(`${timestamp}.${bodyDigest}`, 'utf8').digest();
  const given = Buffer.from(match[1], 'hex');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'signature mismatch' };
  }
  return { ok: true };
}

const now = Number(webhook.timestamp);

test('the golden webhook message verifies with the signing secret', () => {
  const result = verifyWebhook({
    rawBody: webhook.body,
    headers: webhook.headers,
    secret: webhook.signingKey,
    nowSeconds: now,
  });
  assert.deepEqual(result, { ok: true });
});

test('a tampered body, a wrong secret, a changed timestamp or a stale message is rejected', () => {
  const tampered = webhook.body.replace('"provision"', '"deprovision"');
  assert.equal(
    verifyWebhook({ rawBody: tampered, headers: webhook.headers, secret: webhook.signingKey, nowSeconds: now }).reason,
    'signature mismatch',
  );
  assert.equal(
    verifyWebhook({ rawBody: webhook.body, headers: webhook.headers, secret: 'wrong', nowSeconds: now }).reason,
    'signature mismatch',
  );
  const shifted = { ...webhook.headers, 'X-CCUS-Timestamp': String(now + 1) };
  assert.equal(
    verifyWebhook({ rawBody: webhook.body, headers: shifted, secret: webhook.signingKey, nowSeconds: now }).reason,
    'signature mismatch',
  );
  assert.equal(
    verifyWebhook({
      rawBody: webhook.body,
      headers: webhook.headers,
      secret: webhook.signingKey,
      nowSeconds: now + 3600,
    }).reason,
    'stale timestamp',
  );
});

test('the message carries one change per request with stable idempotency keys', () => {
  const message = JSON.parse(webhook.body);
  assert.equal(message.type, 'contact-center-user-sync.user-changes');
  assert.equal(message.version, 1);
  assert.equal(message.orgId, golden.orgId);
  assert.equal(message.changes.length, golden.requests.length);
  const keys = message.changes.map((change) => change.idempotencyKey);
  assert.deepEqual(
    keys,
    golden.requests.map((request) => request.idempotencyKey),
  );
  const messageId = crypto
    .createHash('sha256')
    .update([...keys].sort().join(','), 'utf8')
    .digest('hex');
  assert.equal(message.messageId, messageId, 'messageId = SHA-256 of the sorted change keys');
  assert.equal(webhook.headers['Idempotency-Key'], messageId, 'the Idempotency-Key header is the message id');
  assert.deepEqual(
    message.changes.map((change) => change.action),
    ['provision', 'update', 'deprovision'],
  );
  for (const change of message.changes) {
    assert.ok(Number.isSafeInteger(change.sequence), 'sequence numbers are exact in JavaScript');
    assert.equal(typeof change.user.crmId, 'string');
  }
});

test('the body is canonical JSON: sorted keys, no whitespace', () => {
  const canonical = (value) =>
    value === null || typeof value !== 'object'
      ? value
      : Array.isArray(value)
        ? value.map(canonical)
        : Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((key) => [key, canonical(value[key])]),
          );
  assert.equal(JSON.stringify(canonical(JSON.parse(webhook.body))), webhook.body);
});

test('the golden file holds no credential other than the published test key', () => {
  const text = fs.readFileSync(GOLDEN, 'utf8');
  assert.ok(webhook.signingKey.includes('not-a-secret'), 'the test key says what it is');
  assert.doesNotMatch(text, /Bearer\s|password|client_secret/i);
});
