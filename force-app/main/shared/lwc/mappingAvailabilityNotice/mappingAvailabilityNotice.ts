import { LightningElement, api } from 'lwc';
import type { MappingAvailability } from '@ccus/apex-contracts';

/**
 * Why mappings cannot be shown (Service Cloud Voice not enabled, or no read access to CallCenterRoutingMap), as a
 * warning notice. Presentational: renders nothing while the availability is unknown (null) or AVAILABLE.
 */
export default class MappingAvailabilityNotice extends LightningElement {
  /** The server's mappingAvailability; null when not loaded yet. */
  @api availability: MappingAvailability | null = null;
  /** The server's plain-language explanation (mappingAvailabilityMessage). */
  @api message: string | null = null;

  get showNotice(): boolean {
    return this.availability !== null && this.availability !== undefined && this.availability !== 'AVAILABLE';
  }

  get title(): string {
    return this.availability === 'NO_ACCESS'
      ? 'You cannot see telephony mappings'
      : 'Service Cloud Voice is not enabled in this org';
  }

  get messageText(): string {
    return this.message ?? '';
  }
}
