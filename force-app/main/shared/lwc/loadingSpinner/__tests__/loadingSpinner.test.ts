import { createElement } from 'lwc';
import LoadingSpinner from 'c/loadingSpinner';

type SpinnerStub = HTMLElement & { alternativeText: string; size: string };

async function mount(props: Partial<Pick<LoadingSpinner, 'label' | 'size'>>): Promise<HTMLElement> {
  const element = createElement('c-loading-spinner', { is: LoadingSpinner });
  Object.assign(element, props);
  document.body.appendChild(element);
  await Promise.resolve();
  return element;
}

const spinnerOf = (element: HTMLElement): SpinnerStub =>
  element.shadowRoot!.querySelector('lightning-spinner') as unknown as SpinnerStub;

describe('c-loading-spinner', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  });

  it('shows a small spinner labelled with what is loading, in a padded box', async () => {
    const element = await mount({ label: 'Loading the providers' });

    expect(spinnerOf(element).alternativeText).toBe('Loading the providers');
    expect(spinnerOf(element).size).toBe('small');
    const box = element.shadowRoot!.querySelector('div')!;
    expect(box.classList).toContain('slds-is-relative');
    expect(box.classList).toContain('slds-p-around_large');
    await expect(element).toBeAccessible();
  });

  it('takes another size', async () => {
    const element = await mount({ label: 'Checking the setup', size: 'medium' });

    expect(spinnerOf(element).size).toBe('medium');
  });
});
