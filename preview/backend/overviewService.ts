/**
 * The preview's CallCenterOverviewService (force-app/main/overview/classes): the same counts the Apex
 * service computes with its grouped COUNT queries, here from the sample org's rows.
 */
import type { CallCenterSummary, MappingAvailability, OverviewResult } from '@ccus/apex-contracts';
import type { SampleOrg } from './sampleOrg.js';
import { KEY_PREFIX } from './salesforceIds.js';

/** CallCenterRoutingMapRepository.availabilityMessage(), word for word. */
export const MAPPING_AVAILABILITY_MESSAGES: Readonly<Record<MappingAvailability, string | null>> = {
  AVAILABLE: null,
  VOICE_NOT_ENABLED:
    'Mapping counts are not shown because this org does not have Service Cloud Voice, so call center ' +
    'routing maps (CallCenterRoutingMap) do not exist here. The agents of each call center are still ' +
    'counted. To map agents to your telephony system, enable Service Cloud Voice in Setup, then reload ' +
    'this page.',
  NO_ACCESS:
    'Mapping counts are not shown because you do not have access to call center routing maps ' +
    '(CallCenterRoutingMap). The agents of each call center are still counted. Ask your Salesforce ' +
    'admin for a permission set that grants Voice Contact Center Admin, Contact Center Admin (Partner ' +
    'Telephony), Contact Center Supervisor, or the Manage Call Centers permission, then reload this page.',
};

interface Counts {
  active: number;
  inactive: number;
}

const emptyCounts = (): Counts => ({ active: 0, inactive: 0 });

function addUser(countsByCenter: Map<string, Counts>, callCenterId: string, isActive: boolean): void {
  let counts = countsByCenter.get(callCenterId);
  if (!counts) countsByCenter.set(callCenterId, (counts = emptyCounts()));
  if (isActive) counts.active++;
  else counts.inactive++;
}

export function getOverview(org: SampleOrg, now: Date): OverviewResult {
  const generatedAt = now.toISOString();
  const mappingAvailability = org.mappingAvailability;
  const mappingsReadable = mappingAvailability === 'AVAILABLE';
  const result: OverviewResult = {
    mappingAvailability,
    mappingAvailabilityMessage: MAPPING_AVAILABILITY_MESSAGES[mappingAvailability],
    callCenters: [],
    generatedAt,
  };

  // Query 1: SELECT Id, Name, InternalName FROM CallCenter ORDER BY Name
  const callCenters = [...org.callCenters].sort((a, b) => a.Name.localeCompare(b.Name, 'en', { sensitivity: 'base' }));
  if (callCenters.length === 0) return result;
  const callCenterIds = new Set(callCenters.map((cc) => cc.Id));

  // Query 2: SELECT CallCenterId, IsActive, COUNT(Id) FROM User WHERE CallCenterId IN :ids GROUP BY ...
  const agents = new Map<string, Counts>();
  for (const user of org.users) {
    if (user.CallCenterId && callCenterIds.has(user.CallCenterId)) addUser(agents, user.CallCenterId, user.IsActive);
  }

  const mappedAgents = new Map<string, Counts>();
  const userMappings = new Map<string, number>();
  if (mappingsReadable) {
    const isUserId = (id: string): boolean => id.startsWith(KEY_PREFIX.User); // queues (00G) are not users
    // Query 3: users of the call centers with Id IN (SELECT ReferenceRecordId FROM CallCenterRoutingMap
    // WHERE CallCenterId IN :ids). Like the Apex semi-join (not correlated), a mapping for ANY of the
    // call centers counts, even when it is for another call center than the user's own (a stale mapping).
    const mappedUserIds = new Set<string>();
    for (const map of org.callCenterRoutingMaps) {
      if (!callCenterIds.has(map.CallCenterId) || !isUserId(map.ReferenceRecordId)) continue;
      mappedUserIds.add(map.ReferenceRecordId);
      // Query 4: mappings per call center whose ReferenceRecordId is a user.
      userMappings.set(map.CallCenterId, (userMappings.get(map.CallCenterId) ?? 0) + 1);
    }
    for (const user of org.users) {
      if (user.CallCenterId && callCenterIds.has(user.CallCenterId) && mappedUserIds.has(user.Id)) {
        addUser(mappedAgents, user.CallCenterId, user.IsActive);
      }
    }
  }

  result.callCenters = callCenters.map((cc): CallCenterSummary => {
    const agentCounts = agents.get(cc.Id) ?? emptyCounts();
    const agentCount = agentCounts.active + agentCounts.inactive;
    const summary: CallCenterSummary = {
      callCenterId: cc.Id,
      name: cc.Name,
      internalName: cc.InternalName,
      agentCount,
      activeAgentCount: agentCounts.active,
      inactiveAgentCount: agentCounts.inactive,
      mappedAgentCount: null,
      unmappedAgentCount: null,
      unmappedActiveAgentCount: null,
      userMappingCount: null,
    };
    if (!mappingsReadable) return summary;
    const mapped = mappedAgents.get(cc.Id) ?? emptyCounts();
    const mappedCount = mapped.active + mapped.inactive;
    return {
      ...summary,
      mappedAgentCount: mappedCount,
      unmappedAgentCount: Math.max(0, agentCount - mappedCount),
      unmappedActiveAgentCount: Math.max(0, agentCounts.active - mapped.active),
      userMappingCount: userMappings.get(cc.Id) ?? 0,
    };
  });
  return result;
}
