import { createElement } from 'lwc';
import SetupApp, { SECTIONS } from 'c/setupApp';
import getOverview from '@salesforce/apex/CallCenterOverviewController.getOverview';
import getSetupChecklist from '@salesforce/apex/SetupHealthController.getSetupChecklist';
import getProviderHealth from '@salesforce/apex/SetupHealthController.getProviderHealth';

jest.mock('@salesforce/apex/CallCenterOverviewController.getOverview', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/SetupHealthController.getSetupChecklist', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/SetupHealthController.getProviderHealth', () => ({ default: jest.fn() }), {
  virtual: true,
});
// The Providers screen is tested on its own; here it is an empty stand-in (it loads its own data).
jest.mock('c/providerAdmin', () => {
  const { LightningElement } = jest.requireActual('lwc');
  return { __esModule: true, default: class ProviderAdminStub extends LightningElement {} };
});

const flushPromises = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

async function mount(): Promise<HTMLElement> {
  (getOverview as unknown as jest.Mock).mockResolvedValue({
    mappingAvailability: 'AVAILABLE',
    mappingAvailabilityMessage: null,
    callCenters: [],
    generatedAt: '2026-11-21T09:30:00.000Z',
  });
  (getProviderHealth as unknown as jest.Mock).mockResolvedValue([]);
  (getSetupChecklist as unknown as jest.Mock).mockResolvedValue({
    items: [
      {
        key: 'PROVIDER',
        label: 'A provider is configured',
        status: 'TODO',
        detail: 'No provider yet.',
        fix: { kind: 'SECTION', value: 'providers', label: 'Open Providers' },
      },
    ],
    completed: 0,
    total: 1,
    complete: false,
    provisioningEnabled: false,
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
      'Guided setup',
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

  it.each(SECTIONS.map((section) => [section.name]))('shows the %s section itself, not a placeholder', async (name) => {
    const element = await mount();
    await select(element, name);

    expect(query(element, '[data-id="content"]')?.dataset.section).toBe(name);
    expect(query(element, 'c-section-placeholder')).toBeNull();
  });

  it('returns to the Overview, and falls back to it for an unknown section name', async () => {
    const element = await mount();
    await select(element, 'providers');
    await select(element, 'overview');
    expect(query(element, 'c-call-center-overview')).not.toBeNull();

    await select(element, 'no-such-section');
    expect(query(element, '[data-id="content"]')?.dataset.section).toBe('overview');
  });
});

describe('c-setup-app Guided setup and Providers sections', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  });

  it('shows the guided setup, and opens the section where an item is fixed', async () => {
    const element = await mount();
    await select(element, 'setup');
    expect(query(element, 'c-guided-setup')).not.toBeNull();
    await expect(element).toBeAccessible();

    query(element, 'c-guided-setup')!.dispatchEvent(new CustomEvent('navigate', { detail: { section: 'providers' } }));
    await flushPromises();
    expect(query(element, '[data-id="content"]')?.dataset.section).toBe('providers');
    expect((query(element, 'lightning-vertical-navigation') as unknown as { selectedItem: string }).selectedItem).toBe(
      'providers',
    );
  });

  it('shows the providers screen followed by the org limits', async () => {
    const element = await mount();
    await select(element, 'providers');

    const admin = query(element, 'c-provider-admin');
    const limits = query(element, 'c-org-limits-panel');
    expect(admin).not.toBeNull();
    expect(limits).not.toBeNull();
    expect(admin!.compareDocumentPosition(limits!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    await expect(element).toBeAccessible();
  });

  it('opens Providers when the Overview asks for it, and ignores an unknown section', async () => {
    const element = await mount();
    const overview = query(element, 'c-call-center-overview')!;
    overview.dispatchEvent(new CustomEvent('navigate', { detail: { section: 'no-such-section' } }));
    await flushPromises();
    expect(query(element, '[data-id="content"]')?.dataset.section).toBe('overview');

    overview.dispatchEvent(new CustomEvent('navigate', { detail: { section: 'providers' } }));
    await flushPromises();
    expect(query(element, '[data-id="content"]')?.dataset.section).toBe('providers');
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
