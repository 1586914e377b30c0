/**
 * Labels and formatting shared by the provisioning activity components (template-less module).
 */
import type { ProvisioningStatus, RequestRow } from '@ccus/apex-contracts';

/** How one status is shown: its label, its badge's SLDS theme and what it means. */
export interface StatusMeta {
  label: string;
  /** SLDS badge classes (theme). */
  badgeClass: string;
  /** lightning-icon name shown in the table's status cell. */
  iconName: string;
  description: string;
}

/** Every status, in the order the screen lists them. */
export const STATUS_ORDER: readonly ProvisioningStatus[] = [
  'Pending',
  'Sending',
  'Delivered',
  'Dead_Letter',
  'Superseded',
  'Resolved',
];

export const STATUS_META: Readonly<Record<ProvisioningStatus, StatusMeta>> = {
  Pending: {
    label: 'Pending',
    badgeClass: 'slds-badge slds-badge_lightest',
    iconName: 'utility:clock',
    description: 'Waiting for its next attempt.',
  },
  Sending: {
    label: 'Sending',
    badgeClass: 'slds-badge slds-badge_inverse',
    iconName: 'utility:send',
    description: 'Being sent by a delivery job.',
  },
  Delivered: {
    label: 'Delivered',
    badgeClass: 'slds-badge slds-theme_success',
    iconName: 'utility:success',
    description: 'Accepted by the provider.',
  },
  Dead_Letter: {
    label: 'Dead letter',
    badgeClass: 'slds-badge slds-theme_error',
    iconName: 'utility:error',
    description: 'Delivery gave up: retry, replay or resolve it.',
  },
  Superseded: {
    label: 'Superseded',
    badgeClass: 'slds-badge',
    iconName: 'utility:skip',
    description: 'Replaced by a newer change of the same user before it was sent.',
  },
  Resolved: {
    label: 'Resolved',
    badgeClass: 'slds-badge',
    iconName: 'utility:check',
    description: 'A dead letter an admin closed without resending it.',
  },
};

const UNKNOWN_STATUS: StatusMeta = {
  label: 'Unknown',
  badgeClass: 'slds-badge',
  iconName: 'utility:question',
  description: '',
};

/** The status's display data; an unknown value is shown as such rather than failing. */
export function statusMeta(status: string | null | undefined): StatusMeta {
  return status && Object.prototype.hasOwnProperty.call(STATUS_META, status)
    ? STATUS_META[status as ProvisioningStatus]
    : { ...UNKNOWN_STATUS, label: status ? status.replace(/_/g, ' ') : UNKNOWN_STATUS.label };
}

/**
 * The label of a request's state: a pending request that was already attempted is "Retrying" (it failed and waits
 * for its next attempt), one never attempted is "Queued".
 */
export function stateLabel(row: Pick<RequestRow, 'status' | 'attempts'>): string {
  if (row.status === 'Pending') return (row.attempts ?? 0) > 0 ? 'Retrying' : 'Queued';
  return statusMeta(row.status).label;
}

/** A datetime for people ("" for none or an unreadable value). */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const when = new Date(value);
  return Number.isNaN(when.getTime()) ? '' : when.toLocaleString();
}

const SHORT_DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });

/** A datetime for a table cell, e.g. "1/15/26, 9:14 AM" ("" for none or an unreadable value). */
export function formatShortDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const when = new Date(value);
  return Number.isNaN(when.getTime()) ? '' : SHORT_DATE_TIME.format(when);
}

/** Which actions a request allows (what the Apex service accepts; it re-checks). */
export interface RequestActions {
  canRetry: boolean;
  canReplay: boolean;
  canResolve: boolean;
}

export function allowedActions(row: Pick<RequestRow, 'status' | 'userId' | 'providerId'>): RequestActions {
  return {
    canRetry: row.status === 'Dead_Letter' || row.status === 'Resolved' || row.status === 'Pending',
    canReplay: Boolean(row.userId && row.providerId),
    canResolve: row.status === 'Dead_Letter',
  };
}

/** The HTTP answer in words: "429", "Timeout", or "" before the first attempt. */
export function httpLabel(row: Pick<RequestRow, 'lastHttpStatus' | 'attempts' | 'errorCategory'>): string {
  if (row.lastHttpStatus !== null && row.lastHttpStatus !== undefined) return String(row.lastHttpStatus);
  if (row.errorCategory === 'Timeout') return 'Timeout';
  return '';
}

const NUMBER_FORMAT = new Intl.NumberFormat();

export function formatCount(count: number, capped = false): string {
  return capped ? `${NUMBER_FORMAT.format(count)}+` : NUMBER_FORMAT.format(count);
}
