import {
  STATUS_ORDER,
  allowedActions,
  formatCount,
  formatDateTime,
  formatShortDateTime,
  httpLabel,
  stateLabel,
  statusMeta,
} from 'c/provisioningFormat';

describe('provisioningFormat', () => {
  it('has display data for every status of the picklist', () => {
    expect(STATUS_ORDER).toHaveLength(6);
    for (const status of STATUS_ORDER) expect(statusMeta(status).label.length).toBeGreaterThan(0);
    expect(statusMeta('Dead_Letter').label).toBe('Dead letter');
    expect(statusMeta(undefined).label).toBe('Unknown');
    expect(statusMeta('toString').label).toBe('toString');
  });

  it('names the state of a pending request by whether it was attempted', () => {
    expect(stateLabel({ status: 'Pending', attempts: 0 })).toBe('Queued');
    expect(stateLabel({ status: 'Pending', attempts: 4 })).toBe('Retrying');
    expect(stateLabel({ status: 'Sending', attempts: 1 })).toBe('Sending');
  });

  it('formats datetimes and counts, tolerating missing and unreadable values', () => {
    expect(formatDateTime(null)).toBe('');
    expect(formatDateTime('not a date')).toBe('');
    expect(formatDateTime('2026-11-21T05:00:00.000Z')).toBe(new Date('2026-11-21T05:00:00.000Z').toLocaleString());
    expect(formatCount(2000, true)).toBe(`${(2000).toLocaleString()}+`);
    expect(formatCount(12)).toBe('12');
    expect(formatShortDateTime(undefined)).toBe('');
    expect(formatShortDateTime('soon')).toBe('');
    expect(formatShortDateTime('2026-11-21T05:00:00.000Z')).toBe(
      new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' }).format(
        new Date('2026-11-21T05:00:00.000Z'),
      ),
    );
  });

  it('reads the HTTP answer, including timeouts', () => {
    expect(httpLabel({ lastHttpStatus: 429, attempts: 2, errorCategory: 'Rate_Limited' })).toBe('429');
    expect(httpLabel({ lastHttpStatus: null, attempts: 2, errorCategory: 'Timeout' })).toBe('Timeout');
    expect(httpLabel({ lastHttpStatus: null, attempts: 0, errorCategory: null })).toBe('');
  });

  it('allows retry for dead letters, resolved and waiting requests, resolve for dead letters only', () => {
    const base = { userId: '005', providerId: 'a0B' };
    expect(allowedActions({ ...base, status: 'Dead_Letter' })).toEqual({
      canRetry: true,
      canReplay: true,
      canResolve: true,
    });
    expect(allowedActions({ ...base, status: 'Delivered' })).toEqual({
      canRetry: false,
      canReplay: true,
      canResolve: false,
    });
    expect(allowedActions({ userId: null, providerId: 'a0B', status: 'Resolved' })).toEqual({
      canRetry: true,
      canReplay: false,
      canResolve: false,
    });
  });
});
