import { createElement } from 'lwc';
import ProviderFieldMapping, { SEARCH_DEBOUNCE_MS, toMappingTableRow } from 'c/providerFieldMapping';
import LightningConfirm from 'lightning/confirm';
import getFieldMapping from '@salesforce/apex/ProviderFieldMappingController.getFieldMapping';
import addCustomFieldMapping from '@salesforce/apex/ProviderFieldMappingController.addCustomFieldMapping';
import removeCustomFieldMapping from '@salesforce/apex/ProviderFieldMappingController.removeCustomFieldMapping';
import searchPreviewUsers from '@salesforce/apex/ProviderFieldMappingController.searchPreviewUsers';
import previewPayload from '@salesforce/apex/ProviderFieldMappingController.previewPayload';
import type {
  CustomFieldMappingInput,
  FieldMappingRow,
  FieldMappingSaveResult,
  FieldMappingView,
  PayloadPreview,
  PreviewUserOption,
} from '@ccus/apex-contracts';
import mappingFixture from './data/fieldMapping.json';
import usersFixture from './data/previewUsers.json';
import previewFixture from './data/payloadPreview.json';

jest.mock('lightning/confirm', () => ({ __esModule: true, default: { open: jest.fn() } }));
jest.mock('@salesforce/apex/ProviderFieldMappingController.getFieldMapping', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/ProviderFieldMappingController.addCustomFieldMapping', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/ProviderFieldMappingController.removeCustomFieldMapping', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/ProviderFieldMappingController.searchPreviewUsers', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/ProviderFieldMappingController.previewPayload', () => ({ default: jest.fn() }), {
  virtual: true,
});

const mockGet = getFieldMapping as unknown as jest.Mock<Promise<FieldMappingView>, [{ providerId: string }]>;
const mockAdd = addCustomFieldMapping as unknown as jest.Mock<
  Promise<FieldMappingSaveResult>,
  [{ input: CustomFieldMappingInput }]
>;
const mockRemove = removeCustomFieldMapping as unknown as jest.Mock<
  Promise<FieldMappingSaveResult>,
  [{ providerId: string; mappingId: string }]
>;
const mockSearch = searchPreviewUsers as unknown as jest.Mock<Promise<PreviewUserOption[]>, [{ searchText: string }]>;
const mockPreview = previewPayload as unknown as jest.Mock<
  Promise<PayloadPreview>,
  [{ providerId: string; userId: string }]
>;
const mockConfirm = (LightningConfirm as unknown as { open: jest.Mock<Promise<boolean>, [Record<string, string>]> })
  .open;

const VIEW = mappingFixture as FieldMappingView;
const USERS = usersFixture as PreviewUserOption[];
const PREVIEW = previewFixture as PayloadPreview;
const PROVIDER_ID = VIEW.providerId;

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

async function mount(providerId: string | null = PROVIDER_ID): Promise<HTMLElement & { providerId: string | null }> {
  const element = createElement('c-provider-field-mapping', { is: ProviderFieldMapping }) as HTMLElement & {
    providerId: string | null;
  };
  element.providerId = providerId;
  document.body.appendChild(element);
  await settle();
  return element;
}

const query = (element: HTMLElement, selector: string): HTMLElement | null =>
  element.shadowRoot!.querySelector<HTMLElement>(selector);
const queryAll = (element: HTMLElement, selector: string): HTMLElement[] => [
  ...element.shadowRoot!.querySelectorAll<HTMLElement>(selector),
];
const byId = (element: HTMLElement, id: string): HTMLElement | null => query(element, `[data-id="${id}"]`);
const text = (element: HTMLElement, id: string): string =>
  byId(element, id)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
/** The text of a c-error-panel child: its alert lives in the child's shadow root. */
const panelText = (element: HTMLElement, id: string): string =>
  byId(element, id)?.shadowRoot?.querySelector('[role="alert"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

function fire(target: HTMLElement | null, type: string, detail: unknown): void {
  if (!target) throw new Error(`no target for ${type}`);
  target.dispatchEvent(new CustomEvent(type, { detail }));
}

const rowPaths = (element: HTMLElement): string[] =>
  queryAll(element, '[data-id="mapping-row"]').map((row) => row.dataset.path ?? '');

/** The view after a change, with the given rows appended or removed. */
function viewWith(rows: FieldMappingRow[], removeKeys: string[] = []): FieldMappingView {
  return {
    ...VIEW,
    rows: [...VIEW.rows.filter((row) => !removeKeys.includes(row.key)), ...rows],
  };
}

const MOBILE_ROW: FieldMappingRow = {
  key: 'a0C000000000003AAA',
  origin: 'CUSTOM',
  path: 'crm.mobilePhone',
  sourceField: 'MobilePhone',
  expression: null,
  sensitive: true,
  providerScoped: true,
  error: null,
};

describe('c-provider-field-mapping', () => {
  beforeEach(() => {
    mockGet.mockResolvedValue(VIEW);
    mockConfirm.mockResolvedValue(true);
  });

  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
    jest.useRealTimers();
  });

  it('explains that the provider must be saved first when it has no id, and loads nothing', async () => {
    const element = await mount(null);

    expect(mockGet).not.toHaveBeenCalled();
    expect(text(element, 'mapping-no-provider')).toContain('Save the provider first');
    expect(byId(element, 'mapping-table')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows the effective mapping: paths, values, sensitive and origin badges, scope and skipped rows', async () => {
    const element = await mount();

    expect(mockGet).toHaveBeenCalledWith({ providerId: PROVIDER_ID });
    expect(rowPaths(element)).toEqual(['username', 'crmId', 'crm.email', 'name', 'crm.team', 'crm.region']);
    const rows = queryAll(element, '[data-id="mapping-row"]');
    expect(rows[0].textContent).toContain('Expression:');
    expect(rows[0].textContent).toContain('IF(ISEMAIL(Username), Username, Email)');
    expect(rows[3].textContent).toContain('Full Name (Name)');
    expect(rows[4].textContent).toContain('Team (Team__c)');
    expect(rows[4].textContent).toContain('This provider');
    expect(rows[1].textContent).toContain('All providers');

    const sensitive = rows.map((row) => row.querySelector('[data-id="sensitive-badge"]') !== null);
    expect(sensitive).toEqual([true, false, true, false, false, false]);
    const origins = rows.map(
      (row) => (row.querySelector('[data-id="origin-badge"]') as unknown as { label: string }).label,
    );
    expect(origins).toEqual(['Default', 'Default', 'Default', 'Default', 'Custom', 'Custom']);

    // The skipped row is highlighted and says why.
    expect(rows[5].className).toContain('ccus-row-error');
    expect(rows[5].querySelector('[data-id="row-error"]')?.textContent).toContain(
      'Skipped: Region__c is not a readable User field',
    );
    expect(rows.slice(0, 5).some((row) => row.className.includes('ccus-row-error'))).toBe(false);
    expect(text(element, 'mapping-warnings')).toContain('crm.region is skipped');
    expect(text(element, 'mapping-count')).toBe('6 attributes, 2 custom, 1 skipped.');

    // Only custom rows can be removed; default rows say why not.
    expect(rows.map((row) => row.querySelector('[data-id="remove-row"]') !== null)).toEqual([
      false,
      false,
      false,
      false,
      true,
      true,
    ]);
    expect(rows[0].querySelector('[data-id="default-row-note"]')?.textContent).toContain('Package default');
    const help = rows[0].querySelector('lightning-helptext') as unknown as { content: string };
    expect(help.content).toContain('custom metadata');

    expect(text(element, 'preview-empty')).toContain('Find an agent');
    await expect(element).toBeAccessible();
  });

  it('shows the load error and loads again on Refresh', async () => {
    mockGet.mockRejectedValueOnce({ body: { message: 'Insufficient access to Telephony_Provider_Field__c' } });
    const element = await mount();

    expect(panelText(element, 'mapping-error')).toContain('Insufficient access to Telephony_Provider_Field__c');
    expect(byId(element, 'mapping-table')).toBeNull();
    await expect(element).toBeAccessible();

    byId(element, 'mapping-refresh')!.click();
    await settle();
    expect(mockGet).toHaveBeenCalledTimes(2);
    expect(byId(element, 'mapping-error')).toBeNull();
    expect(rowPaths(element)).toHaveLength(6);
  });

  it('explains an empty mapping', async () => {
    mockGet.mockResolvedValue({ ...VIEW, rows: [], errors: [] });
    const element = await mount();

    expect(text(element, 'mapping-empty')).toContain('Add User fields below');
    expect(byId(element, 'mapping-warnings')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('reloads when the provider changes, and ignores the answer for the previous provider', async () => {
    let answerFirst: (view: FieldMappingView) => void = () => undefined;
    mockGet.mockImplementationOnce(() => new Promise((resolve) => (answerFirst = resolve)));
    const element = await mount();
    const other: FieldMappingView = { ...VIEW, providerId: 'a0B000000000002AAA', rows: [MOBILE_ROW], errors: [] };
    mockGet.mockResolvedValueOnce(other);

    element.providerId = 'a0B000000000002AAA';
    await settle();
    answerFirst(VIEW);
    await settle();

    expect(mockGet.mock.calls.map(([params]) => params.providerId)).toEqual([PROVIDER_ID, 'a0B000000000002AAA']);
    expect(rowPaths(element)).toEqual(['crm.mobilePhone']);
  });

  it('picks a field found by the search, prefills the path and pre-ticks sensitive', async () => {
    const element = await mount();

    fire(byId(element, 'field-search'), 'change', { value: 'mobi' });
    await settle();

    const picker = byId(element, 'field-picker') as unknown as { value: string; options: Array<{ label: string }> };
    expect(picker.options.map((option) => option.label)).toEqual(['Mobile (MobilePhone)']);
    expect(picker.value).toBe('MobilePhone');
    expect((byId(element, 'field-path') as unknown as { value: string }).value).toBe('crm.mobilePhone');
    expect((byId(element, 'field-sensitive') as unknown as { checked: boolean }).checked).toBe(true);
    expect(text(element, 'field-sensitive-help')).toContain('Mobile usually holds personal data');
    expect(text(element, 'field-match-count')).toBe('1 of 6 User fields match.');

    fire(byId(element, 'field-search'), 'change', { value: 'zzz' });
    await settle();
    expect(text(element, 'field-match-count')).toBe('No User field matches "zzz".');
    // The chosen field stays listed.
    expect(picker.options.map((option) => option.label)).toEqual(['Mobile (MobilePhone)']);
  });

  it('keeps a path the admin typed when another field is picked', async () => {
    const element = await mount();
    fire(byId(element, 'field-picker'), 'change', { value: 'Department' });
    await settle();
    expect((byId(element, 'field-path') as unknown as { value: string }).value).toBe('crm.department');

    fire(byId(element, 'field-path'), 'change', { value: 'org.dept' });
    fire(byId(element, 'field-picker'), 'change', { value: 'EmployeeNumber' });
    await settle();
    expect((byId(element, 'field-path') as unknown as { value: string }).value).toBe('org.dept');
    expect((byId(element, 'field-sensitive') as unknown as { checked: boolean }).checked).toBe(false);
  });

  it('checks the path before sending: a path the mapping already uses is refused on the field', async () => {
    const element = await mount();
    fire(byId(element, 'field-picker'), 'change', { value: 'Department' });
    fire(byId(element, 'field-path'), 'change', { value: 'crm.team' });
    await settle();

    byId(element, 'add-field')!.click();
    await settle();

    expect(mockAdd).not.toHaveBeenCalled();
    expect(text(element, 'field-path-error')).toBe('The mapping already sends "crm.team". Choose another path.');
    expect(text(element, 'add-errors')).toContain('Payload path: The mapping already sends "crm.team"');

    fire(byId(element, 'field-path'), 'change', { value: 'crm.department' });
    await settle();
    expect(byId(element, 'field-path-error')).toBeNull();
  });

  it('shows the server validation errors on their fields and keeps the form', async () => {
    mockAdd.mockResolvedValue({
      ok: false,
      errors: [
        { field: 'sourceField', message: 'MobilePhone is not readable by the provisioning user.' },
        { field: 'input.path', message: 'crm.mobilePhone is reserved by the SCIM schema.' },
        { field: null, message: 'The provider was deleted.' },
      ],
      view: VIEW,
    });
    const element = await mount();
    fire(byId(element, 'field-search'), 'change', { value: 'MobilePhone' });
    await settle();

    byId(element, 'add-field')!.click();
    await settle();

    expect(mockAdd).toHaveBeenCalledWith({
      input: { providerId: PROVIDER_ID, path: 'crm.mobilePhone', sourceField: 'MobilePhone', sensitive: true },
    });
    expect(text(element, 'field-picker-error')).toBe('MobilePhone is not readable by the provisioning user.');
    expect(text(element, 'field-path-error')).toBe('crm.mobilePhone is reserved by the SCIM schema.');
    const summary = text(element, 'add-errors');
    expect(summary).toContain('User field: MobilePhone is not readable by the provisioning user.');
    expect(summary).toContain('The provider was deleted.');
    expect((byId(element, 'field-path') as unknown as { value: string }).value).toBe('crm.mobilePhone');
    expect(rowPaths(element)).toHaveLength(6);
    expect(text(element, 'mapping-announcement')).toContain('not added');
    await expect(element).toBeAccessible();
  });

  it('adds a custom row: the list shows it and the form is cleared', async () => {
    mockAdd.mockResolvedValue({ ok: true, errors: [], view: viewWith([MOBILE_ROW]) });
    const element = await mount();
    fire(byId(element, 'field-picker'), 'change', { value: 'MobilePhone' });
    fire(byId(element, 'field-sensitive'), 'change', { checked: false });
    await settle();

    byId(element, 'add-field')!.click();
    await settle();

    expect(mockAdd).toHaveBeenCalledWith({
      input: { providerId: PROVIDER_ID, path: 'crm.mobilePhone', sourceField: 'MobilePhone', sensitive: false },
    });
    expect(rowPaths(element)).toContain('crm.mobilePhone');
    const added = query(element, '[data-id="mapping-row"][data-path="crm.mobilePhone"]')!;
    expect(added.textContent).toContain('Mobile (MobilePhone)');
    expect(added.querySelector('[data-id="remove-row"]')).not.toBeNull();
    expect((byId(element, 'field-picker') as unknown as { value: string }).value).toBe('');
    expect((byId(element, 'field-path') as unknown as { value: string }).value).toBe('');
    expect(byId(element, 'add-errors')).toBeNull();
    expect(text(element, 'mapping-announcement')).toBe(
      'Added crm.mobilePhone: Mobile (MobilePhone), redacted in previews.',
    );
    await expect(element).toBeAccessible();
  });

  it('reports an Apex exception while adding', async () => {
    mockAdd.mockRejectedValue({ body: { message: 'Unable to lock row' } });
    const element = await mount();
    fire(byId(element, 'field-picker'), 'change', { value: 'Department' });
    await settle();
    byId(element, 'add-field')!.click();
    await settle();

    expect(text(element, 'add-errors')).toContain('Unable to lock row');
  });

  it('removes a custom row only after confirmation', async () => {
    mockRemove.mockResolvedValue({ ok: true, errors: [], view: viewWith([], ['a0C000000000001AAA']) });
    const element = await mount();
    const removeTeam = query(element, '[data-id="remove-row"][data-key="a0C000000000001AAA"]')!;

    mockConfirm.mockResolvedValueOnce(false);
    removeTeam.click();
    await settle();
    expect(mockConfirm).toHaveBeenCalledTimes(1);
    expect(mockConfirm.mock.calls[0][0].message).toContain('"crm.team" (Team__c)');
    expect(mockRemove).not.toHaveBeenCalled();

    removeTeam.click();
    await settle();
    expect(mockRemove).toHaveBeenCalledWith({ providerId: PROVIDER_ID, mappingId: 'a0C000000000001AAA' });
    expect(rowPaths(element)).not.toContain('crm.team');
    expect(text(element, 'mapping-announcement')).toBe('Removed crm.team.');
    await expect(element).toBeAccessible();
  });

  it('shows why a row was not removed', async () => {
    mockRemove.mockResolvedValue({
      ok: false,
      errors: [{ field: null, message: 'This row was already removed by someone else.' }],
      view: VIEW,
    });
    const element = await mount();
    query(element, '[data-id="remove-row"][data-key="a0C000000000002AAA"]')!.click();
    await settle();

    expect(panelText(element, 'remove-error')).toBe('This row was already removed by someone else.');
    expect(rowPaths(element)).toContain('crm.region');
  });

  it('searches users after a pause, and previews the redacted payload as text with its legend', async () => {
    jest.useFakeTimers();
    mockSearch.mockResolvedValue(USERS);
    mockPreview.mockResolvedValue(PREVIEW);
    const element = createElement('c-provider-field-mapping', { is: ProviderFieldMapping }) as HTMLElement & {
      providerId: string;
    };
    element.providerId = PROVIDER_ID;
    document.body.appendChild(element);
    await Promise.resolve();
    await jest.runOnlyPendingTimersAsync();

    const search = byId(element, 'preview-search');
    fire(search, 'change', { value: 'a' });
    await jest.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS * 2);
    expect(mockSearch).not.toHaveBeenCalled();

    fire(search, 'change', { value: 'ad' });
    await jest.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS - 50);
    fire(search, 'change', { value: 'ada' });
    await jest.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS - 50);
    expect(mockSearch).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(100);
    expect(mockSearch).toHaveBeenCalledTimes(1);
    expect(mockSearch).toHaveBeenCalledWith({ searchText: 'ada' });

    const users = queryAll(element, '[data-id="preview-user"]');
    expect(users.map((user) => user.textContent?.trim())).toEqual(['Ada Agent', 'Adam Support']);
    expect(text(element, 'preview-users')).toContain('adam.support@example.com · no call center');

    users[0].click();
    await jest.advanceTimersByTimeAsync(0);
    expect(mockPreview).toHaveBeenCalledWith({ providerId: PROVIDER_ID, userId: '005000000000001AAA' });
    const pre = byId(element, 'preview-payload')!;
    expect(pre.tagName).toBe('PRE');
    expect(pre.textContent?.trim()).toBe(PREVIEW.payload);
    expect(pre.querySelector('b')).toBeNull(); // shown as text, never parsed as HTML
    expect(text(element, 'preview-heading')).toBe('Payload for Ada Agent');
    expect(text(element, 'preview-action')).toContain('Update');
    expect(text(element, 'preview-redacted')).toContain('Shown as [REDACTED] (sensitive): username, email.');
    expect(users[0].getAttribute('aria-pressed')).toBe('true');
    expect(text(element, 'mapping-announcement')).toBe('Payload preview for Ada Agent shown.');
    jest.useRealTimers();
    await expect(element).toBeAccessible();
  });

  it('says when no user matches, and shows preview errors', async () => {
    const element = await mount();
    mockSearch.mockResolvedValue([]);
    fire(byId(element, 'preview-search'), 'change', { value: 'nobody' });
    await new Promise((resolve) => setTimeout(resolve, SEARCH_DEBOUNCE_MS + 20));
    expect(text(element, 'preview-no-users')).toContain('No user with a call center matches "nobody"');

    mockSearch.mockResolvedValue(USERS);
    mockPreview.mockRejectedValue({ body: { message: 'The user has no call center served by this provider.' } });
    fire(byId(element, 'preview-search'), 'change', { value: 'ada' });
    await new Promise((resolve) => setTimeout(resolve, SEARCH_DEBOUNCE_MS + 20));
    queryAll(element, '[data-id="preview-user"]')[1].click();
    await settle();
    expect(panelText(element, 'preview-error')).toBe('The user has no call center served by this provider.');
    expect(byId(element, 'preview-payload')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('refreshes the open preview after a row is added', async () => {
    mockSearch.mockResolvedValue(USERS);
    mockPreview.mockResolvedValue(PREVIEW);
    mockAdd.mockResolvedValue({ ok: true, errors: [], view: viewWith([MOBILE_ROW]) });
    const element = await mount();
    fire(byId(element, 'preview-search'), 'change', { value: 'ada' });
    await new Promise((resolve) => setTimeout(resolve, SEARCH_DEBOUNCE_MS + 20));
    queryAll(element, '[data-id="preview-user"]')[0].click();
    await settle();
    expect(mockPreview).toHaveBeenCalledTimes(1);

    fire(byId(element, 'field-picker'), 'change', { value: 'MobilePhone' });
    await settle();
    byId(element, 'add-field')!.click();
    await settle();

    expect(mockPreview).toHaveBeenCalledTimes(2);
    // The refresh is silent: the addition stays announced.
    expect(text(element, 'mapping-announcement')).toContain('Added crm.mobilePhone');
  });

  it('explains when no User field can be added', async () => {
    mockGet.mockResolvedValue({ ...VIEW, userFields: [] });
    const element = await mount();

    expect(text(element, 'no-user-fields')).toContain('No User field can be added');
    expect(byId(element, 'add-field')).toBeNull();
  });

  it('formats a row for display', () => {
    const labels = new Map([['team__c', 'Team']]);
    expect(toMappingTableRow(VIEW.rows[4], labels)).toMatchObject({
      valueText: 'Team (Team__c)',
      originLabel: 'Custom',
      scopeText: 'This provider',
      isCustom: true,
      hasError: false,
      removeLabel: 'Remove the custom mapping of crm.team',
    });
    expect(toMappingTableRow(VIEW.rows[0], labels)).toMatchObject({
      valueText: 'IF(ISEMAIL(Username), Username, Email)',
      isExpression: true,
      originLabel: 'Default',
    });
    expect(toMappingTableRow(VIEW.rows[5], new Map())).toMatchObject({ valueText: 'Region__c', hasError: true });
  });
});
