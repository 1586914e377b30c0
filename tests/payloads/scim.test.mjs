// Checks the golden SCIM requests of the provisioning engine against a real SCIM 2.0 server library, SCIMMY
// (RFC 7643/7644), running in-process with an in-memory user store: POST /Users, PUT and PATCH /Users/{id},
// deprovisioning (active: false), the 409 uniqueness conflict followed by the externalId / userName lookups the
// engine uses to adopt an existing user, and POST /Bulk.
// The golden file is the packaged static resource that the Apex test ProvisioningGoldenPayloads_Tests also reads,
// so Apex produces exactly these bytes.
// Needs the devDependency `scimmy`. Run: node --test tests/payloads/
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import SCIMMY from 'scimmy';

const GOLDEN = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../force-app/main/provisioning/staticresources/ProvisioningGoldenPayloads.json',
);
const golden = JSON.parse(fs.readFileSync(GOLDEN, 'utf8'));
const { scim } = golden;
const body = (name) => JSON.parse(scim[name].body);
const filterOf = (requestPath) =>
  decodeURIComponent(new URL(requestPath, 'https://scim.example').searchParams.get('filter'));

// --- A minimal SCIM service provider: SCIMMY's User resource + our extension + an in-memory store -------------
const { Attribute, SchemaDefinition } = SCIMMY.Types;
const extension = new SchemaDefinition(
  'ContactCenterUserSync',
  scim.extensionSchema,
  'Salesforce attributes of Contact Center User Sync',
  [
    new Attribute('string', 'crmUser'),
    new Attribute('boolean', 'inboundEnabled'),
    new Attribute('complex', 'crm', {}, [
      new Attribute('string', 'callCenterId'),
      new Attribute('string', 'profileId'),
      new Attribute('string', 'userRoleId'),
    ]),
  ],
);

/** @type {Map<string, any>} */
const store = new Map();
let nextId = 0;

SCIMMY.Config.set({ patch: true, filter: true, bulk: { supported: true, maxOperations: 1000 } });
SCIMMY.Resources.declare(SCIMMY.Resources.User.extend(extension, false))
  .ingress((resource, data) => {
    const id = resource.id ?? `srv-${++nextId}`;
    for (const [otherId, other] of store) {
      if (otherId !== id && other.userName.toLowerCase() === data.userName.toLowerCase()) {
        throw new SCIMMY.Types.Error(409, 'uniqueness', `userName ${data.userName} is taken`);
      }
    }
    const record = { ...data, id, meta: { resourceType: 'User' } };
    store.set(id, record);
    return record;
  })
  .egress((resource) => {
    if (resource.id) {
      const record = store.get(resource.id);
      if (!record) throw new SCIMMY.Types.Error(404, null, `No user ${resource.id}`);
      return record;
    }
    const all = [...store.values()];
    return resource.filter ? resource.filter.match(all) : all;
  })
  .degress((resource) => {
    store.delete(resource.id);
  });

const User = SCIMMY.Resources.User;

/** Seeds a user the provider already has, under the id the golden requests use. */
function seed(id, resource) {
  store.set(id, { ...resource, id, meta: { resourceType: 'User' } });
}

beforeEach(() => {
  store.clear();
  nextId = 0;
});

test('POST /Users: the create request is a valid User with the Salesforce id as externalId', async () => {
  const created = await new User().write(body('create'));
  assert.equal(created.externalId, golden.users[0].Id);
  assert.equal(created.userName, 'ada.lovelace@example.com');
  assert.equal(created.active, true);
  assert.equal(created.emails[0].value, 'ada.lovelace@example.com');
  assert.equal(created.preferredLanguage, 'en-US');
  const crm = created[scim.extensionSchema];
  assert.equal(crm.crm.callCenterId, golden.users[0].CallCenterId, 'the extension attributes are accepted');
  assert.equal(crm.inboundEnabled, true);
});

test('409 on create, then the lookups by externalId and userName find the user to adopt', async () => {
  seed('srv-existing', { ...body('create'), externalId: undefined });
  await assert.rejects(
    new User().write(body('create')),
    (error) => error.status === 409 && error.scimType === 'uniqueness',
  );

  const byExternalId = await new User({ filter: filterOf(scim.lookupByExternalId.path) }).read();
  assert.equal(byExternalId.totalResults, 0, 'an existing user created elsewhere has no externalId yet');
  const byUserName = await new User({ filter: filterOf(scim.lookupByUserName.path) }).read();
  assert.equal(byUserName.totalResults, 1, 'found by userName');
  const adoptedId = byUserName.Resources[0].id;

  const patch = JSON.parse(scim.patch.body);
  patch.Operations[0].value = { ...patch.Operations[0].value, ...body('create'), schemas: undefined };
  delete patch.Operations[0].value.schemas;
  const adopted = await new User(adoptedId).patch(patch);
  assert.equal(adopted.externalId, golden.users[0].Id, 'the adopted user now carries the Salesforce id');
});

test('PUT /Users/{id}: the replace request is a valid User', async () => {
  const id = scim.replace.path.split('/').pop();
  seed(id, { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'grace.hopper@example.com' });
  const replaced = await new User(id).write(body('replace'));
  assert.equal(replaced.id, id);
  assert.equal(
    replaced.userName,
    'grace.hopper@example.com',
    'a username that is not an email falls back to the email',
  );
  assert.deepEqual(
    replaced.phoneNumbers.map((phone) => phone.type),
    ['mobile', 'other'],
  );
  assert.equal(replaced.preferredLanguage, 'fr');
});

test('PATCH /Users/{id}: the update is a valid PatchOp that the server applies', async () => {
  const id = scim.patch.path.split('/').pop();
  seed(id, {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: 'old.name@example.com',
    active: false,
  });
  const message = new SCIMMY.Messages.PatchOp(body('patch'));
  assert.equal(message.Operations.length, 1);
  const patched = await new User(id).patch(body('patch'));
  assert.equal(patched.userName, 'grace.hopper@example.com');
  assert.equal(patched.active, true);
  assert.equal(patched.externalId, golden.users[1].Id);
});

test('PATCH active=false deprovisions', async () => {
  const id = scim.deactivate.path.split('/').pop();
  seed(id, {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: 'alan.turing@example.com',
    active: true,
  });
  const patched = await new User(id).patch(body('deactivate'));
  assert.equal(patched.active, false);
});

test('POST /Bulk: every operation of the bulk request succeeds', async () => {
  seed('scim-2f9c', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'grace.hopper@example.com' });
  seed('scim-7d1e', {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: 'alan.turing@example.com',
    active: true,
  });
  const response = await new SCIMMY.Messages.BulkRequest(body('bulk')).apply();
  const statuses = response.Operations.map((operation) => String(operation.status));
  assert.deepEqual(statuses, ['201', '200', '200'], JSON.stringify(response.Operations));
  // The server echoes bulkId only for the POST (RFC 7644 requires it there); the engine matches the PATCH answers
  // by Location (absent here) or by position, which this answer allows: one operation result per request, in order.
  assert.equal(response.Operations[0].bulkId, golden.requests[0].idempotencyKey, 'the POST answer carries its bulkId');
  assert.equal(response.Operations.length, golden.requests.length, 'one answer per operation, in order');
  assert.deepEqual(
    response.Operations.map((operation) => operation.method),
    ['POST', 'PATCH', 'PATCH'],
    'answers are in request order, so the PATCH answers are matched by position',
  );
  assert.equal(store.get('scim-7d1e').active, false);
});

test('the lookup filters parse as SCIM filters', () => {
  for (const lookup of [scim.lookupByExternalId, scim.lookupByUserName]) {
    const filter = new SCIMMY.Types.Filter(filterOf(lookup.path));
    assert.equal(filter.length, 1);
  }
});
