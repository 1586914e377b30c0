// `@salesforce/apex/<Class>.<method>` modules of this package, typed from types/apex-contracts.d.ts.
// This file is a global script (no top-level import) so each `declare module` is a real
// declaration; Apex methods not listed here do not exist for tsc.

/** An `@AuraEnabled` Apex method imported into an LWC. */
type ApexMethod<P, R> = (params?: P) => Promise<R>;

declare module '@salesforce/apex/CallCenterOverviewController.getOverview' {
  import type { ApexParams, ApexResult } from '@ccus/apex-contracts';
  const getOverview: ApexMethod<
    ApexParams<'CallCenterOverviewController.getOverview'>,
    ApexResult<'CallCenterOverviewController.getOverview'>
  >;
  export default getOverview;
}
