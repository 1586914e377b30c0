import { LightningElement, api } from 'lwc';
import type { CallCenterSummary } from '@ccus/apex-contracts';

/** The change event's detail: the picked call center's id. */
export interface CallCenterChangeDetail {
  value: string;
}

/**
 * The "Call center" combobox of the mapping screens. Presentational: takes the call centers and the selected id, and
 * fires `change` (detail `{ value }`, the picked CallCenter id); the container loads and selects.
 */
export default class CallCenterPicker extends LightningElement {
  /** The call centers to choose from (id and name are used). */
  @api callCenters: Array<Pick<CallCenterSummary, 'callCenterId' | 'name'>> = [];
  /** The selected CallCenter id. */
  @api value: string | null = null;

  get options(): Array<{ label: string; value: string }> {
    return (this.callCenters ?? []).map((callCenter) => ({ label: callCenter.name, value: callCenter.callCenterId }));
  }

  handleChange(event: CustomEvent<CallCenterChangeDetail>): void {
    event.stopPropagation();
    this.dispatchEvent(new CustomEvent<CallCenterChangeDetail>('change', { detail: { value: event.detail.value } }));
  }
}
