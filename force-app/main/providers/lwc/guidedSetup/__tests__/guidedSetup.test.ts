import { createElement } from 'lwc';
import GuidedSetup, { fixDisplay, statusDisplay } from 'c/guidedSetup';
import getSetupChecklist from '@salesforce/apex/SetupHealthController.getSetupChecklist';
import setProvisioningEnabled from '@salesforce/apex/SetupHealthController.setProvisioningEnabled';
import LightningConfirm from 'lightning/confirm';
import type { SetupChecklist } from '@ccus/apex-contracts';
import checklistFixture from './data/checklist.json';
import completeFixture from './data/checklistComplete.json';

jest.mock('@salesforce/apex/SetupHealthController.getSetupChecklist', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/SetupHealthController.setProvisioningEnabled', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('lightning/confirm', () => ({ __esModule: true, default: { open: jest.fn() } }));

const CHECKLIST = checklistFixture as SetupChecklist;
const COMPLETE = completeFixture as SetupChecklist;
const mockGet = getSetupChecklist as unknown as jest.Mock;
const mockSet = setProvisioningEnabled as unknown as jest.Mock;
const mockConfirm = (LightningConfirm as unknown as { open: jest.Mock }).open;

const flushPromises = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

async function mount(): Promise<HTMLElement> {
  const element = createElement('c-guided-setup', { is: GuidedSetup });
  document.body.appendChild(element);
  await flushPromises();
  return element;
}

const query = <T extends HTMLElement = HTMLElement>(element: HTMLElement, selector: string): T | null =>
  element.shadowRoot!.querySelector<T>(selector);
/** The alert inside a c-error-panel child (it lives in the child's shadow root). */
const panelAlert = (element: HTMLElement, selector: string): HTMLElement | null =>
  query(element, selector)?.shadowRoot?.querySelector<HTMLElement>('[role="alert"]') ?? null;
const item = (element: HTMLElement, key: string): HTMLElement => query(element, `[data-item="${key}"]`)!;
const toggleOf = (element: HTMLElement): HTMLElement & { checked: boolean; disabled: boolean } =>
  query(element, '[data-id="provisioning-toggle"]') as HTMLElement & { checked: boolean; disabled: boolean };

async function switchTo(element: HTMLElement, checked: boolean): Promise<void> {
  const toggle = toggleOf(element);
  toggle.checked = checked;
  toggle.dispatchEvent(new CustomEvent('change', { detail: { checked } }));
  await flushPromises();
}

describe('c-guided-setup', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  it('lists every item in order with its status as an icon and a word, its detail and its fix', async () => {
    mockGet.mockResolvedValue(CHECKLIST);
    const element = await mount();

    const items = [...element.shadowRoot!.querySelectorAll<HTMLElement>('ol[data-id="setup-checklist"] > li')];
    expect(items.map((li) => li.dataset.item)).toEqual(CHECKLIST.items.map((entry) => entry.key));
    expect(query(element, '[data-id="setup-progress-text"]')?.textContent).toBe('3 of 7 done');
    const bar = query(element, '[data-id="setup-progress-bar"]')!;
    expect(bar.getAttribute('aria-valuenow')).toBe('43');
    expect(bar.getAttribute('aria-valuetext')).toBe('3 of 7 done');
    expect(bar.querySelector('span')!.getAttribute('style')).toBe('width: 43%');

    const statusOf = (key: string): string | null | undefined =>
      item(element, key).querySelector('[data-id="item-status"]')?.textContent;
    expect(statusOf('PERMISSION_SET')).toBe('Done');
    expect(statusOf('SERVICE_CLOUD_VOICE')).toBe('Not applicable');
    expect(statusOf('PROVIDER')).toBe('To do');
    expect(statusOf('NAMED_CREDENTIAL')).toBe('Needs attention');
    expect(statusOf('SUBSCRIBER_USER')).toBe('Unknown');
    const icon = item(element, 'NAMED_CREDENTIAL').querySelector('lightning-icon') as unknown as { iconName: string };
    expect(icon.iconName).toBe('utility:warning');
    expect(item(element, 'SERVICE_CLOUD_VOICE').querySelector('[data-id="item-detail"]')?.textContent).toContain(
      'mapping users (CallCenterRoutingMap) is disabled',
    );

    const setupLink = item(element, 'SUBSCRIBER_USER').querySelector<HTMLAnchorElement>('a[data-id="item-fix"]')!;
    expect(setupLink.getAttribute('href')).toBe('/lightning/setup/PlatformEventSubscriberConfigs/home');
    expect(setupLink.target).toBe('_blank');
    expect(setupLink.rel).toBe('noopener noreferrer');
    expect(setupLink.textContent).toBe('In Setup: Platform Event Subscriber Configurations (opens in a new tab)');
    expect(setupLink.hasAttribute('aria-label')).toBe(false);
    const docLink = item(element, 'SERVICE_CLOUD_VOICE').querySelector<HTMLAnchorElement>('a[data-id="item-fix"]')!;
    expect(docLink.getAttribute('href')).toBe('docs/admin-guide.md#service-cloud-voice');
    expect(docLink.textContent).toBe(
      'Admin guide (docs/admin-guide.md), section "Service Cloud Voice" (opens in a new tab)',
    );
    expect(item(element, 'CALL_CENTERS').querySelector('[data-id="item-fix"]')).not.toBeNull();
    expect(query(element, '[data-id="setup-complete"]')).toBeNull();
    expect(toggleOf(element).checked).toBe(false);
    await expect(element).toBeAccessible();
  });

  it('asks the setup app to open the section where an item is fixed', async () => {
    mockGet.mockResolvedValue(CHECKLIST);
    const element = await mount();
    const handler = jest.fn();
    element.addEventListener('navigate', handler);

    const fix = item(element, 'PROVIDER').querySelector('lightning-button[data-id="item-fix"]') as HTMLElement & {
      label: string;
    };
    expect(fix.label).toBe('Open Providers');
    fix.click();

    expect(handler).toHaveBeenCalledTimes(1);
    expect((handler.mock.calls[0][0] as CustomEvent).detail).toEqual({ section: 'providers' });
  });

  it("moves to the provisioning switch for this section's own fix instead of navigating", async () => {
    mockGet.mockResolvedValue(CHECKLIST);
    const element = await mount();
    const handler = jest.fn();
    element.addEventListener('navigate', handler);
    const focus = jest.spyOn(toggleOf(element), 'focus');

    (item(element, 'PROVISIONING_ENABLED').querySelector('[data-id="item-fix"]') as HTMLElement).click();

    expect(handler).not.toHaveBeenCalled();
    expect(focus).toHaveBeenCalledTimes(1);
  });

  it('refreshes the live status', async () => {
    mockGet.mockResolvedValueOnce(CHECKLIST).mockResolvedValueOnce(COMPLETE);
    const element = await mount();
    query(element, '[data-id="setup-refresh"]')!.click();
    await flushPromises();

    expect(mockGet).toHaveBeenCalledTimes(2);
    expect(query(element, '[data-id="setup-progress-text"]')?.textContent).toBe('7 of 7 done');
    expect(query(element, '[data-id="setup-status"]')?.textContent).toContain('Checklist updated: 7 of 7 done.');
  });

  it('says when setup is complete', async () => {
    mockGet.mockResolvedValue(COMPLETE);
    const element = await mount();

    const done = query(element, '[data-id="setup-complete"]');
    expect(done?.getAttribute('role')).toBe('status');
    expect(done?.textContent).toContain('Setup is complete');
    expect(toggleOf(element).checked).toBe(true);
    expect(query(element, '[data-id="provisioning-help"]')?.textContent).toContain('On:');
    await expect(element).toBeAccessible();
  });

  it('switches provisioning on without asking and shows the new checklist', async () => {
    mockGet.mockResolvedValue(CHECKLIST);
    mockSet.mockResolvedValue(COMPLETE);
    const element = await mount();
    await switchTo(element, true);

    expect(mockConfirm).not.toHaveBeenCalled();
    expect(mockSet).toHaveBeenCalledWith({ enabled: true });
    expect(query(element, '[data-id="setup-complete"]')).not.toBeNull();
    expect(query(element, '[data-id="setup-status"]')?.textContent).toContain('Provisioning is on.');
  });

  it('asks before switching provisioning off, and keeps it on when the admin cancels', async () => {
    mockGet.mockResolvedValue(COMPLETE);
    mockConfirm.mockResolvedValueOnce(false);
    const element = await mount();
    await switchTo(element, false);

    expect(mockConfirm).toHaveBeenCalledTimes(1);
    expect(mockConfirm.mock.calls[0][0].label).toBe('Switch provisioning off?');
    expect(mockSet).not.toHaveBeenCalled();
    expect(toggleOf(element).checked).toBe(true);

    mockConfirm.mockResolvedValueOnce(true);
    mockSet.mockResolvedValue({ ...COMPLETE, complete: false, provisioningEnabled: false, completed: 6 });
    await switchTo(element, false);
    expect(mockSet).toHaveBeenCalledWith({ enabled: false });
    expect(query(element, '[data-id="setup-complete"]')).toBeNull();
    expect(query(element, '[data-id="setup-progress-text"]')?.textContent).toBe('6 of 7 done');
  });

  it('puts the toggle back and shows why when switching fails', async () => {
    mockGet.mockResolvedValue(CHECKLIST);
    mockSet.mockRejectedValue({ body: { message: 'You need the Admin permission set to switch provisioning.' } });
    const element = await mount();
    await switchTo(element, true);

    expect(toggleOf(element).checked).toBe(false);
    const alert = panelAlert(element, '[data-id="setup-error"]');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent).toContain('You need the Admin permission set');
    await expect(element).toBeAccessible();
  });

  it('names the guide section as text when there is no docs base URL', async () => {
    mockGet.mockResolvedValue(CHECKLIST);
    const element = createElement('c-guided-setup', { is: GuidedSetup });
    (element as unknown as { docsBaseUrl: string | null }).docsBaseUrl = null;
    document.body.appendChild(element);
    await flushPromises();

    const fix = item(element, 'SERVICE_CLOUD_VOICE').querySelector('[data-id="item-fix"]')!;
    expect(fix.tagName).toBe('P');
    expect(fix.textContent).toContain('section "Service Cloud Voice"');
    await expect(element).toBeAccessible();
  });

  it('shows a load failure and recovers on Refresh', async () => {
    mockGet.mockRejectedValueOnce({ body: { message: 'Insufficient access' } }).mockResolvedValueOnce(CHECKLIST);
    const element = await mount();
    expect(panelAlert(element, '[data-id="setup-error"]')?.textContent).toContain('Insufficient access');
    expect(query(element, '[data-id="setup-checklist"]')).toBeNull();

    query(element, '[data-id="setup-refresh"]')!.click();
    await flushPromises();
    expect(query(element, '[data-id="setup-error"]')).toBeNull();
    expect(query(element, '[data-id="setup-checklist"]')).not.toBeNull();
  });
});

describe('guidedSetup helpers', () => {
  it('builds Setup links inside the org only', () => {
    expect(fixDisplay({ kind: 'SETUP', value: '/PermSets/home', label: 'Permission Sets' })?.href).toBe(
      '/lightning/setup/PermSets/home',
    );
    expect(fixDisplay({ kind: 'SETUP', value: '../../evil', label: 'x' })?.href).toBeNull();
    expect(fixDisplay({ kind: 'SETUP', value: '/https://evil.example.com', label: 'x' })?.href).toBeNull();
    expect(fixDisplay({ kind: 'SETUP', value: 'a"onmouseover=x', label: 'x' })?.href).toBeNull();
  });

  it('links guide anchors under the docs base URL, and names them when there is none', () => {
    const fix = { kind: 'DOC' as const, value: '#named-credentials', label: 'Named Credentials' };
    expect(fixDisplay(fix, 'https://docs.example.com/ccus/')?.href).toBe(
      'https://docs.example.com/ccus/admin-guide.md#named-credentials',
    );
    expect(fixDisplay(fix)?.href).toBeNull();
    expect(fixDisplay(fix)?.text).toContain('Named Credentials');
    expect(fixDisplay(null)).toBeNull();
    expect(fixDisplay({ kind: 'SECTION', value: 'providers', label: '' })?.label).toBe('providers');
  });

  it('shows an unexpected status as Unknown', () => {
    expect(statusDisplay('SOMETHING_NEW').text).toBe('Unknown');
    expect(statusDisplay(null).text).toBe('Unknown');
    expect(statusDisplay('DONE').iconName).toBe('utility:success');
  });
});
