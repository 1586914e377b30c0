import { LightningElement, api } from 'lwc';

/** Heading levels the panel can render, so it fits the outline of the page it sits in. */
export type ErrorPanelHeadingLevel = '2' | '3' | '4';

/**
 * An SLDS scoped error notification (role="alert"): an optional heading or intro line, the messages as a list,
 * and an optional hint on what to do next. Presentational only: the parent decides when to show it (put the
 * `data-id` and any spacing class on the `<c-error-panel>` element itself).
 */
export default class ErrorPanel extends LightningElement {
  /** Short title above the messages, e.g. "The limits could not be checked". */
  @api heading = '';
  /** The heading's level: "2", "3" or "4" (default "2"). */
  @api headingLevel: ErrorPanelHeadingLevel = '2';
  /** A plain line before the messages, for panels without a heading, e.g. "The connection test could not run:". */
  @api intro = '';
  /** The messages, one list item each. */
  @api messages: string[] = [];
  /** What to try next, shown below the messages. */
  @api hint = '';

  get isHeading2(): boolean {
    return Boolean(this.heading) && this.headingLevel !== '3' && this.headingLevel !== '4';
  }

  get isHeading3(): boolean {
    return Boolean(this.heading) && this.headingLevel === '3';
  }

  get isHeading4(): boolean {
    return Boolean(this.heading) && this.headingLevel === '4';
  }

  /** The messages, never null (a parent may pass null or undefined while its data loads). */
  get items(): string[] {
    return this.messages ?? [];
  }
}
