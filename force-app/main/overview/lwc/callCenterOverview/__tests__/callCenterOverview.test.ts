import { createElement } from 'lwc';
import CallCenterOverview, { computeTotals } from 'c/callCenterOverview';
import getOverview from '@salesforce/apex/CallCenterOverviewController.getOverview';
import getLatestAnalyses from '@salesforce/apex/MappingAnalysisController.getLatestAnalyses';
import getProviderHealth from '@salesforce/apex/SetupHealthController.getProviderHealth';
import type { AnalysisSummary, OverviewResult } from '@ccus/apex-contracts';
import latestAnalysisFixture from './data/latestAnalysis.json';
import overviewFixture from './data/overview.json';
import noVoiceFixture from './data/overviewNoVoice.json';

jest.mock('@salesforce/apex/CallCenterOverviewController.getOverview', () => ({ default: jest.fn() }), {
  virtual: true,
});

jest.mock('@salesforce/apex/MappingAnalysisController.getLatestAnalyses', () => ({ default: jest.fn() }), {
  virtual: true,
});

jest.mock('@salesforce/apex/SetupHealthController.getProviderHealth', () => ({ default: jest.fn() }), {
  virtual: true,
});

const mockGetLatestAnalyses = getLatestAnalyses as unknown as jest.Mock;
const mockGetProviderHealth = getProviderHealth as unknown as jest.Mock;
const LATEST_ANALYSIS = latestAnalysisFixture as AnalysisSummary;
const mockGetOverview = getOverview as unknown as jest.Mock<Promise<OverviewResult>, []>;
const OVERVIEW = overviewFixture as OverviewResult;
const NO_VOICE = noVoiceFixture as OverviewResult;

const flushPromises = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

async function mount(): Promise<HTMLElement> {
  const element = createElement('c-call-center-overview', { is: CallCenterOverview });
  document.body.appendChild(element);
  await flushPromises();
  return element;
}

const query = (element: HTMLElement, selector: string): HTMLElement | null =>
  element.shadowRoot!.querySelector<HTMLElement>(selector);
/** The notice inside c-mapping-availability-notice (its own shadow root). */
const noticeOf = (element: HTMLElement): HTMLElement | null =>
  element
    .shadowRoot!.querySelector('c-mapping-availability-notice')
    ?.shadowRoot?.querySelector<HTMLElement>('[data-id="mapping-notice"]') ?? null;

const tileValue = (element: HTMLElement, key: string): string | undefined =>
  query(element, `[data-tile="${key}"] dd`)?.textContent ?? undefined;

describe('c-call-center-overview', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  it('shows org totals and passes every call center to the summary table', async () => {
    mockGetOverview.mockResolvedValue(OVERVIEW);
    const element = await mount();

    expect(mockGetOverview).toHaveBeenCalledTimes(1);
    expect(tileValue(element, 'callCenters')).toBe('2');
    expect(tileValue(element, 'agents')).toBe((1500).toLocaleString());
    expect(tileValue(element, 'mappedAgents')).toBe((1300).toLocaleString());
    expect(tileValue(element, 'unmappedActiveAgents')).toBe('180');
    expect(query(element, '[data-tile="unmappedActiveAgents"] dd')!.className).toContain('slds-text-color_error');
    const table = query(element, 'c-call-center-summary-table') as unknown as {
      callCenters: unknown[];
      mappingAvailable: boolean;
    };
    expect(table.callCenters).toHaveLength(2);
    expect(table.mappingAvailable).toBe(true);
    expect(query(element, '[data-id="empty-state"]')).toBeNull();
    expect(noticeOf(element)).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('explains what to do next in an org with no call centers', async () => {
    mockGetOverview.mockResolvedValue({ ...OVERVIEW, callCenters: [] });
    const element = await mount();

    const empty = query(element, '[data-id="empty-state"]');
    expect(empty?.textContent).toContain('No call centers yet');
    expect(empty?.textContent).toContain('create a call center');
    expect(query(element, 'c-call-center-summary-table')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows agent counts and a clear notice, not an error, when Service Cloud Voice is missing', async () => {
    mockGetOverview.mockResolvedValue(NO_VOICE);
    const element = await mount();

    const notice = noticeOf(element);
    expect(notice?.getAttribute('role')).toBe('status');
    expect(notice?.textContent).toContain('Service Cloud Voice is not enabled in this org');
    expect(notice?.textContent).toContain('mapping needs Service Cloud Voice');
    expect(query(element, '[data-id="error"]')).toBeNull();
    expect(tileValue(element, 'agents')).toBe('42');
    expect(tileValue(element, 'mappedAgents')).toBeUndefined();
    const table = query(element, 'c-call-center-summary-table') as unknown as { mappingAvailable: boolean };
    expect(table.mappingAvailable).toBe(false);
    await expect(element).toBeAccessible();
  });

  it('names the missing permission when the user cannot read mappings', async () => {
    mockGetOverview.mockResolvedValue({
      ...NO_VOICE,
      mappingAvailability: 'NO_ACCESS',
      mappingAvailabilityMessage: 'Ask for the Contact Center Admin (Partner Telephony) permission set.',
    });
    const element = await mount();

    const notice = noticeOf(element);
    expect(notice?.textContent).toContain('You cannot see telephony mappings');
    expect(notice?.textContent).toContain('Contact Center Admin (Partner Telephony)');
  });

  it('shows the Apex error message in an alert and recovers on Refresh', async () => {
    mockGetOverview.mockRejectedValueOnce({ body: { message: 'Insufficient access to CallCenter' } });
    const element = await mount();

    const alert = query(element, '[data-id="error"]');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent).toContain('Insufficient access to CallCenter');
    await expect(element).toBeAccessible();

    mockGetOverview.mockResolvedValueOnce(OVERVIEW);
    (query(element, '[data-id="refresh"]') as HTMLElement).click();
    await flushPromises();

    expect(mockGetOverview).toHaveBeenCalledTimes(2);
    expect(query(element, '[data-id="error"]')).toBeNull();
    expect(tileValue(element, 'callCenters')).toBe('2');
  });

  it('shows a spinner while loading and disables Refresh', async () => {
    let resolveLoad: (value: OverviewResult) => void = () => undefined;
    mockGetOverview.mockReturnValue(new Promise<OverviewResult>((resolve) => (resolveLoad = resolve)));
    const element = createElement('c-call-center-overview', { is: CallCenterOverview });
    document.body.appendChild(element);
    await Promise.resolve();

    expect(query(element, 'lightning-spinner')).not.toBeNull();
    expect((query(element, '[data-id="refresh"]') as unknown as { disabled: boolean }).disabled).toBe(true);

    resolveLoad(OVERVIEW);
    await flushPromises();
    expect(query(element, 'lightning-spinner')).toBeNull();
  });
});

describe('c-call-center-overview mapping problems', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  it("shows each call center's mapping problem counts from its latest analysis, in one batched call", async () => {
    mockGetOverview.mockResolvedValue(OVERVIEW);
    mockGetLatestAnalyses.mockResolvedValueOnce([LATEST_ANALYSIS]);
    const element = await mount();
    await flushPromises();

    expect(mockGetLatestAnalyses).toHaveBeenCalledTimes(1);
    expect(mockGetLatestAnalyses).toHaveBeenCalledWith({
      callCenterIds: ['04v000000000001AAA', '04v000000000002AAA'],
    });
    const counts = query(element, 'c-mapping-problem-counts') as unknown as {
      callCenters: Array<{ callCenterId: string; analysis: AnalysisSummary | null }>;
    };
    expect(counts.callCenters.map((row) => row.analysis?.staleCount ?? null)).toEqual([7, null]);
    await expect(element).toBeAccessible();
  });

  it('shows the call centers as not analysed when the batch cannot be read', async () => {
    mockGetOverview.mockResolvedValue(OVERVIEW);
    mockGetLatestAnalyses.mockRejectedValueOnce({ body: { message: 'x' } });
    const element = await mount();
    await flushPromises();
    const counts = query(element, 'c-mapping-problem-counts') as unknown as {
      callCenters: Array<{ callCenterId: string; analysis: AnalysisSummary | null }>;
    };
    expect(counts.callCenters.map((row) => row.analysis)).toEqual([null, null]);
    await expect(element).toBeAccessible();
  });

  it('asks the setup app to open the Mappings problems of the chosen kind', async () => {
    mockGetOverview.mockResolvedValue(OVERVIEW);
    mockGetLatestAnalyses.mockResolvedValue([LATEST_ANALYSIS]);
    const element = await mount();
    await flushPromises();
    const handler = jest.fn();
    element.addEventListener('showmappingproblems', handler);

    query(element, 'c-mapping-problem-counts')!.dispatchEvent(
      new CustomEvent('showproblems', { detail: { callCenterId: '04v000000000001AAA', kind: 'STALE' } }),
    );

    expect(handler).toHaveBeenCalledTimes(1);
    expect((handler.mock.calls[0][0] as CustomEvent).detail).toEqual({
      callCenterId: '04v000000000001AAA',
      kind: 'STALE',
    });
  });

  it('does not ask for analyses when mappings cannot be read', async () => {
    mockGetOverview.mockResolvedValue(NO_VOICE);
    const element = await mount();

    expect(mockGetLatestAnalyses).not.toHaveBeenCalled();
    expect(query(element, 'c-mapping-problem-counts')).toBeNull();
  });
});

describe('c-call-center-overview provider health', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  it('shows provider health below the call centers, even when the counts fail', async () => {
    mockGetOverview.mockRejectedValue({ body: { message: 'Insufficient access to CallCenter' } });
    mockGetProviderHealth.mockResolvedValue([]);
    const element = await mount();

    const panel = query(element, '[data-id="provider-health"] c-provider-health-panel');
    expect(panel).not.toBeNull();
    expect(mockGetProviderHealth).toHaveBeenCalledTimes(1);
    const card = query(element, 'lightning-card');
    expect(card!.compareDocumentPosition(panel!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    await expect(element).toBeAccessible();
  });

  it("passes on the panel's request to open the Providers section", async () => {
    mockGetOverview.mockResolvedValue(OVERVIEW);
    mockGetProviderHealth.mockResolvedValue([]);
    const element = await mount();
    const handler = jest.fn();
    element.addEventListener('navigate', handler);

    query(element, 'c-provider-health-panel')!.dispatchEvent(
      new CustomEvent('navigate', { detail: { section: 'providers' } }),
    );

    expect(handler).toHaveBeenCalledTimes(1);
    expect((handler.mock.calls[0][0] as CustomEvent).detail).toEqual({ section: 'providers' });
  });
});

describe('computeTotals', () => {
  it('adds up agents and mappings across call centers', () => {
    expect(computeTotals(OVERVIEW.callCenters)).toEqual({
      callCenters: 2,
      agents: 1500,
      activeAgents: 1450,
      mappedAgents: 1300,
      unmappedActiveAgents: 180,
    });
  });

  it('reports mapping totals as unknown when any call center lacks them', () => {
    const totals = computeTotals([...OVERVIEW.callCenters, ...NO_VOICE.callCenters]);
    expect(totals.agents).toBe(1542);
    expect(totals.mappedAgents).toBeNull();
    expect(totals.unmappedActiveAgents).toBeNull();
  });

  it('reports mapping totals as unknown when Aura left the null counts out of the JSON', () => {
    const { mappedAgentCount, unmappedAgentCount, unmappedActiveAgentCount, userMappingCount, ...agentsOnly } =
      OVERVIEW.callCenters[0];
    expect([mappedAgentCount, unmappedAgentCount, unmappedActiveAgentCount, userMappingCount]).toEqual([
      1000, 200, 180, 1010,
    ]);
    const totals = computeTotals([OVERVIEW.callCenters[1], agentsOnly]);
    expect(totals.agents).toBe(1500);
    expect(totals.mappedAgents).toBeNull();
    expect(totals.unmappedActiveAgents).toBeNull();
  });

  it('is all zeros for no call centers', () => {
    expect(computeTotals([])).toEqual({
      callCenters: 0,
      agents: 0,
      activeAgents: 0,
      mappedAgents: 0,
      unmappedActiveAgents: 0,
    });
  });
});
