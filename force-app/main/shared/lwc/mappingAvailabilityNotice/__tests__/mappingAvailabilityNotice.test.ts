import { createElement } from 'lwc';
import MappingAvailabilityNotice from 'c/mappingAvailabilityNotice';
import type { MappingAvailability } from '@ccus/apex-contracts';

const mount = async (availability: MappingAvailability | null, message?: string | null): Promise<HTMLElement> => {
  const element = createElement('c-mapping-availability-notice', { is: MappingAvailabilityNotice });
  Object.assign(element, { availability, message });
  document.body.appendChild(element);
  await Promise.resolve();
  return element;
};

const notice = (element: HTMLElement): HTMLElement | null =>
  element.shadowRoot!.querySelector<HTMLElement>('[data-id="mapping-notice"]');

describe('c-mapping-availability-notice', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  });

  it('renders nothing while the availability is unknown or mappings are available', async () => {
    expect(notice(await mount(null))).toBeNull();
    expect(notice(await mount('AVAILABLE', 'ignored'))).toBeNull();
  });

  it('says Service Cloud Voice is missing, with the server message, as a status', async () => {
    const element = await mount('VOICE_NOT_ENABLED', 'CallCenterRoutingMap needs Service Cloud Voice.');

    const box = notice(element)!;
    expect(box.getAttribute('role')).toBe('status');
    expect(box.querySelector('h2')!.textContent).toBe('Service Cloud Voice is not enabled in this org');
    expect(box.querySelector('p')!.textContent).toBe('CallCenterRoutingMap needs Service Cloud Voice.');
    await expect(element).toBeAccessible();
  });

  it('names the missing access when the user cannot read mappings', async () => {
    const element = await mount('NO_ACCESS', 'Ask for read access to CallCenterRoutingMap.');

    expect(notice(element)!.querySelector('h2')!.textContent).toBe('You cannot see telephony mappings');
    expect(notice(element)!.textContent).toContain('Ask for read access');
    await expect(element).toBeAccessible();
  });

  it('shows an empty message when the server gave none', async () => {
    const element = await mount('NO_ACCESS');

    expect(notice(element)!.querySelector('p')!.textContent).toBe('');
  });
});
