/**
 * The data contract between our `@AuraEnabled` Apex controllers and the LWCs.
 *
 * One entry of {@link ApexContracts} per Apex method the LWCs call: its parameters (by the
 * exact Apex parameter names) and its result (the JSON shape of the Apex return value).
 * `types/apex.d.ts` turns each entry into an `@salesforce/apex/<Class>.<method>` module, and the
 * local preview backend implements `ApexContracts` as a mapped type, so the LWCs, the preview and
 * these declarations cannot drift apart silently.
 */

/** One call center's agents and how many of them are mapped to the telephony system. */
export interface CallCenterSummary {
  /** 18-character CallCenter id. */
  callCenterId: string;
  name: string;
  internalName: string | null;
  /** Users whose User.CallCenterId is this call center (active and inactive). */
  agentCount: number;
  activeAgentCount: number;
  inactiveAgentCount: number;
  /** Agents with a CallCenterRoutingMap for a call center; null when mappings cannot be read. */
  mappedAgentCount: number | null;
  /** agentCount - mappedAgentCount; null when mappings cannot be read. */
  unmappedAgentCount: number | null;
  /** Active agents without a mapping: the ones whose calls are not routed. Null when unknown. */
  unmappedActiveAgentCount: number | null;
  /** CallCenterRoutingMap records of this call center that point at users. Null when unknown. */
  userMappingCount: number | null;
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
  mappingAvailabilityMessage: string | null;
  callCenters: CallCenterSummary[];
  /** ISO-8601 timestamp of when the counts were taken. */
  generatedAt: string;
}

/** Parameters and result of every Apex method the LWCs call, keyed by `<Class>.<method>`. */
export interface ApexContracts {
  'CallCenterOverviewController.getOverview': {
    params: Record<string, never>;
    result: OverviewResult;
    cacheable: false;
  };
}

export type ApexMethodName = keyof ApexContracts;
export type ApexParams<K extends ApexMethodName> = ApexContracts[K]['params'];
export type ApexResult<K extends ApexMethodName> = ApexContracts[K]['result'];
