/**
 * The data contract between our `@AuraEnabled` Apex controllers and the LWCs.
 *
 * One entry of {@link ApexContracts} per Apex method the LWCs call, keyed by `<Class>.<method>`: its
 * parameters (by the exact Apex parameter names), its result (the JSON shape of the Apex return value) and
 * whether it is `cacheable=true`. Each feature keeps its contracts in `types/contracts/<feature>.d.ts`;
 * `types/apex.d.ts` turns each entry into an `@salesforce/apex/<Class>.<method>` module, and the local preview
 * backend implements `ApexContracts` as a mapped type, so the LWCs, the preview and these declarations
 * cannot drift apart silently.
 */
import type { MappingContracts } from './contracts/mapping';
import type { OverviewContracts } from './contracts/overview';
import type { ProvisioningContracts } from './contracts/provisioning';
import type { ProvidersContracts } from './contracts/providers';

export type * from './contracts/mapping';
export type * from './contracts/overview';
export type * from './contracts/provisioning';
export type * from './contracts/providers';

/** Every Apex method the LWCs call. A feature adds its contracts interface here. */
export interface ApexContracts extends OverviewContracts, MappingContracts, ProvisioningContracts, ProvidersContracts {}

export type ApexMethodName = keyof ApexContracts;
export type ApexParams<K extends ApexMethodName> = ApexContracts[K]['params'];
export type ApexResult<K extends ApexMethodName> = ApexContracts[K]['result'];
