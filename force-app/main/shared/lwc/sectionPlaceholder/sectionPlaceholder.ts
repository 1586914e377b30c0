import { LightningElement, api } from 'lwc';

/**
 * Says plainly that a section of the setup app is not built yet, and what it will do,
 * so the app never pretends a feature exists.
 */
export default class SectionPlaceholder extends LightningElement {
  /** The section's name, e.g. "Providers". */
  @api heading = '';
  /** What the section will let the admin do once it is built. */
  @api description = '';
}
