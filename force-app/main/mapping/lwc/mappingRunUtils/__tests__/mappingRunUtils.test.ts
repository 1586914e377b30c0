import { chunk, confirmAction, downloadText, formatDateTime, waitForRun } from 'c/mappingRunUtils';
import getRun from '@salesforce/apex/MappingRunController.getRun';
import LightningConfirm from 'lightning/confirm';
import type { RunSummary } from '@ccus/apex-contracts';

jest.mock('@salesforce/apex/MappingRunController.getRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('lightning/confirm', () => ({ __esModule: true, default: { open: jest.fn() } }));

const mockGetRun = getRun as unknown as jest.Mock;
const mockOpen = (LightningConfirm as unknown as { open: jest.Mock }).open;
const run = (status: RunSummary['status']): RunSummary => ({ runId: 'r1', status }) as RunSummary;

describe('mappingRunUtils', () => {
  afterEach(() => jest.clearAllMocks());

  it('splits items into chunks of the server limit', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([1, 2], 0)).toEqual([[1], [2]]);
    expect(chunk([], 10)).toEqual([]);
  });

  it('polls a busy run until it settles, reporting every summary', async () => {
    mockGetRun.mockResolvedValueOnce(run('RUNNING')).mockResolvedValueOnce(run('COMPLETED'));
    const updates: string[] = [];
    const result = await waitForRun(run('QUEUED'), { intervalMs: 0, onUpdate: (r) => updates.push(r.status) });
    expect(result.status).toBe('COMPLETED');
    expect(updates).toEqual(['QUEUED', 'RUNNING', 'COMPLETED']);
    expect(mockGetRun).toHaveBeenCalledWith({ runId: 'r1' });
  });

  it('stops polling when asked and returns a settled run at once', async () => {
    expect((await waitForRun(run('RUNNING'), { isStopped: () => true })).status).toBe('RUNNING');
    expect((await waitForRun(run('PREVIEW_READY'))).status).toBe('PREVIEW_READY');
    expect(mockGetRun).not.toHaveBeenCalled();
  });

  it('confirms only on OK', async () => {
    mockOpen.mockResolvedValueOnce(true).mockResolvedValueOnce(undefined);
    expect(await confirmAction({ label: 'Delete?', message: 'Sure?' })).toBe(true);
    expect(await confirmAction({ label: 'Delete?', message: 'Sure?', theme: 'error' })).toBe(false);
    expect(mockOpen.mock.calls[0][0]).toEqual({
      variant: 'header',
      theme: 'warning',
      label: 'Delete?',
      message: 'Sure?',
    });
    expect(mockOpen.mock.calls[1][0].theme).toBe('error');
  });

  it('downloads through a Blob URL when the browser has one', () => {
    const createObjectURL = jest.fn(() => 'blob:1');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    jest.useFakeTimers();
    downloadText('a.csv', 'x,y\r\n');
    jest.runAllTimers();
    jest.useRealTimers();
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:1');
    expect(click).toHaveBeenCalledTimes(1);
    click.mockRestore();
    delete (URL as unknown as Record<string, unknown>).createObjectURL;
    delete (URL as unknown as Record<string, unknown>).revokeObjectURL;
  });

  it('formats timestamps and ignores missing or invalid ones', () => {
    expect(formatDateTime('2026-11-21T09:00:00.000Z')).toBe(new Date('2026-11-21T09:00:00.000Z').toLocaleString());
    expect(formatDateTime(null)).toBe('');
    expect(formatDateTime('nope')).toBe('');
  });
});
