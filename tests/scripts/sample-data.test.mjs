// The sample data of org:create: the agents file, the licence plan, the User values and the generated
// CallCenterRoutingMap CSV (columns checked against the v65 object schema the offline checks use).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadSchema } from '../../scripts/verify/lib/schema.mjs';
import { main } from '../../scripts/org/org.mjs';
import {
  ROUTING_MAP_COLUMNS,
  isId18,
  loadAgents,
  planAgents,
  routingMapRows,
  to18,
  toCsv,
  userValues,
  validateAgents,
} from '../../scripts/org/sample-data.mjs';
import { CALL_CENTER_ID, ORG_ID, collectLog, fakeSf, happyOrgAnswers } from './helpers.mjs';

const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

describe('agents file', () => {
  it('is valid, names the deployed demo call center, and mixes mapped/unmapped and active/inactive agents', () => {
    const file = loadAgents();
    const callCenter = path.join(
      REPO,
      'dev-app/main/sample-data/callCenters',
      `${file.callCenterInternalName}.callCenter-meta.xml`,
    );
    assert.ok(fs.existsSync(callCenter), `${callCenter} exists`);
    assert.match(
      fs.readFileSync(callCenter, 'utf8'),
      /<CallCenter xmlns="http:\/\/soap.sforce.com\/2006\/04\/metadata">/,
    );
    const kinds = new Set(file.agents.map((agent) => `${agent.active}/${agent.mapped}`));
    for (const kind of ['true/true', 'true/false', 'false/true', 'false/false'])
      assert.ok(kinds.has(kind), `has an agent ${kind}`);
  });

  it('rejects bad keys, duplicates and quotes', () => {
    const agent = { key: 'ada', firstName: 'Ada', lastName: 'L', active: true, mapped: true };
    assert.throws(
      () => validateAgents({ callCenterInternalName: 'X', agents: [{ ...agent, key: 'Ada Lovelace' }] }),
      /1-8 lower-case/,
    );
    assert.throws(
      () => validateAgents({ callCenterInternalName: 'X', agents: [agent, agent] }),
      /duplicate agent key "ada"/,
    );
    assert.throws(
      () => validateAgents({ callCenterInternalName: 'X', agents: [{ ...agent, lastName: "O'Hara" }] }),
      /without quotes/,
    );
  });
});

describe('ids', () => {
  it('computes the 18-character form like the platform', () => {
    assert.equal(to18('001000000000001'), '001000000000001AAA');
    assert.equal(to18('00D5g000004Sx9Q'), '00D5g000004Sx9QEAS');
    assert.ok(isId18(ORG_ID, '00D') && isId18(CALL_CENTER_ID, '04v'));
    assert.ok(!isId18('00D5g000004Sx9QAAA'));
  });
});

describe('licence plan', () => {
  const agents = loadAgents().agents;

  it('uses Salesforce, then Salesforce Platform licences, then creates agents inactive', () => {
    const plan = planAgents(agents, [
      { Name: 'Salesforce', TotalLicenses: 2, UsedLicenses: 1 },
      { Name: 'Salesforce Platform', TotalLicenses: 3, UsedLicenses: 2 },
    ]);
    const active = plan.filter((agent) => agent.active);
    assert.deepEqual(
      active.map((agent) => agent.profile),
      ['Standard User', 'Standard Platform User'],
    );
    const demoted = plan.filter((agent) => agent.note?.includes('created inactive'));
    assert.equal(demoted.length, agents.filter((agent) => agent.active).length - 2);
  });

  it('builds the User values with the call center, the profile and a per-org username', () => {
    const values = userValues(
      { ...agents[0], profile: 'Standard User' },
      { orgId: ORG_ID, profileId: '00e000000000001AAA', callCenterId: CALL_CENTER_ID },
    );
    assert.match(values, new RegExp(`CallCenterId='${CALL_CENTER_ID}'`));
    assert.match(values, /ProfileId='00e000000000001AAA'/);
    assert.match(values, new RegExp(`Username='ada\\.${ORG_ID.toLowerCase()}@ccus-demo\\.example\\.com'`));
    for (const field of [
      'LastName',
      'Alias',
      'Email',
      'TimeZoneSidKey',
      'LocaleSidKey',
      'EmailEncodingKey',
      'LanguageLocaleKey',
      'IsActive',
    ]) {
      assert.match(values, new RegExp(`\\b${field}='[^']+'`), `${field} is set (required on User)`);
    }
  });
});

describe('CallCenterRoutingMap import file', () => {
  it("has exactly the object's required fields as columns (v65 schema)", async () => {
    const schema = await loadSchema(REPO);
    const fields = [...schema.objects.get('callcenterroutingmap').fields.keys()];
    for (const column of ROUTING_MAP_COLUMNS)
      assert.ok(fields.includes(column.toLowerCase()), `${column} is a CallCenterRoutingMap field`);
    assert.deepEqual([...ROUTING_MAP_COLUMNS].sort(), [
      'CallCenterId',
      'DeveloperName',
      'ExternalId',
      'MasterLabel',
      'ReferenceRecordId',
    ]);
  });

  it("rows follow the app's defaults: ExternalId rule, User_<user18>_<cc15>, MasterLabel = user id", () => {
    const userId = to18('0055g0000012345');
    const [row] = routingMapRows(
      [
        { key: 'ada', mapped: true, userId },
        { key: 'alan', mapped: false, userId: to18('0055g0000012346') },
      ],
      {
        orgId: ORG_ID,
        callCenterId: CALL_CENTER_ID,
      },
    );
    assert.deepEqual(row, {
      ExternalId: `ada@${userId}@${ORG_ID}`,
      ReferenceRecordId: userId,
      CallCenterId: CALL_CENTER_ID,
      DeveloperName: `User_${userId}_${CALL_CENTER_ID.slice(0, 15)}`,
      MasterLabel: userId,
    });
    assert.equal(
      toCsv([{ ...row, ExternalId: 'a,"b"' }])
        .split('\n')[1]
        .split(',')[0],
      '"a',
    );
  });

  it('org:create with a fake sf writes a valid CSV for the mapped agents and imports it with Bulk API 2.0', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccus-test-'));
    const { runner, lines } = fakeSf(happyOrgAnswers());
    const { log } = collectLog();
    const exit = await main(['create', '--no-open', '--sample-dir', dir], { runner, sf: 'sf', log });
    assert.equal(exit, 0);
    const csv = fs.readFileSync(path.join(dir, 'CallCenterRoutingMap.csv'), 'utf8');
    const [header, ...rows] = csv.trimEnd().split('\n');
    assert.equal(header, ROUTING_MAP_COLUMNS.join(','));
    const mappedKeys = loadAgents()
      .agents.filter((agent) => agent.mapped)
      .map((agent) => agent.key);
    assert.equal(rows.length, mappedKeys.length);
    for (const line of rows) {
      const [externalId, userId, callCenterId, developerName, masterLabel] = line.split(',');
      assert.ok(isId18(userId, '005'), `user id ${userId}`);
      assert.equal(callCenterId, CALL_CENTER_ID);
      assert.match(externalId, new RegExp(`^(${mappedKeys.join('|')})@${userId}@${ORG_ID}$`));
      assert.equal(developerName, `User_${userId}_${CALL_CENTER_ID.slice(0, 15)}`);
      assert.ok(/^[A-Za-z]\w*$/.test(developerName) && !developerName.includes('__') && developerName.length <= 80);
      assert.equal(masterLabel, userId);
    }
    assert.ok(
      lines().some((line) =>
        line.startsWith(
          `data import bulk --sobject CallCenterRoutingMap --file ${path.join(dir, 'CallCenterRoutingMap.csv')}`,
        ),
      ),
    );
    assert.equal(lines().filter((line) => line.startsWith('data create record --sobject User')).length, 6);
  });

  it('re-running keeps existing sample users and mappings (no duplicates)', async () => {
    const userId = to18('0055g0000000001');
    const answers = [
      [
        /FROM User WHERE Username/,
        {
          json: {
            status: 0,
            result: { records: [{ Id: userId, Username: `ada.${ORG_ID.toLowerCase()}@ccus-demo.example.com` }] },
          },
        },
      ],
      [/FROM CallCenterRoutingMap/, { json: { status: 0, result: { records: [{ ReferenceRecordId: userId }] } } }],
      ...happyOrgAnswers(),
    ];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccus-test-'));
    const { runner, lines } = fakeSf(answers);
    await main(['create', '--no-open', '--sample-dir', dir], { runner, sf: 'sf', log: () => {} });
    assert.equal(lines().filter((line) => line.startsWith('data create record')).length, 5);
    assert.ok(!fs.readFileSync(path.join(dir, 'CallCenterRoutingMap.csv'), 'utf8').includes(userId));
  });
});
