/**
 * The preview backend: one implementation per `@AuraEnabled` method in types/apex-contracts.d.ts.
 * `ApexBackend` is a mapped type over `ApexContracts`, so a missing or extra method, a wrong
 * parameter type or a wrong result shape is a tsc error. Each feature implements its own slice
 * (`FeatureBackend<FeatureContracts>`) in its own module; this file only puts the slices together.
 */
import type { ApexContracts } from '@ccus/apex-contracts';
import { createMappingBackend } from './mapping/index.js';
import { getOverview } from './overviewService.js';
import { createProvidersBackend } from './providers/index.js';
import { createProvisioningBackend } from './provisioning/provisioningBackend.js';
import { generateProvisioningSample } from './provisioning/sampleRequests.js';
import type { SampleOrg } from './sampleOrg.js';

/** Implementations of the given contracts, keyed by `Class.method`. */
export type FeatureBackend<C extends object> = {
  [K in keyof C]: C[K] extends { params: infer P; result: infer R } ? (params: P) => R | Promise<R> : never;
};

export type ApexBackend = FeatureBackend<ApexContracts>;

/** Thrown for an error the admin should read (an `AuraHandledException`); defined in errors.ts. */
export { AuraHandledError } from './errors.js';

export function createApexBackend(org: SampleOrg, now: () => Date = () => new Date()): ApexBackend {
  // One provisioning sample for both features: the Providers screen edits the providers the activity screen shows.
  const provisioningSample = generateProvisioningSample(org, now());
  const providers = createProvidersBackend(org, now, provisioningSample);
  return {
    'CallCenterOverviewController.getOverview': () => getOverview(org, now()),
    ...createProvisioningBackend(org, now, provisioningSample),
    ...createMappingBackend(org, now),
    ...providers,
  };
}
