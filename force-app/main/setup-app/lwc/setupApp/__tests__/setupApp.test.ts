import { createElement } from 'lwc';
import SetupApp, { SECTIONS } from 'c/setupApp';
import getOverview from '@salesforce/apex/CallCenterOverviewController.getOverview';

jest.mock('@salesforce/apex/CallCenterOverviewController.getOverview', () => ({ default: jest.fn() }), {
  virtual: true,
});

const flushPromises = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

async function mount(): Promise<HTMLElement> {
  (getOverview as unknown as jest.Mock).mockResolvedValue({
    mappingAvailability: 'AVAILABLE',
    mappingAvailabilityMessage: null,
    callCenters: [],
    generatedAt: '2026-11-21T09:30:00.000Z',
  });
  const element = createElement('c-setup-app', { is: SetupApp });
  document.body.appendChild(element);
  await flushPromises();
  return element;
}

const query = (element: HTMLElement, selector: string): HTMLElement | null =>
  element.shadowRoot!.querySelector<HTMLElement>(selector);

async function select(element: HTMLElement, name: string): Promise<void> {
  query(element, 'lightning-vertical-navigation')!.dispatchEvent(new CustomEvent('select', { detail: { name } }));
  await flushPromises();
}

describe('c-setup-app', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  });

  it('opens on the Overview with every section in the navigation', async () => {
    const element = await mount();

    expect(query(element, 'h1')?.textContent).toBe('Contact Center User Sync');
    const items = [...element.shadowRoot!.querySelectorAll('lightning-vertical-navigation-item')] as unknown as Array<{
      name: string;
      label: string;
    }>;
    expect(items.map((item) => item.label)).toEqual([
      'Overview',
      'Unmapped users',
      'Mappings',
      'Provisioning',
      'Providers',
    ]);
    expect((query(element, 'lightning-vertical-navigation') as unknown as { selectedItem: string }).selectedItem).toBe(
      'overview',
    );
    expect(query(element, 'c-call-center-overview')).not.toBeNull();
    expect(query(element, 'c-section-placeholder')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it.each(SECTIONS.filter((section) => !section.built).map((section) => [section.name, section.label]))(
    'says plainly that the %s section is not built yet',
    async (name, label) => {
      const element = await mount();
      await select(element, name);

      const placeholder = query(element, 'c-section-placeholder') as unknown as {
        heading: string;
        description: string;
      };
      expect(placeholder.heading).toBe(label);
      expect(placeholder.description.length).toBeGreaterThan(20);
      expect(query(element, 'c-call-center-overview')).toBeNull();
      expect(query(element, '[data-id="content"]')?.dataset.section).toBe(name);
    },
  );

  it('returns to the Overview, and falls back to it for an unknown section name', async () => {
    const element = await mount();
    await select(element, 'providers');
    await select(element, 'overview');
    expect(query(element, 'c-call-center-overview')).not.toBeNull();

    await select(element, 'no-such-section');
    expect(query(element, '[data-id="content"]')?.dataset.section).toBe('overview');
  });
});

describe('c-setup-app Mappings section', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  });

  it('shows the mapping manager in the Mappings section', async () => {
    const element = await mount();
    await select(element, 'mappings');

    expect(query(element, 'c-mapping-manager')).not.toBeNull();
    expect(query(element, 'c-section-placeholder')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it("opens a call center's mapping problems when an Overview count asks for them", async () => {
    const element = await mount();
    query(element, 'c-call-center-overview')!.dispatchEvent(
      new CustomEvent('showmappingproblems', { detail: { callCenterId: '04v000000000001AAA', kind: 'MISMATCHED' } }),
    );
    await flushPromises();

    const manager = query(element, 'c-mapping-manager') as unknown as {
      initialCallCenterId: string;
      initialProblemKind: string;
    };
    expect(manager.initialCallCenterId).toBe('04v000000000001AAA');
    expect(manager.initialProblemKind).toBe('MISMATCHED');
    expect((query(element, 'lightning-vertical-navigation') as unknown as { selectedItem: string }).selectedItem).toBe(
      'mappings',
    );

    await select(element, 'overview');
    await select(element, 'mappings');
    expect(
      (query(element, 'c-mapping-manager') as unknown as { initialProblemKind: string | null }).initialProblemKind,
    ).toBeNull();
  });
});
