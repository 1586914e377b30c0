import { createElement } from 'lwc';
import MappingProblems, { fixKindOf } from 'c/mappingProblems';
import startAnalysis from '@salesforce/apex/MappingAnalysisController.startAnalysis';
import getLatestAnalysis from '@salesforce/apex/MappingAnalysisController.getLatestAnalysis';
import getProblems from '@salesforce/apex/MappingAnalysisController.getProblems';
import fixProblems from '@salesforce/apex/MappingAnalysisController.fixProblems';
import startPreview from '@salesforce/apex/MappingRunController.startPreview';
import confirmRun from '@salesforce/apex/MappingRunController.confirmRun';
import cancelRun from '@salesforce/apex/MappingRunController.cancelRun';
import getRun from '@salesforce/apex/MappingRunController.getRun';
import deleteMappings from '@salesforce/apex/MappingManageController.deleteMappings';
import LightningConfirm from 'lightning/confirm';
import type { AnalysisSummary, MappingContext, ProblemPage, RunSummary } from '@ccus/apex-contracts';
import analysisFixture from './data/analysis.json';
import problemsFixture from './data/problems.json';
import runFixture from './data/run.json';
import contextFixture from './data/context.json';

jest.mock('@salesforce/apex/MappingAnalysisController.startAnalysis', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/MappingAnalysisController.getLatestAnalysis', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/MappingAnalysisController.getProblems', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/MappingAnalysisController.fixProblems', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/MappingRunController.startPreview', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MappingRunController.confirmRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MappingRunController.cancelRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MappingRunController.getRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MappingManageController.deleteMappings', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('lightning/confirm', () => ({ __esModule: true, default: { open: jest.fn() } }));

const ANALYSIS = analysisFixture as AnalysisSummary;
const PROBLEMS = problemsFixture as ProblemPage;
const RUN = runFixture as RunSummary;
const CONTEXT = contextFixture as MappingContext;
const CC1 = '04v5g000000AbCdAAK';

const mockStart = startAnalysis as unknown as jest.Mock;
const mockLatest = getLatestAnalysis as unknown as jest.Mock;
const mockProblems = getProblems as unknown as jest.Mock;
const mockFix = fixProblems as unknown as jest.Mock;
const mockPreview = startPreview as unknown as jest.Mock;
const mockConfirmRun = confirmRun as unknown as jest.Mock;
const mockCancelRun = cancelRun as unknown as jest.Mock;
const mockGetRun = getRun as unknown as jest.Mock;
const mockDelete = deleteMappings as unknown as jest.Mock;
const mockConfirm = (LightningConfirm as unknown as { open: jest.Mock }).open;

const flushPromises = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
/** Lets chained Apex calls and zero-delay polls finish (each poll waits for a timer). */
function settle(times = 20): Promise<void> {
  if (times <= 0) return Promise.resolve();
  return flushPromises().then(() => settle(times - 1));
}

async function mount(props: Record<string, unknown> = {}): Promise<HTMLElement> {
  const element = createElement('c-mapping-problems', { is: MappingProblems });
  Object.assign(element, { callCenterId: CC1, context: CONTEXT, pollIntervalMs: 0, ...props });
  document.body.appendChild(element);
  await settle();
  return element;
}

const query = <T extends HTMLElement = HTMLElement>(element: HTMLElement, selector: string): T | null =>
  element.shadowRoot!.querySelector<T>(selector);
const problemsTable = (element: HTMLElement) =>
  query(element, '[data-id="problems-table"]') as unknown as HTMLElement & { data: Array<Record<string, unknown>> };
const fixButton = (element: HTMLElement) =>
  query(element, '[data-id="fix"]') as unknown as HTMLElement & { label: string; disabled: boolean };

describe('c-mapping-problems', () => {
  beforeEach(() => {
    mockLatest.mockResolvedValue(ANALYSIS);
    mockProblems.mockResolvedValue(PROBLEMS);
  });

  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  it('shows when the call center was last analysed, its counts and every problem', async () => {
    const element = await mount();

    expect(mockLatest).toHaveBeenCalledWith({ callCenterId: CC1 });
    expect(query(element, '[data-id="last-run"]')?.textContent).toContain('Last analysed');
    expect(query(element, '[data-tile="duplicateUser"] dd')?.textContent).toBe('2');
    expect(mockProblems).toHaveBeenCalledWith({
      query: { analysisId: ANALYSIS.analysisId, kinds: null, cursor: null, pageSize: 200 },
    });
    const rows = problemsTable(element).data;
    expect(rows.map((row) => row.kindLabel)).toEqual(['Stale: user inactive', 'Mismatched call center']);
    expect(rows[1].userLabel).toBe('0055g00000AAAA3AAP');
    expect(query(element, '[data-id="fix"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('invites to analyse a call center that never was, then follows the analysis to its end', async () => {
    mockLatest.mockResolvedValueOnce(null);
    const element = await mount();
    expect(query(element, '[data-id="never-analysed"]')?.textContent).toContain('not been analysed yet');
    await expect(element).toBeAccessible();

    mockStart.mockResolvedValue({ ...ANALYSIS, status: 'RUNNING', percentComplete: 40, scannedCount: 2 });
    mockLatest.mockResolvedValueOnce({ ...ANALYSIS, status: 'RUNNING', percentComplete: 60, scannedCount: 3 });
    (query(element, '[data-id="analyse"]') as HTMLElement).click();
    await flushPromises();
    expect(query(element, '[data-id="analysis-progress"]')?.textContent).toContain('2 of 4 mappings checked');
    await settle();

    expect(mockStart).toHaveBeenCalledWith({ callCenterId: CC1 });
    expect(mockLatest).toHaveBeenCalledTimes(3);
    expect(query(element, '[data-id="analysis-progress"]')).toBeNull();
    expect(problemsTable(element).data).toHaveLength(2);
  });

  it('filters by kind on the server and appends the next page', async () => {
    const element = await mount({ initialKind: 'DUPLICATE_USER' });
    expect(mockProblems).toHaveBeenLastCalledWith({
      query: { analysisId: ANALYSIS.analysisId, kinds: ['DUPLICATE_USER'], cursor: null, pageSize: 200 },
    });
    expect(query(element, '[data-id="fix"]')).toBeNull();

    query(element, '[data-id="problem-filter"]')!.dispatchEvent(
      new CustomEvent('change', { detail: { value: 'MISMATCHED' } }),
    );
    await settle();
    expect(mockProblems).toHaveBeenLastCalledWith({
      query: { analysisId: ANALYSIS.analysisId, kinds: ['MISMATCHED'], cursor: null, pageSize: 200 },
    });
    expect(fixButton(element).label).toBe('Move all mismatched mappings');

    mockProblems.mockResolvedValueOnce({ rows: [], nextCursor: null, hasMore: false });
    (query(element, '[data-id="problems-load-more"]') as HTMLElement).click();
    await settle();
    expect(mockProblems).toHaveBeenLastCalledWith({
      query: { analysisId: ANALYSIS.analysisId, kinds: ['MISMATCHED'], cursor: 'p-2', pageSize: 200 },
    });
  });

  it('says so when a filter has no problem', async () => {
    mockProblems.mockResolvedValue({ rows: [], nextCursor: null, hasMore: false });
    const element = await mount({ initialKind: 'DUPLICATE_EXTERNAL_ID' });
    expect(query(element, '[data-id="no-problems"]')?.textContent).toContain('No problem of this kind');
    await expect(element).toBeAccessible();
  });

  it('deletes the selected stale mappings through a previewed run after confirmation, with progress', async () => {
    const element = await mount({ initialKind: 'STALE' });
    problemsTable(element).dispatchEvent(
      new CustomEvent('rowselection', { detail: { selectedRows: [problemsTable(element).data[0]] } }),
    );
    await flushPromises();
    expect(fixButton(element).label).toBe('Delete 1 selected stale mapping');

    mockConfirm.mockResolvedValueOnce(true);
    mockFix.mockResolvedValue(RUN);
    mockPreview.mockResolvedValue({ ...RUN, status: 'PREVIEWING', percentComplete: 0 });
    mockGetRun
      .mockResolvedValueOnce({
        ...RUN,
        status: 'PREVIEW_READY',
        ready: 1,
        verdictCounts: { READY: 1 },
        canConfirm: true,
      })
      .mockResolvedValueOnce({
        ...RUN,
        status: 'COMPLETED',
        processed: 1,
        created: 1,
        percentComplete: 100,
        isFinal: true,
      });
    fixButton(element).click();
    await settle();

    expect(mockFix).toHaveBeenCalledWith({
      request: { analysisId: ANALYSIS.analysisId, kind: 'STALE', problemIds: ['a0B5g00000PR0001AAA'] },
    });
    expect(mockPreview).toHaveBeenCalledWith({ runId: RUN.runId });
    const summary = query(element, 'c-run-preview-summary') as unknown as { run: RunSummary };
    expect(summary.run.status).toBe('PREVIEW_READY');
    const confirmButton = query(element, '[data-id="fix-confirm"]') as unknown as HTMLElement & { disabled: boolean };
    expect(confirmButton.disabled).toBe(false);
    await expect(element).toBeAccessible();

    mockConfirmRun.mockResolvedValue({ ...RUN, status: 'QUEUED' });
    confirmButton.click();
    await settle();
    expect(mockConfirmRun).toHaveBeenCalledWith({ runId: RUN.runId });
    expect((query(element, 'c-run-preview-summary') as unknown as { run: RunSummary }).run.status).toBe('COMPLETED');
    expect(query(element, '[data-id="fix-done"]')?.textContent).toContain('Analyse again');
  });

  it('does nothing when the admin does not confirm, and cancels a previewed fix', async () => {
    const element = await mount({ initialKind: 'STALE' });
    mockConfirm.mockResolvedValueOnce(false);
    fixButton(element).click();
    await settle();
    expect(mockFix).not.toHaveBeenCalled();

    mockConfirm.mockResolvedValueOnce(true);
    mockFix.mockResolvedValue(RUN);
    mockPreview.mockResolvedValue({ ...RUN, status: 'PREVIEW_READY', canConfirm: true });
    fixButton(element).click();
    await settle();
    expect(mockConfirm.mock.calls[1][0].message).toContain('1 stale mapping');

    mockCancelRun.mockResolvedValue({ ...RUN, status: 'CANCELLED' });
    (query(element, '[data-id="fix-cancel"]') as HTMLElement).click();
    await settle();
    expect(mockCancelRun).toHaveBeenCalledWith({ runId: RUN.runId });
    expect(query(element, 'c-run-preview-summary')).toBeNull();
  });

  it('shows fix failures in an alert', async () => {
    const element = await mount({ initialKind: 'MISMATCHED' });
    mockConfirm.mockResolvedValue(true);
    mockFix.mockRejectedValueOnce({ body: { message: 'The analysis is outdated' } });
    fixButton(element).click();
    await settle();
    const alert = query(element, '[data-id="problems-error"]');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent).toContain('The analysis is outdated');

    mockFix.mockResolvedValue(RUN);
    mockPreview.mockResolvedValue({ ...RUN, status: 'PREVIEW_READY', canConfirm: true });
    fixButton(element).click();
    await settle();
    mockConfirmRun.mockRejectedValueOnce({ body: { message: 'Locked' } });
    (query(element, '[data-id="fix-confirm"]') as HTMLElement).click();
    await settle();
    expect(query(element, '[data-id="problems-error"]')?.textContent).toContain('Locked');
    expect(query(element, '[data-id="fix-confirm"]')).not.toBeNull();
  });

  it('disables the fix and says why without create and delete access', async () => {
    const element = await mount({
      initialKind: 'MISMATCHED',
      context: { ...CONTEXT, access: { canRead: true, canCreate: false, canEdit: false, canDelete: true } },
    });
    expect(fixButton(element).disabled).toBe(true);
    expect(query(element, '[data-id="fix-help"]')?.textContent).toContain('create and delete access');
  });

  it('explains a failed or partial analysis and load errors', async () => {
    mockLatest.mockResolvedValueOnce({ ...ANALYSIS, status: 'FAILED', lastError: 'Too many query rows' });
    let element = await mount();
    expect(query(element, '[data-id="last-run"]')?.textContent).toContain('failed: Too many query rows');
    document.body.removeChild(element);

    mockLatest.mockResolvedValueOnce({ ...ANALYSIS, lastError: 'Duplicates not checked', duplicatesTruncated: true });
    element = await mount();
    expect(query(element, '[data-id="partial-error"]')?.textContent).toContain('Duplicates not checked');
    expect(query(element, '[data-id="truncated-note"]')).not.toBeNull();
    document.body.removeChild(element);

    mockLatest.mockRejectedValueOnce({ body: { message: 'No access' } });
    element = await mount();
    expect(query(element, '[data-id="problems-error"]')?.textContent).toContain('No access');
    mockStart.mockRejectedValueOnce({ body: { message: 'Analysis already running' } });
    (query(element, '[data-id="analyse"]') as HTMLElement).click();
    await settle();
    expect(query(element, '[data-id="problems-error"]')?.textContent).toContain('Analysis already running');
  });
});

describe('c-mapping-problems duplicates', () => {
  beforeEach(() => {
    mockLatest.mockResolvedValue(ANALYSIS);
    mockProblems.mockResolvedValue(PROBLEMS);
  });

  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  it('deletes one duplicate mapping from its row after confirmation and asks to analyse again', async () => {
    const element = await mount({ initialKind: 'DUPLICATE' });
    const table = problemsTable(element) as unknown as HTMLElement & {
      data: Array<Record<string, unknown>>;
      columns: Array<Record<string, unknown>>;
    };
    expect(table.columns.some((column) => column.type === 'action')).toBe(true);
    const row = table.data[0];

    mockConfirm.mockResolvedValueOnce(false);
    table.dispatchEvent(new CustomEvent('rowaction', { detail: { action: { name: 'delete' }, row } }));
    await settle();
    expect(mockDelete).not.toHaveBeenCalled();

    mockConfirm.mockResolvedValueOnce(true);
    mockDelete.mockResolvedValueOnce([{ mappingId: row.mappingId, success: true, message: null }]);
    table.dispatchEvent(new CustomEvent('rowaction', { detail: { action: { name: 'delete' }, row } }));
    await settle();
    expect(mockDelete).toHaveBeenCalledWith({ mappingIds: [row.mappingId] });
    expect(problemsTable(element).data).toHaveLength(1);
    expect(query(element, '[data-id="problem-delete-outcome"]')?.textContent).toContain('Analyse again');
    await expect(element).toBeAccessible();

    mockConfirm.mockResolvedValue(true);
    mockDelete.mockResolvedValueOnce([{ mappingId: 'x', success: false, message: 'ENTITY_IS_DELETED' }]);
    const next = problemsTable(element).data[0];
    table.dispatchEvent(new CustomEvent('rowaction', { detail: { action: { name: 'delete' }, row: next } }));
    await settle();
    expect(query(element, '[data-id="problems-error"]')?.textContent).toContain('ENTITY_IS_DELETED');

    mockDelete.mockRejectedValueOnce({ body: { message: 'No delete access' } });
    table.dispatchEvent(new CustomEvent('rowaction', { detail: { action: { name: 'delete' }, row: next } }));
    await settle();
    expect(query(element, '[data-id="problems-error"]')?.textContent).toContain('No delete access');
    table.dispatchEvent(new CustomEvent('rowaction', { detail: { action: { name: 'other' }, row: next } }));
  });
});

describe('fixKindOf', () => {
  it('maps stale and mismatched filters to their bulk fix and duplicates to none', () => {
    expect(fixKindOf('STALE_NO_CALL_CENTER')).toBe('STALE');
    expect(fixKindOf('MISMATCHED_CALL_CENTER')).toBe('MISMATCHED');
    expect(fixKindOf('DUPLICATE')).toBeNull();
    expect(fixKindOf('ALL')).toBeNull();
  });
});
