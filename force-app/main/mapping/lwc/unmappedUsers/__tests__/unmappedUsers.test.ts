import { createElement } from 'lwc';
import UnmappedUsers, { SEARCH_DELAY_MS } from 'c/unmappedUsers';
import type { UserSelection } from 'c/unmappedUsers';
import getOverview from '@salesforce/apex/CallCenterOverviewController.getOverview';
import getMappingContext from '@salesforce/apex/MappingUsersController.getMappingContext';
import getUsers from '@salesforce/apex/MappingUsersController.getUsers';
import getRecentRuns from '@salesforce/apex/MappingRunController.getRecentRuns';
import getRun from '@salesforce/apex/MappingRunController.getRun';
import type { MappingContext, OverviewResult, UserPage, UserQuery } from '@ccus/apex-contracts';
import overviewFixture from './data/overview.json';
import contextFixture from './data/context.json';
import noVoiceFixture from './data/contextNoVoice.json';
import page1Fixture from './data/usersPage1.json';
import page2Fixture from './data/usersPage2.json';

jest.mock('@salesforce/apex/CallCenterOverviewController.getOverview', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/MappingUsersController.getMappingContext', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/MappingUsersController.getUsers', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MappingRuleController.checkRule', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MappingRunController.getRecentRuns', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MappingRunController.getRun', () => ({ default: jest.fn() }), { virtual: true });

const mockGetOverview = getOverview as unknown as jest.Mock<Promise<OverviewResult>, []>;
const mockGetContext = getMappingContext as unknown as jest.Mock<Promise<MappingContext>, [{ callCenterId: string }]>;
const mockGetUsers = getUsers as unknown as jest.Mock<Promise<UserPage>, [{ query: UserQuery }]>;
const OVERVIEW = overviewFixture as OverviewResult;
const CONTEXT = contextFixture as MappingContext;
const PAGE1 = page1Fixture as UserPage;
const PAGE2 = page2Fixture as UserPage;

const flushPromises = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

async function mount(): Promise<HTMLElement> {
  const element = createElement('c-unmapped-users', { is: UnmappedUsers });
  document.body.appendChild(element);
  await flushPromises();
  await flushPromises();
  return element;
}

const query = <T = HTMLElement>(element: HTMLElement, selector: string): T | null =>
  element.shadowRoot!.querySelector(selector) as T | null;
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

interface DatatableLike extends HTMLElement {
  data: Array<{ userId: string; statusText: string }>;
  selectedRows: string[];
  enableInfiniteLoading: boolean;
  renderConfig: { viewportRendering: boolean; virtualize: string };
}
const table = (element: HTMLElement): DatatableLike => query<DatatableLike>(element, '[data-id="users-table"]')!;
const lastQuery = (): UserQuery => mockGetUsers.mock.calls[mockGetUsers.mock.calls.length - 1][0].query;

function selectRows(element: HTMLElement, ids: string[]): void {
  const rows = table(element).data.filter((row) => ids.includes(row.userId));
  table(element).dispatchEvent(new CustomEvent('rowselection', { detail: { selectedRows: rows } }));
}

describe('c-unmapped-users', () => {
  beforeEach(() => {
    mockGetOverview.mockResolvedValue(OVERVIEW);
    mockGetContext.mockResolvedValue(CONTEXT);
    mockGetUsers.mockResolvedValue(PAGE1);
  });

  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
    jest.useRealTimers();
  });

  it('loads the first call center and its first page of unmapped users, with viewport rendering', async () => {
    const element = await mount();

    const picker = pickerOf<HTMLElement & { value: string; options: unknown[] }>(element)!;
    expect(picker.options).toHaveLength(2);
    expect(picker.value).toBe(CONTEXT.callCenterId);
    expect(mockGetContext).toHaveBeenCalledWith({ callCenterId: CONTEXT.callCenterId });
    expect(lastQuery()).toMatchObject({
      callCenterId: CONTEXT.callCenterId,
      scope: 'UNMAPPED',
      status: 'ACTIVE',
      sortBy: 'NAME',
      sortDirection: 'ASC',
      cursor: null,
      includeTotal: true,
      search: null,
    });
    expect(table(element).data).toHaveLength(2);
    expect(table(element).data[0].statusText).toBe('Active');
    expect(table(element).enableInfiniteLoading).toBe(true);
    expect(table(element).renderConfig).toMatchObject({ viewportRendering: true, virtualize: 'vertical' });
    expect(query(element, '[data-id="count"]')!.textContent).toBe('2 of 3 unmapped users loaded');
    expect((query(element, '[data-id="generate"]') as unknown as { disabled: boolean }).disabled).toBe(true);
    await expect(element).toBeAccessible();
  });

  it('loads the next keyset page when the table asks for more, and stops at the last page', async () => {
    const element = await mount();
    mockGetUsers.mockResolvedValueOnce(PAGE2);

    table(element).dispatchEvent(new CustomEvent('loadmore'));
    await flushPromises();

    expect(lastQuery()).toMatchObject({ cursor: 'cursor-2', includeTotal: false });
    expect(table(element).data).toHaveLength(3);
    expect(table(element).data[2].statusText).toBe('Inactive');
    expect(table(element).enableInfiniteLoading).toBe(false);
    const calls = mockGetUsers.mock.calls.length;
    table(element).dispatchEvent(new CustomEvent('loadmore'));
    await flushPromises();
    expect(mockGetUsers.mock.calls.length).toBe(calls);
    expect(query(element, '[data-id="count"]')!.textContent).toBe('3 of 3 unmapped users loaded');
    await expect(element).toBeAccessible();
  });

  it('searches on the server once the admin stops typing, and sorts and filters on the server', async () => {
    const element = await mount();
    jest.useFakeTimers();
    const search = query(element, '[data-id="search"]')!;
    search.dispatchEvent(new CustomEvent('change', { detail: { value: 'ad' } }));
    search.dispatchEvent(new CustomEvent('change', { detail: { value: 'ada' } }));
    const callsBefore = mockGetUsers.mock.calls.length;
    jest.advanceTimersByTime(SEARCH_DELAY_MS);
    jest.useRealTimers();
    await flushPromises();

    expect(mockGetUsers.mock.calls.length).toBe(callsBefore + 1);
    expect(lastQuery()).toMatchObject({ search: 'ada', cursor: null });

    table(element).dispatchEvent(new CustomEvent('sort', { detail: { fieldName: 'email', sortDirection: 'desc' } }));
    await flushPromises();
    expect(lastQuery()).toMatchObject({ sortBy: 'EMAIL', sortDirection: 'DESC', search: 'ada' });

    query(element, '[data-id="status-filter"]')!.dispatchEvent(new CustomEvent('change', { detail: { value: 'ALL' } }));
    await flushPromises();
    expect(lastQuery()).toMatchObject({ status: 'ALL' });
    await expect(element).toBeAccessible();
  });

  it('offers to select every user that matches the filter once the loaded rows are all selected', async () => {
    const element = await mount();
    expect(query(element, '[data-id="select-all-matching"]')).toBeNull();

    selectRows(element, [PAGE1.rows[0].userId]);
    await flushPromises();
    expect(query(element, '[data-id="selection-count"]')!.textContent).toBe('1 selected');
    expect(query(element, '[data-id="select-all-matching"]')).toBeNull();

    selectRows(
      element,
      PAGE1.rows.map((row) => row.userId),
    );
    await flushPromises();
    expect(query(element, '[data-id="selection-banner"]')!.textContent).toContain('All 2 loaded users are selected.');
    const selectAll = query<HTMLElement & { label: string }>(element, '[data-id="select-all-matching"]')!;
    expect(selectAll.label).toBe('Select all 3 users that match this filter');

    selectAll.click();
    await flushPromises();
    expect(query(element, '[data-id="selection-banner"]')!.textContent).toContain(
      'All 3 users that match this filter are selected.',
    );
    expect((query(element, '[data-id="generate"]') as unknown as { label: string }).label).toBe(
      'Generate mappings (3)',
    );
    mockGetUsers.mockResolvedValueOnce(PAGE2);
    table(element).dispatchEvent(new CustomEvent('loadmore'));
    await flushPromises();
    expect(table(element).selectedRows).toHaveLength(3);
    await expect(element).toBeAccessible();

    query(element, '[data-id="clear-selection"]')!.click();
    await flushPromises();
    expect(query(element, '[data-id="selection-count"]')!.textContent).toBe('No users selected');
    expect(table(element).selectedRows).toEqual([]);
  });

  it('opens the run wizard with the selected users or with the filter, and reloads when a run completes', async () => {
    const element = await mount();
    selectRows(element, [PAGE1.rows[1].userId]);
    await flushPromises();

    query(element, '[data-id="generate"]')!.click();
    await flushPromises();
    let wizard = query<HTMLElement & { selection: UserSelection; context: MappingContext }>(
      element,
      'c-mapping-run-wizard',
    )!;
    expect(wizard.selection).toMatchObject({ mode: 'IDS', count: 1 });
    expect(wizard.selection.users.map((user) => user.userId)).toEqual([PAGE1.rows[1].userId]);
    expect(wizard.context.callCenterId).toBe(CONTEXT.callCenterId);
    expect(query(element, '[data-id="users-table"]')).toBeNull();

    wizard.dispatchEvent(new CustomEvent('close'));
    await flushPromises();
    expect(query(element, 'c-mapping-run-wizard')).toBeNull();

    selectRows(
      element,
      PAGE1.rows.map((row) => row.userId),
    );
    await flushPromises();
    query(element, '[data-id="select-all-matching"]')!.click();
    await flushPromises();
    query(element, '[data-id="generate"]')!.click();
    await flushPromises();
    wizard = query(element, 'c-mapping-run-wizard')!;
    expect(wizard.selection).toMatchObject({ mode: 'FILTER', count: 3, filter: { search: null, status: 'ACTIVE' } });

    const calls = mockGetUsers.mock.calls.length;
    wizard.dispatchEvent(new CustomEvent('complete', { detail: { runId: 'a01' } }));
    await flushPromises();
    expect(query(element, 'c-mapping-run-wizard')).toBeNull();
    expect(mockGetUsers.mock.calls.length).toBe(calls + 1);
    expect(lastQuery().cursor).toBeNull();
  });

  it("lists the call center's recent runs under the users and opens one in the wizard", async () => {
    const run = {
      runId: 'a0R000000000001AAA',
      name: 'MR-000001',
      status: 'COMPLETED',
      operation: 'CREATE',
      source: 'RULE',
      total: 2,
      ready: 2,
      created: 2,
      failed: 0,
      skipped: 0,
      isFinal: true,
      startedAt: '2026-11-21T09:30:00.000Z',
      finishedAt: '2026-11-21T09:31:00.000Z',
      createdDate: '2026-11-21T09:29:00.000Z',
    };
    (getRecentRuns as unknown as jest.Mock).mockResolvedValue([run]);
    (getRun as unknown as jest.Mock).mockResolvedValue(run);
    const element = await mount();
    await flushPromises();
    const recent = query<HTMLElement & { callCenterId: string }>(element, 'c-mapping-recent-runs')!;
    expect(recent.callCenterId).toBe(CONTEXT.callCenterId);
    expect(getRecentRuns).toHaveBeenCalledWith({ callCenterId: CONTEXT.callCenterId, limitRows: 10 });
    await expect(element).toBeAccessible();

    recent.dispatchEvent(new CustomEvent('openrun', { detail: { runId: run.runId } }));
    await flushPromises();
    const wizard = query<HTMLElement & { openRunId: string; selection: UserSelection | null }>(
      element,
      'c-mapping-run-wizard',
    )!;
    expect(wizard.openRunId).toBe(run.runId);
    expect(wizard.selection).toBeNull();

    wizard.dispatchEvent(new CustomEvent('close'));
    await flushPromises();
    selectRows(element, [PAGE1.rows[0].userId]);
    await flushPromises();
    query(element, '[data-id="generate"]')!.click();
    await flushPromises();
    expect(query<HTMLElement & { openRunId: string | null }>(element, 'c-mapping-run-wizard')!.openRunId).toBeNull();
  });

  it('explains that Service Cloud Voice is missing instead of listing users', async () => {
    mockGetContext.mockResolvedValue(noVoiceFixture as MappingContext);
    const element = await mount();

    const notice = noticeOf(element)!;
    expect(notice.getAttribute('role')).toBe('status');
    expect(notice.textContent).toContain('Service Cloud Voice is not enabled in this org');
    expect(notice.textContent).toContain('mapping needs Service Cloud Voice');
    expect(mockGetUsers).not.toHaveBeenCalled();
    expect(query(element, '[data-id="users-table"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('says when the admin cannot see mappings', async () => {
    mockGetContext.mockResolvedValue({
      ...CONTEXT,
      mappingAvailability: 'NO_ACCESS',
      mappingAvailabilityMessage: 'You need read access to CallCenterRoutingMap.',
    } as MappingContext);
    const element = await mount();

    expect(noticeOf(element)!.textContent).toContain('You cannot see telephony mappings');
    await expect(element).toBeAccessible();
  });

  it('says what to do next when every agent is mapped, and when the search finds nobody', async () => {
    mockGetUsers.mockResolvedValue({
      rows: [],
      nextCursor: null,
      hasMore: false,
      totalCount: 0,
      filterMode: 'ANTI_JOIN',
    });
    const element = await mount();
    query(element, '[data-id="status-filter"]')!.dispatchEvent(new CustomEvent('change', { detail: { value: 'ALL' } }));
    await flushPromises();

    expect(query(element, '[data-id="empty-state"]')!.textContent).toContain(
      'Every agent of this call center has a mapping',
    );
    await expect(element).toBeAccessible();

    query(element, '[data-id="status-filter"]')!.dispatchEvent(
      new CustomEvent('change', { detail: { value: 'INACTIVE' } }),
    );
    await flushPromises();
    expect(query(element, '[data-id="empty-state"]')!.textContent).toContain('Clear the search');
  });

  it('shows server errors in an alert and switches call centers on request', async () => {
    const element = await mount();
    mockGetUsers.mockRejectedValueOnce({ body: { message: 'Search failed: the text is too long.' } });
    const picker = pickerOf(element)!;
    picker.dispatchEvent(new CustomEvent('change', { detail: { value: '04v000000000002AAA' } }));
    await flushPromises();
    await flushPromises();

    expect(mockGetContext).toHaveBeenLastCalledWith({ callCenterId: '04v000000000002AAA' });
    const error = query(element, '[data-id="error"]')!;
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toContain('Search failed: the text is too long.');
    await expect(element).toBeAccessible();

    query(element, '[data-id="refresh"]')!.click();
    await flushPromises();
    await flushPromises();
    expect(query(element, '[data-id="error"]')).toBeNull();
  });

  it('explains what to do in an org without call centers, and shows why the call centers could not load', async () => {
    mockGetOverview.mockResolvedValueOnce({ ...OVERVIEW, callCenters: [] });
    let element = await mount();
    expect(query(element, '[data-id="empty-call-centers"]')!.textContent).toContain('create a call center');
    expect(mockGetContext).not.toHaveBeenCalled();
    expect(pickerOf(element)).toBeNull();
    await expect(element).toBeAccessible();
    document.body.removeChild(element);

    mockGetOverview.mockRejectedValueOnce(new Error('No access to CallCenter'));
    element = await mount();
    expect(query(element, '[data-id="error"]')!.textContent).toContain('No access to CallCenter');
  });

  it('shows why a call center could not be opened', async () => {
    mockGetContext.mockRejectedValue({ body: { message: 'Mapping context failed: no permission.' } });
    const element = await mount();

    expect(query(element, '[data-id="error"]')!.textContent).toContain('Mapping context failed: no permission.');
    await expect(element).toBeAccessible();
  });
});
