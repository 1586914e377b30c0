import { createElement } from 'lwc';
import MappingProblemCounts from 'c/mappingProblemCounts';
import type { CallCenterAnalysis } from 'c/mappingProblemCounts';
import type { AnalysisSummary } from '@ccus/apex-contracts';
import analysisFixture from './data/analysis.json';

const ANALYSIS = analysisFixture as AnalysisSummary;
const CALL_CENTERS: CallCenterAnalysis[] = [
  { callCenterId: '04v5g000000AbCdAAK', name: 'Support EMEA', analysis: ANALYSIS },
  { callCenterId: '04v5g000000XyZwAAK', name: 'Sales US', analysis: null },
  {
    callCenterId: '04v5g000000QqQqAAK',
    name: 'Billing',
    analysis: { ...ANALYSIS, status: 'RUNNING', percentComplete: 40 },
  },
  { callCenterId: '04v5g000000WwWwAAK', name: 'Retention', analysis: { ...ANALYSIS, status: 'FAILED' } },
];

const flushPromises = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

async function mount(callCenters: CallCenterAnalysis[]): Promise<HTMLElement> {
  const element = createElement('c-mapping-problem-counts', { is: MappingProblemCounts });
  Object.assign(element, { callCenters });
  document.body.appendChild(element);
  await flushPromises();
  return element;
}

const query = (element: HTMLElement, selector: string): HTMLElement | null =>
  element.shadowRoot!.querySelector<HTMLElement>(selector);

describe('c-mapping-problem-counts', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  });

  it('shows stale, mismatched and duplicate counts per call center and each analysis state', async () => {
    const element = await mount(CALL_CENTERS);

    const first = '[data-call-center-id="04v5g000000AbCdAAK"]';
    expect(query(element, `tr${first} [data-count="stale"]`)?.textContent?.trim()).toBe('1');
    expect(query(element, `tr${first} [data-count="mismatched"]`)?.textContent?.trim()).toBe('1');
    expect(query(element, `tr${first} [data-count="duplicates"]`)?.textContent?.trim()).toBe('2');
    expect(query(element, `tr${first} [data-count="stale"] button`)?.getAttribute('aria-label')).toBe(
      '1 stale mappings in Support EMEA: show them',
    );
    expect(query(element, 'tr[data-call-center-id="04v5g000000XyZwAAK"]')?.textContent).toContain('Never analysed');
    expect(query(element, 'tr[data-call-center-id="04v5g000000QqQqAAK"]')?.textContent).toContain('Analysing (40%)');
    expect(query(element, 'tr[data-call-center-id="04v5g000000WwWwAAK"]')?.textContent).toContain(
      'Last analysis failed',
    );
    await expect(element).toBeAccessible();
  });

  it('asks to show the problems of the chosen kind, or to analyse a call center never analysed', async () => {
    const element = await mount(CALL_CENTERS);
    const handler = jest.fn();
    element.addEventListener('showproblems', handler);

    (query(element, '[data-count="mismatched"] button') as HTMLElement).click();
    (query(element, '[data-id="problem-analyse-link"]') as HTMLElement).click();

    expect(handler.mock.calls.map(([event]) => (event as CustomEvent).detail)).toEqual([
      { callCenterId: '04v5g000000AbCdAAK', kind: 'MISMATCHED' },
      { callCenterId: '04v5g000000XyZwAAK', kind: null },
    ]);
  });

  it('renders nothing without call centers', async () => {
    const element = await mount([]);
    expect(query(element, '[data-id="mapping-problem-counts"]')).toBeNull();
  });
});
