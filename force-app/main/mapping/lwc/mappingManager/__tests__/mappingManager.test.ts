import { createElement } from 'lwc';
import MappingManager, { validateEdit } from 'c/mappingManager';
import getOverview from '@salesforce/apex/CallCenterOverviewController.getOverview';
import getMappingContext from '@salesforce/apex/MappingUsersController.getMappingContext';
import getMappings from '@salesforce/apex/MappingManageController.getMappings';
import updateMappings from '@salesforce/apex/MappingManageController.updateMappings';
import deleteMappings from '@salesforce/apex/MappingManageController.deleteMappings';
import getProfileLinkTemplates from '@salesforce/apex/ProviderAdminController.getProfileLinkTemplates';
import LightningConfirm from 'lightning/confirm';
import type { MappingContext, MappingPage, OverviewResult, ProfileLinkTemplate } from '@ccus/apex-contracts';
import overviewFixture from './data/overview.json';
import contextFixture from './data/context.json';
import mappingsFixture from './data/mappings.json';
import mappingsPage2Fixture from './data/mappingsPage2.json';
import profileLinkTemplatesFixture from './data/profileLinkTemplates.json';

jest.mock('@salesforce/apex/CallCenterOverviewController.getOverview', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/MappingUsersController.getMappingContext', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/MappingManageController.getMappings', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MappingManageController.updateMappings', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/MappingManageController.deleteMappings', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/MappingAnalysisController.getLatestAnalysis', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/ProviderAdminController.getProfileLinkTemplates', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('lightning/confirm', () => ({ __esModule: true, default: { open: jest.fn() } }));

const OVERVIEW = overviewFixture as OverviewResult;
const CONTEXT = contextFixture as MappingContext;
const PAGE1 = mappingsFixture as MappingPage;
const PAGE2 = mappingsPage2Fixture as MappingPage;
const TEMPLATES = profileLinkTemplatesFixture as ProfileLinkTemplate[];
const CC1 = '04v5g000000AbCdAAK';
const CC2 = '04v5g000000XyZwAAK';
const M1 = '0jR5g00000MMMM1EAP';
const M2 = '0jR5g00000MMMM2EAP';
const GOOD_ARN =
  'arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555/agent/aaaaaaaa-bbbb-cccc-dddd-000000000009';

const mockOverview = getOverview as unknown as jest.Mock;
const mockContext = getMappingContext as unknown as jest.Mock;
const mockGetMappings = getMappings as unknown as jest.Mock;
const mockUpdate = updateMappings as unknown as jest.Mock;
const mockDelete = deleteMappings as unknown as jest.Mock;
const mockTemplates = getProfileLinkTemplates as unknown as jest.Mock;
const mockConfirm = (LightningConfirm as unknown as { open: jest.Mock }).open;

const flushPromises = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface DatatableStub extends HTMLElement {
  data: Array<Record<string, unknown>>;
  columns: Array<Record<string, unknown>>;
  draftValues: unknown[];
  errors: { rows?: Record<string, { messages: string[] }>; table?: { title: string } };
  renderConfig: Record<string, unknown>;
  enableInfiniteLoading: boolean;
}

async function mount(props: Record<string, unknown> = {}): Promise<HTMLElement> {
  const element = createElement('c-mapping-manager', { is: MappingManager });
  Object.assign(element, props);
  document.body.appendChild(element);
  await flushPromises();
  await flushPromises();
  return element;
}

const query = <T extends HTMLElement = HTMLElement>(element: HTMLElement, selector: string): T | null =>
  element.shadowRoot!.querySelector<T>(selector);
/** The notice inside c-mapping-availability-notice (its own shadow root). */
const noticeOf = (element: HTMLElement): HTMLElement | null =>
  element
    .shadowRoot!.querySelector('c-mapping-availability-notice')
    ?.shadowRoot?.querySelector<HTMLElement>('[data-id="mapping-notice"]') ?? null;
/** The combobox inside c-call-center-picker (its own shadow root). */
const pickerOf = <T extends HTMLElement = HTMLElement>(element: HTMLElement): T | null =>
  element
    .shadowRoot!.querySelector('c-call-center-picker')
    ?.shadowRoot?.querySelector<T>('[data-id="call-center-picker"]') ?? null;
const table = (element: HTMLElement): DatatableStub => query<DatatableStub>(element, '[data-id="mappings-table"]')!;

describe('c-mapping-manager', () => {
  beforeEach(() => {
    mockOverview.mockResolvedValue(OVERVIEW);
    mockContext.mockResolvedValue(CONTEXT);
    mockGetMappings.mockResolvedValue(PAGE1);
  });

  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  it('opens the first call center and lists its mappings in a viewport-rendered table', async () => {
    const element = await mount();

    const picker = pickerOf(element) as unknown as {
      value: string;
      options: unknown[];
    };
    expect(picker.value).toBe(CC1);
    expect(picker.options).toHaveLength(2);
    expect(mockContext).toHaveBeenCalledWith({ callCenterId: CC1 });
    expect(mockGetMappings).toHaveBeenCalledWith({
      query: { callCenterId: CC1, search: null, cursor: null, pageSize: 200 },
    });
    const datatable = table(element);
    expect(datatable.data).toHaveLength(2);
    expect(datatable.data[0].userLabel).toBe('Ada Lovelace');
    expect(datatable.data[1].problemLabel).toBe('Stale: user inactive');
    expect(datatable.renderConfig).toEqual({ viewportRendering: true, rowHeight: 33 });
    expect(datatable.enableInfiniteLoading).toBe(true);
    expect(datatable.columns.filter((column) => column.editable).map((column) => column.fieldName)).toEqual([
      'externalId',
      'quickConnect',
    ]);
    expect(query(element, '[data-id="row-count"]')?.textContent).toContain('more to load');
    await expect(element).toBeAccessible();
  });

  it('opens the call center and the Problems tab an Overview link asked for', async () => {
    const element = await mount({ initialCallCenterId: CC2, initialProblemKind: 'STALE' });

    expect(mockContext).toHaveBeenCalledWith({ callCenterId: CC2 });
    const problems = query(element, 'c-mapping-problems') as unknown as { initialKind: string; callCenterId: string };
    expect(problems.initialKind).toBe('STALE');
    expect(problems.callCenterId).toBe(CC2);
    expect(query(element, '[data-id="mappings-table"]')).toBeNull();
  });

  it('switches tabs and shows the import for the selected call center', async () => {
    const element = await mount();
    const importTab = query(element, '[data-id="tab-import"]')!;
    importTab.dispatchEvent(new CustomEvent('active'));
    await flushPromises();

    const importer = query(element, 'c-mapping-csv-import') as unknown as {
      callCenterId: string;
      externalIdFormat: string;
    };
    expect(importer.callCenterId).toBe(CC1);
    expect(importer.externalIdFormat).toBe('AMAZON_CONNECT');
    expect(query(element, '[data-id="mappings-table"]')).toBeNull();
  });

  it('explains that Service Cloud Voice is missing instead of loading mappings', async () => {
    mockOverview.mockResolvedValue({
      ...OVERVIEW,
      mappingAvailability: 'VOICE_NOT_ENABLED',
      mappingAvailabilityMessage: 'CallCenterRoutingMap needs Service Cloud Voice.',
    });
    const element = await mount();

    const notice = noticeOf(element);
    expect(notice?.getAttribute('role')).toBe('status');
    expect(notice?.textContent).toContain('Service Cloud Voice is not enabled in this org');
    expect(notice?.textContent).toContain('needs Service Cloud Voice');
    expect(mockContext).not.toHaveBeenCalled();
    expect(query(element, '[data-id="tabs"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('names the missing permission when the call center context says NO_ACCESS', async () => {
    mockContext.mockResolvedValue({
      ...CONTEXT,
      mappingAvailability: 'NO_ACCESS',
      mappingAvailabilityMessage: 'Ask for read access to CallCenterRoutingMap.',
    });
    const element = await mount();

    expect(noticeOf(element)?.textContent).toContain('You cannot see telephony mappings');
    expect(mockGetMappings).not.toHaveBeenCalled();
  });

  it('says what to do next in an org without call centers', async () => {
    mockOverview.mockResolvedValue({ ...OVERVIEW, callCenters: [] });
    const element = await mount();

    expect(query(element, '[data-id="empty-state"]')?.textContent).toContain('No call centers yet');
    expect(pickerOf(element)).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('searches on the server after typing stops and explains an empty result', async () => {
    const element = await mount();
    mockGetMappings.mockResolvedValue({ rows: [], nextCursor: null, hasMore: false });
    const search = query(element, '[data-id="search"]')!;
    search.dispatchEvent(new CustomEvent('change', { detail: { value: 'gr' } }));
    search.dispatchEvent(new CustomEvent('change', { detail: { value: ' grace ' } }));
    await sleep(350);
    await flushPromises();

    expect(mockGetMappings).toHaveBeenCalledTimes(2);
    expect(mockGetMappings).toHaveBeenLastCalledWith({
      query: { callCenterId: CC1, search: 'grace', cursor: null, pageSize: 200 },
    });
    expect(query(element, '[data-id="empty-mappings"]')?.textContent).toContain('No mapping matches "grace"');
    await expect(element).toBeAccessible();
  });

  it('loads the next page with the cursor and appends it', async () => {
    const element = await mount();
    mockGetMappings.mockResolvedValue(PAGE2);
    (query(element, '[data-id="load-more"]') as HTMLElement).click();
    await flushPromises();

    expect(mockGetMappings).toHaveBeenLastCalledWith({
      query: { callCenterId: CC1, search: null, cursor: 'cursor-2', pageSize: 200 },
    });
    expect(table(element).data).toHaveLength(3);
    expect(query(element, '[data-id="load-more"]')).toBeNull();
    table(element).dispatchEvent(new CustomEvent('loadmore'));
    expect(mockGetMappings).toHaveBeenCalledTimes(2);
  });

  it('refuses an invalid ARN in the browser, saves the valid edits and shows each row outcome', async () => {
    const element = await mount();
    mockUpdate.mockResolvedValue([{ mappingId: M1, success: true, message: null }]);
    table(element).dispatchEvent(
      new CustomEvent('save', {
        detail: {
          draftValues: [
            { mappingId: M1, externalId: GOOD_ARN },
            { mappingId: M2, externalId: 'not-an-arn' },
          ],
        },
      }),
    );
    await flushPromises();

    expect(mockUpdate).toHaveBeenCalledWith({
      edits: [{ mappingId: M1, externalId: GOOD_ARN, quickConnect: null }],
      externalIdFormat: 'AMAZON_CONNECT',
    });
    const datatable = table(element);
    expect(datatable.data[0].externalId).toBe(GOOD_ARN);
    expect(datatable.errors.rows?.[M2].messages.length).toBeGreaterThan(0);
    expect(datatable.draftValues).toEqual([{ mappingId: M2, externalId: 'not-an-arn' }]);
    expect(query(element, '[data-id="save-outcome"]')?.textContent).toContain('1 mapping saved. 1 not saved');
    await expect(element).toBeAccessible();
  });

  it("shows the server's refusal on the row and its error when saving fails", async () => {
    const element = await mount();
    mockUpdate.mockResolvedValueOnce([{ mappingId: M1, success: false, message: 'DUPLICATE_VALUE' }]);
    table(element).dispatchEvent(
      new CustomEvent('save', { detail: { draftValues: [{ mappingId: M1, externalId: GOOD_ARN }] } }),
    );
    await flushPromises();
    expect(table(element).errors.rows?.[M1].messages).toEqual(['DUPLICATE_VALUE']);

    mockUpdate.mockRejectedValueOnce({ body: { message: 'Insufficient access' } });
    table(element).dispatchEvent(
      new CustomEvent('save', { detail: { draftValues: [{ mappingId: M1, externalId: GOOD_ARN }] } }),
    );
    await flushPromises();
    expect(table(element).errors.table?.title).toBe('The changes could not be saved');

    table(element).dispatchEvent(new CustomEvent('cancel'));
    await flushPromises();
    expect(table(element).draftValues).toEqual([]);
  });

  it('validates as text when the format is Text', async () => {
    const element = await mount();
    const format = query(element, '[data-id="format"]')!;
    format.dispatchEvent(new CustomEvent('change', { detail: { value: 'TEXT' } }));
    mockUpdate.mockResolvedValue([{ mappingId: M1, success: true, message: null }]);
    table(element).dispatchEvent(
      new CustomEvent('save', { detail: { draftValues: [{ mappingId: M1, externalId: 'agent-7' }] } }),
    );
    await flushPromises();
    expect(mockUpdate).toHaveBeenCalledWith({
      edits: [{ mappingId: M1, externalId: 'agent-7', quickConnect: null }],
      externalIdFormat: 'TEXT',
    });
  });

  it('deletes one mapping from its row action only after confirmation', async () => {
    const element = await mount();
    mockConfirm.mockResolvedValueOnce(false);
    const row = table(element).data[0];
    table(element).dispatchEvent(new CustomEvent('rowaction', { detail: { action: { name: 'delete' }, row } }));
    await flushPromises();
    expect(mockDelete).not.toHaveBeenCalled();

    mockConfirm.mockResolvedValueOnce(true);
    mockDelete.mockResolvedValue([{ mappingId: M1, success: true, message: null }]);
    table(element).dispatchEvent(new CustomEvent('rowaction', { detail: { action: { name: 'delete' }, row } }));
    await flushPromises();

    expect(mockConfirm.mock.calls[1][0].label).toBe('Delete this mapping?');
    expect(mockDelete).toHaveBeenCalledWith({ mappingIds: [M1] });
    expect(table(element).data.map((r) => r.mappingId)).toEqual([M2]);
    expect(query(element, '[data-id="save-outcome"]')?.textContent).toContain('1 mapping deleted.');
  });

  it('deletes the selected mappings in chunks of the server limit and lists the failures', async () => {
    mockGetMappings.mockResolvedValue({ ...PAGE1, rows: [...PAGE1.rows, ...PAGE2.rows], hasMore: false });
    const element = await mount();
    table(element).dispatchEvent(new CustomEvent('rowselection', { detail: { selectedRows: table(element).data } }));
    await flushPromises();
    const button = query(element, '[data-id="delete-selected"]') as unknown as { label: string; disabled: boolean };
    expect(button.label).toBe('Delete selected (3)');
    expect(button.disabled).toBe(false);

    mockConfirm.mockResolvedValue(true);
    mockDelete
      .mockResolvedValueOnce([
        { mappingId: M1, success: true, message: null },
        { mappingId: M2, success: true, message: null },
      ])
      .mockResolvedValueOnce([{ mappingId: '0jR5g00000MMMM3EAP', success: false, message: 'ENTITY_IS_LOCKED' }]);
    (query(element, '[data-id="delete-selected"]') as HTMLElement).click();
    await flushPromises();

    expect(mockConfirm.mock.calls[0][0].label).toBe('Delete 3 mappings?');
    expect(mockDelete).toHaveBeenCalledTimes(2);
    expect(table(element).data).toHaveLength(1);
    expect(query(element, '[data-id="error"]')?.textContent).toContain('ENTITY_IS_LOCKED');
    expect(query(element, '[data-id="save-outcome"]')?.textContent).toContain('2 mappings deleted. 1 could not');
    await expect(element).toBeAccessible();
  });

  it('exports every mapping matching the search as an importable CSV, paging through the server', async () => {
    const element = await mount();
    let href = '';
    let fileName = '';
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      href = this.href;
      fileName = this.download;
    });
    mockGetMappings.mockResolvedValueOnce(PAGE1).mockResolvedValueOnce(PAGE2);
    (query(element, '[data-id="export"]') as HTMLElement).click();
    await flushPromises();
    await flushPromises();

    expect(mockGetMappings).toHaveBeenNthCalledWith(2, {
      query: { callCenterId: CC1, search: null, cursor: null, pageSize: 2000 },
    });
    expect(mockGetMappings).toHaveBeenNthCalledWith(3, {
      query: { callCenterId: CC1, search: null, cursor: 'cursor-2', pageSize: 2000 },
    });
    expect(fileName).toBe('CallCenterRoutingMap_SupportEMEA.csv');
    const csv = decodeURIComponent(href.slice(href.indexOf(',') + 1));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('ExternalId,ReferenceRecordId,CallCenterId,DeveloperName,MasterLabel,QuickConnect');
    expect(lines).toHaveLength(5);
    expect(lines[3]).toBe('queue-1,00G5g00000QQQQ1EAP,04v5g000000AbCdAAK,Queue_1,Queue 1,');
    expect(query(element, '[data-id="save-outcome"]')?.textContent).toContain('Exported 3 mappings.');
    click.mockRestore();
  });

  it('shows an export failure in the alert', async () => {
    const element = await mount();
    mockGetMappings.mockRejectedValueOnce({ body: { message: 'Query timeout' } });
    (query(element, '[data-id="export"]') as HTMLElement).click();
    await flushPromises();
    expect(query(element, '[data-id="error"]')?.textContent).toContain('Query timeout');
  });

  it('hides edit and delete and says why when the admin may only read mappings', async () => {
    mockContext.mockResolvedValue({
      ...CONTEXT,
      access: { canRead: true, canCreate: false, canEdit: false, canDelete: false },
    });
    const element = await mount();

    expect(query(element, '[data-id="access-note"]')?.textContent).toContain('not edit or delete');
    expect(table(element).columns.some((column) => column.editable || column.type === 'action')).toBe(false);
    expect((query(element, '[data-id="delete-selected"]') as unknown as { disabled: boolean }).disabled).toBe(true);
  });

  it('reloads when another call center is picked and shows load errors in an alert', async () => {
    const element = await mount();
    mockGetMappings.mockRejectedValueOnce({ body: { message: 'Insufficient access to CallCenterRoutingMap' } });
    pickerOf(element)!.dispatchEvent(new CustomEvent('change', { detail: { value: CC2 } }));
    await flushPromises();
    await flushPromises();

    expect(mockContext).toHaveBeenLastCalledWith({ callCenterId: CC2 });
    const alert = query(element, '[data-id="error"]');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent).toContain('Insufficient access to CallCenterRoutingMap');
    await expect(element).toBeAccessible();
  });

  it('shows why the call centers could not be loaded', async () => {
    mockOverview.mockRejectedValue({ body: { message: 'No access to CallCenter' } });
    const element = await mount();
    expect(query(element, '[data-id="error"]')?.textContent).toContain('No access to CallCenter');
  });
});

describe('c-mapping-manager profile links', () => {
  beforeEach(() => {
    mockOverview.mockResolvedValue(OVERVIEW);
    mockContext.mockResolvedValue(CONTEXT);
    mockGetMappings.mockResolvedValue(PAGE1);
  });

  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
    mockTemplates.mockReset();
  });

  const linkColumn = (element: HTMLElement): Record<string, unknown> | undefined =>
    table(element).columns.find((column) => column.fieldName === 'profileUrl');

  it("links each ExternalId to the user's telephony profile in a new tab, with an accessible label", async () => {
    mockTemplates.mockResolvedValue(TEMPLATES);
    const element = await mount();

    const columns = table(element).columns.map((column) => column.fieldName);
    expect(columns.indexOf('profileUrl')).toBe(columns.indexOf('externalId') + 1);
    expect(linkColumn(element)).toMatchObject({
      type: 'url',
      typeAttributes: { label: { fieldName: 'profileLinkLabel' }, target: '_blank' },
    });
    const [first] = table(element).data;
    const externalId = String(PAGE1.rows[0].externalId);
    expect(first.profileUrl).toBe(
      `https://example.my.connect.aws/users/${encodeURIComponent(externalId)}?view=profile`,
    );
    expect(first.profileLinkLabel).toBe(`Open ${externalId} in Amazon Connect (EU)`);
    await expect(element).toBeAccessible();
  });

  it('loads the templates once, not per call center', async () => {
    mockTemplates.mockResolvedValue(TEMPLATES);
    const element = await mount();
    pickerOf(element)!.dispatchEvent(new CustomEvent('change', { detail: { value: CC2 } }));
    await flushPromises();
    await flushPromises();

    expect(mockTemplates).toHaveBeenCalledTimes(1);
    expect(mockContext).toHaveBeenLastCalledWith({ callCenterId: CC2 });
  });

  it('keeps the table working without links when the templates cannot be loaded', async () => {
    mockTemplates.mockRejectedValue({ body: { message: 'No access to Telephony_Provider__c' } });
    const element = await mount();

    expect(table(element).data).toHaveLength(2);
    expect(linkColumn(element)).toBeUndefined();
    expect(query(element, '[data-id="error"]')).toBeNull();
  });

  it('shows no link column when no provider has an https link for the call center', async () => {
    mockTemplates.mockResolvedValue([TEMPLATES[1]]);
    const element = await mount();

    expect(table(element).data[0].profileUrl).toBeNull();
    expect(linkColumn(element)).toBeUndefined();
  });

  it('adds the links when the templates arrive after the mappings', async () => {
    let resolveTemplates: (value: ProfileLinkTemplate[]) => void = () => undefined;
    mockTemplates.mockReturnValue(new Promise<ProfileLinkTemplate[]>((resolve) => (resolveTemplates = resolve)));
    const element = await mount();
    expect(linkColumn(element)).toBeUndefined();

    resolveTemplates(TEMPLATES);
    await flushPromises();
    expect(linkColumn(element)).toBeDefined();
    expect(table(element).data[1].profileUrl).toContain('https://example.my.connect.aws/users/');
  });

  it('follows an edited ExternalId', async () => {
    mockTemplates.mockResolvedValue(TEMPLATES);
    const element = await mount();
    mockUpdate.mockResolvedValue([{ mappingId: M1, success: true, message: null }]);
    table(element).dispatchEvent(
      new CustomEvent('save', { detail: { draftValues: [{ mappingId: M1, externalId: GOOD_ARN }] } }),
    );
    await flushPromises();

    expect(table(element).data[0].profileUrl).toBe(
      `https://example.my.connect.aws/users/${encodeURIComponent(GOOD_ARN)}?view=profile`,
    );
    expect(table(element).data[0].profileLinkLabel).toBe(`Open ${GOOD_ARN} in Amazon Connect (EU)`);
  });
});

describe('validateEdit', () => {
  it('requires an ExternalId and checks ARNs for Amazon Connect', () => {
    expect(validateEdit({ mappingId: 'x', externalId: ' ' }, 'AMAZON_CONNECT', 255)[0].message).toBe(
      'ExternalId is required.',
    );
    expect(validateEdit({ mappingId: 'x', externalId: GOOD_ARN }, 'AMAZON_CONNECT', 255)).toEqual([]);
    const badQuickConnect = validateEdit(
      { mappingId: 'x', externalId: GOOD_ARN, quickConnect: GOOD_ARN },
      'AMAZON_CONNECT',
      255,
    );
    expect(badQuickConnect.map((problem) => problem.fieldName)).toEqual(['quickConnect']);
  });

  it('checks length and surrounding whitespace for text values', () => {
    expect(validateEdit({ mappingId: 'x', externalId: 'abc' }, 'TEXT', 255)).toEqual([]);
    expect(validateEdit({ mappingId: 'x', externalId: 'abcdef' }, 'TEXT', 5)[0].message).toContain('Longer than 5');
    expect(validateEdit({ mappingId: 'x', externalId: 'a', quickConnect: ' q' }, 'TEXT', 5)[0]).toEqual({
      fieldName: 'quickConnect',
      message: 'Remove the spaces or line breaks around the value.',
    });
  });
});
