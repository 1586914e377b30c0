import { createElement } from 'lwc';
import ProvisioningActivity, { buildQuery, describeOutcomes, toTableRow } from 'c/provisioningActivity';
import LightningConfirm from 'lightning/confirm';
import getRequests from '@salesforce/apex/ProvisioningActivityController.getRequests';
import getRequestDetail from '@salesforce/apex/ProvisioningActivityController.getRequestDetail';
import retryRequests from '@salesforce/apex/ProvisioningActivityController.retryRequests';
import replayRequests from '@salesforce/apex/ProvisioningActivityController.replayRequests';
import resolveRequests from '@salesforce/apex/ProvisioningActivityController.resolveRequests';
import resyncCallCenter from '@salesforce/apex/ProvisioningActivityController.resyncCallCenter';
import getResyncProgress from '@salesforce/apex/ProvisioningActivityController.getResyncProgress';
import getActivityFilters from '@salesforce/apex/ProvisioningActivityController.getActivityFilters';
import getProfileLinkTemplates from '@salesforce/apex/ProviderAdminController.getProfileLinkTemplates';
import type {
  ActivityFilters,
  BulkActionResult,
  ProfileLinkTemplate,
  RequestDetail,
  RequestPage,
  RequestQuery,
  RequestRow,
  ResyncProgress,
} from '@ccus/apex-contracts';
import pageFixture from './data/requestPage.json';
import page2Fixture from './data/requestPage2.json';
import filtersFixture from './data/filters.json';
import detailFixture from './data/requestDetail.json';

jest.mock('lightning/confirm', () => ({ __esModule: true, default: { open: jest.fn() } }));
jest.mock('@salesforce/apex/ProvisioningActivityController.getRequests', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/ProvisioningActivityController.getRequestDetail', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/ProvisioningActivityController.retryRequests', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/ProvisioningActivityController.replayRequests', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/ProvisioningActivityController.resolveRequests', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/ProvisioningActivityController.resyncCallCenter', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/ProvisioningActivityController.getResyncProgress', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/ProvisioningActivityController.getActivityFilters', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/ProviderAdminController.getProfileLinkTemplates', () => ({ default: jest.fn() }), {
  virtual: true,
});

type Mocked<R> = jest.Mock<Promise<R>, [Record<string, unknown>?]>;
const mockGetRequests = getRequests as unknown as jest.Mock<Promise<RequestPage>, [{ query: RequestQuery }]>;
const mockGetDetail = getRequestDetail as unknown as Mocked<RequestDetail>;
const mockRetry = retryRequests as unknown as Mocked<BulkActionResult>;
const mockReplay = replayRequests as unknown as Mocked<BulkActionResult>;
const mockResolve = resolveRequests as unknown as Mocked<BulkActionResult>;
const mockResync = resyncCallCenter as unknown as Mocked<string>;
const mockProgress = getResyncProgress as unknown as Mocked<ResyncProgress>;
const mockFilters = getActivityFilters as unknown as Mocked<ActivityFilters>;
const mockTemplates = getProfileLinkTemplates as unknown as Mocked<ProfileLinkTemplate[]>;
const mockConfirm = (LightningConfirm as unknown as { open: jest.Mock<Promise<boolean>, [Record<string, string>]> })
  .open;

const PAGE = pageFixture as RequestPage;
const PAGE_2 = page2Fixture as RequestPage;
const FILTERS = filtersFixture as ActivityFilters;
const DETAIL = detailFixture as RequestDetail;
const COUNTS: Record<string, number> = { Pending: 12, Sending: 1, Delivered: 2400, Dead_Letter: 3, Superseded: 0 };

const flushPromises = async (): Promise<void> => {
  // eslint-disable-next-line no-await-in-loop -- drains chained promise callbacks one microtask at a time
  for (let i = 0; i < 5; i++) await Promise.resolve();
};
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** getRequests: the counts (pageSize 1) from COUNTS, the list from the given pages (by cursor). */
function serveRequests(first: RequestPage = PAGE, next: RequestPage = PAGE_2): void {
  mockGetRequests.mockImplementation(async ({ query }) => {
    if (query.pageSize === 1) {
      const status = query.statuses?.[0] ?? '';
      const count = COUNTS[status] ?? 0;
      return { rows: [], nextCursor: null, totalCount: Math.min(count, 2000), totalCountCapped: count > 2000 };
    }
    return query.cursor ? next : first;
  });
}

async function mount(props: Record<string, unknown> = {}): Promise<HTMLElement> {
  const element = createElement('c-provisioning-activity', { is: ProvisioningActivity });
  Object.assign(element, props);
  document.body.appendChild(element);
  await settle();
  return element;
}

const query = (element: HTMLElement, selector: string): HTMLElement | null =>
  element.shadowRoot!.querySelector<HTMLElement>(selector);

const queryAll = (element: HTMLElement, selector: string): HTMLElement[] => [
  ...element.shadowRoot!.querySelectorAll<HTMLElement>(selector),
];

const table = (element: HTMLElement): { data: Array<RequestRow & { stateText: string }>; selectedRows: string[] } =>
  query(element, '[data-id="request-table"]') as unknown as {
    data: Array<RequestRow & { stateText: string }>;
    selectedRows: string[];
  };

function fire(target: HTMLElement | null, type: string, detail: unknown): void {
  target!.dispatchEvent(new CustomEvent(type, { detail }));
}

/** The list queries made (not the per-status counts). */
const listQueries = (): RequestQuery[] =>
  mockGetRequests.mock.calls.map(([params]) => params.query).filter((q) => q.pageSize !== 1);

describe('c-provisioning-activity', () => {
  beforeEach(() => {
    mockFilters.mockResolvedValue(FILTERS);
    serveRequests();
    mockConfirm.mockResolvedValue(true);
  });

  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
    jest.useRealTimers();
  });

  it('lists the newest requests with their state and counts them per status', async () => {
    const element = await mount();

    expect(mockFilters).toHaveBeenCalledTimes(1);
    expect(listQueries()).toEqual([{ pageSize: 50 }]);
    const rows = table(element).data;
    expect(rows.map((row) => row.stateText)).toEqual(['Dead letter', 'Retrying', 'Delivered', 'Retrying']);
    expect(rows[3]).toMatchObject({ httpText: 'Timeout' });
    expect(query(element, '[data-id="count-text"]')?.textContent).toBe(
      `Showing 4 of ${(2000).toLocaleString()}+ requests, newest first`,
    );
    const tiles = queryAll(element, '[data-id="status-tile"]').map((tile) => tile.textContent?.trim());
    expect(tiles).toEqual([
      'Pending: 12',
      'Sending: 1',
      `Delivered: ${(2000).toLocaleString()}+`,
      'Dead letter: 3',
      'Superseded: 0',
      'Resolved: 0',
    ]);
    expect(query(element, '[data-id="empty-state"]')).toBeNull();
    const provider = query(element, '[data-id="filter-provider"]') as unknown as { options: Array<{ label: string }> };
    expect(provider.options.map((option) => option.label)).toEqual([
      'All providers',
      'Northwind Voice (webhook) (JSON webhook)',
      'Contoso Identity (SCIM 2.0) (SCIM 2.0)',
      'Old Dialer (JSON webhook, inactive)',
    ]);
    expect((query(element, '[data-id="request-table"]') as unknown as { renderConfig: unknown }).renderConfig).toEqual({
      viewportRendering: true,
      rowHeight: 33,
    });
    await expect(element).toBeAccessible();
  });

  it('explains how to switch provisioning on when no request exists yet', async () => {
    serveRequests({ rows: [], nextCursor: null, totalCount: 0, totalCountCapped: false });
    const element = await mount();

    const empty = query(element, '[data-id="empty-state"]');
    expect(empty?.textContent).toContain('No provisioning requests yet');
    expect(empty?.textContent).toContain('Providers screen');
    expect(empty?.textContent).toContain('Provisioning Enabled');
    expect(query(element, '[data-id="request-table"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('filters by provider, action, status and time, and clears the filters when nothing matches', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-21T06:00:00.000Z') });
    const element = createElement('c-provisioning-activity', { is: ProvisioningActivity });
    document.body.appendChild(element);
    await flushPromises();

    fire(query(element, '[data-id="filter-provider"]'), 'change', { value: 'a0B8d0000000002EAA' });
    fire(query(element, '[data-id="filter-action"]'), 'change', { value: 'Update' });
    fire(query(element, '[data-id="filter-time"]'), 'change', { value: '24h' });
    serveRequests({ rows: [], nextCursor: null, totalCount: 0, totalCountCapped: false });
    fire(query(element, '[data-id="filter-status"]'), 'change', { value: 'Pending' });
    await flushPromises();

    expect(listQueries().pop()).toEqual({
      pageSize: 50,
      providerId: 'a0B8d0000000002EAA',
      actions: ['Update'],
      statuses: ['Pending'],
      createdFrom: '2026-11-20T06:00:00.000Z',
    });
    expect(query(element, '[data-id="filtered-empty"]')?.textContent).toContain('No requests match these filters');
    expect(query(element, '[data-id="empty-state"]')).toBeNull();

    serveRequests();
    (query(element, '[data-id="clear-filters"]') as HTMLElement).click();
    await flushPromises();
    expect(listQueries().pop()).toEqual({ pageSize: 50 });
    expect(table(element).data).toHaveLength(4);
  });

  it('filters by status from the counts and toggles back', async () => {
    const element = await mount();
    const deadLetters = queryAll(element, '[data-id="status-tile"]').find(
      (tile) => tile.dataset.status === 'Dead_Letter',
    )!;

    deadLetters.click();
    await settle();
    expect(listQueries().pop()).toEqual({ pageSize: 50, statuses: ['Dead_Letter'] });
    expect(
      queryAll(element, '[data-id="status-tile"]')
        .find((tile) => tile.dataset.status === 'Dead_Letter')
        ?.getAttribute('aria-pressed'),
    ).toBe('true');

    queryAll(element, '[data-id="status-tile"]')
      .find((tile) => tile.dataset.status === 'Dead_Letter')!
      .click();
    await settle();
    expect(listQueries().pop()).toEqual({ pageSize: 50 });
  });

  it('searches users after a pause in typing', async () => {
    jest.useFakeTimers();
    const element = createElement('c-provisioning-activity', { is: ProvisioningActivity });
    document.body.appendChild(element);
    await flushPromises();
    const before = listQueries().length;

    fire(query(element, '[data-id="filter-user"]'), 'change', { value: 'ad' });
    fire(query(element, '[data-id="filter-user"]'), 'change', { value: 'ada ' });
    jest.advanceTimersByTime(299);
    expect(listQueries()).toHaveLength(before);
    jest.advanceTimersByTime(1);
    await flushPromises();
    expect(listQueries()).toHaveLength(before + 1);
    expect(listQueries().pop()).toEqual({ pageSize: 50, userSearch: 'ada' });
  });

  it('loads the next page with the cursor and appends it', async () => {
    const element = await mount();
    (query(element, '[data-id="load-more"]') as HTMLElement).click();
    await settle();

    expect(listQueries().pop()).toEqual({ pageSize: 50, cursor: 'cursor-page-2' });
    expect(table(element).data.map((row) => row.name)).toEqual([
      'PR-0000001001',
      'PR-0000001002',
      'PR-0000001003',
      'PR-0000001004',
      'PR-0000001005',
    ]);
    expect(query(element, '[data-id="load-more"]')).toBeNull();
  });

  it('opens the detail of a row and closes it', async () => {
    mockGetDetail.mockResolvedValue(DETAIL);
    const element = await mount();

    fire(query(element, '[data-id="request-table"]'), 'rowaction', { action: { name: 'view' }, row: PAGE.rows[0] });
    await settle();

    expect(mockGetDetail).toHaveBeenCalledWith({ requestId: 'a0C8d0000000001AAA' });
    const detail = query(element, 'c-provisioning-request-detail') as unknown as { detail: RequestDetail | null };
    expect(detail.detail?.request.name).toBe('PR-0000001001');
    await expect(element).toBeAccessible();

    fire(query(element, 'c-provisioning-request-detail'), 'close', {});
    await settle();
    expect(detail.detail).toBeNull();
  });

  it('loads the profile link templates once and hands them to the detail; a failure leaves no link', async () => {
    const templates: ProfileLinkTemplate[] = [
      {
        providerId: 'a0B8d0000000001EAA',
        providerName: 'Northwind Voice',
        active: true,
        isDefault: true,
        callCenterIds: [],
        start: 'https://northwind.example.com/agents/',
        end: null,
      },
    ];
    mockTemplates.mockResolvedValueOnce(templates);
    mockGetDetail.mockResolvedValue(DETAIL);
    const element = await mount();
    fire(query(element, '[data-id="request-table"]'), 'rowaction', { action: { name: 'view' }, row: PAGE.rows[0] });
    await settle();

    expect(mockTemplates).toHaveBeenCalledTimes(1);
    const detail = query(element, 'c-provisioning-request-detail') as unknown as {
      profileLinkTemplates: ProfileLinkTemplate[];
    };
    expect(detail.profileLinkTemplates).toEqual(templates);

    document.body.removeChild(element);
    mockTemplates.mockRejectedValueOnce({ body: { message: 'No access' } });
    const again = await mount();
    expect(
      (query(again, 'c-provisioning-request-detail') as unknown as { profileLinkTemplates: unknown[] })
        .profileLinkTemplates,
    ).toEqual([]);
    expect(query(again, '[data-id="error"]')).toBeNull();
  });

  it('retries a dead letter after confirmation and follows it until it is delivered', async () => {
    jest.useFakeTimers();
    mockGetDetail.mockResolvedValue(DETAIL);
    mockRetry.mockResolvedValue({ requested: 1, succeeded: 1, skipped: [], createdRequestIds: [] });
    const element = createElement('c-provisioning-activity', { is: ProvisioningActivity });
    Object.assign(element, { followUpMs: 1000 });
    document.body.appendChild(element);
    await flushPromises();
    fire(query(element, '[data-id="request-table"]'), 'rowaction', { action: { name: 'view' }, row: PAGE.rows[0] });
    await flushPromises();

    const pending = { ...PAGE.rows[0], status: 'Pending' as const, attempts: 1 };
    serveRequests({ ...PAGE, rows: [pending, ...PAGE.rows.slice(1)] });
    fire(query(element, 'c-provisioning-request-detail'), 'requestaction', {
      action: 'retry',
      requestId: 'a0C8d0000000001AAA',
    });
    await flushPromises();
    await flushPromises();

    expect(mockConfirm).toHaveBeenCalledWith(expect.objectContaining({ label: 'Retry requests' }));
    expect(mockConfirm.mock.calls[0][0].message).toContain('Request PR-0000001001');
    expect(mockRetry).toHaveBeenCalledWith({ requestIds: ['a0C8d0000000001AAA'] });
    expect(query(element, '[data-id="outcome-summary"]')?.textContent).toBe('Retry: 1 of 1 done.');
    expect(query(element, '[data-outcome="a0C8d0000000001AAA"]')?.textContent).toContain('PR-0000001001: Sent again');
    expect(table(element).data[0].stateText).toBe('Retrying');

    const delivered = { ...PAGE.rows[0], status: 'Delivered' as const, attempts: 2, lastHttpStatus: 200 };
    serveRequests({ ...PAGE, rows: [delivered, ...PAGE.rows.slice(1)] });
    const calls = mockGetRequests.mock.calls.length;
    jest.advanceTimersByTime(1000);
    await flushPromises();
    await flushPromises();
    expect(mockGetRequests.mock.calls.length).toBeGreaterThan(calls);
    expect(table(element).data[0].stateText).toBe('Delivered');
    expect(mockGetDetail).toHaveBeenCalledTimes(3);

    const afterDelivery = mockGetRequests.mock.calls.length;
    jest.advanceTimersByTime(5000);
    await flushPromises();
    expect(mockGetRequests.mock.calls.length).toBe(afterDelivery);
  });

  it('replays the selected requests and says which were skipped and why', async () => {
    mockReplay.mockResolvedValue({
      requested: 2,
      succeeded: 1,
      skipped: [
        {
          requestId: 'a0C8d0000000003AAA',
          reason: 'Another selected request of the same user and provider is replayed.',
        },
        { requestId: null, reason: 'Grace Hopper is not in a call center any more.' },
      ],
      createdRequestIds: ['a0C8d0000000009AAA'],
    });
    const element = await mount();
    expect((query(element, '[data-id="bulk-replay"]') as unknown as { disabled: boolean }).disabled).toBe(true);

    fire(query(element, '[data-id="request-table"]'), 'rowselection', { selectedRows: [PAGE.rows[1], PAGE.rows[2]] });
    await settle();
    expect(query(element, '[data-id="selection-text"]')?.textContent).toBe('2 selected');
    (query(element, '[data-id="bulk-replay"]') as HTMLElement).click();
    await settle();

    expect(mockConfirm.mock.calls[0][0].message).toContain('2 requests are replayed');
    expect(mockReplay).toHaveBeenCalledWith({ requestIds: ['a0C8d0000000002AAA', 'a0C8d0000000003AAA'] });
    expect(query(element, '[data-id="outcome-summary"]')?.textContent).toBe('Replay: 1 of 2 done, 2 skipped.');
    expect(query(element, '[data-outcome="a0C8d0000000002AAA"]')?.textContent).toContain('Replayed as a new request');
    expect(query(element, '[data-outcome="a0C8d0000000003AAA"]')?.textContent).toContain(
      'Skipped: Another selected request',
    );
    expect(query(element, '[data-outcome="general-0"]')?.textContent).toContain('not in a call center');
    expect(table(element).selectedRows).toEqual([]);
    await expect(element).toBeAccessible();

    (query(element, '[data-id="dismiss-outcomes"]') as HTMLElement).click();
    await settle();
    expect(query(element, '[data-id="outcomes"]')).toBeNull();
  });

  it('does nothing when the admin cancels the confirmation', async () => {
    mockConfirm.mockResolvedValue(false);
    const element = await mount();
    fire(query(element, '[data-id="request-table"]'), 'rowselection', { selectedRows: [PAGE.rows[0]] });
    await settle();
    (query(element, '[data-id="bulk-resolve"]') as HTMLElement).click();
    await settle();

    expect(mockConfirm).toHaveBeenCalledWith(expect.objectContaining({ theme: 'warning' }));
    expect(mockResolve).not.toHaveBeenCalled();
  });

  it('resolves a dead letter and shows an Apex failure in an alert', async () => {
    mockResolve.mockRejectedValueOnce({
      body: { message: 'Provisioning activity: the requests could not be resolved.' },
    });
    const element = await mount();
    fire(query(element, '[data-id="request-table"]'), 'rowselection', { selectedRows: [PAGE.rows[0]] });
    await settle();
    (query(element, '[data-id="bulk-resolve"]') as HTMLElement).click();
    await settle();

    expect(mockResolve).toHaveBeenCalledWith({ requestIds: ['a0C8d0000000001AAA'] });
    const alert = query(element, '[data-id="error"]');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent).toContain('could not be resolved');
    await expect(element).toBeAccessible();

    mockResolve.mockResolvedValueOnce({ requested: 1, succeeded: 1, skipped: [], createdRequestIds: [] });
    (query(element, '[data-id="bulk-resolve"]') as HTMLElement).click();
    await settle();
    expect(query(element, '[data-id="error"]')).toBeNull();
    expect(query(element, '[data-id="outcome-summary"]')?.textContent).toBe('Resolve: 1 of 1 done.');
  });

  it('resyncs a call center and shows its progress until it is done', async () => {
    jest.useFakeTimers();
    mockResync.mockResolvedValue('7078d0000000001AAA');
    const running: ResyncProgress = {
      jobId: '7078d0000000001AAA',
      jobStatus: 'Processing',
      batchesProcessed: 1,
      totalBatches: 4,
      batchErrors: 0,
      percentQueued: 25,
      requestsByStatus: { Pending: 150, Delivered: 50 },
      percentDelivered: 25,
      done: false,
    };
    mockProgress.mockResolvedValueOnce(running).mockResolvedValueOnce({
      ...running,
      jobStatus: 'Completed',
      batchesProcessed: 4,
      percentQueued: 100,
      requestsByStatus: { Delivered: 799, Dead_Letter: 1 },
      percentDelivered: 100,
      done: true,
    });
    const element = createElement('c-provisioning-activity', { is: ProvisioningActivity });
    Object.assign(element, { resyncPollMs: 500 });
    document.body.appendChild(element);
    await flushPromises();
    await flushPromises();

    const start = query(element, '[data-id="resync-start"]') as unknown as { disabled: boolean; click(): void };
    expect(start.disabled).toBe(true);
    const centers = query(element, '[data-id="resync-call-center"]') as unknown as { options: unknown[] };
    expect(centers.options).toHaveLength(2);
    const providers = query(element, '[data-id="resync-provider"]') as unknown as { options: Array<{ label: string }> };
    expect(providers.options.map((option) => option.label)).toEqual([
      'The provider serving the call center',
      'Northwind Voice (webhook)',
      'Contoso Identity (SCIM 2.0)',
    ]);
    fire(query(element, '[data-id="resync-call-center"]'), 'change', { value: '04v8d0000000002AAA' });
    fire(query(element, '[data-id="resync-provider"]'), 'change', { value: 'a0B8d0000000002EAA' });
    await flushPromises();
    start.click();
    await flushPromises();
    await flushPromises();

    expect(mockConfirm.mock.calls[0][0].message).toContain('Every active agent of Global Customer Care');
    expect(mockResync).toHaveBeenCalledWith({ callCenterId: '04v8d0000000002AAA', providerId: 'a0B8d0000000002EAA' });
    expect(mockProgress).toHaveBeenCalledWith({ jobId: '7078d0000000001AAA' });
    const queued = query(element, '[data-id="resync-queued"]') as unknown as { value: number };
    expect(queued.value).toBe(25);
    expect(query(element, '[data-id="resync-queued-text"]')?.textContent).toBe('Agents queued: 25% (1 of 4 batches)');
    expect(query(element, '[data-id="resync-status"]')?.textContent).toBe(
      'Resync processing — Pending: 150, Delivered: 50.',
    );
    expect(start.disabled).toBe(true);

    const listCalls = listQueries().length;
    jest.advanceTimersByTime(500);
    await flushPromises();
    await flushPromises();
    expect(mockProgress).toHaveBeenCalledTimes(2);
    expect((query(element, '[data-id="resync-delivered"]') as unknown as { value: number }).value).toBe(100);
    expect(query(element, '[data-id="resync-status"]')?.textContent).toBe(
      'Resync finished — Delivered: 799, Dead letter: 1.',
    );
    expect(listQueries().length).toBe(listCalls + 1);
    expect(start.disabled).toBe(false);

    jest.advanceTimersByTime(5000);
    await flushPromises();
    expect(mockProgress).toHaveBeenCalledTimes(2);
  });

  it('says why a resync could not start', async () => {
    mockResync.mockRejectedValue({
      body: { message: 'No active provider serves this call center. Configure one on the Providers screen first.' },
    });
    const element = await mount();
    fire(query(element, '[data-id="resync-call-center"]'), 'change', { value: '04v8d0000000001AAA' });
    await settle();
    (query(element, '[data-id="resync-start"]') as HTMLElement).click();
    await settle();

    expect(mockResync).toHaveBeenCalledWith({ callCenterId: '04v8d0000000001AAA', providerId: null });
    const alert = query(element, '[data-id="resync-error"]');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent).toContain('No active provider serves this call center');
    expect(query(element, '[data-id="resync-progress"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows a failed progress poll and stops polling', async () => {
    mockResync.mockResolvedValue('7078d0000000001AAA');
    mockProgress.mockRejectedValue({ body: { message: 'The resync job was not found.' } });
    const element = await mount();
    fire(query(element, '[data-id="resync-call-center"]'), 'change', { value: '04v8d0000000001AAA' });
    await settle();
    (query(element, '[data-id="resync-start"]') as HTMLElement).click();
    await settle();

    expect(query(element, '[data-id="resync-error"]')?.textContent).toContain('The resync job was not found.');
    expect((query(element, '[data-id="resync-start"]') as unknown as { disabled: boolean }).disabled).toBe(false);
  });

  it('shows a load failure in an alert and recovers on Refresh, reloading the open detail', async () => {
    mockGetRequests.mockRejectedValue({ body: { message: 'Insufficient access to Provisioning_Request__c' } });
    mockFilters.mockRejectedValue({ body: { message: 'Insufficient access to Telephony_Provider__c' } });
    const element = await mount();

    const alert = query(element, '[data-id="error"]');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent).toContain('Insufficient access to Provisioning_Request__c');
    expect(query(element, '[data-id="empty-state"]')).toBeNull();
    await expect(element).toBeAccessible();

    serveRequests();
    mockGetDetail.mockResolvedValue(DETAIL);
    fire(query(element, 'c-provisioning-request-detail'), 'close', {});
    (query(element, '[data-id="refresh"]') as HTMLElement).click();
    await settle();
    expect(query(element, '[data-id="error"]')).toBeNull();
    expect(table(element).data).toHaveLength(4);

    fire(query(element, '[data-id="request-table"]'), 'rowaction', { action: { name: 'view' }, row: PAGE.rows[0] });
    await settle();
    (query(element, '[data-id="refresh"]') as HTMLElement).click();
    await settle();
    expect(mockGetDetail).toHaveBeenCalledTimes(2);
  });

  it('shows a detail load failure in the alert', async () => {
    mockGetDetail.mockRejectedValue({
      body: { message: 'The provisioning request was not found or you cannot see it.' },
    });
    const element = await mount();
    fire(query(element, '[data-id="request-table"]'), 'rowaction', { action: { name: 'view' }, row: PAGE.rows[0] });
    await settle();
    expect(query(element, '[data-id="error"]')?.textContent).toContain('was not found');
  });

  it('stops its timers when removed', async () => {
    jest.useFakeTimers();
    const element = createElement('c-provisioning-activity', { is: ProvisioningActivity });
    document.body.appendChild(element);
    await flushPromises();
    fire(query(element, '[data-id="filter-user"]'), 'change', { value: 'ada' });
    const calls = mockGetRequests.mock.calls.length;
    document.body.removeChild(element);
    jest.advanceTimersByTime(1000);
    await flushPromises();
    expect(mockGetRequests.mock.calls.length).toBe(calls);
  });
});

describe('provisioningActivity helpers', () => {
  it('builds the Apex query of the filters, with the count overrides', () => {
    const now = new Date('2026-11-21T06:00:00.000Z');
    const filters = { userSearch: '  ', providerId: '', action: '', status: 'Delivered', timeRange: '7d' as const };
    expect(buildQuery(filters, now)).toEqual({
      pageSize: 50,
      statuses: ['Delivered'],
      createdFrom: '2026-11-14T06:00:00.000Z',
    });
    expect(buildQuery({ ...filters, timeRange: '1h' }, now, { status: 'Pending', pageSize: 1 })).toEqual({
      pageSize: 1,
      statuses: ['Pending'],
      createdFrom: '2026-11-21T05:00:00.000Z',
    });
    expect(buildQuery({ ...filters, status: '', timeRange: '30d' }, now, { cursor: 'c' }).createdFrom).toBe(
      '2026-10-22T06:00:00.000Z',
    );
  });

  it('describes one outcome per distinct request, falling back to the id for unknown names', () => {
    const outcomes = describeOutcomes(
      'resolve',
      ['a', 'b', 'a'],
      {
        requested: 2,
        succeeded: 1,
        skipped: [{ requestId: 'b', reason: 'Only dead letters can be resolved.' }],
        createdRequestIds: [],
      },
      (id) => (id === 'a' ? 'PR-1' : id),
    );
    expect(outcomes).toEqual([
      { key: 'a', label: 'PR-1', text: 'Resolved', ok: true },
      { key: 'b', label: 'b', text: 'Skipped: Only dead letters can be resolved.', ok: false },
    ]);
  });

  it('shows the next attempt only for waiting requests', () => {
    const row = toTableRow({ ...PAGE.rows[2], nextAttemptAt: '2026-11-21T05:00:00.000Z' });
    expect(row.nextAttemptText).toBe('');
    expect(row.statusIcon).toBe('utility:success');
    expect(row.reasonText).toBe('');
    expect(toTableRow(PAGE.rows[0]).reasonText).toBe('Not retried: the provider rejected the request.');
  });
});
