import { createElement } from 'lwc';
import ProvisioningStatusBadge from 'c/provisioningStatusBadge';

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

async function mount(props: { status: string | null; attempts?: number | null }): Promise<HTMLElement> {
  const element = createElement('c-provisioning-status-badge', { is: ProvisioningStatusBadge });
  Object.assign(element, props);
  document.body.appendChild(element);
  await settle();
  return element;
}

const badge = (element: HTMLElement): HTMLElement =>
  element.shadowRoot!.querySelector<HTMLElement>('[data-id="badge"]')!;

describe('c-provisioning-status-badge', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  });

  it('shows a dead letter as an error badge that explains itself', async () => {
    const element = await mount({ status: 'Dead_Letter' });
    expect(badge(element).textContent).toBe('Dead letter');
    expect(badge(element).className).toContain('slds-theme_error');
    expect(badge(element).title).toContain('retry, replay or resolve');
    await expect(element).toBeAccessible();
  });

  it('tells a queued request from a retrying one when attempts are given', async () => {
    expect(badge(await mount({ status: 'Pending', attempts: 0 })).textContent).toBe('Queued');
    expect(badge(await mount({ status: 'Pending', attempts: 2 })).textContent).toBe('Retrying');
    expect(badge(await mount({ status: 'Pending' })).textContent).toBe('Pending');
  });

  it('shows a delivered request as a success badge and an unknown status as it is', async () => {
    const delivered = await mount({ status: 'Delivered' });
    expect(badge(delivered).className).toContain('slds-theme_success');
    expect(badge(await mount({ status: 'On_Hold' })).textContent).toBe('On Hold');
    const none = await mount({ status: null });
    expect(badge(none).textContent).toBe('Unknown');
    await expect(none).toBeAccessible();
  });
});
