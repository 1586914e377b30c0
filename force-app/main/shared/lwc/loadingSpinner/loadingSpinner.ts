import { LightningElement, api } from 'lwc';

/**
 * A block-level loading indicator: a spinner centred in a padded box, announced by its label.
 * Presentational only: the parent decides when to show it (put any `data-id` on `<c-loading-spinner>` itself).
 */
export default class LoadingSpinner extends LightningElement {
  /** What is loading, read by screen readers, e.g. "Loading the providers". */
  @api label = '';
  /** The spinner's size: "small" (default), "medium" or "large". */
  @api size = 'small';
}
