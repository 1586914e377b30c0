import { createElement } from 'lwc';
import VerdictSummary, { verdictLabel } from 'c/verdictSummary';
import countsFixture from './data/counts.json';

const flushPromises = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function mount(props: Record<string, unknown>): HTMLElement {
  const element = createElement('c-verdict-summary', { is: VerdictSummary });
  Object.assign(element, props);
  document.body.appendChild(element);
  return element;
}

const chips = (element: HTMLElement): HTMLButtonElement[] => [
  ...element.shadowRoot!.querySelectorAll<HTMLButtonElement>('[data-id="verdict-chip"]'),
];

describe('c-verdict-summary', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  });

  it('shows one chip per verdict that has rows, READY first, with its count', async () => {
    const element = mount({ counts: countsFixture });
    await flushPromises();

    expect(chips(element).map((chip) => chip.dataset.verdict)).toEqual(['READY', 'MISSING_VALUE', 'DUPLICATE_IN_ORG']);
    expect(chips(element)[0].textContent).toContain('Ready: 120');
    expect(chips(element)[0].getAttribute('aria-pressed')).toBe('false');
    await expect(element).toBeAccessible();
  });

  it('marks the selected verdict pressed and clears it when chosen again', async () => {
    const element = mount({ counts: countsFixture, selected: 'MISSING_VALUE' });
    const handler = jest.fn();
    element.addEventListener('verdictselect', handler);
    await flushPromises();

    const missing = chips(element)[1];
    expect(missing.getAttribute('aria-pressed')).toBe('true');
    missing.click();
    chips(element)[0].click();

    expect(handler.mock.calls.map((call) => (call[0] as CustomEvent).detail)).toEqual([
      { verdict: null },
      { verdict: 'READY' },
    ]);
    await expect(element).toBeAccessible();
  });

  it('says there are no rows yet without counts, and labels unknown verdicts by their code', async () => {
    const element = mount({ counts: null });
    await flushPromises();

    expect(chips(element)).toHaveLength(0);
    expect(element.shadowRoot!.textContent).toContain('No rows yet');
    expect(verdictLabel('SOMETHING_NEW')).toBe('SOMETHING_NEW');
    expect(verdictLabel(null)).toBe('');
    await expect(element).toBeAccessible();
  });
});
