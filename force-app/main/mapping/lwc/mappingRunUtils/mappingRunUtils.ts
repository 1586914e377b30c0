/**
 * Helpers shared by the Mappings section's containers (template-less module): run verdict labels, waiting for a
 * mapping run to reach a status, splitting requests into server-sized chunks, confirmation dialogs and file downloads.
 */
import getRun from '@salesforce/apex/MappingRunController.getRun';
import LightningConfirm from 'lightning/confirm';
import type { ProblemKind, RowVerdict, RunStatus, RunSummary } from '@ccus/apex-contracts';

/** Labels of the analysis's problem kinds. */
export const PROBLEM_LABELS: Readonly<Record<ProblemKind, string>> = {
  STALE_INACTIVE_USER: 'Stale: user inactive',
  STALE_NO_CALL_CENTER: 'Stale: user in no call center',
  MISMATCHED_CALL_CENTER: 'Mismatched call center',
  DUPLICATE_USER: 'Duplicate mapping',
  DUPLICATE_EXTERNAL_ID: 'Duplicate ExternalId',
};

/** Labels of the server's row verdicts, for counts and filters. */
export const RUN_VERDICT_LABELS: Readonly<Record<RowVerdict, string>> = {
  READY: 'Ready',
  MISSING_VALUE: 'Missing value',
  INVALID_VALUE: 'Invalid value',
  INVALID_ARN: 'Invalid ARN',
  INVALID_NAME: 'Invalid DeveloperName or MasterLabel',
  DUPLICATE_IN_RUN: 'ExternalId twice in this run',
  DUPLICATE_IN_ORG: 'ExternalId already used in the org',
  ALREADY_MAPPED: 'Already mapped',
  USER_INACTIVE: 'User inactive',
  NOT_IN_CALL_CENTER: 'Not in this call center',
  USER_NOT_FOUND: 'User not found',
  MAPPING_NOT_FOUND: 'Mapping not found',
  RESOLVED: 'Problem already resolved',
};

/** Statuses during which the server is still working on a run: keep polling. */
export const BUSY_STATUSES: readonly RunStatus[] = ['PREVIEWING', 'QUEUED', 'RUNNING'];

/** How often the screens ask for a run's progress. */
export const DEFAULT_POLL_MS = 1500;

/** Splits items into chunks of at most `size` (at least 1). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const step = Math.max(1, Math.floor(size) || 1);
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += step) chunks.push(items.slice(start, start + step));
  return chunks;
}

/** Resolves after `ms` milliseconds. */
export function wait(ms: number): Promise<void> {
  return new Promise((resolve) => {
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    setTimeout(resolve, Math.max(0, ms));
  });
}

/** Options of {@link waitForRun}. */
export interface WaitForRunOptions {
  /** Delay between two getRun calls. */
  intervalMs?: number;
  /** Called with every summary read, so the screen can show progress. */
  onUpdate?: (run: RunSummary) => void;
  /** Stops polling (e.g. the component was removed); the last summary read is returned. */
  isStopped?: () => boolean;
}

/** Polls getRun while the run is busy (PREVIEWING, QUEUED, RUNNING) and returns the first summary that is not. */
export async function waitForRun(run: RunSummary, options: WaitForRunOptions = {}): Promise<RunSummary> {
  let current = run;
  options.onUpdate?.(current);
  while (BUSY_STATUSES.includes(current.status) && !options.isStopped?.()) {
    // eslint-disable-next-line no-await-in-loop -- one request at a time on purpose (server limits, polling)
    await wait(options.intervalMs ?? DEFAULT_POLL_MS);
    // eslint-disable-next-line no-await-in-loop -- one request at a time on purpose (server limits, polling)
    current = await getRun({ runId: current.runId });
    options.onUpdate?.(current);
  }
  return current;
}

/** The confirm dialog's options. */
export interface ConfirmOptions {
  label: string;
  message: string;
  theme?: 'default' | 'warning' | 'error';
}

/** lightning/confirm's static open (missing from @salesforce/lightning-types 0.8.0). */
type ConfirmOpener = { open(options: ConfirmOptions & { variant?: 'header' | 'headerless' }): Promise<boolean> };

/** Asks the admin to confirm with the platform's modal; resolves to true only when they chose OK. */
export async function confirmAction(options: ConfirmOptions): Promise<boolean> {
  const opener = LightningConfirm as unknown as ConfirmOpener;
  const result = await opener.open({ variant: 'header', theme: options.theme ?? 'warning', ...options });
  return result === true;
}

/** Offers text as a file download (a Blob URL when the browser has one, else a data URL). */
export function downloadText(fileName: string, text: string, mimeType = 'text/csv;charset=utf-8'): void {
  const link = document.createElement('a');
  const hasBlobUrl = typeof URL !== 'undefined' && typeof URL.createObjectURL === 'function';
  const url = hasBlobUrl
    ? URL.createObjectURL(new Blob([text], { type: mimeType }))
    : `data:${mimeType},${encodeURIComponent(text)}`;
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  document.body.removeChild(link);
  if (hasBlobUrl) {
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

/** A timestamp as the admin's locale shows it, or '' when absent or invalid. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const when = new Date(value);
  return Number.isNaN(when.getTime()) ? '' : when.toLocaleString();
}
