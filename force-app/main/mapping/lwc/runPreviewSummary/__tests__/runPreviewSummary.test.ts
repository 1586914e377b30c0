import { createElement } from 'lwc';
import RunPreviewSummary from 'c/runPreviewSummary';
import type { RunSummary } from '@ccus/apex-contracts';
import runFixture from './data/run.json';

const RUN = runFixture as RunSummary;

const flushPromises = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

async function mount(run: RunSummary | null): Promise<HTMLElement> {
  const element = createElement('c-run-preview-summary', { is: RunPreviewSummary });
  Object.assign(element, { run });
  document.body.appendChild(element);
  await flushPromises();
  return element;
}

/**
 * The Jest stub of lightning-progress-bar does not declare ariaLabel, so LWC reflects aria-label onto its role-less
 * host (axe: aria-prohibited-attr); the real component puts it on its inner role="progressbar" (checked by axe in the
 * browser tests). Asserts every bar is named, then drops the stub-only attribute before the accessibility check.
 */
function checkProgressBarNames(element: HTMLElement): void {
  for (const bar of element.shadowRoot!.querySelectorAll('lightning-progress-bar')) {
    expect(bar.getAttribute('aria-label')).toBeTruthy();
    bar.removeAttribute('aria-label');
  }
}

const query = (element: HTMLElement, selector: string): HTMLElement | null =>
  element.shadowRoot!.querySelector<HTMLElement>(selector);

describe('c-run-preview-summary', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  });

  it('renders nothing without a run', async () => {
    const element = await mount(null);
    expect(query(element, '[data-id="run-summary"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows the preview verdict counts, Ready first, and says nothing is written yet', async () => {
    const element = await mount({
      ...RUN,
      status: 'PREVIEW_READY',
      verdictCounts: { USER_INACTIVE: 2, READY: 1200, INVALID_ARN: 5, MISSING_VALUE: 0 },
    });

    expect(query(element, '[data-id="run-status"]')?.textContent).toBe('Preview ready: nothing written yet');
    const keys = [...element.shadowRoot!.querySelectorAll('[data-verdict]')].map(
      (node) => (node as HTMLElement).dataset.verdict,
    );
    expect(keys).toEqual(['READY', 'INVALID_ARN', 'USER_INACTIVE']);
    expect(query(element, '[data-verdict="READY"] dd')?.textContent).toBe((1200).toLocaleString());
    expect(query(element, '[data-verdict="INVALID_ARN"] dt')?.textContent).toBe('Invalid ARN');
    expect(query(element, '[data-id="write-progress"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows a progress bar while previewing and the write progress once confirmed', async () => {
    const element = await mount({ ...RUN, status: 'PREVIEWING', percentComplete: 30 });
    expect(query(element, '[data-id="preview-progress"]')).not.toBeNull();

    Object.assign(element, {
      run: {
        ...RUN,
        status: 'COMPLETED_WITH_ERRORS',
        total: 10,
        processed: 10,
        created: 8,
        failed: 1,
        skipped: 1,
        percentComplete: 100,
        lastError: 'Row 7: DUPLICATE_VALUE',
      },
    });
    await flushPromises();
    const progress = query(element, '[data-id="write-progress"]');
    expect((progress?.querySelector('lightning-progress-bar') as unknown as { value: number }).value).toBe(100);
    expect(progress?.textContent).toContain('10 of 10 processed: 8 written, 1 failed, 1 skipped');
    expect(query(element, '[data-id="run-error"]')?.textContent).toBe('Row 7: DUPLICATE_VALUE');
    expect(query(element, '[data-id="run-status"]')?.textContent).toBe('Completed with errors');
    checkProgressBarNames(element);
    await expect(element).toBeAccessible();
  });
});
