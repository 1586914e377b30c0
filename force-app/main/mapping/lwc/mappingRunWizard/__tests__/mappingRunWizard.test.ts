import { createElement } from 'lwc';
import MappingRunWizard, { agentArnRule, chunk, importRowsOf, problemPosition, toRuleUser } from 'c/mappingRunWizard';
import type { UserSelection } from 'c/unmappedUsers';
import { loadScript } from 'lightning/platformResourceLoader';
import getUsers from '@salesforce/apex/MappingUsersController.getUsers';
import checkRule from '@salesforce/apex/MappingRuleController.checkRule';
import evaluateRule from '@salesforce/apex/MappingRuleController.evaluateRule';
import createRun from '@salesforce/apex/MappingRunController.createRun';
import addRunItems from '@salesforce/apex/MappingRunController.addRunItems';
import startPreview from '@salesforce/apex/MappingRunController.startPreview';
import getRun from '@salesforce/apex/MappingRunController.getRun';
import getRunItems from '@salesforce/apex/MappingRunController.getRunItems';
import updateRunItems from '@salesforce/apex/MappingRunController.updateRunItems';
import confirmRun from '@salesforce/apex/MappingRunController.confirmRun';
import cancelRun from '@salesforce/apex/MappingRunController.cancelRun';
import resumeRun from '@salesforce/apex/MappingRunController.resumeRun';
import type { ItemPage, MappingContext, RunItemRow, RunSummary, UserRow } from '@ccus/apex-contracts';
import contextFixture from './data/context.json';
import usersFixture from './data/users.json';
import runFixture from './data/run.json';
import itemsFixture from './data/items.json';
import failuresFixture from './data/failures.json';
import directoryFixture from './data/directory.json';

const APEX = [
  'MappingUsersController.getUsers',
  'MappingRuleController.checkRule',
  'MappingRuleController.evaluateRule',
  'MappingRunController.createRun',
  'MappingRunController.addRunItems',
  'MappingRunController.startPreview',
  'MappingRunController.getRun',
  'MappingRunController.getRunItems',
  'MappingRunController.updateRunItems',
  'MappingRunController.confirmRun',
  'MappingRunController.cancelRun',
  'MappingRunController.resumeRun',
];
jest.mock('@salesforce/apex/MappingUsersController.getUsers', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MappingRuleController.checkRule', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MappingRuleController.evaluateRule', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MappingRunController.createRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MappingRunController.addRunItems', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MappingRunController.startPreview', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MappingRunController.getRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MappingRunController.getRunItems', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MappingRunController.updateRunItems', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MappingRunController.confirmRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MappingRunController.cancelRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MappingRunController.resumeRun', () => ({ default: jest.fn() }), { virtual: true });

const mock = (fn: unknown): jest.Mock => fn as jest.Mock;
const CONTEXT = contextFixture as MappingContext;
const USERS = usersFixture as UserRow[];
const RUN = runFixture as RunSummary;
const ITEMS = itemsFixture as ItemPage;
const FAILURES = failuresFixture as ItemPage;
const READY_RUN: RunSummary = {
  ...RUN,
  status: 'PREVIEW_READY',
  ready: 1,
  verdictCounts: { READY: 1, INVALID_ARN: 1, MISSING_VALUE: 1 },
  canEdit: true,
  canConfirm: true,
  previewedAt: '2026-11-21T09:31:00.000Z',
};
const FINAL_RUN: RunSummary = {
  ...READY_RUN,
  status: 'COMPLETED_WITH_ERRORS',
  processed: 3,
  created: 1,
  failed: 1,
  skipped: 1,
  percentComplete: 100,
  isFinal: true,
  canCancel: false,
  canEdit: false,
  canConfirm: false,
};

const flushPromises = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
const settle = (times = 6): Promise<void> =>
  Array.from({ length: times }).reduce<Promise<void>>((previous) => previous.then(flushPromises), Promise.resolve());

function selectionOf(mode: 'IDS' | 'FILTER', users: UserRow[] = USERS): UserSelection {
  return { mode, users, filter: { search: 'a', status: 'ACTIVE' }, count: mode === 'FILTER' ? 1234 : users.length };
}

async function mount(selection: UserSelection = selectionOf('IDS'), context = CONTEXT): Promise<HTMLElement> {
  const element = createElement('c-mapping-run-wizard', { is: MappingRunWizard });
  Object.assign(element, { context, selection, pollInterval: 0 });
  document.body.appendChild(element);
  await flushPromises();
  return element;
}

const query = <T = HTMLElement>(element: HTMLElement, selector: string): T | null =>
  element.shadowRoot!.querySelector(selector) as T | null;
const byId = <T = HTMLElement>(element: HTMLElement, id: string): T => query<T>(element, `[data-id="${id}"]`)!;
const isDisabled = (element: HTMLElement, id: string): boolean => byId<{ disabled: boolean }>(element, id).disabled;
const change = (target: HTMLElement, value: string): boolean =>
  target.dispatchEvent(new CustomEvent('change', { detail: { value } }));

let downloads: Array<{ name: string; blob: Blob }> = [];
let lastBlob: Blob | null = null;

function readBlob(blob: Blob): Promise<string> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.readAsText(blob);
  });
}

describe('c-mapping-run-wizard', () => {
  beforeEach(() => {
    downloads = [];
    mock(checkRule).mockResolvedValue({
      ok: true,
      errors: [],
      fields: ['FederationIdentifier'],
      organizationFields: [],
    });
    mock(createRun).mockResolvedValue(RUN);
    mock(addRunItems).mockImplementation(({ items }: { items: unknown[] }) =>
      Promise.resolve({ runId: RUN.runId, accepted: items.length, rejected: [], totalItems: 3 }),
    );
    mock(startPreview).mockResolvedValue({ ...RUN, status: 'PREVIEWING' });
    mock(getRun).mockResolvedValue(READY_RUN);
    mock(getRunItems).mockResolvedValue(ITEMS);
    Object.assign(URL, {
      createObjectURL: jest.fn((blob: Blob) => {
        lastBlob = blob;
        return 'blob:download';
      }),
      revokeObjectURL: jest.fn(),
    });
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push({ name: this.download, blob: lastBlob as Blob });
    });
  });

  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
    jest.restoreAllMocks();
    Reflect.deleteProperty(window, 'Papa');
  });

  it('reports rule errors with their position as the admin types, and accepts a preset', async () => {
    const element = await mount();
    expect(byId(element, 'selection-summary').textContent).toBe('3 selected users');

    change(byId(element, 'rule-input'), '{!FederationIdentifer}@{!$Organization.Id}');
    await flushPromises();
    const errors = byId(element, 'rule-errors').textContent!;
    expect(errors).toContain('Characters 3–21');
    expect(errors).toContain('Did you mean "FederationIdentifier"?');
    expect(isDisabled(element, 'preview')).toBe(true);
    await expect(element).toBeAccessible();

    const presets = [...element.shadowRoot!.querySelectorAll<HTMLElement>('[data-id="rule-preset"]')];
    presets.find((preset) => preset.dataset.rule === '{!Alias}@{!Id}@{!$Organization.Id}')!.click();
    await flushPromises();
    expect(byId<{ value: string }>(element, 'rule-input').value).toBe('{!Alias}@{!Id}@{!$Organization.Id}');
    expect(query(element, '[data-id="rule-errors"]')).toBeNull();
    expect(byId(element, 'rule-status').textContent).toContain('The rule is valid: it reads Alias, Id');
    expect(isDisabled(element, 'preview')).toBe(false);
  });

  it('checks the rule on the server once typing pauses and shows the server errors', async () => {
    mock(checkRule).mockResolvedValue({
      ok: false,
      errors: [{ code: 'UNKNOWN_FIELD', startIndex: 2, endIndex: 3, message: 'Unknown field X.', suggestion: 'Email' }],
      fields: [],
      organizationFields: [],
    });
    jest.useFakeTimers();
    const element = createElement('c-mapping-run-wizard', { is: MappingRunWizard });
    Object.assign(element, { context: CONTEXT, selection: selectionOf('IDS'), pollInterval: 0 });
    document.body.appendChild(element);
    change(byId(element, 'rule-input'), '{!Email}');
    jest.advanceTimersByTime(500);
    jest.useRealTimers();
    await settle(2);

    expect(mock(checkRule)).toHaveBeenCalledWith({ rule: '{!Email}' });
    expect(byId(element, 'rule-errors').textContent).toBe('Character 3: Unknown field X. Did you mean "Email"?');
    expect(byId(element, 'rule-status').textContent).toContain('The server found errors in the rule');
    expect(isDisabled(element, 'preview')).toBe(true);
    await expect(element).toBeAccessible();
  });

  it('tests the rule on the server for the first selected users', async () => {
    mock(evaluateRule).mockResolvedValue([
      { userId: USERS[0].userId, value: 'ada@sso.example.com', missingReason: null },
      { userId: USERS[2].userId, value: null, missingReason: '{!FederationIdentifier} is empty' },
    ]);
    const element = await mount();

    byId(element, 'test-rule').click();
    await settle(2);

    expect(mock(evaluateRule)).toHaveBeenCalledWith({
      rule: '{!FederationIdentifier}',
      userIds: USERS.map((user) => user.userId),
    });
    const samples = byId(element, 'rule-samples').textContent!;
    expect(samples).toContain('ada@sso.example.com');
    expect(samples).toContain('No value: {!FederationIdentifier} is empty');
    await expect(element).toBeAccessible();

    mock(evaluateRule).mockRejectedValue({ body: { message: 'Rule test failed.' } });
    byId(element, 'test-rule').click();
    await settle(2);
    expect(byId(element, 'error').textContent).toContain('Rule test failed.');
  });

  it('builds a rule run for the selected users in chunks, polls the preview and shows verdict counts', async () => {
    const element = await mount();

    byId(element, 'preview').click();
    await settle();

    expect(mock(createRun)).toHaveBeenCalledWith({
      request: {
        callCenterId: CONTEXT.callCenterId,
        source: 'RULE',
        externalIdFormat: 'AMAZON_CONNECT',
        selectionMode: 'IDS',
        rule: '{!FederationIdentifier}',
      },
    });
    expect(mock(addRunItems).mock.calls.map((call) => call[0].items.length)).toEqual([2, 1]);
    expect(mock(startPreview)).toHaveBeenCalledWith({ runId: RUN.runId });
    expect(mock(getRun)).toHaveBeenCalledWith({ runId: RUN.runId });
    expect(byId<{ currentStep: string }>(element, 'steps').currentStep).toBe('preview');
    expect(byId(element, 'ready-text').textContent).toBe('1 of 3 rows are ready. Only ready rows are written.');
    const summary = query<HTMLElement & { counts: Record<string, number> }>(element, 'c-verdict-summary')!;
    expect(summary.counts).toEqual(READY_RUN.verdictCounts);
    const table = byId<{ data: Array<RunItemRow & { verdictText: string }>; columns: Array<{ editable?: boolean }> }>(
      element,
      'preview-table',
    );
    expect(table.data.map((row) => row.verdictText)).toEqual(['Ready', 'Invalid ARN', 'Missing value']);
    expect(table.columns.some((column) => column.editable)).toBe(true);
    await expect(element).toBeAccessible();

    summary.dispatchEvent(new CustomEvent('verdictselect', { detail: { verdict: 'INVALID_ARN' } }));
    await settle(2);
    const lastQuery = mock(getRunItems).mock.calls[mock(getRunItems).mock.calls.length - 1][0].query;
    expect(lastQuery).toMatchObject({ runId: RUN.runId, verdicts: ['INVALID_ARN'], cursor: null });
  });

  it('sends the filter, not ids, when every matching user is selected, and offers no by-hand values', async () => {
    const element = await mount(selectionOf('FILTER'));
    change(byId(element, 'external-id-format'), 'TEXT');
    expect(byId(element, 'selection-summary').textContent).toBe('All 1,234 unmapped users matching "a" (active users)');
    const options = byId<{ options: Array<{ value: string }> }>(element, 'source-choice').options;
    expect(options.map((option) => option.value)).toEqual(['RULE', 'DIRECTORY']);

    byId(element, 'preview').click();
    await settle();

    expect(mock(createRun).mock.calls[0][0].request).toMatchObject({
      externalIdFormat: 'TEXT',
      selectionMode: 'FILTER',
      filter: { search: 'a', status: 'ACTIVE' },
    });
    expect(mock(addRunItems)).not.toHaveBeenCalled();
    await expect(element).toBeAccessible();
  });

  it('pages the preview rows and exports the ready rows with exactly the CallCenterRoutingMap columns', async () => {
    mock(getRunItems).mockResolvedValueOnce({
      ...ITEMS,
      rows: ITEMS.rows.slice(0, 2),
      hasMore: true,
      nextCursor: 'p2',
    });
    const element = await mount();
    byId(element, 'preview').click();
    await settle();

    mock(getRunItems).mockResolvedValueOnce({ ...ITEMS, rows: ITEMS.rows.slice(2) });
    byId(element, 'preview-table').dispatchEvent(new CustomEvent('loadmore'));
    await settle(2);
    expect(byId<{ data: unknown[] }>(element, 'preview-table').data).toHaveLength(3);

    mock(getRunItems).mockResolvedValueOnce({ ...ITEMS, rows: [ITEMS.rows[0]] });
    byId(element, 'export-csv').click();
    await settle(2);

    expect(mock(getRunItems).mock.calls[mock(getRunItems).mock.calls.length - 1][0].query).toMatchObject({
      verdicts: ['READY'],
    });
    expect(downloads).toHaveLength(1);
    expect(downloads[0].name).toBe('MR-000001-preview.csv');
    const lines = (await readBlob(downloads[0].blob)).split('\r\n');
    expect(lines[0]).toBe('ExternalId,ReferenceRecordId,CallCenterId,DeveloperName,MasterLabel,QuickConnect');
    expect(lines[1]).toBe(
      [
        ITEMS.rows[0].externalId,
        ITEMS.rows[0].userId,
        CONTEXT.callCenterId,
        ITEMS.rows[0].developerName,
        ITEMS.rows[0].masterLabel,
        '',
      ].join(','),
    );
    await expect(element).toBeAccessible();
  });

  it('matches an uploaded directory export and sends the matched pairs', async () => {
    const papa = jest.requireActual('papaparse');
    mock(loadScript).mockImplementation(() => {
      window.Papa = papa;
      return Promise.resolve();
    });
    const element = await mount();
    change(byId(element, 'source-choice'), 'DIRECTORY');
    await flushPromises();
    expect(isDisabled(element, 'preview')).toBe(true);

    const upload = byId(element, 'directory-upload');
    Object.defineProperty(upload, 'files', {
      value: [{ name: directoryFixture.fileName, text: () => Promise.resolve(directoryFixture.text) }],
    });
    upload.dispatchEvent(new CustomEvent('change'));
    await settle(3);

    expect(mock(loadScript)).toHaveBeenCalled();
    expect(byId(element, 'file-summary').textContent).toBe('connect-users.csv: 3 rows, columns Id, Arn, Username');
    expect(byId<{ value: string }>(element, 'external-id-column').value).toBe('Arn');
    expect(byId<{ value: string }>(element, 'match-column').value).toBe('Username');
    expect(byId<{ value: string }>(element, 'match-field').value).toBe('Username');

    byId(element, 'match-directory').click();
    await settle(2);
    const count = (key: string) => query(element, `[data-count="${key}"] dd`)!.textContent;
    expect(count('matched')).toBe('2');
    expect(count('unmatchedRows')).toBe('1');
    expect(count('unmatchedUsers')).toBe('1');
    expect(byId(element, 'match-details').textContent).toContain('Line 4');
    await expect(element).toBeAccessible();

    byId(element, 'preview').click();
    await settle();
    expect(mock(createRun).mock.calls[0][0].request).toMatchObject({ source: 'DIRECTORY', selectionMode: 'IDS' });
    const sent = mock(addRunItems).mock.calls.flatMap((call) => call[0].items);
    expect(sent).toEqual([
      { userId: USERS[0].userId, externalId: expect.stringContaining('/agent/aaaaaaaa'), rowNumber: 2 },
      { userId: USERS[1].userId, externalId: expect.stringContaining('/agent/bbbbbbbb'), rowNumber: 3 },
    ]);
  });

  it('builds agent ARNs from an export with only the agent id column and the instance ARN given once', async () => {
    window.Papa = jest.requireActual('papaparse');
    const instance = 'arn:aws:connect:eu-west-2:123456789012:instance/11111111-2222-4333-8444-555555555555';
    const element = await mount();
    change(byId(element, 'source-choice'), 'DIRECTORY');
    await flushPromises();
    const upload = byId(element, 'directory-upload');
    const text = [
      'Id,Username',
      'aaaaaaaa-0000-4000-8000-000000000001,ada@example.com.acme',
      'NOT-AN-ID,grace@example.com.acme',
    ].join('\r\n');
    Object.defineProperty(upload, 'files', { value: [{ name: 'list-users.csv', text: () => Promise.resolve(text) }] });
    upload.dispatchEvent(new CustomEvent('change'));
    await settle(3);

    // No ARN column: the Id column is preselected as agent ids, and matching waits for a valid instance ARN.
    expect(byId<{ value: string }>(element, 'directory-id-kind').value).toBe('AGENT_ID');
    expect(byId<{ value: string; label: string }>(element, 'external-id-column').value).toBe('Id');
    expect(byId<{ label: string }>(element, 'external-id-column').label).toBe('Column with the agent id');
    expect(byId(element, 'agent-arn-hint')).not.toBeNull();
    expect(isDisabled(element, 'match-directory')).toBe(true);
    change(byId(element, 'instance-arn'), 'arn:aws:connect:eu-west-2:123:instance/x');
    await flushPromises();
    expect(byId(element, 'instance-arn-error').textContent).toContain('Instance ARN:');
    expect(isDisabled(element, 'match-directory')).toBe(true);
    await expect(element).toBeAccessible();

    change(byId(element, 'instance-arn'), ` ${instance} `);
    await flushPromises();
    expect(query(element, '[data-id="instance-arn-error"]')).toBeNull();
    expect(isDisabled(element, 'match-directory')).toBe(false);
    byId(element, 'match-directory').click();
    await settle(2);
    const count = (key: string) => query(element, `[data-count="${key}"] dd`)!.textContent;
    expect(count('matched')).toBe('1');
    expect(count('unmatchedRows')).toBe('1');
    expect(byId(element, 'match-details').textContent).toContain('"NOT-AN-ID" does not give an agent ARN');
    await expect(element).toBeAccessible();

    byId(element, 'preview').click();
    await settle();
    const sent = mock(addRunItems).mock.calls.flatMap((call) => call[0].items);
    expect(sent).toEqual([
      { userId: USERS[0].userId, externalId: `${instance}/agent/aaaaaaaa-0000-4000-8000-000000000001`, rowNumber: 2 },
    ]);
  });

  it('uses an ARN column as it is, and never builds ARNs for text ExternalIds', async () => {
    window.Papa = jest.requireActual('papaparse');
    const element = await mount();
    change(byId(element, 'source-choice'), 'DIRECTORY');
    await flushPromises();
    const upload = byId(element, 'directory-upload');
    Object.defineProperty(upload, 'files', {
      value: [{ name: 'ids.csv', text: () => Promise.resolve('Id,Username\r\nagent-7,ada@example.com.acme\r\n') }],
    });
    upload.dispatchEvent(new CustomEvent('change'));
    await settle(3);
    change(byId(element, 'directory-id-kind'), 'ARN');
    await flushPromises();
    expect(byId<{ label: string }>(element, 'external-id-column').label).toBe('Column with the ExternalId');
    expect(isDisabled(element, 'match-directory')).toBe(false);

    change(byId(element, 'directory-id-kind'), 'AGENT_ID');
    change(byId(element, 'external-id-format'), 'TEXT');
    await flushPromises();
    expect(query(element, '[data-id="directory-id-kind"]')).toBeNull();
    expect(query(element, '[data-id="instance-arn"]')).toBeNull();
    byId(element, 'match-directory').click();
    await settle(2);
    byId(element, 'preview').click();
    await settle();
    expect(mock(createRun).mock.calls[0][0].request).toMatchObject({ externalIdFormat: 'TEXT' });
    expect(mock(addRunItems).mock.calls[0][0].items).toEqual([
      { userId: USERS[0].userId, externalId: 'agent-7', rowNumber: 2 },
    ]);
    await expect(element).toBeAccessible();
  });

  it('offers a rule preset that builds agent ARNs from the instance ARN and Federation ID', async () => {
    const instance = 'arn:aws:connect:us-west-2:123456789012:instance/11111111-2222-4333-8444-555555555555';
    const element = await mount();
    expect(isDisabled(element, 'rule-preset-agent-arn')).toBe(true);
    change(byId(element, 'instance-arn'), instance);
    await flushPromises();
    expect(isDisabled(element, 'rule-preset-agent-arn')).toBe(false);
    byId(element, 'rule-preset-agent-arn').click();
    await flushPromises();
    expect(byId<{ value: string }>(element, 'rule-input').value).toBe(`${instance}/agent/{!FederationIdentifier}`);
    expect(byId(element, 'rule-status').textContent).toContain('The rule is valid: it reads FederationIdentifier');
    await expect(element).toBeAccessible();
    expect(agentArnRule(instance, 'Agent_Id__c')).toBe(`${instance}/agent/{!Agent_Id__c}`);
  });

  it('pages every matching user from the server to match a directory against an all-matching selection', async () => {
    window.Papa = jest.requireActual('papaparse');
    mock(getUsers)
      .mockResolvedValueOnce({ rows: USERS.slice(0, 2), nextCursor: 'u2', hasMore: true, totalCount: null })
      .mockResolvedValueOnce({ rows: USERS.slice(2), nextCursor: null, hasMore: false, totalCount: null });
    const element = await mount(selectionOf('FILTER', []));
    change(byId(element, 'source-choice'), 'DIRECTORY');
    await flushPromises();
    const upload = byId(element, 'directory-upload');
    Object.defineProperty(upload, 'files', {
      value: [{ name: 'users.csv', text: () => Promise.resolve(directoryFixture.text) }],
    });
    upload.dispatchEvent(new CustomEvent('change'));
    await settle(3);
    change(byId(element, 'match-field'), 'Username');
    change(byId(element, 'match-column'), 'Username');
    change(byId(element, 'external-id-column'), 'Arn');
    await flushPromises();

    byId(element, 'match-directory').click();
    await settle(3);

    expect(mock(getUsers).mock.calls.map((call) => call[0].query)).toEqual([
      expect.objectContaining({ scope: 'UNMAPPED', search: 'a', status: 'ACTIVE', pageSize: 2000, cursor: null }),
      expect.objectContaining({ cursor: 'u2' }),
    ]);
    expect(query(element, '[data-count="matched"] dd')!.textContent).toBe('2');
  });

  it('reports a file that cannot be read', async () => {
    mock(loadScript).mockResolvedValue(undefined);
    const element = await mount();
    change(byId(element, 'source-choice'), 'DIRECTORY');
    await flushPromises();
    const upload = byId(element, 'directory-upload');
    Object.defineProperty(upload, 'files', {
      value: [{ name: 'users.csv', text: () => Promise.resolve('a,b\r\n1,2\r\n') }],
    });
    upload.dispatchEvent(new CustomEvent('change'));
    await settle(3);

    expect(byId(element, 'error').textContent).toContain(
      'The CSV parser (papaparse static resource) could not be loaded.',
    );
    await expect(element).toBeAccessible();
  });

  it('lets the admin type values by hand in the preview and saves them', async () => {
    const element = await mount(selectionOf('IDS', USERS.slice(0, 2)));
    change(byId(element, 'source-choice'), 'MANUAL');
    await flushPromises();
    expect(byId(element, 'manual-hint').textContent).toContain('type each ExternalId');

    byId(element, 'preview').click();
    await settle();
    expect(mock(addRunItems).mock.calls[0][0].items).toEqual([
      { userId: USERS[0].userId, externalId: null, rowNumber: 1 },
      { userId: USERS[1].userId, externalId: null, rowNumber: 2 },
    ]);

    const fixed: RunItemRow = { ...ITEMS.rows[1], externalId: ITEMS.rows[0].externalId!.replace('aaaa', 'cccc') };
    mock(updateRunItems).mockResolvedValue({ run: { ...READY_RUN, ready: 2 }, rows: [{ ...fixed, verdict: 'READY' }] });
    byId(element, 'preview-table').dispatchEvent(
      new CustomEvent('save', { detail: { draftValues: [{ itemId: fixed.itemId, externalId: fixed.externalId }] } }),
    );
    await settle(2);

    expect(mock(updateRunItems)).toHaveBeenCalledWith({
      runId: RUN.runId,
      edits: [{ itemId: fixed.itemId, externalId: fixed.externalId, quickConnect: null }],
    });
    const rows = byId<{ data: Array<RunItemRow & { verdictText: string }> }>(element, 'preview-table').data;
    expect(rows[1].verdictText).toBe('Ready');
    expect(byId(element, 'ready-text').textContent).toContain('2 of 3 rows are ready');
    await expect(element).toBeAccessible();
  });

  it('confirms, follows the progress, then shows the result with the failed rows to download', async () => {
    const element = await mount();
    byId(element, 'preview').click();
    await settle();

    mock(confirmRun).mockResolvedValue({ ...READY_RUN, status: 'QUEUED', canConfirm: false });
    mock(getRun)
      .mockResolvedValueOnce({ ...READY_RUN, status: 'RUNNING', processed: 1, percentComplete: 33 })
      .mockResolvedValueOnce(FINAL_RUN);
    mock(getRunItems).mockResolvedValue(FAILURES);
    byId(element, 'confirm').click();
    await settle(8);

    expect(mock(confirmRun)).toHaveBeenCalledWith({ runId: RUN.runId });
    expect(byId<{ currentStep: string }>(element, 'steps').currentStep).toBe('run');
    expect(byId(element, 'result').textContent).toContain('Finished with errors');
    expect(byId(element, 'result').textContent).toContain('1 created, 1 failed, 1 skipped.');
    const failures = byId<{ data: RunItemRow[] }>(element, 'failures-table').data;
    expect(failures[0].message).toContain('DUPLICATE_VALUE');
    await expect(element).toBeAccessible();

    byId(element, 'download-failures').click();
    await settle(2);
    expect(mock(getRunItems).mock.calls[mock(getRunItems).mock.calls.length - 1][0].query).toMatchObject({
      outcomes: ['FAILED'],
    });
    expect(downloads[0].name).toBe('MR-000001-failures.csv');
    const text = await readBlob(downloads[0].blob);
    expect(text).toContain('Row,ReferenceRecordId,Username,ExternalId,QuickConnect,DeveloperName,Reason');
    expect(text).toContain('DUPLICATE_VALUE: duplicate value found: ExternalId');

    // The created mappings as an import file (exactly the CallCenterRoutingMap columns).
    const created: ItemPage = { rows: [{ ...ITEMS.rows[0], outcome: 'CREATED' }], nextCursor: null, hasMore: false };
    mock(getRunItems).mockResolvedValueOnce(created);
    byId(element, 'export-result-csv').click();
    await settle(2);
    expect(mock(getRunItems).mock.calls[mock(getRunItems).mock.calls.length - 1][0].query).toMatchObject({
      outcomes: ['CREATED'],
    });
    expect(downloads[1].name).toBe('MR-000001-created.csv');
    const createdCsv = await readBlob(downloads[1].blob);
    expect(createdCsv.split(/\r\n/)[0]).toBe(
      'ExternalId,ReferenceRecordId,CallCenterId,DeveloperName,MasterLabel,QuickConnect',
    );
    expect(createdCsv).toContain(ITEMS.rows[0].userId);

    const complete = jest.fn();
    element.addEventListener('complete', complete);
    byId(element, 'done').click();
    expect(complete.mock.calls[0][0].detail).toEqual({ runId: RUN.runId });

    mock(getRun).mockResolvedValue(READY_RUN);
    mock(getRunItems).mockResolvedValue(ITEMS);
    byId(element, 'run-again').click();
    await settle();
    expect(mock(createRun)).toHaveBeenCalledTimes(2);
    expect(byId<{ currentStep: string }>(element, 'steps').currentStep).toBe('preview');
  });

  it('cancels a running run and resumes a paused one', async () => {
    const element = await mount();
    byId(element, 'preview').click();
    await settle();

    let cancelled = false;
    mock(confirmRun).mockResolvedValue({ ...READY_RUN, status: 'PAUSED', canResume: true, canCancel: true });
    mock(getRun).mockImplementation(() =>
      Promise.resolve(
        cancelled
          ? { ...FINAL_RUN, status: 'CANCELLED', failed: 0 }
          : { ...READY_RUN, status: 'RUNNING', processed: 1, percentComplete: 33, canCancel: true },
      ),
    );
    byId(element, 'confirm').click();
    await settle(2);
    expect(query<{ label: string }>(element, 'c-run-progress')!.label).toBe('Paused: choose Resume to continue');
    await expect(element).toBeAccessible();

    mock(resumeRun).mockResolvedValue({ ...READY_RUN, status: 'RUNNING', canCancel: true });
    byId(element, 'resume').click();
    await settle(2);
    expect(mock(resumeRun)).toHaveBeenCalledWith({ runId: RUN.runId });

    mock(cancelRun).mockImplementation(() => {
      cancelled = true;
      return Promise.resolve({ ...FINAL_RUN, status: 'CANCELLED', failed: 0 });
    });
    byId(element, 'cancel').click();
    await settle(4);
    expect(mock(cancelRun)).toHaveBeenCalledWith({ runId: RUN.runId });
    expect(byId(element, 'result').textContent).toContain('Run cancelled');
    expect(query(element, '[data-id="download-failures"]')).toBeNull();
  });

  it('keeps confirm disabled and says why without permission to create mappings', async () => {
    const element = await mount(selectionOf('IDS'), {
      ...CONTEXT,
      access: { ...CONTEXT.access, canCreate: false },
      createAccessMessage: 'You need Create on CallCenterRoutingMap to confirm runs.',
    });
    byId(element, 'preview').click();
    await settle();

    expect(isDisabled(element, 'confirm')).toBe(true);
    expect(byId(element, 'create-access').textContent).toContain('You need Create on CallCenterRoutingMap');
    await expect(element).toBeAccessible();
  });

  it('shows why a run could not be created, and goes back or closes on request', async () => {
    mock(createRun).mockRejectedValue({ body: { message: 'Run refused: the rule has errors.' } });
    const element = await mount();
    byId(element, 'preview').click();
    await settle();

    const error = byId(element, 'error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toContain('Run refused: the rule has errors.');
    expect(byId<{ currentStep: string }>(element, 'steps').currentStep).toBe('source');
    await expect(element).toBeAccessible();

    mock(createRun).mockResolvedValue(RUN);
    byId(element, 'preview').click();
    await settle();
    byId(element, 'back').click();
    await flushPromises();
    expect(byId<{ currentStep: string }>(element, 'steps').currentStep).toBe('source');

    const close = jest.fn();
    element.addEventListener('close', close);
    byId(element, 'close').click();
    expect(close).toHaveBeenCalled();
  });

  it('opens an existing run from the recent runs at its result (failures) or its preview, without "Run again"', async () => {
    mock(getRun).mockResolvedValue(FINAL_RUN);
    mock(getRunItems).mockResolvedValue(FAILURES);
    const element = createElement('c-mapping-run-wizard', { is: MappingRunWizard });
    Object.assign(element, { context: CONTEXT, selection: null, pollInterval: 0, openRunId: RUN.runId });
    document.body.appendChild(element);
    await settle();
    expect(mock(getRun)).toHaveBeenCalledWith({ runId: RUN.runId });
    expect(mock(createRun)).not.toHaveBeenCalled();
    expect(byId(element, 'selection-summary').textContent).toBe('Run MR-000001');
    expect(byId<{ currentStep: string }>(element, 'steps').currentStep).toBe('run');
    expect(byId(element, 'result').textContent).toContain('1 created, 1 failed, 1 skipped.');
    expect(byId<{ data: RunItemRow[] }>(element, 'failures-table').data[0].message).toContain('DUPLICATE_VALUE');
    expect(query(element, '[data-id="run-again"]')).toBeNull();
    await expect(element).toBeAccessible();
    document.body.removeChild(element);

    mock(getRun).mockResolvedValue(READY_RUN);
    mock(getRunItems).mockResolvedValue(ITEMS);
    const preview = createElement('c-mapping-run-wizard', { is: MappingRunWizard });
    Object.assign(preview, { context: CONTEXT, selection: null, pollInterval: 0, openRunId: RUN.runId });
    document.body.appendChild(preview);
    await settle();
    expect(byId<{ currentStep: string }>(preview, 'steps').currentStep).toBe('preview');
    expect(byId<{ data: RunItemRow[] }>(preview, 'preview-table').data).toHaveLength(ITEMS.rows.length);
    expect(isDisabled(preview, 'confirm')).toBe(false);
  });

  it('has small helpers for positions, chunks and user fields', () => {
    expect(importRowsOf([ITEMS.rows[0]], '04v000000000001AAA')[0]).toEqual({
      ExternalId: ITEMS.rows[0].externalId,
      ReferenceRecordId: ITEMS.rows[0].userId,
      CallCenterId: '04v000000000001AAA',
      DeveloperName: ITEMS.rows[0].developerName,
      MasterLabel: ITEMS.rows[0].masterLabel,
      QuickConnect: ITEMS.rows[0].quickConnect,
    });
    expect(problemPosition(0, 1)).toBe('Character 1');
    expect(problemPosition(2, 9)).toBe('Characters 3–9');
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 2)).toEqual([]);
    expect(toRuleUser(USERS[0])).toMatchObject({ Id: USERS[0].userId, Email: USERS[0].email });
    expect(APEX).toHaveLength(12);
  });
});
