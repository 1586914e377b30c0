import { createElement } from 'lwc';
import CallCenterSummaryTable, { sortRows, toSummaryRow } from 'c/callCenterSummaryTable';
import type { SummaryColumn, SummaryRow } from 'c/callCenterSummaryTable';
import type { CallCenterSummary } from '@ccus/apex-contracts';
import callCentersFixture from './data/callCenters.json';

const CALL_CENTERS = callCentersFixture as CallCenterSummary[];

interface DatatableStub extends HTMLElement {
  data: SummaryRow[];
  columns: SummaryColumn[];
  sortedBy: string;
  sortedDirection: string;
}

async function mount(props: { callCenters: CallCenterSummary[]; mappingAvailable: boolean }): Promise<HTMLElement> {
  const element = createElement('c-call-center-summary-table', { is: CallCenterSummaryTable });
  Object.assign(element, props);
  document.body.appendChild(element);
  await Promise.resolve();
  return element;
}

const datatableOf = (element: HTMLElement): DatatableStub =>
  element.shadowRoot!.querySelector('lightning-datatable') as DatatableStub;

describe('c-call-center-summary-table', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  });

  it('shows agent and mapping columns, rows sorted by name', async () => {
    const element = await mount({ callCenters: CALL_CENTERS, mappingAvailable: true });
    const table = datatableOf(element);

    expect(table.columns.map((column) => column.fieldName)).toEqual([
      'name',
      'agentCount',
      'activeAgentCount',
      'inactiveAgentCount',
      'mappedAgentCount',
      'unmappedAgentCount',
      'unmappedActiveAgentCount',
      'coverage',
    ]);
    expect(table.data.map((row) => row.name)).toEqual([
      'Amazon Connect - EMEA',
      'Empty Queue Center',
      'Partner Telephony - US',
    ]);
    expect(table.sortedBy).toBe('name');
    await expect(element).toBeAccessible();
  });

  it('leaves the mapping columns out when mappings cannot be read', async () => {
    const element = await mount({ callCenters: CALL_CENTERS, mappingAvailable: false });
    expect(datatableOf(element).columns.map((column) => column.fieldName)).toEqual([
      'name',
      'agentCount',
      'activeAgentCount',
      'inactiveAgentCount',
    ]);
    await expect(element).toBeAccessible();
  });

  it('re-sorts when the datatable asks for another column and direction', async () => {
    const element = await mount({ callCenters: CALL_CENTERS, mappingAvailable: true });
    const table = datatableOf(element);
    table.dispatchEvent(new CustomEvent('sort', { detail: { fieldName: 'agentCount', sortDirection: 'desc' } }));
    await Promise.resolve();

    expect(datatableOf(element).data.map((row) => row.agentCount)).toEqual([1200, 300, 0]);
    expect(datatableOf(element).sortedDirection).toBe('desc');
  });
});

describe('toSummaryRow', () => {
  it('computes coverage and flags active unmapped agents', () => {
    const row = toSummaryRow(CALL_CENTERS[0]);
    expect(row.coverage).toBeCloseTo(1000 / 1200);
    expect(row.unmappedClass).toBe('slds-text-color_error');
  });

  it('has no coverage for a call center without agents or without mapping counts', () => {
    expect(toSummaryRow(CALL_CENTERS[2]).coverage).toBeNull();
    expect(toSummaryRow({ ...CALL_CENTERS[0], mappedAgentCount: null }).coverage).toBeNull();
    expect(toSummaryRow(CALL_CENTERS[1]).unmappedClass).toBe('');
  });

  it('treats counts that Aura left out of the JSON (undefined) as unknown', () => {
    const { mappedAgentCount, unmappedActiveAgentCount, ...withoutCounts } = CALL_CENTERS[0];
    expect([mappedAgentCount, unmappedActiveAgentCount]).toEqual([1000, 180]);
    const row = toSummaryRow(withoutCounts);
    expect(row.coverage).toBeNull();
    expect(row.unmappedClass).toBe('');
  });
});

describe('sortRows', () => {
  const rows = CALL_CENTERS.map(toSummaryRow);

  it('sorts numbers ascending and descending', () => {
    expect(sortRows(rows, 'agentCount', 'asc').map((row) => row.agentCount)).toEqual([0, 300, 1200]);
    expect(sortRows(rows, 'agentCount', 'desc').map((row) => row.agentCount)).toEqual([1200, 300, 0]);
  });

  it('puts unknown values last in both directions', () => {
    const withNull = [...rows, toSummaryRow({ ...CALL_CENTERS[0], callCenterId: 'x', mappedAgentCount: null })];
    expect(sortRows(withNull, 'coverage', 'asc').at(-1)?.callCenterId).toBe('x');
    expect(sortRows(withNull, 'coverage', 'desc').at(-1)?.callCenterId).toBe('x');
  });

  it('compares text case-insensitively', () => {
    const named = [
      toSummaryRow({ ...CALL_CENTERS[0], name: 'beta' }),
      toSummaryRow({ ...CALL_CENTERS[0], name: 'Alpha' }),
    ];
    expect(sortRows(named, 'name', 'asc').map((row) => row.name)).toEqual(['Alpha', 'beta']);
  });
});
