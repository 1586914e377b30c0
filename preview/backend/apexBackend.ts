/**
 * The preview backend: one implementation per `@AuraEnabled` method in types/apex-contracts.d.ts.
 * `ApexBackend` is a mapped type over `ApexContracts`, so a missing or extra method, a wrong
 * parameter type or a wrong result shape is a tsc error.
 */
import type { ApexContracts } from '@ccus/apex-contracts';
import { getOverview } from './overviewService.js';
import type { SampleOrg } from './sampleOrg.js';

export type ApexBackend = {
  [K in keyof ApexContracts]: (
    params: ApexContracts[K]['params'],
  ) => ApexContracts[K]['result'] | Promise<ApexContracts[K]['result']>;
};

/**
 * Thrown by a backend method for an error the admin should read: the preview rejects the Apex
 * call the way an `AuraHandledException` does (`error.body.message`).
 */
export class AuraHandledError extends Error {
  override name = 'AuraHandledError';
}

export function createApexBackend(org: SampleOrg, now: () => Date = () => new Date()): ApexBackend {
  return {
    'CallCenterOverviewController.getOverview': () => getOverview(org, now()),
  };
}
