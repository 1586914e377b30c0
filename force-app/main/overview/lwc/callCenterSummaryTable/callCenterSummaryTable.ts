import { LightningElement, api } from 'lwc';
import type { CallCenterSummary } from '@ccus/apex-contracts';

/** A lightning-datatable column definition (the subset this table uses). */
export interface SummaryColumn {
  label: string;
  fieldName: string;
  type: 'text' | 'number' | 'percent';
  sortable: boolean;
  initialWidth?: number;
  cellAttributes?: { alignment?: 'left' | 'right'; class?: { fieldName: string } };
  typeAttributes?: Record<string, unknown>;
}

/** One table row: the summary plus derived display values. */
export interface SummaryRow extends CallCenterSummary {
  /** Share of agents with a mapping, 0..1; null when unknown or when the call center has no agents. */
  coverage: number | null;
  /** SLDS class that flags active agents whose calls are not routed. */
  unmappedClass: string;
}

type SortDirection = 'asc' | 'desc';

const AGENT_COLUMNS: SummaryColumn[] = [
  { label: 'Call center', fieldName: 'name', type: 'text', sortable: true, initialWidth: 260 },
  { label: 'Agents', fieldName: 'agentCount', type: 'number', sortable: true, cellAttributes: { alignment: 'right' } },
  {
    label: 'Active',
    fieldName: 'activeAgentCount',
    type: 'number',
    sortable: true,
    cellAttributes: { alignment: 'right' },
  },
  {
    label: 'Inactive',
    fieldName: 'inactiveAgentCount',
    type: 'number',
    sortable: true,
    cellAttributes: { alignment: 'right' },
  },
];

const MAPPING_COLUMNS: SummaryColumn[] = [
  {
    label: 'Mapped',
    fieldName: 'mappedAgentCount',
    type: 'number',
    sortable: true,
    cellAttributes: { alignment: 'right' },
  },
  {
    label: 'Not mapped',
    fieldName: 'unmappedAgentCount',
    type: 'number',
    sortable: true,
    cellAttributes: { alignment: 'right' },
  },
  {
    label: 'Active, not mapped',
    fieldName: 'unmappedActiveAgentCount',
    type: 'number',
    sortable: true,
    cellAttributes: { alignment: 'right', class: { fieldName: 'unmappedClass' } },
  },
  {
    label: 'Coverage',
    fieldName: 'coverage',
    type: 'percent',
    sortable: true,
    typeAttributes: { maximumFractionDigits: 1 },
    cellAttributes: { alignment: 'right' },
  },
];

/** Adds the derived display values to one call center summary. */
export function toSummaryRow(summary: CallCenterSummary): SummaryRow {
  // Aura leaves null properties out of the JSON: an unknown count arrives as undefined.
  const mapped = summary.mappedAgentCount ?? null;
  const coverage = mapped === null || summary.agentCount === 0 ? null : mapped / summary.agentCount;
  const unmappedClass = (summary.unmappedActiveAgentCount ?? 0) > 0 ? 'slds-text-color_error' : '';
  return { ...summary, coverage, unmappedClass };
}

/** Sorts rows by one field; nulls last whatever the direction, names compared case-insensitively. */
export function sortRows(rows: SummaryRow[], fieldName: string, direction: SortDirection): SummaryRow[] {
  const factor = direction === 'asc' ? 1 : -1;
  const valueOf = (row: SummaryRow): unknown => (row as unknown as Record<string, unknown>)[fieldName];
  return [...rows].sort((left, right) => {
    const a = valueOf(left);
    const b = valueOf(right);
    if (a === null || a === undefined) return b === null || b === undefined ? 0 : 1;
    if (b === null || b === undefined) return -1;
    if (typeof a === 'number' && typeof b === 'number') return (a - b) * factor;
    return String(a).localeCompare(String(b), undefined, { sensitivity: 'base' }) * factor;
  });
}

/**
 * Presents each call center's agents and mapping coverage. Presentational: it takes the
 * summaries as `@api` data, sorts locally and loads nothing.
 */
export default class CallCenterSummaryTable extends LightningElement {
  /** The call centers to show. */
  @api callCenters: CallCenterSummary[] = [];
  /** False when mappings cannot be read: the mapping columns are left out rather than shown empty. */
  @api mappingAvailable = false;

  sortedBy = 'name';
  sortDirection: SortDirection = 'asc';

  get columns(): SummaryColumn[] {
    return this.mappingAvailable ? [...AGENT_COLUMNS, ...MAPPING_COLUMNS] : AGENT_COLUMNS;
  }

  get rows(): SummaryRow[] {
    return sortRows((this.callCenters ?? []).map(toSummaryRow), this.sortedBy, this.sortDirection);
  }

  handleSort(event: CustomEvent<{ fieldName: string; sortDirection: SortDirection }>): void {
    this.sortedBy = event.detail.fieldName;
    this.sortDirection = event.detail.sortDirection;
  }
}
