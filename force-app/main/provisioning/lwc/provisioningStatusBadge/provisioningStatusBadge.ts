import { LightningElement, api } from 'lwc';
import { stateLabel, statusMeta } from 'c/provisioningFormat';

/**
 * A provisioning request's status as an SLDS badge. Presentational: `@api` data only. With `attempts`, a pending
 * request reads "Queued" (never attempted) or "Retrying".
 */
export default class ProvisioningStatusBadge extends LightningElement {
  /** Provisioning_Request__c.Status__c value, e.g. Dead_Letter. */
  @api status: string | null = null;
  /** Attempts so far; when given, a pending request says whether it is queued or retrying. */
  @api attempts: number | null = null;

  get label(): string {
    if (this.status === 'Pending' && this.attempts !== null && this.attempts !== undefined) {
      return stateLabel({ status: 'Pending', attempts: this.attempts });
    }
    return statusMeta(this.status).label;
  }

  get badgeClass(): string {
    return statusMeta(this.status).badgeClass;
  }

  get description(): string {
    return statusMeta(this.status).description;
  }
}
