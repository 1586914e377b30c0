/** Contracts of the Overview feature (force-app/main/overview). */

/** One call center's agents and how many of them are mapped to the telephony system. */
export interface CallCenterSummary {
  /** 18-character CallCenter id. */
  callCenterId: string;
  name: string;
  internalName?: string | null;
  /** Users whose User.CallCenterId is this call center (active and inactive). */
  agentCount: number;
  activeAgentCount: number;
  inactiveAgentCount: number;
  /**
   * Agents with a CallCenterRoutingMap for a call center; null when mappings cannot be read.
   * Aura leaves null properties out of the JSON, so an unknown count may also arrive as undefined.
   */
  mappedAgentCount?: number | null;
  /** agentCount - mappedAgentCount; null (or absent) when mappings cannot be read. */
  unmappedAgentCount?: number | null;
  /** Active agents without a mapping: the ones whose calls are not routed. Null (or absent) when unknown. */
  unmappedActiveAgentCount?: number | null;
  /** CallCenterRoutingMap records of this call center that point at users. Null (or absent) when unknown. */
  userMappingCount?: number | null;
}

/** Why mapping counts are missing, when they are. */
export type MappingAvailability =
  /** Service Cloud Voice is on and the user can read CallCenterRoutingMap. */
  | 'AVAILABLE'
  /** The org has no CallCenterRoutingMap object: Service Cloud Voice is not enabled. */
  | 'VOICE_NOT_ENABLED'
  /** The object exists but the running user lacks read access to it. */
  | 'NO_ACCESS';

export interface OverviewResult {
  mappingAvailability: MappingAvailability;
  /** A plain-language explanation for the admin when mappingAvailability is not AVAILABLE. */
  mappingAvailabilityMessage?: string | null;
  callCenters: CallCenterSummary[];
  /** ISO-8601 timestamp of when the counts were taken. */
  generatedAt: string;
}

/** The Overview's Apex methods. */
export interface OverviewContracts {
  'CallCenterOverviewController.getOverview': {
    params: Record<string, never>;
    result: OverviewResult;
    cacheable: false;
  };
}
