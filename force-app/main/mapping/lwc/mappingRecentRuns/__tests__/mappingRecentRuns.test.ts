import { createElement } from 'lwc';
import MappingRecentRuns, { RECENT_RUN_LIMIT, failuresCsv, toRecentRunRow } from 'c/mappingRecentRuns';
import getRecentRuns from '@salesforce/apex/MappingRunController.getRecentRuns';
import getRunItems from '@salesforce/apex/MappingRunController.getRunItems';
import type { ItemPage, RunSummary } from '@ccus/apex-contracts';
import runsFixture from './data/runs.json';
import failuresFixture from './data/failures.json';

jest.mock('@salesforce/apex/MappingRunController.getRecentRuns', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MappingRunController.getRunItems', () => ({ default: jest.fn() }), { virtual: true });

const mock = (fn: unknown): jest.Mock => fn as jest.Mock;
const RUNS = runsFixture as RunSummary[];
const FAILURES = failuresFixture as ItemPage;
const CENTER = '04v000000000001AAA';

const flushPromises = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
const settle = (times = 4): Promise<void> =>
  Array.from({ length: times }).reduce<Promise<void>>((previous) => previous.then(flushPromises), Promise.resolve());

async function mount(callCenterId: string | null = CENTER): Promise<HTMLElement & { refresh(): Promise<void> }> {
  const element = createElement('c-mapping-recent-runs', { is: MappingRecentRuns }) as HTMLElement & {
    callCenterId: string | null;
    refresh(): Promise<void>;
  };
  element.callCenterId = callCenterId;
  document.body.appendChild(element);
  await settle();
  return element;
}

const all = (element: HTMLElement, selector: string): HTMLElement[] => [
  ...element.shadowRoot!.querySelectorAll<HTMLElement>(selector),
];
const byId = (element: HTMLElement, id: string): HTMLElement | null =>
  element.shadowRoot!.querySelector<HTMLElement>(`[data-id="${id}"]`);

function readBlob(blob: Blob): Promise<string> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.readAsText(blob);
  });
}

describe('c-mapping-recent-runs', () => {
  let downloads: Array<{ name: string; blob: Blob }> = [];
  let lastBlob: Blob | null = null;

  beforeEach(() => {
    downloads = [];
    mock(getRecentRuns).mockResolvedValue(RUNS);
    mock(getRunItems).mockResolvedValue(FAILURES);
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
  });

  it("lists the call center's recent runs with status, counts and actions", async () => {
    const element = await mount();
    expect(mock(getRecentRuns)).toHaveBeenCalledWith({ callCenterId: CENTER, limitRows: RECENT_RUN_LIMIT });
    const rows = all(element, '[data-run-row]');
    expect(rows.map((row) => row.dataset.runRow)).toEqual(['MR-000002', 'MR-000001']);
    expect(rows[0].querySelector('[data-cell="status"]')!.textContent).toBe('Completed with errors');
    expect(rows[0].querySelector('[data-cell="counts"]')!.textContent).toBe(
      '120 rows: 110 created, 8 failed, 2 skipped',
    );
    expect(rows[1].querySelector('[data-cell="status"]')!.textContent).toBe('Preview ready');
    expect(rows[1].querySelector('[data-cell="counts"]')!.textContent).toBe('40 rows, 37 ready');
    // Only a run with failed rows offers their download.
    expect(all(element, '[data-id="download-run-failures"]').map((b) => b.dataset.runId)).toEqual([RUNS[0].runId]);
    await expect(element).toBeAccessible();
  });

  it('emits openrun with the run id, so the container opens the run in the wizard', async () => {
    const element = await mount();
    const open = jest.fn();
    element.addEventListener('openrun', open);
    all(element, '[data-id="open-run"]')[1].click();
    expect(open.mock.calls[0][0].detail).toEqual({ runId: RUNS[1].runId });
  });

  it("downloads a run's failed rows, page by page, with their reasons", async () => {
    mock(getRunItems)
      .mockResolvedValueOnce({ ...FAILURES, hasMore: true, nextCursor: 'p2' })
      .mockResolvedValueOnce(FAILURES);
    const element = await mount();
    byId(element, 'download-run-failures')!.click();
    await settle();
    expect(mock(getRunItems).mock.calls.map((call) => call[0].query)).toEqual([
      { runId: RUNS[0].runId, outcomes: ['FAILED'], pageSize: 2000, cursor: null },
      { runId: RUNS[0].runId, outcomes: ['FAILED'], pageSize: 2000, cursor: 'p2' },
    ]);
    expect(downloads[0].name).toBe('MR-000002-failures.csv');
    const text = await readBlob(downloads[0].blob);
    expect(text).toContain('Row,ReferenceRecordId,Username,ExternalId,QuickConnect,DeveloperName,Reason');
    expect(text).toContain(FAILURES.rows[0].message as string);
  });

  it('says when the call center has no runs, reloads on refresh and when the call center changes', async () => {
    mock(getRecentRuns).mockResolvedValue([]);
    const element = await mount();
    expect(byId(element, 'no-runs')!.textContent).toContain('No mapping runs');
    await expect(element).toBeAccessible();

    mock(getRecentRuns).mockResolvedValue(RUNS);
    byId(element, 'refresh-runs')!.click();
    await settle();
    expect(all(element, '[data-run-row]')).toHaveLength(2);

    (element as unknown as { callCenterId: string }).callCenterId = '04v000000000002AAA';
    await settle();
    expect(mock(getRecentRuns)).toHaveBeenLastCalledWith({ callCenterId: '04v000000000002AAA', limitRows: 10 });
  });

  it('shows why the runs could not be loaded, and loads nothing without a call center', async () => {
    mock(getRecentRuns).mockRejectedValue({ body: { message: 'The mapping runs could not be loaded. No access.' } });
    const element = await mount();
    expect(byId(element, 'runs-error')!.textContent).toContain('No access.');
    await expect(element).toBeAccessible();

    mock(getRecentRuns).mockClear();
    const empty = await mount(null);
    expect(mock(getRecentRuns)).not.toHaveBeenCalled();
    expect(all(empty, '[data-run-row]')).toHaveLength(0);
  });

  it('describes fix runs and the failure file', () => {
    const row = toRecentRunRow({ ...RUNS[0], operation: 'MOVE', source: 'FIX' });
    expect(row.whatText).toBe('Move mismatched (fix)');
    expect(row.countsText).toBe('120 rows: 110 done, 8 failed, 2 skipped');
    expect(row.openLabel).toBe('Open MR-000002');
    expect(
      failuresCsv([])
        .replace(/^\uFEFF/, '')
        .trim(),
    ).toBe('Row,ReferenceRecordId,Username,ExternalId,QuickConnect,DeveloperName,Reason');
  });
});
