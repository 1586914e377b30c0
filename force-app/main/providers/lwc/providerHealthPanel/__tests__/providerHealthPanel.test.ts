import { createElement } from 'lwc';
import ProviderHealthPanel, { relativeTime, stateDisplay, toCard } from 'c/providerHealthPanel';
import getProviderHealth from '@salesforce/apex/SetupHealthController.getProviderHealth';
import type { ProviderHealth } from '@ccus/apex-contracts';
import healthFixture from './data/health.json';

jest.mock('@salesforce/apex/SetupHealthController.getProviderHealth', () => ({ default: jest.fn() }), {
  virtual: true,
});

const HEALTH = healthFixture as ProviderHealth[];
const mockGetHealth = getProviderHealth as unknown as jest.Mock;
const NOW = new Date('2026-11-21T08:00:00.000Z').getTime();

const flushPromises = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
const query = <T extends HTMLElement = HTMLElement>(element: HTMLElement, selector: string): T | null =>
  element.shadowRoot!.querySelector<T>(selector);
/** The alert inside a c-error-panel child (it lives in the child's shadow root). */
const panelAlert = (element: HTMLElement, selector: string): HTMLElement | null =>
  query(element, selector)?.shadowRoot?.querySelector<HTMLElement>('[role="alert"]') ?? null;

async function mount(): Promise<HTMLElement> {
  const element = createElement('c-provider-health-panel', { is: ProviderHealthPanel });
  document.body.appendChild(element);
  await flushPromises();
  return element;
}

const fact = (card: Element, key: string): string | undefined =>
  card.querySelector(`[data-fact="${key}"] dd`)?.textContent ?? undefined;

describe('c-provider-health-panel', () => {
  beforeEach(() => {
    jest.spyOn(Date, 'now').mockReturnValue(NOW);
  });

  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.restoreAllMocks();
    mockGetHealth.mockReset();
  });

  it('shows a card per provider with its state as icon and text, the reason and the 24-hour figures', async () => {
    mockGetHealth.mockResolvedValue(HEALTH);
    const element = await mount();

    const cards = [...element.shadowRoot!.querySelectorAll<HTMLElement>('[data-provider]')];
    expect(cards).toHaveLength(3);
    const failing = cards[1];
    expect(failing.querySelector('h3')?.textContent?.trim()).toBe('Contoso SCIM');
    expect(failing.querySelector('[data-id="health-state"]')?.textContent?.trim()).toBe('Failing');
    const icon = failing.querySelector('[data-id="health-state"] lightning-icon') as unknown as { iconName: string };
    expect(icon.iconName).toBe('utility:error');
    expect(failing.querySelector('[data-id="health-reason"]')?.textContent).toContain('last error: 401');
    expect(fact(failing, 'lastDelivered')).toBe('Never');
    expect(fact(failing, 'failures')).toBe('4');
    expect(fact(failing, 'deadLetters')).toBe('2');
    expect(fact(failing, 'backlog')).toBe((1250).toLocaleString());
    expect(fact(failing, 'oldestPending')).toBe('3 hours ago');
    expect(failing.querySelector('[data-fact="failures"] dd')?.className).toContain('slds-text-color_error');

    expect(fact(cards[0], 'lastDelivered')).toBe('1 hour ago');
    expect(cards[0].querySelector('[data-fact="lastDelivered"] dd')?.getAttribute('title')).toBe(
      new Date('2026-11-21T07:00:00.000Z').toLocaleString(),
    );
    expect(fact(cards[0], 'oldestPending')).toBe('None');
    expect(cards[2].querySelector('[data-id="health-state"]')?.textContent?.trim()).toBe('Inactive');
    expect(query(element, '[data-id="health-status"]')?.textContent).toBe('3 providers: 1 failing.');
    expect(query(element, '[data-id="health-empty"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('offers to set up a provider when there is none', async () => {
    mockGetHealth.mockResolvedValue([]);
    const element = await mount();
    const handler = jest.fn();
    element.addEventListener('navigate', handler);

    expect(query(element, '[data-id="health-empty"]')?.textContent).toContain('No providers yet — set one up');
    query(element, '[data-id="health-set-up"]')!.click();
    expect((handler.mock.calls[0][0] as CustomEvent).detail).toEqual({ section: 'providers' });
    await expect(element).toBeAccessible();
  });

  it('shows a load failure and recovers on Refresh', async () => {
    mockGetHealth.mockRejectedValueOnce({ body: { message: 'No access to Provisioning_Request__c' } });
    const element = await mount();
    expect(panelAlert(element, '[data-id="health-error"]')?.getAttribute('role')).toBe('alert');
    expect(panelAlert(element, '[data-id="health-error"]')?.textContent).toContain(
      'No access to Provisioning_Request__c',
    );
    expect(query(element, '[data-id="health-empty"]')).toBeNull();
    await expect(element).toBeAccessible();

    mockGetHealth.mockResolvedValueOnce([HEALTH[0]]);
    query(element, '[data-id="health-refresh"]')!.click();
    await flushPromises();
    expect(query(element, '[data-id="health-error"]')).toBeNull();
    expect(element.shadowRoot!.querySelectorAll('[data-provider]')).toHaveLength(1);
    expect(query(element, '[data-id="health-status"]')?.textContent).toBe('1 provider.');
  });
});

describe('providerHealthPanel helpers', () => {
  it('says times relative to now', () => {
    expect(relativeTime('2026-11-21T07:59:30.000Z', NOW)).toBe('just now');
    expect(relativeTime('2026-11-21T07:55:00.000Z', NOW)).toBe('5 minutes ago');
    expect(relativeTime('2026-11-20T08:00:00.000Z', NOW)).toBe('yesterday');
    expect(relativeTime('2026-11-11T08:00:00.000Z', NOW)).toBe('10 days ago');
    expect(relativeTime('not a date', NOW)).toBe('');
    expect(relativeTime(null, NOW)).toBe('');
  });

  it('shows every state with an icon and a word, and an unknown one by its name', () => {
    for (const state of ['HEALTHY', 'DEGRADED', 'FAILING', 'IDLE', 'INACTIVE']) {
      expect(stateDisplay(state).text).toMatch(/^[A-Z][a-z]+$/);
      expect(stateDisplay(state).iconName).toMatch(/^utility:/);
    }
    expect(stateDisplay('PAUSED').text).toBe('PAUSED');
    expect(stateDisplay(undefined).text).toBe('Unknown');
  });

  it('labels the provider type', () => {
    expect(toCard(HEALTH[0], NOW).typeLabel).toBe('JSON webhook');
    expect(toCard(HEALTH[1], NOW).typeLabel).toBe('SCIM 2.0');
  });
});
