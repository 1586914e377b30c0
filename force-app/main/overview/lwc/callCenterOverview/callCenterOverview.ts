import { LightningElement } from 'lwc';
import getOverview from '@salesforce/apex/CallCenterOverviewController.getOverview';
import getLatestAnalyses from '@salesforce/apex/MappingAnalysisController.getLatestAnalyses';
import type { CallCenterSummary, MappingAvailability, OverviewResult } from '@ccus/apex-contracts';
import type { CallCenterAnalysis, ShowProblemsDetail } from 'c/mappingProblemCounts';
import { reduceErrors } from 'c/apexErrors';

/** Org-wide totals shown above the table. */
export interface OverviewTotals {
  callCenters: number;
  agents: number;
  activeAgents: number;
  /** Null when mappings cannot be read. */
  mappedAgents: number | null;
  unmappedActiveAgents: number | null;
}

/** Sums the call centers' counts; mapping totals are null as soon as one of them is unknown. */
export function computeTotals(callCenters: CallCenterSummary[]): OverviewTotals {
  const sumOrNull = (pick: (summary: CallCenterSummary) => number | null | undefined): number | null =>
    callCenters.reduce<number | null>((sum, summary) => {
      const value = pick(summary) ?? null;
      return sum === null || value === null ? null : sum + value;
    }, 0);
  return {
    callCenters: callCenters.length,
    agents: callCenters.reduce((sum, summary) => sum + summary.agentCount, 0),
    activeAgents: callCenters.reduce((sum, summary) => sum + summary.activeAgentCount, 0),
    mappedAgents: sumOrNull((summary) => summary.mappedAgentCount),
    unmappedActiveAgents: sumOrNull((summary) => summary.unmappedActiveAgentCount),
  };
}

const NUMBER_FORMAT = new Intl.NumberFormat();
/** Call centers per getLatestAnalyses call (the Apex limit). */
const ANALYSIS_BATCH_SIZE = 200;

/**
 * The Overview: for each call center, its agents and how many of them have a CallCenterRoutingMap, and below them
 * each telephony provider's health (c-provider-health-panel, whose `navigate` event it passes on).
 * Container: loads the counts from Apex and handles the loading, error, empty and no-Voice states.
 */
export default class CallCenterOverview extends LightningElement {
  overview: OverviewResult | null = null;
  errorMessages: string[] = [];
  isLoading = false;
  /** Each call center's latest mapping analysis (loaded after the counts, when mappings can be read). */
  analyses: CallCenterAnalysis[] = [];

  connectedCallback(): void {
    this.load();
  }

  /** Loads (or reloads) the counts; a failure keeps the last counts on screen and shows why. */
  async load(): Promise<void> {
    this.isLoading = true;
    try {
      this.overview = await getOverview();
      this.errorMessages = [];
      this.loadAnalyses();
    } catch (error) {
      this.errorMessages = reduceErrors(error);
    } finally {
      this.isLoading = false;
    }
  }

  /**
   * The mapping problems of each call center: one getLatestAnalyses call per 200 call centers (not one call per call
   * center); call centers of a batch that cannot be read show as not analysed.
   */
  async loadAnalyses(): Promise<void> {
    if (!this.mappingAvailable) {
      this.analyses = [];
      return;
    }
    const centers = this.callCenters;
    const batches: Array<typeof centers> = [];
    for (let index = 0; index < centers.length; index += ANALYSIS_BATCH_SIZE) {
      batches.push(centers.slice(index, index + ANALYSIS_BATCH_SIZE));
    }
    const byCenter = new Map<string, CallCenterAnalysis['analysis']>();
    await Promise.all(
      batches.map(async (batch) => {
        try {
          const found = await getLatestAnalyses({ callCenterIds: batch.map((center) => center.callCenterId) });
          for (const analysis of found ?? []) byCenter.set(analysis.callCenterId, analysis);
        } catch {
          // this batch shows as not analysed
        }
      }),
    );
    this.analyses = centers.map(({ callCenterId, name }) => ({
      callCenterId,
      name,
      analysis: byCenter.get(callCenterId) ?? null,
    }));
  }

  /** A problem count was chosen: the setup app opens the Mappings section's problems. */
  handleShowProblems(event: CustomEvent<ShowProblemsDetail>): void {
    this.dispatchEvent(new CustomEvent<ShowProblemsDetail>('showmappingproblems', { detail: event.detail }));
  }

  /** The provider health panel asked for another section (e.g. Providers from its empty state): pass it on. */
  handleNavigate(event: CustomEvent<{ section: string }>): void {
    this.dispatchEvent(new CustomEvent('navigate', { detail: event.detail }));
  }

  get showProblemCounts(): boolean {
    return this.mappingAvailable && this.analyses.length > 0;
  }

  handleRefresh(): void {
    this.load();
  }

  get callCenters(): CallCenterSummary[] {
    return this.overview?.callCenters ?? [];
  }

  get hasError(): boolean {
    return this.errorMessages.length > 0;
  }

  get hasCallCenters(): boolean {
    return this.callCenters.length > 0;
  }

  /** Loaded successfully, and the org has no call center at all. */
  get isEmpty(): boolean {
    return this.overview !== null && !this.hasCallCenters;
  }

  get mappingAvailable(): boolean {
    return this.overview?.mappingAvailability === 'AVAILABLE';
  }

  /** For the mapping availability notice: null until the overview is loaded. */
  get mappingAvailability(): MappingAvailability | null {
    return this.overview?.mappingAvailability ?? null;
  }

  get mappingAvailabilityMessage(): string {
    return this.overview?.mappingAvailabilityMessage ?? '';
  }

  get totals(): OverviewTotals {
    return computeTotals(this.callCenters);
  }

  /** The figures above the table, formatted; mapping figures only when they are known. */
  get totalTiles(): Array<{ key: string; label: string; value: string; emphasis: string }> {
    const totals = this.totals;
    const tiles = [
      { key: 'callCenters', label: 'Call centers', value: totals.callCenters },
      { key: 'agents', label: 'Agents', value: totals.agents },
      { key: 'activeAgents', label: 'Active agents', value: totals.activeAgents },
    ];
    if (totals.mappedAgents !== null)
      tiles.push({ key: 'mappedAgents', label: 'Mapped agents', value: totals.mappedAgents });
    if (totals.unmappedActiveAgents !== null) {
      tiles.push({
        key: 'unmappedActiveAgents',
        label: 'Active agents not mapped',
        value: totals.unmappedActiveAgents,
      });
    }
    return tiles.map((tile) => ({
      key: tile.key,
      label: tile.label,
      value: NUMBER_FORMAT.format(tile.value),
      emphasis:
        tile.key === 'unmappedActiveAgents' && tile.value > 0
          ? 'slds-text-heading_large slds-text-color_error'
          : 'slds-text-heading_large',
    }));
  }

  get generatedAtText(): string {
    if (!this.overview?.generatedAt) return '';
    const when = new Date(this.overview.generatedAt);
    return Number.isNaN(when.getTime()) ? '' : `Counted ${when.toLocaleString()}`;
  }
}
