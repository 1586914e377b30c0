import { createElement } from 'lwc';
import RunProgress from 'c/runProgress';
import type { RunSummary } from '@ccus/apex-contracts';
import runFixture from './data/run.json';

const RUN = runFixture as RunSummary;
const flushPromises = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function mount(props: Record<string, unknown>): HTMLElement {
  const element = createElement('c-run-progress', { is: RunProgress });
  Object.assign(element, props);
  document.body.appendChild(element);
  return element;
}

const count = (element: HTMLElement, key: string): string | undefined =>
  element.shadowRoot!.querySelector(`[data-count="${key}"] dd`)?.textContent ?? undefined;

describe('c-run-progress', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  });

  it('shows the percentage on the progress bar and the processed, created and failed counts', async () => {
    const element = mount({ run: RUN, label: 'Creating mappings' });
    await flushPromises();

    const bar = element.shadowRoot!.querySelector('[data-id="progress-bar"]') as unknown as { value: number };
    expect(bar.value).toBe(48);
    expect(count(element, 'processed')).toBe('120 of 250');
    expect(count(element, 'created')).toBe('115');
    expect(count(element, 'failed')).toBe('5');
    expect(element.shadowRoot!.textContent).toContain('Creating mappings');
    await expect(element).toBeAccessible();
  });

  it('shows only processed rows for a preview and says when a cancel is pending', async () => {
    const element = mount({ run: { ...RUN, cancelRequested: true, percentComplete: 140 }, previewOnly: true });
    await flushPromises();

    expect(count(element, 'created')).toBeUndefined();
    expect((element.shadowRoot!.querySelector('[data-id="progress-bar"]') as unknown as { value: number }).value).toBe(
      100,
    );
    expect(element.shadowRoot!.textContent).toContain('Cancelling after the current step');
    await expect(element).toBeAccessible();
  });

  it('renders an empty bar before the run is known', async () => {
    const element = mount({});
    await flushPromises();

    expect((element.shadowRoot!.querySelector('[data-id="progress-bar"]') as unknown as { value: number }).value).toBe(
      0,
    );
    expect(element.shadowRoot!.querySelectorAll('[data-count]')).toHaveLength(0);
    await expect(element).toBeAccessible();
  });
});
