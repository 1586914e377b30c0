// Unit tests of the preview's Providers backend (preview/backend/providers), against the compiled backend in
// preview/.build/backend (build it first: `node scripts/preview/start.mjs --build-only`).
//   node --test tests/preview/
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';

const BACKEND = new URL('../../preview/.build/backend/', import.meta.url);
if (!fs.existsSync(new URL('providers/index.js', BACKEND))) {
  throw new Error('preview/.build/backend is missing: run `node scripts/preview/start.mjs --build-only` first');
}
const { createApexBackend } = await import(new URL('apexBackend.js', BACKEND).href);
const { generateSampleOrg } = await import(new URL('sampleOrg.js', BACKEND).href);
const { generateProvisioningSample } = await import(new URL('provisioning/sampleRequests.js', BACKEND).href);

const FIXED = new Date('2026-01-15T09:30:00Z');
const orgs = new Map();
/** A fresh backend over a (cached, never mutated by the providers backend) sample org; the clock can be advanced. */
const setup = (preset = 'default') => {
  if (!orgs.has(preset)) orgs.set(preset, generateSampleOrg(preset));
  const org = orgs.get(preset);
  let clock = FIXED.getTime();
  const backend = createApexBackend(org, () => new Date(clock));
  const call = async (method, params = {}) => structuredClone(await backend[method](structuredClone(params)));
  const tick = (ms = 60_000) => {
    clock += ms;
  };
  return { org, backend, call, tick };
};
const centerNamed = (org, name) => org.callCenters.find((cc) => cc.Name === name);
const providerNamed = async (call, name) =>
  (await call('ProviderAdminController.getProviders')).find((provider) => provider.name === name);

/** A valid new provider; `overrides` replace fields. */
const newProvider = (org, overrides = {}) => ({
  name: 'APAC Support (SCIM)',
  type: 'SCIM',
  namedCredential: 'Contoso_Scim',
  externalCredential: null,
  path: '/scim/v2',
  active: true,
  isDefault: false,
  callCenterIds: [centerNamed(org, 'APAC Technical Support').Id],
  scimUpdateMethod: 'PATCH',
  scimIncludeExtension: true,
  ...overrides,
});
const save = (call, input) => call('ProviderAdminController.saveProvider', { input });
const messages = (result) => result.errors.map((error) => `${error.field}: ${error.message}`).join('\n');
const checklistStatus = (checklist) => Object.fromEntries(checklist.items.map((entry) => [entry.key, entry.status]));

test('the standard org starts with the pilot providers of the provisioning sample, shared with the activity screen', async () => {
  const { org, call } = setup();
  const sample = generateProvisioningSample(org, FIXED);
  const providers = await call('ProviderAdminController.getProviders');
  assert.deepEqual(
    providers.map((provider) => provider.id).sort(),
    sample.providers.map((provider) => provider.id).sort(),
    'the same ids as the sample requests',
  );
  const filters = await call('ProvisioningActivityController.getActivityFilters');
  assert.deepEqual(filters.providers.map((p) => p.id).sort(), providers.map((p) => p.id).sort());
  // Every request's provider exists, and serves the request's call center.
  for (const request of sample.requests) {
    const provider = providers.find((p) => p.id === request.row.providerId);
    assert.ok(provider, `request ${request.row.name} has a provider`);
    assert.ok(provider.callCenters.some((cc) => cc.id === request.row.callCenterId));
  }
  // A provider created on the Providers screen is a filter choice of the activity screen at once.
  const created = await save(call, newProvider(org));
  assert.equal(created.ok, true, messages(created));
  const after = await call('ProvisioningActivityController.getActivityFilters');
  assert.ok(after.providers.some((p) => p.id === created.providerId && p.name === 'APAC Support (SCIM)'));
  // Secrets are never part of a summary.
  for (const provider of providers) assert.equal('signingSecret' in provider, false);
});

test('editor options: the org Named Credentials, call centers with who serves them, the profile link count', async () => {
  const { org, call } = setup();
  const options = await call('ProviderAdminController.getEditorOptions');
  assert.ok(options.namedCredentials.length >= 2);
  assert.ok(options.namedCredentials.some((nc) => nc.developerName === 'Contoso_Scim'));
  assert.equal(options.namedCredentialsMessage, null);
  const gcc = options.callCenters.find((cc) => cc.name === 'Global Customer Care');
  assert.equal(gcc.servedByProviderName, 'Northwind Voice (webhook)');
  assert.equal(options.callCenters.find((cc) => cc.name === 'APAC Technical Support').servedByProviderId, null);
  assert.equal(options.callCenters.length, org.callCenters.length);
  assert.equal(options.profileLinkProviderCount, 2);
  assert.equal(options.profileLinkProviderLimit, 10);
  assert.deepEqual(
    options.types.map((t) => t.value),
    ['Webhook', 'SCIM'],
  );

  const empty = setup('empty');
  const emptyOptions = await empty.call('ProviderAdminController.getEditorOptions');
  assert.deepEqual(emptyOptions.namedCredentials, []);
  assert.match(emptyOptions.namedCredentialsMessage, /No Named Credentials in this org/);
  assert.deepEqual(await empty.call('ProviderAdminController.getProviders'), []);
});

test('validation: name, Named Credential, path, batch size, profile link, signing secret; nothing is written', async () => {
  const { org, call } = setup();
  const auditBefore = (await call('ProviderAdminController.getAuditTrail', { providerId: null })).length;
  const cases = [
    [{ name: '  ' }, 'name', /enter a name/],
    [{ name: 'x'.repeat(81) }, 'name', /at most 80/],
    [{ name: 'northwind voice (WEBHOOK)' }, 'name', /already called "Northwind Voice \(webhook\)"/],
    [{ namedCredential: null }, 'namedCredential', /an active provider needs one/],
    [{ namedCredential: 'Acme_Missing' }, 'namedCredential', /no Named Credential "Acme_Missing"/],
    [{ namedCredential: 'not a name' }, 'namedCredential', /is not a developer name/],
    [{ path: 'scim/v2' }, 'path', /start with "\/"/],
    [{ path: '/scim?x=1' }, 'path', /no "\?" or "#"/],
    [{ path: '/scim/../admin' }, 'path', /no "\.\."/],
    [{ batchSize: 0 }, 'batchSize', /between 1 and 100/],
    [{ batchSize: 101 }, 'batchSize', /between 1 and 100/],
    [{ maxAgeHours: 169 }, 'maxAgeHours', /between 1 and 168/],
    [{ profileUrlStart: 'http://tenant.example.com/agents/' }, 'profileUrlStart', /an https:\/\/ address/],
    [{ profileUrlEnd: '/profile' }, 'profileUrlEnd', /set the profile URL start too/],
    [{ signingSecret: 'short' }, 'signingSecret', /16 to 255 characters/],
    [{ signingSecret: 'a-long-enough-secret-value' }, 'signingSecret', /set the External Credential that stores it/],
    [{ callCenterIds: ['04v8d0000000000AAA'] }, 'callCenterIds', /is not a call center of this org/],
    [{ callCenterIds: ['005000000000000AAA'] }, 'callCenterIds', /is not a call center id/],
    [{ description: 'd'.repeat(256) }, 'description', /at most 255/],
  ];
  for (const [overrides, field, pattern] of cases) {
    const result = await save(call, newProvider(org, overrides));
    assert.equal(result.ok, false, `${JSON.stringify(overrides)} must be refused`);
    assert.equal(result.providerId, null);
    const error = result.errors.find((e) => e.field === field);
    assert.ok(error, `${JSON.stringify(overrides)}: no error on ${field} (${messages(result)})`);
    assert.match(error.message, pattern);
  }
  assert.equal((await call('ProviderAdminController.getProviders')).length, 2, 'nothing was created');
  assert.equal((await call('ProviderAdminController.getAuditTrail', { providerId: null })).length, auditBefore);

  // Inactive without a Named Credential: saved, with a warning. A webhook without External Credential: a warning.
  const draft = await save(
    call,
    newProvider(org, { name: 'Draft', type: 'Webhook', namedCredential: null, active: false, path: null }),
  );
  assert.equal(draft.ok, true, messages(draft));
  assert.ok(draft.warnings.some((w) => /No Named Credential: the provider sends nothing/.test(w)));
  assert.ok(draft.warnings.some((w) => /No External Credential/.test(w)));
  // Activating it needs a Named Credential.
  const activate = await call('ProviderAdminController.setProviderActive', {
    providerId: draft.providerId,
    active: true,
  });
  assert.equal(activate.ok, false);
  assert.equal(activate.errors[0].field, 'namedCredential');
});

test('one active provider per call center: the error names the provider already serving it', async () => {
  const { org, call } = setup();
  const gcc = centerNamed(org, 'Global Customer Care');
  const clash = await save(call, newProvider(org, { callCenterIds: [gcc.Id] }));
  assert.equal(clash.ok, false);
  assert.equal(clash.errors[0].field, 'callCenterIds');
  assert.match(
    clash.errors[0].message,
    /"Global Customer Care" is already served by the active provider "Northwind Voice \(webhook\)"/,
  );
  // An inactive provider may list the call center; activating it is refused the same way.
  const inactive = await save(call, newProvider(org, { callCenterIds: [gcc.Id], active: false }));
  assert.equal(inactive.ok, true, messages(inactive));
  const refused = await call('ProviderAdminController.setProviderActive', {
    providerId: inactive.providerId,
    active: true,
  });
  assert.equal(refused.ok, false);
  assert.match(refused.errors[0].message, /already served by the active provider "Northwind Voice \(webhook\)"/);
  // Once the webhook provider is deactivated (it keeps its call centers), the new one can take over.
  const webhook = await providerNamed(call, 'Northwind Voice (webhook)');
  const off = await call('ProviderAdminController.setProviderActive', { providerId: webhook.id, active: false });
  assert.equal(off.ok, true);
  assert.deepEqual(
    (await providerNamed(call, 'Northwind Voice (webhook)')).callCenters.map((cc) => cc.id),
    webhook.callCenters.map((cc) => cc.id),
  );
  const on = await call('ProviderAdminController.setProviderActive', { providerId: inactive.providerId, active: true });
  assert.equal(on.ok, true, messages(on));
  // 15-character ids are accepted and stored as 18-character ids.
  const billing = centerNamed(org, 'Billing & Collections');
  const short = await save(call, newProvider(org, { name: 'Billing', callCenterIds: [billing.Id.slice(0, 15)] }));
  assert.equal(short.ok, true, messages(short));
  assert.deepEqual((await providerNamed(call, 'Billing')).callCenters, [{ id: billing.Id, name: billing.Name }]);
});

test('one default provider: making another the default clears the former one, with a warning and an audit entry', async () => {
  const { org, call } = setup();
  const first = await save(call, newProvider(org, { name: 'First default', isDefault: true, callCenterIds: [] }));
  assert.equal(first.ok, true, messages(first));
  const second = await save(call, newProvider(org, { name: 'Second default', isDefault: true, callCenterIds: [] }));
  assert.equal(second.ok, true, messages(second));
  assert.deepEqual(second.warnings, ['"First default" is no longer the default provider.']);
  const providers = await call('ProviderAdminController.getProviders');
  assert.deepEqual(
    providers.filter((p) => p.isDefault).map((p) => p.name),
    ['Second default'],
  );
  const trail = await call('ProviderAdminController.getAuditTrail', { providerId: first.providerId });
  assert.ok(trail.some((e) => e.action === 'UPDATED' && e.summary.startsWith('Default: true → false')));
});

test('profile links: at most 10 providers define one; templates keep inactive providers', async () => {
  const { org, call } = setup();
  for (let i = 1; i <= 8; i++) {
    const result = await save(
      call,
      newProvider(org, {
        name: `Linked ${i}`,
        active: false,
        callCenterIds: [],
        profileUrlStart: `https://tenant${i}.example.com/agents/`,
      }),
    );
    assert.equal(result.ok, true, messages(result));
  }
  const eleventh = await save(
    call,
    newProvider(org, { name: 'Linked 9', active: false, callCenterIds: [], profileUrlStart: 'https://x.example.com/' }),
  );
  assert.equal(eleventh.ok, false);
  assert.match(eleventh.errors[0].message, /at most 10 providers can define profile links, and 10 already do/);
  assert.equal((await call('ProviderAdminController.getEditorOptions')).profileLinkProviderCount, 10);
  const templates = await call('ProviderAdminController.getProfileLinkTemplates');
  assert.equal(templates.length, 10);
  const scim = templates.find((t) => t.providerName === 'Contoso Identity (SCIM 2.0)');
  assert.equal(scim.start, 'https://contoso-identity.example.net/admin/users/');
  assert.equal(scim.end, '/profile');
  assert.equal(templates.find((t) => t.providerName === 'Linked 1').active, false);
});

test('audit: who and what for every change, "Label: old → new", and never the signing secret', async () => {
  const { org, call, tick } = setup();
  const secret = 'whsec-Preview-Secret-0123456789';
  const created = await save(
    call,
    newProvider(org, {
      name: 'Billing Voice',
      type: 'Webhook',
      namedCredential: 'Northwind_Voice',
      externalCredential: 'Billing_Voice_Signing',
      path: '/hooks/v1',
      batchSize: 50,
      scimUpdateMethod: null,
      scimIncludeExtension: false,
      callCenterIds: [centerNamed(org, 'Billing & Collections').Id],
      signingSecret: secret,
    }),
  );
  assert.equal(created.ok, true, messages(created));
  tick();
  const before = await providerNamed(call, 'Billing Voice');
  assert.equal(before.signingSecretSet, true);
  assert.equal(before.signingSecretSetAt, FIXED.toISOString());
  const input = {
    id: before.id,
    name: before.name,
    type: before.type,
    namedCredential: before.namedCredential,
    externalCredential: before.externalCredential,
    path: '/hooks/v2',
    active: true,
    isDefault: false,
    callCenterIds: [centerNamed(org, 'Billing & Collections').Id, centerNamed(org, 'Legacy IVR (retired)').Id],
    batchSize: 20,
  };
  const updated = await save(call, input);
  assert.equal(updated.ok, true, messages(updated));
  tick();
  const off = await call('ProviderAdminController.setProviderActive', { providerId: before.id, active: false });
  assert.equal(off.ok, true);

  const { org: sameOrg } = setup();
  const admin = sameOrg.users.find((u) => u.Id === sameOrg.currentUserId);
  const trail = await call('ProviderAdminController.getAuditTrail', { providerId: before.id });
  assert.deepEqual(
    trail.map((e) => e.action),
    ['DEACTIVATED', 'CALL_CENTERS_CHANGED', 'UPDATED', 'SIGNING_SECRET_CHANGED', 'CREATED'],
    'newest first',
  );
  for (const entry of trail) {
    assert.equal(entry.actorId, sameOrg.currentUserId);
    assert.equal(entry.actorName, admin.Name);
    assert.equal(entry.providerName, 'Billing Voice');
  }
  const byAction = Object.fromEntries(trail.map((e) => [e.action, e.summary]));
  assert.equal(byAction.UPDATED, 'Path: /hooks/v1 → /hooks/v2; Batch Size: 50 → 20');
  assert.equal(byAction.CALL_CENTERS_CHANGED, 'Call centers: added Legacy IVR (retired)');
  assert.match(byAction.CREATED, /Provider Name: Billing Voice; Type: Webhook; Named Credential: Northwind_Voice/);
  assert.match(byAction.SIGNING_SECRET_CHANGED, /Billing_Voice_Signing \(the value is never recorded\)/);
  // The secret is nowhere: not in the trail, the list, or the editor options.
  const everything = JSON.stringify([
    await call('ProviderAdminController.getAuditTrail', { providerId: null }),
    await call('ProviderAdminController.getProviders'),
    await call('ProviderAdminController.getEditorOptions'),
  ]);
  assert.equal(everything.includes(secret), false);
  // Saving again without a secret keeps the secret's time (write-only: null keeps the current one).
  tick();
  await save(call, { ...input, active: false });
  assert.equal((await providerNamed(call, 'Billing Voice')).signingSecretSetAt, FIXED.toISOString());
});

test('delete: refused while requests are Pending or Sending; a deleted provider keeps its name in the trail', async () => {
  const { org, call } = setup();
  const sample = generateProvisioningSample(org, FIXED);
  const webhook = await providerNamed(call, 'Northwind Voice (webhook)');
  const open = sample.requests.filter(
    (r) => r.row.providerId === webhook.id && (r.row.status === 'Pending' || r.row.status === 'Sending'),
  ).length;
  assert.ok(open > 0);
  const refused = await call('ProviderAdminController.deleteProvider', { providerId: webhook.id });
  assert.equal(refused.ok, false);
  assert.match(
    refused.errors[0].message,
    new RegExp(`cannot be deleted: ${open} provisioning request\\(s\\) are still waiting`),
  );
  assert.ok(await providerNamed(call, 'Northwind Voice (webhook)'));

  const created = await save(call, newProvider(org));
  const deleted = await call('ProviderAdminController.deleteProvider', { providerId: created.providerId });
  assert.deepEqual(deleted, { ok: true, providerId: null, errors: [], warnings: [] });
  assert.equal(await providerNamed(call, 'APAC Support (SCIM)'), undefined);
  const trail = await call('ProviderAdminController.getAuditTrail', { providerId: null });
  assert.equal(trail[0].action, 'DELETED');
  assert.equal(trail[0].providerId, null);
  assert.equal(trail[0].providerName, 'APAC Support (SCIM)');
  assert.match(
    trail[0].summary,
    /Deleted active provider "APAC Support \(SCIM\)" \(SCIM; call centers: APAC Technical Support\)/,
  );
  assert.ok(
    trail.some((e) => e.action === 'CREATED' && e.providerName === 'APAC Support (SCIM)' && e.providerId === null),
  );
  const notFound = await call('ProviderAdminController.deleteProvider', { providerId: created.providerId });
  assert.equal(notFound.ok, false);
  assert.match(notFound.errors[0].message, /no longer exists/);
});

test('connection test: deterministic per Named Credential, with diagnosis, next steps and SCIM details; kept and audited', async () => {
  const { org, call } = setup();
  const created = await save(call, newProvider(org, { namedCredential: 'Contoso_Scim_Sandbox' }));
  const id = created.providerId;
  const test1 = await call('ProviderAdminController.testConnection', { providerId: id });
  assert.equal(test1.ok, false);
  assert.equal(test1.diagnosis, 'AUTH');
  assert.equal(test1.httpStatus, 401);
  assert.equal(test1.message, 'The provider refused the credentials (401).');
  assert.equal(test1.request, 'GET callout:Contoso_Scim_Sandbox/scim/v2/ServiceProviderConfig');
  assert.ok(test1.nextSteps.length >= 2);
  assert.deepEqual((await providerNamed(call, 'APAC Support (SCIM)')).lastConnectionTest, {
    testedAt: test1.testedAt,
    ok: false,
    diagnosis: 'AUTH',
    httpStatus: 401,
    latencyMs: test1.latencyMs,
    message: test1.message,
  });

  await save(call, { ...newProvider(org), id });
  const test2 = await call('ProviderAdminController.testConnection', { providerId: id });
  assert.equal(test2.ok, true);
  assert.equal(test2.diagnosis, 'OK');
  assert.deepEqual(test2.nextSteps, []);
  assert.match(test2.message, /^Connected in \d+ ms: SCIM ServiceProviderConfig read \(HTTP 200\)\.$/);
  assert.deepEqual(
    test2.details.map((d) => d.label),
    ['SCIM bulk', 'SCIM PATCH', 'SCIM filter'],
  );
  const again = await call('ProviderAdminController.testConnection', { providerId: id });
  assert.equal(again.latencyMs, test2.latencyMs, 'the same latency every time');

  const diagnose = async (overrides) => {
    const result = await save(call, { ...newProvider(org), id, ...overrides });
    assert.equal(result.ok, true, messages(result));
    return call('ProviderAdminController.testConnection', { providerId: id });
  };
  assert.equal((await diagnose({ path: '/api' })).diagnosis, 'NOT_FOUND');
  assert.equal((await diagnose({ namedCredential: 'Tailspin_Voice' })).diagnosis, 'TIMEOUT');
  assert.equal((await diagnose({ namedCredential: 'Northwind_Voice' })).diagnosis, 'UNEXPECTED_RESPONSE');
  const dns = await diagnose({
    type: 'Webhook',
    namedCredential: 'Fabrikam_Voice',
    externalCredential: 'Fabrikam_Signing',
    path: '/hooks',
  });
  assert.equal(dns.diagnosis, 'DNS');
  assert.equal(dns.request, 'POST callout:Fabrikam_Voice/hooks');
  assert.ok(dns.details.some((d) => d.label === 'Error' && d.value.includes('api.fabrikam-voice.example.org')));
  assert.equal(
    (
      await diagnose({
        type: 'Webhook',
        namedCredential: 'Litware_Telephony',
        externalCredential: 'Litware_Signing',
        path: '/hooks',
      })
    ).diagnosis,
    'TLS',
  );
  const unsigned = await diagnose({
    type: 'Webhook',
    namedCredential: 'Northwind_Voice',
    externalCredential: null,
    path: '/hooks',
  });
  assert.equal(unsigned.diagnosis, 'NAMED_CREDENTIAL_MISSING');
  assert.match(unsigned.message, /No External Credential/);
  const webhookOk = await diagnose({
    type: 'Webhook',
    namedCredential: 'Northwind_Voice',
    externalCredential: 'Apac_Signing',
    path: '/hooks',
  });
  assert.equal(webhookOk.ok, true);
  assert.match(webhookOk.message, /^Connected in \d+ ms \(HTTP 200\)\.$/);

  const trail = await call('ProviderAdminController.getAuditTrail', { providerId: id });
  const tests = trail.filter((e) => e.action === 'CONNECTION_TESTED');
  assert.equal(tests.length, 10);
  assert.match(
    tests.at(-1).summary,
    /^AUTH: The provider refused the credentials \(401\)\. \(GET callout:Contoso_Scim_Sandbox\/scim\/v2\/ServiceProviderConfig, HTTP 401, \d+ ms\)$/,
  );
  await assert.rejects(
    () => call('ProviderAdminController.testConnection', { providerId: 'a0B8d0000000000AAA' }),
    (error) => error.name === 'AuraHandledError' && /no longer exists/.test(error.message),
  );
});

test('guided setup: a new admin walks the standard org from incomplete to complete', async () => {
  const { org, call } = setup();
  let checklist = await call('SetupHealthController.getSetupChecklist');
  assert.equal(checklist.total, 7);
  assert.deepEqual(
    checklist.items.map((i) => i.key),
    [
      'PERMISSION_SET',
      'SERVICE_CLOUD_VOICE',
      'CALL_CENTERS',
      'PROVIDER',
      'NAMED_CREDENTIAL',
      'SUBSCRIBER_USER',
      'PROVISIONING_ENABLED',
    ],
  );
  assert.deepEqual(checklistStatus(checklist), {
    PERMISSION_SET: 'DONE',
    SERVICE_CLOUD_VOICE: 'DONE',
    CALL_CENTERS: 'DONE',
    PROVIDER: 'WARNING',
    NAMED_CREDENTIAL: 'TODO',
    SUBSCRIBER_USER: 'DONE',
    PROVISIONING_ENABLED: 'TODO',
  });
  assert.equal(checklist.complete, false);
  assert.equal(checklist.completed, 4);
  assert.equal(
    checklist.items.find((i) => i.key === 'NAMED_CREDENTIAL').detail,
    'The connection of Northwind Voice (webhook), Contoso Identity (SCIM 2.0) was never tested. Test it on the Providers screen.',
  );
  const provider = checklist.items.find((i) => i.key === 'PROVIDER');
  assert.equal(
    provider.detail,
    '2 active providers serve 3 call centers. 2 call centers with agents have no provider, so their agents are not ' +
      'provisioned: APAC Technical Support and Billing & Collections. Choose a provider for them, or make one ' +
      'provider the default.',
  );
  assert.deepEqual(provider.fix, { kind: 'SECTION', value: 'providers', label: 'Open Providers' });
  assert.match(checklist.items.find((i) => i.key === 'SUBSCRIBER_USER').detail, /\(active\)/);
  assert.deepEqual(checklist.items.find((i) => i.key === 'PROVISIONING_ENABLED').fix, {
    kind: 'SECTION',
    value: 'setup',
    label: 'Switch provisioning on',
  });

  // Two providers for the two call centers with agents and no provider.
  const apac = await save(call, newProvider(org, { namedCredential: 'Contoso_Scim_Sandbox' }));
  const billing = await save(
    call,
    newProvider(org, {
      name: 'Billing Voice',
      type: 'Webhook',
      namedCredential: 'Northwind_Voice',
      externalCredential: 'Billing_Voice_Signing',
      path: '/hooks',
      callCenterIds: [centerNamed(org, 'Billing & Collections').Id],
    }),
  );
  assert.equal(apac.ok && billing.ok, true);
  checklist = await call('SetupHealthController.getSetupChecklist');
  assert.equal(checklist.items.find((i) => i.key === 'PROVIDER').detail, '4 active providers serve 5 call centers.');
  assert.equal(checklistStatus(checklist).NAMED_CREDENTIAL, 'TODO');
  assert.equal(
    checklist.items.find((i) => i.key === 'NAMED_CREDENTIAL').detail,
    'The connection of Northwind Voice (webhook), Contoso Identity (SCIM 2.0), APAC Support (SCIM), Billing Voice was never tested. Test it on the Providers screen.',
  );
  assert.equal(checklist.completed, 5);

  await call('ProviderAdminController.testConnection', { providerId: billing.providerId });
  await call('ProviderAdminController.testConnection', { providerId: apac.providerId });
  checklist = await call('SetupHealthController.getSetupChecklist');
  const credential = checklist.items.find((i) => i.key === 'NAMED_CREDENTIAL');
  assert.equal(credential.status, 'WARNING');
  assert.match(
    credential.detail,
    /failed for APAC Support \(SCIM\) \(The provider refused the credentials \(401\)\.\)/,
  );
  assert.equal(credential.fix.kind, 'SETUP');

  // Fixing the credential is not enough: the last test still failed until the connection is tested again.
  await save(call, { ...newProvider(org), id: apac.providerId });
  assert.equal(checklistStatus(await call('SetupHealthController.getSetupChecklist')).NAMED_CREDENTIAL, 'WARNING');
  await call('ProviderAdminController.testConnection', { providerId: apac.providerId });
  checklist = await call('SetupHealthController.getSetupChecklist');
  assert.equal(checklistStatus(checklist).NAMED_CREDENTIAL, 'TODO', 'the pilots are still untested');
  for (const pilot of ['Northwind Voice (webhook)', 'Contoso Identity (SCIM 2.0)']) {
    const result = await call('ProviderAdminController.testConnection', {
      providerId: (await providerNamed(call, pilot)).id,
    });
    assert.equal(result.ok, true, `${pilot}: ${result.message}`);
  }
  checklist = await call('SetupHealthController.getSetupChecklist');
  assert.equal(checklistStatus(checklist).NAMED_CREDENTIAL, 'DONE');
  assert.equal(checklist.completed, 6);
  assert.equal(checklist.complete, false);

  checklist = await call('SetupHealthController.setProvisioningEnabled', { enabled: true });
  assert.equal(checklist.provisioningEnabled, true);
  assert.equal(checklist.complete, true);
  assert.equal(checklist.completed, 7);
  assert.equal(checklist.generatedAt, FIXED.toISOString());
  assert.equal((await call('SetupHealthController.getSetupChecklist')).complete, true, 'the switch is kept');

  // Deactivating every provider, or switching provisioning off, brings the gaps back.
  for (const p of await call('ProviderAdminController.getProviders')) {
    await call('ProviderAdminController.setProviderActive', { providerId: p.id, active: false });
  }
  checklist = await call('SetupHealthController.setProvisioningEnabled', { enabled: false });
  assert.deepEqual(
    [
      checklistStatus(checklist).PROVIDER,
      checklistStatus(checklist).NAMED_CREDENTIAL,
      checklistStatus(checklist).PROVISIONING_ENABLED,
    ],
    ['TODO', 'TODO', 'TODO'],
  );
  assert.match(
    checklist.items.find((i) => i.key === 'PROVIDER').detail,
    /^4 providers are configured but none is active/,
  );
});

test('guided setup of the other sample orgs: empty, without Voice, without access, large', async () => {
  const empty = await setup('empty').call('SetupHealthController.getSetupChecklist');
  assert.deepEqual(checklistStatus(empty), {
    PERMISSION_SET: 'DONE',
    SERVICE_CLOUD_VOICE: 'DONE',
    CALL_CENTERS: 'TODO',
    PROVIDER: 'TODO',
    NAMED_CREDENTIAL: 'TODO',
    SUBSCRIBER_USER: 'UNKNOWN',
    PROVISIONING_ENABLED: 'TODO',
  });
  assert.match(empty.items.find((i) => i.key === 'PROVIDER').detail, /No telephony provider is configured/);

  const novoice = await setup('novoice').call('SetupHealthController.getSetupChecklist');
  const voice = novoice.items.find((i) => i.key === 'SERVICE_CLOUD_VOICE');
  assert.equal(voice.status, 'NOT_APPLICABLE');
  assert.match(voice.detail, /Unmapped users and Mappings screens/);
  assert.match(voice.detail, /Provisioning users to telephony providers still works/);
  assert.equal(novoice.complete, true);

  const noaccess = setup('noaccess');
  const checklist = await noaccess.call('SetupHealthController.getSetupChecklist');
  assert.equal(checklistStatus(checklist).PERMISSION_SET, 'TODO');
  assert.equal(checklist.items.find((i) => i.key === 'PERMISSION_SET').fix.kind, 'SETUP');
  assert.equal(checklistStatus(checklist).SERVICE_CLOUD_VOICE, 'WARNING');
  assert.match(checklist.items.find((i) => i.key === 'SERVICE_CLOUD_VOICE').detail, /cannot read routing maps/);
  await assert.rejects(
    () => noaccess.call('SetupHealthController.setProvisioningEnabled', { enabled: true }),
    /You may not switch provisioning on/,
  );

  const large = await setup('large').call('SetupHealthController.getSetupChecklist');
  assert.equal(checklistStatus(large).SUBSCRIBER_USER, 'WARNING');
  assert.match(large.items.find((i) => i.key === 'SUBSCRIBER_USER').detail, /who is inactive: provisioning stops/);
  assert.equal(checklistStatus(large).NAMED_CREDENTIAL, 'WARNING');
  assert.match(
    large.items.find((i) => i.key === 'PROVIDER').detail,
    /the default provider serves every other call center/,
  );
  assert.equal(large.complete, false);
});

test('org limits: usage, remaining, percent and level from the sample numbers; unavailable limits listed', async () => {
  const report = await setup('large').call('SetupHealthController.getOrgLimits');
  assert.equal(report.checkedAt, FIXED.toISOString());
  for (const limit of report.limits) {
    assert.equal(limit.remaining, limit.max - limit.used);
    assert.equal(limit.percentUsed, Math.round((100 * limit.used) / limit.max));
    const expected = limit.percentUsed >= 90 ? 'CRITICAL' : limit.percentUsed >= 75 ? 'WARNING' : 'OK';
    assert.equal(limit.level, expected, limit.name);
    assert.ok(limit.whenExhausted.length > 20, `${limit.name} says what happens when it runs out`);
  }
  const levels = new Set(report.limits.map((l) => l.level));
  assert.ok(levels.has('CRITICAL') && levels.has('WARNING') && levels.has('OK'), [...levels].join());
  assert.deepEqual(
    report.limits.map((l) => l.name),
    [
      'DailyAsyncApexExecutions',
      'HourlyPublishedPlatformEvents',
      'DailyDeliveredPlatformEvents',
      'DailyApiRequests',
      'SingleEmail',
    ],
    'the Apex display order',
  );
  assert.ok(report.transactionLimits.some((n) => n.label === 'Callouts per transaction'));
  const standard = await setup().call('SetupHealthController.getOrgLimits');
  assert.ok(standard.limits.every((l) => l.level === 'OK'));
  assert.ok(standard.limits.some((l) => l.name === 'DailyAsyncApexExecutions'));
  const novoice = await setup('novoice').call('SetupHealthController.getOrgLimits');
  assert.deepEqual(novoice.unavailable, ['DailyDeliveredPlatformEvents']);
  assert.equal(
    novoice.limits.some((l) => l.name === 'DailyDeliveredPlatformEvents'),
    false,
  );
});

/**
 * The health rules of docs/providers.md ("Health"), restated here over the sample rows: a second implementation the
 * backend's numbers and states are compared with.
 */
function expectedHealth(sample, provider, now) {
  const since = new Date(now.getTime() - 24 * 3_600_000).toISOString();
  const rows = sample.requests.map((r) => r.row).filter((row) => row.providerId === provider.id);
  const changed = (row) => row.lastAttemptAt ?? row.createdAt;
  const failed = rows.filter(
    (r) => r.errorCategory !== null && ['Pending', 'Sending', 'Dead_Letter'].includes(r.status) && changed(r) >= since,
  );
  const delivered = rows.filter((r) => r.status === 'Delivered' && r.deliveredAt >= since).length;
  const deadLetters = rows.filter((r) => r.status === 'Dead_Letter' && changed(r) >= since).length;
  const pending = rows.filter((r) => r.status === 'Pending');
  const backlog = pending.length + rows.filter((r) => r.status === 'Sending').length;
  const lastDelivered =
    rows
      .filter((r) => r.status === 'Delivered' && r.deliveredAt)
      .map((r) => r.deliveredAt)
      .sort()
      .at(-1) ?? null;
  const newestFailure = [...failed].sort((a, b) => (changed(a) < changed(b) ? 1 : -1))[0];
  const oldestPending = pending.map((r) => r.createdAt).sort()[0] ?? null;
  let state;
  if (!provider.active) state = 'INACTIVE';
  else if (failed.length > 0 && delivered === 0) state = 'FAILING';
  else if (
    newestFailure &&
    (!lastDelivered || changed(newestFailure) > lastDelivered) &&
    ['Auth', 'Configuration'].includes(newestFailure.errorCategory)
  )
    state = 'FAILING';
  else if (failed.length > 0 || deadLetters > 0) state = 'DEGRADED';
  else if (oldestPending && Date.parse(oldestPending) + 3_600_000 < now.getTime()) state = 'DEGRADED';
  else if (delivered === 0 && backlog === 0) state = 'IDLE';
  else state = 'HEALTHY';
  return { state, delivered, failures: failed.length, deadLetters, backlog, lastDelivered, oldestPending };
}

test('provider health: the last 24 hours of the sample requests, and every state', async () => {
  for (const preset of ['default', 'novoice', 'large']) {
    const { org, call } = setup(preset);
    const sample = generateProvisioningSample(org, FIXED);
    const providers = await call('ProviderAdminController.getProviders');
    const health = await call('SetupHealthController.getProviderHealth');
    assert.equal(health.length, providers.length);
    for (const entry of health) {
      const expected = expectedHealth(
        sample,
        providers.find((p) => p.id === entry.providerId),
        FIXED,
      );
      assert.deepEqual(
        {
          state: entry.state,
          delivered: entry.deliveredLast24h,
          failures: entry.failuresLast24h,
          deadLetters: entry.deadLettersLast24h,
          backlog: entry.backlog,
          lastDelivered: entry.lastDeliveredAt,
          oldestPending: entry.oldestPendingAt,
        },
        expected,
        `${preset} / ${entry.name}: ${entry.reason}`,
      );
      if (entry.state === 'DEGRADED' || entry.state === 'FAILING')
        assert.match(entry.reason, /deliveries|failed|dead letters|waited/);
    }
  }
  // The standard org's pilots show problems; a new provider is IDLE; a deactivated one INACTIVE with its backlog.
  const { org, call } = setup();
  const health = await call('SetupHealthController.getProviderHealth');
  assert.ok(
    health.every((h) => h.state === 'FAILING' || h.state === 'DEGRADED'),
    JSON.stringify(health.map((h) => h.state)),
  );
  const created = await save(call, newProvider(org));
  const webhook = await providerNamed(call, 'Northwind Voice (webhook)');
  await call('ProviderAdminController.setProviderActive', { providerId: webhook.id, active: false });
  const after = await call('SetupHealthController.getProviderHealth');
  assert.equal(after.at(-1).providerId, created.providerId, 'oldest provider first');
  const idle = after.find((h) => h.providerId === created.providerId);
  assert.deepEqual(
    [idle.state, idle.reason, idle.lastDeliveredAt],
    ['IDLE', 'Nothing to send in the last 24 hours.', null],
  );
  const inactive = after.find((h) => h.providerId === webhook.id);
  assert.equal(inactive.state, 'INACTIVE');
  assert.match(inactive.reason, /^Deactivated: sends nothing new; \d+ waiting request\(s\) will not be sent\.$/);
});

/** The default rows, read from the custom metadata records (not from the backend). */
function defaultRowsFromMetadata() {
  const dir = new URL('../../force-app/main/provisioning/customMetadata/', import.meta.url);
  return fs
    .readdirSync(dir)
    .map((file) => {
      const xml = fs.readFileSync(new URL(file, dir), 'utf8');
      const value = (field) => {
        const match = new RegExp(`<field>${field}</field>\\s*<value[^>]*?(?:/>|>([^<]*)</value>)`).exec(xml);
        return match?.[1] ?? null;
      };
      return {
        key: /Provisioning_Field_Mapping\.(\w+)\.md-meta\.xml/.exec(file)[1],
        path: value('Payload_Path__c'),
        sourceField: value('Source_Field__c'),
        sensitive: value('Sensitive__c') === 'true',
        order: Number(value('Sort_Order__c')),
      };
    })
    .sort((a, b) => a.order - b.order);
}

test('field mapping: the default rows mirror the custom metadata; custom rows are validated, audited and previewed', async () => {
  const { org, call } = setup();
  const scim = await providerNamed(call, 'Contoso Identity (SCIM 2.0)');
  const view = await call('ProviderFieldMappingController.getFieldMapping', { providerId: scim.id });
  const metadata = defaultRowsFromMetadata();
  const defaults = view.rows.filter((row) => row.origin === 'DEFAULT');
  assert.deepEqual(
    defaults.map((row) => [row.key, row.path, row.sensitive]),
    metadata.map((row) => [row.key, row.path, row.sensitive]),
  );
  for (const row of defaults) {
    const source = metadata.find((m) => m.key === row.key).sourceField;
    if (row.expression === null) assert.equal(row.sourceField, source, row.key);
  }
  assert.ok(view.userFields.some((f) => f.name === 'Department' && !f.sensitiveHint));
  assert.ok(view.userFields.some((f) => f.name === 'MobilePhone' && f.sensitiveHint));

  const add = (path, sourceField, sensitive = false) =>
    call('ProviderFieldMappingController.addCustomFieldMapping', {
      input: { providerId: scim.id, path, sourceField, sensitive },
    });
  const refusals = [
    ['', 'Department', 'path', /Enter the payload path/],
    ['crm..department', 'Department', 'path', /Use letters, digits and _/],
    ['1crm', 'Department', 'path', /not starting with a digit/],
    ['crm.email', 'Department', 'path', /already used by the default row Crm_Email/],
    ['crm', 'Department', 'path', /overlaps "crm.callCenterId" \(the default row Crm_Call_Center_Id\)/],
    ['crm.department', 'NoSuchField__c', 'sourceField', /User has no field named NoSuchField__c/],
    ['crm.department', '', 'sourceField', /Choose the User field/],
  ];
  for (const [path, field, errorField, pattern] of refusals) {
    const result = await add(path, field);
    assert.equal(result.ok, false, `${path} ← ${field}`);
    assert.ok(
      result.errors.some((e) => e.field === errorField && pattern.test(e.message)),
      JSON.stringify(result.errors),
    );
    assert.equal(result.view.rows.length, defaults.length, 'nothing was added');
  }
  const added = await add('crm.department', 'department');
  assert.equal(added.ok, true, JSON.stringify(added.errors));
  const row = added.view.rows.find((r) => r.origin === 'CUSTOM');
  assert.deepEqual(
    { path: row.path, sourceField: row.sourceField, providerScoped: row.providerScoped, error: row.error },
    { path: 'crm.department', sourceField: 'Department', providerScoped: true, error: null },
  );
  const phone = await add('crm.mobile', 'MobilePhone', true);
  assert.equal(phone.ok, true);
  const again = await add('crm.department', 'Title');
  assert.match(again.errors[0].message, /already used by a custom row/);

  // Preview for an agent of a call center the SCIM provider serves.
  const emea = centerNamed(org, 'EMEA Sales Desk');
  const agent = org.users.find((u) => u.CallCenterId === emea.Id && u.IsActive);
  const preview = await call('ProviderFieldMappingController.previewPayload', {
    providerId: scim.id,
    userId: agent.Id,
  });
  assert.equal(preview.userName, agent.Name);
  assert.ok(['Provision', 'Update'].includes(preview.action));
  const body = JSON.parse(preview.payload);
  const resource = body.Operations ? body.Operations[0].value : body;
  const extension = resource['urn:ietf:params:scim:schemas:extension:contactcenterusersync:2.0:User'];
  assert.equal(extension.crm.department, 'EMEA Sales Desk');
  assert.equal(extension.crm.mobile, '[REDACTED]');
  assert.ok(preview.redactedKeys.includes('mobile'));
  assert.equal(preview.payload.includes(agent.Email), false, 'the email address is redacted');
  assert.equal(preview.payload.includes(agent.Username), false);

  // A webhook provider gets the message body; a user of another provider's call center is a Deprovision here.
  const webhook = await providerNamed(call, 'Northwind Voice (webhook)');
  const webhookPreview = await call('ProviderFieldMappingController.previewPayload', {
    providerId: webhook.id,
    userId: agent.Id,
  });
  assert.equal(webhookPreview.action, 'Deprovision');
  const message = JSON.parse(webhookPreview.payload);
  assert.equal(message.type, 'contact-center-user-sync.user-changes');
  assert.equal(message.changes[0].user.crmId, agent.Id);
  assert.equal(message.changes[0].user.crm.department, 'EMEA Sales Desk', 'the seeded custom row of the webhook pilot');
  assert.equal(message.changes[0].user.username, '[REDACTED]');

  const removed = await call('ProviderFieldMappingController.removeCustomFieldMapping', {
    providerId: scim.id,
    mappingId: row.key,
  });
  assert.equal(removed.ok, true);
  assert.equal(
    removed.view.rows.some((r) => r.key === row.key),
    false,
  );
  const defaultRemoval = await call('ProviderFieldMappingController.removeCustomFieldMapping', {
    providerId: scim.id,
    mappingId: 'Crm_Email',
  });
  assert.equal(defaultRemoval.ok, false);
  assert.match(defaultRemoval.errors[0].message, /Only custom rows can be removed/);
  const trail = await call('ProviderAdminController.getAuditTrail', { providerId: scim.id });
  assert.deepEqual(
    trail.filter((e) => e.action === 'FIELD_MAPPING_CHANGED').map((e) => e.summary),
    [
      'Removed custom field crm.department ← User.Department',
      'Added custom field crm.mobile ← User.MobilePhone (sensitive)',
      'Added custom field crm.department ← User.Department',
    ],
  );

  // Without the extension a SCIM provider does not get custom rows: the view says so.
  await save(call, {
    id: scim.id,
    name: scim.name,
    type: 'SCIM',
    namedCredential: scim.namedCredential,
    path: scim.path,
    active: true,
    isDefault: false,
    callCenterIds: scim.callCenters.map((cc) => cc.id),
    scimIncludeExtension: false,
  });
  const noExtension = await call('ProviderFieldMappingController.getFieldMapping', { providerId: scim.id });
  assert.ok(noExtension.errors.some((e) => /Include extension is off/.test(e)));

  const users = await call('ProviderFieldMappingController.searchPreviewUsers', { searchText: 'müller' });
  assert.ok(users.length > 0 && users.length <= 20);
  for (const user of users) {
    assert.match(`${user.name} ${user.username}`.toLowerCase(), /müller|muller/);
    assert.ok(user.callCenterName);
  }
  await assert.rejects(
    () => call('ProviderFieldMappingController.previewPayload', { providerId: scim.id, userId: '' }),
    /Choose a user/,
  );
  await assert.rejects(
    () => call('ProviderFieldMappingController.getFieldMapping', { providerId: 'a0B8d0000000000AAA' }),
    /The telephony provider was not found \(deleted\?\)/,
  );
});

test('notifications: validated addresses per category, audited, and a test notification per category', async () => {
  const { call } = setup();
  const scim = await providerNamed(call, 'Contoso Identity (SCIM 2.0)');
  const empty = await call('ProviderAdminController.getNotificationSettings', { providerId: scim.id });
  assert.deepEqual(empty, { providerId: scim.id, health: [], authFailures: [], exceptions: [] });
  const none = await call('ProviderAdminController.sendTestNotification', { providerId: scim.id, category: 'HEALTH' });
  assert.equal(none.ok, false);
  assert.equal(none.recipients, 0);
  assert.match(none.message, /No recipients are saved for health notifications of "Contoso Identity \(SCIM 2\.0\)"/);

  const bad = await call('ProviderAdminController.saveNotificationSettings', {
    settings: {
      providerId: scim.id,
      health: ['ops@example.com', 'not-an-email'],
      authFailures: ['a@b'],
      exceptions: [],
    },
  });
  assert.equal(bad.ok, false);
  assert.deepEqual(
    bad.errors.map((e) => e.field),
    ['health', 'authFailures'],
  );
  assert.match(bad.errors[0].message, /"not-an-email" is not a valid email address/);
  assert.deepEqual(bad.settings.health, [], 'nothing written');

  const good = await call('ProviderAdminController.saveNotificationSettings', {
    settings: {
      providerId: scim.id,
      health: [' ops@example.com ', 'OPS@example.com; oncall@example.com'],
      authFailures: ['security@example.com'],
      exceptions: [],
    },
  });
  assert.equal(good.ok, true, JSON.stringify(good.errors));
  assert.deepEqual(good.settings.health, ['ops@example.com', 'oncall@example.com']);
  const sent = await call('ProviderAdminController.sendTestNotification', { providerId: scim.id, category: 'HEALTH' });
  assert.deepEqual({ ok: sent.ok, recipients: sent.recipients }, { ok: true, recipients: 2 });
  const trail = await call('ProviderAdminController.getAuditTrail', { providerId: scim.id });
  assert.equal(trail[0].action, 'NOTIFICATIONS_CHANGED');
  assert.equal(
    trail[0].summary,
    'Health: added ops@example.com, oncall@example.com; Authentication failures: added security@example.com',
  );
});
