// Test helpers for the org scripts: a fake `sf` (an injectable runner answering by command pattern) and a log
// collector. Nothing here talks to an org or spawns the real CLI.
import { to18 } from '../../scripts/org/sample-data.mjs';

export const ORG_ID = to18('00D5g000004Sx9Q');
export const CALL_CENTER_ID = to18('04v5g000000AbCd');

/** Fake user ids: 005… with a valid checksum, one per created user. */
export function userIdFactory() {
  let n = 0;
  return () => to18(`0055g00000${String(++n).padStart(5, '0')}`);
}

/**
 * @param {Array<[RegExp, { code?: number, json?: unknown, stderr?: string } | ((args: string[]) => { code?: number, json?: unknown, stderr?: string })]>} answers
 */
export function fakeSf(answers = []) {
  /** @type {string[][]} */
  const calls = [];
  const runner = async (args) => {
    const rest = args.slice(1);
    calls.push(rest);
    const line = rest.join(' ');
    for (const [pattern, answer] of answers) {
      if (pattern.test(line)) {
        const value = typeof answer === 'function' ? answer(rest) : answer;
        return {
          code: value.code ?? 0,
          stdout: value.json === undefined ? '' : JSON.stringify(value.json),
          stderr: value.stderr ?? '',
        };
      }
    }
    return { code: 0, stdout: JSON.stringify({ status: 0, result: {} }), stderr: '' };
  };
  return { runner, calls, lines: () => calls.map((call) => call.join(' ')) };
}

export function collectLog() {
  const lines = [];
  const log = (line) => lines.push(String(line));
  return { log, lines, text: () => lines.join('\n') };
}

/** `sf org list --json` with the given Dev Hubs. */
export function orgList(devHubs) {
  return { status: 0, result: { other: [], sandboxes: [], nonScratchOrgs: [], devHubs, scratchOrgs: [] } };
}

export const DEFAULT_HUB = {
  alias: 'devhub',
  username: 'admin@hub.example.com',
  isDevHub: true,
  isDefaultDevHubUsername: true,
  connectedStatus: 'Connected',
};

/** Answers of a healthy Voice scratch org for org:create. */
export function happyOrgAnswers({ licenses = [{ Name: 'Salesforce', TotalLicenses: 10, UsedLicenses: 1 }] } = {}) {
  const nextUserId = userIdFactory();
  return [
    [/^org list/, { json: orgList([DEFAULT_HUB]) }],
    [/^org display/, { json: { status: 0, result: { id: ORG_ID, username: 'admin@ccus.example.com' } } }],
    [/FROM CallCenter WHERE/, { json: { status: 0, result: { records: [{ Id: CALL_CENTER_ID }] } } }],
    [/FROM UserLicense/, { json: { status: 0, result: { records: licenses } } }],
    [
      /FROM Profile/,
      {
        json: {
          status: 0,
          result: {
            records: [
              { Id: to18('00e5g000000Prof'), Name: 'Standard User' },
              { Id: to18('00e5g000000Plat'), Name: 'Standard Platform User' },
            ],
          },
        },
      },
    ],
    [/FROM User WHERE Username/, { json: { status: 0, result: { records: [] } } }],
    [/FROM CallCenterRoutingMap/, { json: { status: 0, result: { records: [] } } }],
    [/^data create record/, () => ({ json: { status: 0, result: { id: nextUserId(), success: true } } })],
  ];
}
