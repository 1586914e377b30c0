import { createElement } from 'lwc';
import ErrorPanel from 'c/errorPanel';

type Props = Partial<Pick<ErrorPanel, 'heading' | 'headingLevel' | 'intro' | 'messages' | 'hint'>>;

async function mount(props: Props): Promise<HTMLElement> {
  const element = createElement('c-error-panel', { is: ErrorPanel });
  Object.assign(element, props);
  document.body.appendChild(element);
  await Promise.resolve();
  return element;
}

const items = (element: HTMLElement): string[] =>
  [...element.shadowRoot!.querySelectorAll('li')].map((item) => item.textContent ?? '');

describe('c-error-panel', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  });

  it('shows the heading, each message and the hint in an alert', async () => {
    const element = await mount({
      heading: 'The limits could not be checked',
      messages: ['Insufficient access', 'Try later'],
      hint: 'Try Refresh.',
    });

    const root = element.shadowRoot!;
    const alert = root.querySelector('[role="alert"]')!;
    expect(alert.classList).toContain('slds-scoped-notification');
    expect(alert.classList).toContain('slds-theme_error');
    expect(root.querySelector('h2')?.textContent).toBe('The limits could not be checked');
    expect(items(element)).toEqual(['Insufficient access', 'Try later']);
    expect(root.querySelector('p')?.textContent).toBe('Try Refresh.');
    await expect(element).toBeAccessible();
  });

  it.each([
    ['2', 'h2'],
    ['3', 'h3'],
    ['4', 'h4'],
  ] as const)('renders heading level %s as an %s', async (headingLevel, tag) => {
    const element = await mount({ heading: 'Could not load', headingLevel, messages: ['Boom'] });

    const headings = [...element.shadowRoot!.querySelectorAll('h2, h3, h4')];
    expect(headings.map((heading) => heading.tagName.toLowerCase())).toEqual([tag]);
    expect(headings[0].textContent).toBe('Could not load');
  });

  it('shows an intro line instead of a heading, and no hint when none is given', async () => {
    const element = await mount({ intro: 'The connection test could not run:', messages: ['Callout not allowed'] });

    const root = element.shadowRoot!;
    expect(root.querySelector('h2, h3, h4')).toBeNull();
    expect([...root.querySelectorAll('p')].map((p) => p.textContent)).toEqual(['The connection test could not run:']);
    expect(items(element)).toEqual(['Callout not allowed']);
    await expect(element).toBeAccessible();
  });

  it('shows only the messages when there is no heading, intro or hint', async () => {
    const element = await mount({ messages: ['No access'] });

    const root = element.shadowRoot!;
    expect(root.querySelector('h2, h3, h4, p')).toBeNull();
    expect(root.querySelector('[role="alert"]')?.textContent).toBe('No access');
  });

  it('renders an empty list when the messages are missing', async () => {
    const element = await mount({ heading: 'Something went wrong', messages: undefined as unknown as string[] });

    expect(items(element)).toEqual([]);
    expect(element.shadowRoot!.querySelector('h2')?.textContent).toBe('Something went wrong');
  });
});
