import { createElement } from 'lwc';
import OrgLimitsPanel, { toLimitRow, usageText } from 'c/orgLimitsPanel';
import getOrgLimits from '@salesforce/apex/SetupHealthController.getOrgLimits';
import type { LimitsReport } from '@ccus/apex-contracts';
import limitsFixture from './data/limits.json';

jest.mock('@salesforce/apex/SetupHealthController.getOrgLimits', () => ({ default: jest.fn() }), { virtual: true });

const REPORT = limitsFixture as LimitsReport;
const mockGetOrgLimits = getOrgLimits as unknown as jest.Mock;

const flushPromises = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
const query = <T extends HTMLElement = HTMLElement>(element: HTMLElement, selector: string): T | null =>
  element.shadowRoot!.querySelector<T>(selector);
/** The alert inside a c-error-panel child (it lives in the child's shadow root). */
const panelAlert = (element: HTMLElement, selector: string): HTMLElement | null =>
  query(element, selector)?.shadowRoot?.querySelector<HTMLElement>('[role="alert"]') ?? null;

async function mountAndCheck(): Promise<HTMLElement> {
  const element = createElement('c-org-limits-panel', { is: OrgLimitsPanel });
  document.body.appendChild(element);
  await flushPromises();
  query(element, '[data-id="check-limits"]')!.click();
  await flushPromises();
  return element;
}

describe('c-org-limits-panel', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  it('checks nothing until asked, and says what the check is for', async () => {
    const element = createElement('c-org-limits-panel', { is: OrgLimitsPanel });
    document.body.appendChild(element);
    await flushPromises();

    expect(mockGetOrgLimits).not.toHaveBeenCalled();
    expect(query(element, '[data-id="limits-intro"]')?.textContent).toContain('daily asynchronous Apex');
    expect((query(element, '[data-id="check-limits"]') as unknown as { label: string }).label).toBe('Check limits');
    await expect(element).toBeAccessible();
  });

  it('shows one accessible bar per limit with its level, usage and what happens when it runs out', async () => {
    mockGetOrgLimits.mockResolvedValue(REPORT);
    const element = await mountAndCheck();

    const rows = [...element.shadowRoot!.querySelectorAll<HTMLElement>('[data-limit]')];
    expect(rows.map((row) => row.dataset.limit)).toEqual([
      'DailyAsyncApexExecutions',
      'DailyDeliveredPlatformEvents',
      'HourlyPublishedPlatformEvents',
    ]);
    const warning = rows[1];
    const bar = warning.querySelector('[data-id="limit-bar"]')!;
    expect(bar.getAttribute('role')).toBe('progressbar');
    expect(bar.getAttribute('aria-label')).toBe('Platform events delivered (24 h)');
    expect(bar.getAttribute('aria-valuenow')).toBe('80');
    expect(bar.getAttribute('aria-valuetext')).toBe(
      `${(40000).toLocaleString()} of ${(50000).toLocaleString()} used (80 %)`,
    );
    expect(warning.querySelector('[data-id="limit-level"]')?.textContent).toContain('Warning: 75 % or more used');
    expect(warning.querySelector('[data-id="limit-usage"]')?.textContent).toContain(
      `${(10000).toLocaleString()} remaining`,
    );
    expect(warning.querySelector('[data-id="limit-when-exhausted"]')?.textContent).toContain(
      'the nightly resync picks them up',
    );
    expect(rows[2].querySelector('[data-id="limit-level"]')?.textContent).toContain('Critical');
    expect(rows[0].querySelector('[data-id="limit-level"]')?.textContent).toContain('OK');

    expect(query(element, '[data-id="limits-unavailable"]')?.textContent).toContain(
      'DailyStandardVolumePlatformEvents',
    );
    const notes = [...element.shadowRoot!.querySelectorAll('[data-id="transaction-limits"] tbody tr')];
    expect(notes).toHaveLength(2);
    expect(notes[1].textContent).toContain('Each request times out after 10 s.');
    expect(query(element, '[data-id="limits-checked-at"]')?.textContent).toContain('Checked');
    expect(query(element, '[data-id="limits-status"]')?.textContent).toBe('Limits checked: 2 of 3 need attention.');
    expect((query(element, '[data-id="check-limits"]') as unknown as { label: string }).label).toBe('Check again');
    await expect(element).toBeAccessible();
  });

  it('leaves out the unavailable list and the notes table when there are none', async () => {
    mockGetOrgLimits.mockResolvedValue({
      ...REPORT,
      limits: [REPORT.limits[0]],
      unavailable: [],
      transactionLimits: [],
    });
    const element = await mountAndCheck();

    expect(query(element, '[data-id="limits-unavailable"]')).toBeNull();
    expect(query(element, '[data-id="transaction-limits"]')).toBeNull();
    expect(query(element, '[data-id="limits-status"]')?.textContent).toBe('Limits checked: all 1 are OK.');
  });

  it('shows why the limits could not be checked, and checks again', async () => {
    mockGetOrgLimits
      .mockRejectedValueOnce({ body: { message: 'OrgLimits is not available' } })
      .mockResolvedValueOnce(REPORT);
    const element = await mountAndCheck();

    const alert = panelAlert(element, '[data-id="limits-error"]');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent).toContain('OrgLimits is not available');
    await expect(element).toBeAccessible();

    query(element, '[data-id="check-limits"]')!.click();
    await flushPromises();
    expect(query(element, '[data-id="limits-error"]')).toBeNull();
    expect(element.shadowRoot!.querySelectorAll('[data-limit]')).toHaveLength(3);
  });
});

describe('orgLimitsPanel helpers', () => {
  it('formats usage and keeps bars within 0..100 %', () => {
    expect(usageText({ used: 5, max: 10, percentUsed: 50 })).toBe('5 of 10 used (50 %)');
    const over = toLimitRow({ ...REPORT.limits[0], used: 300000, remaining: -50000, percentUsed: 120 });
    expect(over.percent).toBe(100);
    expect(over.barStyle).toBe('width: 100%');
    expect(over.remaining).toBe('0 remaining');
    expect(toLimitRow({ ...REPORT.limits[0], label: '' }).label).toBe('DailyAsyncApexExecutions');
  });
});
