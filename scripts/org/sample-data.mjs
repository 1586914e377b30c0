// Sample data for scratch orgs (npm run org:create): the demo call center's agents and their
// CallCenterRoutingMap import file. Pure functions only; scripts/org/org.mjs runs the sf commands.
//
// Files: config/sample-data/agents.json (who the agents are; data, so it lives outside the package
// directories, where source conversion would try to claim it as metadata) and
// dev-app/main/sample-data/callCenters/CCUS_Demo_Call_Center.callCenter-meta.xml (the call center: deployable
// metadata, so it lives in the non-packaged dev-app directory).
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './lib.mjs';

export const AGENTS_FILE = 'config/sample-data/agents.json';

/** The columns of the CallCenterRoutingMap import file: the object's required createable fields, in the order the
 * mapping screen's CSV export uses (force-app/main/mapping/lwc/mappingCsv). QuickConnect (Amazon Connect only) is
 * left out. */
export const ROUTING_MAP_COLUMNS = Object.freeze([
  'ExternalId',
  'ReferenceRecordId',
  'CallCenterId',
  'DeveloperName',
  'MasterLabel',
]);

/** Profiles tried for active agents, in order, with the user licence each consumes. */
export const AGENT_PROFILES = Object.freeze([
  { profile: 'Standard User', license: 'Salesforce' },
  { profile: 'Standard Platform User', license: 'Salesforce Platform' },
]);

/**
 * @typedef {{ key: string, firstName: string, lastName: string, active: boolean, mapped: boolean }} Agent
 * @typedef {{ callCenterInternalName: string, agents: Agent[] }} AgentsFile
 */

/** @returns {AgentsFile} */
export function loadAgents(file = path.join(REPO_ROOT, AGENTS_FILE)) {
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  validateAgents(data);
  return data;
}

/** Throws when the agents file is malformed (keys must make valid aliases and usernames). */
export function validateAgents(data) {
  if (!data || typeof data.callCenterInternalName !== 'string' || !Array.isArray(data.agents)) {
    throw new Error(`${AGENTS_FILE}: needs "callCenterInternalName" and an "agents" list`);
  }
  const keys = new Set();
  for (const agent of data.agents) {
    if (!/^[a-z][a-z0-9]{0,7}$/.test(agent.key ?? '')) {
      throw new Error(
        `${AGENTS_FILE}: agent key "${agent.key}" must be 1-8 lower-case letters/digits (it is the Alias)`,
      );
    }
    if (keys.has(agent.key)) throw new Error(`${AGENTS_FILE}: duplicate agent key "${agent.key}"`);
    keys.add(agent.key);
    for (const field of ['firstName', 'lastName']) {
      if (typeof agent[field] !== 'string' || !agent[field] || /['"\\]/.test(agent[field])) {
        throw new Error(`${AGENTS_FILE}: agent "${agent.key}" needs a ${field} without quotes or backslashes`);
      }
    }
    if (typeof agent.active !== 'boolean' || typeof agent.mapped !== 'boolean') {
      throw new Error(`${AGENTS_FILE}: agent "${agent.key}" needs boolean "active" and "mapped"`);
    }
  }
}

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** 15 → 18-character Salesforce id (18 stays as it is). */
export function to18(id) {
  if (typeof id !== 'string' || !/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(id))
    throw new Error(`not a Salesforce id: ${id}`);
  if (id.length === 18) return id;
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const ch = id[chunk * 5 + i];
      if (ch >= 'A' && ch <= 'Z') bits |= 1 << i;
    }
    suffix += ID_CHARS[bits];
  }
  return id + suffix;
}

/** True for a well-formed 18-character id whose checksum suffix matches, optionally with a key prefix. */
export function isId18(id, prefix) {
  return (
    typeof id === 'string' && id.length === 18 && to18(id.slice(0, 15)) === id && (!prefix || id.startsWith(prefix))
  );
}

/** Username of a sample agent: unique per org (the 18-character org id is case-insensitively unique). */
export function usernameFor(agent, orgId) {
  return `${agent.key}.${to18(orgId).toLowerCase()}@ccus-demo.example.com`;
}

/**
 * Assigns a profile to each agent from the free user licences (`SELECT Name, TotalLicenses, UsedLicenses FROM
 * UserLicense`). Active agents take a free Salesforce licence, then a Salesforce Platform one; when none is left
 * they are created inactive (inactive users hold no licence) with a note saying so.
 * @param {Agent[]} agents
 * @param {Array<{ Name: string, TotalLicenses: number, UsedLicenses: number }>} licenses
 */
export function planAgents(agents, licenses) {
  const free = new Map(licenses.map((row) => [row.Name, Math.max(0, row.TotalLicenses - row.UsedLicenses)]));
  return agents.map((agent) => {
    const first = AGENT_PROFILES[0].profile;
    if (!agent.active) return { ...agent, profile: first, note: null };
    const option = AGENT_PROFILES.find(({ license }) => (free.get(license) ?? 0) > 0);
    if (!option) {
      return {
        ...agent,
        active: false,
        profile: first,
        note: `no free Salesforce or Salesforce Platform licence: created inactive`,
      };
    }
    free.set(option.license, /** @type {number} */ (free.get(option.license)) - 1);
    return {
      ...agent,
      profile: option.profile,
      note: option.profile === first ? null : `uses the ${option.license} licence`,
    };
  });
}

/**
 * The `sf data create record --sobject User --values` string of one agent.
 * @param {Agent & { profile: string }} agent
 * @param {{ orgId: string, profileId: string, callCenterId: string }} ids
 */
export function userValues(agent, { orgId, profileId, callCenterId }) {
  const fields = {
    FirstName: agent.firstName,
    LastName: agent.lastName,
    Alias: agent.key,
    Email: `${agent.key}@ccus-demo.example.com`,
    Username: usernameFor(agent, orgId),
    ProfileId: profileId,
    CallCenterId: callCenterId,
    IsActive: agent.active ? 'true' : 'false',
    TimeZoneSidKey: 'America/Los_Angeles',
    LocaleSidKey: 'en_US',
    EmailEncodingKey: 'UTF-8',
    LanguageLocaleKey: 'en_US',
  };
  return Object.entries(fields)
    .map(([name, value]) => `${name}='${value}'`)
    .join(' ');
}

/** The default ExternalId rule `{!Alias}@{!Id}@{!$Organization.Id}` (docs/external-id-rules.md). */
export function externalIdFor(alias, userId, orgId) {
  return `${alias}@${to18(userId)}@${to18(orgId)}`;
}

/** DeveloperName and MasterLabel in the app's default format (MappingNames: User_{UserId18}_{CallCenterId15}). */
export function mappingNames(userId, callCenterId) {
  return { DeveloperName: `User_${to18(userId)}_${to18(callCenterId).slice(0, 15)}`, MasterLabel: to18(userId) };
}

/**
 * The CallCenterRoutingMap rows for the mapped agents.
 * @param {Array<{ key: string, mapped: boolean, userId: string }>} agents
 * @param {{ orgId: string, callCenterId: string }} ids
 */
export function routingMapRows(agents, { orgId, callCenterId }) {
  return agents
    .filter((agent) => agent.mapped)
    .map((agent) => ({
      ExternalId: externalIdFor(agent.key, agent.userId, orgId),
      ReferenceRecordId: to18(agent.userId),
      CallCenterId: to18(callCenterId),
      ...mappingNames(agent.userId, callCenterId),
    }));
}

/** RFC 4180 CSV (LF line endings, what `sf data import bulk --line-ending LF` reads). */
export function toCsv(rows, columns = ROUTING_MAP_COLUMNS) {
  const cell = (value) => {
    const text = String(value ?? '');
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return (
    [columns.join(','), ...rows.map((row) => columns.map((column) => cell(row[column])).join(','))].join('\n') + '\n'
  );
}
