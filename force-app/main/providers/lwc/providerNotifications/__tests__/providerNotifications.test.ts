import { createElement } from 'lwc';
import ProviderNotifications, { recipientFieldOf } from 'c/providerNotifications';
import getNotificationSettings from '@salesforce/apex/ProviderAdminController.getNotificationSettings';
import saveNotificationSettings from '@salesforce/apex/ProviderAdminController.saveNotificationSettings';
import sendTestNotification from '@salesforce/apex/ProviderAdminController.sendTestNotification';
import type {
  NotificationCategory,
  NotificationSaveResult,
  NotificationSettings,
  TestNotificationResult,
} from '@ccus/apex-contracts';
import settingsFixture from './data/notificationSettings.json';

jest.mock('@salesforce/apex/ProviderAdminController.getNotificationSettings', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/ProviderAdminController.saveNotificationSettings', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/ProviderAdminController.sendTestNotification', () => ({ default: jest.fn() }), {
  virtual: true,
});

const mockGet = getNotificationSettings as unknown as jest.Mock<
  Promise<NotificationSettings>,
  [{ providerId: string }]
>;
const mockSave = saveNotificationSettings as unknown as jest.Mock<
  Promise<NotificationSaveResult>,
  [{ settings: NotificationSettings }]
>;
const mockSend = sendTestNotification as unknown as jest.Mock<
  Promise<TestNotificationResult>,
  [{ providerId: string; category: NotificationCategory }]
>;

const SETTINGS = settingsFixture as NotificationSettings;
const PROVIDER_ID = SETTINGS.providerId;

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

type Host = HTMLElement & { providerId: string | null };

async function mount(providerId: string | null = PROVIDER_ID): Promise<Host> {
  const element = createElement('c-provider-notifications', { is: ProviderNotifications }) as Host;
  element.providerId = providerId;
  document.body.appendChild(element);
  await settle();
  return element;
}

const query = (element: HTMLElement, selector: string): HTMLElement | null =>
  element.shadowRoot!.querySelector<HTMLElement>(selector);
const byId = (element: HTMLElement, id: string): HTMLElement | null => query(element, `[data-id="${id}"]`);
const text = (element: HTMLElement, id: string): string =>
  byId(element, id)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
/** The text of a c-error-panel child: its alert lives in the child's shadow root. */
const panelText = (element: HTMLElement, id: string): string =>
  byId(element, id)?.shadowRoot?.querySelector('[role="alert"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** The fieldset of a category. */
const category = (element: HTMLElement, name: NotificationCategory): HTMLElement =>
  query(element, `[data-id="category"][data-category="${name}"]`)!;
const inCategory = (element: HTMLElement, name: NotificationCategory, id: string): HTMLElement | null =>
  category(element, name).querySelector<HTMLElement>(`[data-id="${id}"]`);
const textIn = (element: HTMLElement, name: NotificationCategory, id: string): string =>
  inCategory(element, name, id)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const recipients = (element: HTMLElement, name: NotificationCategory): HTMLElement & { value: string } =>
  inCategory(element, name, 'recipients') as HTMLElement & { value: string };
const testButton = (element: HTMLElement, name: NotificationCategory): HTMLElement & { disabled: boolean } =>
  inCategory(element, name, 'send-test') as HTMLElement & { disabled: boolean };

function type(element: HTMLElement, name: NotificationCategory, value: string): void {
  recipients(element, name).dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

describe('c-provider-notifications', () => {
  beforeEach(() => {
    mockGet.mockResolvedValue(SETTINGS);
  });

  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  it('explains that the provider must be saved first when it has no id, and loads nothing', async () => {
    const element = await mount(null);

    expect(mockGet).not.toHaveBeenCalled();
    expect(text(element, 'notifications-no-provider')).toContain('Save the provider first');
    await expect(element).toBeAccessible();
  });

  it('shows the saved recipients of each category with its explanation', async () => {
    const element = await mount();

    expect(mockGet).toHaveBeenCalledWith({ providerId: PROVIDER_ID });
    expect(recipients(element, 'HEALTH').value).toBe('ops@example.com\noncall@example.com');
    expect(recipients(element, 'AUTH_FAILURES').value).toBe('security@example.com');
    expect(recipients(element, 'EXCEPTIONS').value).toBe('');
    expect(category(element, 'HEALTH').textContent).toContain('stalls');
    expect(category(element, 'AUTH_FAILURES').textContent).toContain('401 or 403');
    expect(category(element, 'EXCEPTIONS').textContent).toContain('dead letter');
    expect(textIn(element, 'HEALTH', 'saved-count')).toBe('2 saved recipients.');
    expect(textIn(element, 'EXCEPTIONS', 'saved-count')).toBe('Nobody is notified.');

    // Test sends need saved recipients.
    expect(testButton(element, 'HEALTH').disabled).toBe(false);
    expect(testButton(element, 'AUTH_FAILURES').disabled).toBe(false);
    expect(testButton(element, 'EXCEPTIONS').disabled).toBe(true);
    // Nothing changed yet.
    expect((byId(element, 'notifications-save') as unknown as { disabled: boolean }).disabled).toBe(true);
    await expect(element).toBeAccessible();
  });

  it('shows the load error and loads again on Refresh', async () => {
    mockGet.mockRejectedValueOnce({ body: { message: 'Provider not found' } });
    const element = await mount();

    expect(panelText(element, 'notifications-load-error')).toContain('Provider not found');
    expect(byId(element, 'notifications-save')).toBeNull();
    await expect(element).toBeAccessible();

    byId(element, 'notifications-refresh')!.click();
    await settle();
    expect(byId(element, 'notifications-load-error')).toBeNull();
    expect(recipients(element, 'HEALTH').value).toContain('ops@example.com');
  });

  it('names a bad address on its category and saves nothing', async () => {
    const element = await mount();
    type(element, 'HEALTH', 'ops@example.com, ops@');
    type(element, 'EXCEPTIONS', 'dead letters@example.com');
    await settle();
    expect(textIn(element, 'HEALTH', 'saved-count')).toBe('2 saved recipients; unsaved changes.');

    byId(element, 'notifications-save')!.click();
    await settle();

    expect(mockSave).not.toHaveBeenCalled();
    expect(textIn(element, 'HEALTH', 'recipients-error')).toBe('"ops@" is not a valid email address.');
    // A space splits "dead letters@example.com" into two addresses: "dead" is the bad one.
    expect(textIn(element, 'EXCEPTIONS', 'recipients-error')).toBe('"dead" is not a valid email address.');
    expect(inCategory(element, 'AUTH_FAILURES', 'recipients-error')).toBeNull();
    expect(text(element, 'notifications-errors')).toContain('Health: "ops@" is not a valid email address.');
    expect(text(element, 'notifications-save-message')).toContain('Nothing was saved');
    await expect(element).toBeAccessible();

    // Editing the box clears its error.
    type(element, 'HEALTH', 'ops@example.com');
    await settle();
    expect(inCategory(element, 'HEALTH', 'recipients-error')).toBeNull();
  });

  it('saves the parsed lists and shows what was saved', async () => {
    const saved: NotificationSettings = {
      providerId: PROVIDER_ID,
      health: ['ops@example.com'],
      authFailures: ['security@example.com'],
      exceptions: ['dead@example.com', 'lead@example.com'],
    };
    mockSave.mockResolvedValue({ ok: true, errors: [], settings: saved });
    const element = await mount();
    type(element, 'HEALTH', ' ops@example.com ');
    type(element, 'EXCEPTIONS', 'dead@example.com; lead@example.com, DEAD@example.com');
    await settle();

    byId(element, 'notifications-save')!.click();
    await settle();

    expect(mockSave).toHaveBeenCalledWith({ settings: saved });
    expect(recipients(element, 'EXCEPTIONS').value).toBe('dead@example.com\nlead@example.com');
    expect(textIn(element, 'EXCEPTIONS', 'saved-count')).toBe('2 saved recipients.');
    expect(testButton(element, 'EXCEPTIONS').disabled).toBe(false);
    expect(text(element, 'notifications-save-message')).toBe('Notification recipients saved.');
    expect(byId(element, 'notifications-errors')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows the server errors on their category', async () => {
    mockSave.mockResolvedValue({
      ok: false,
      errors: [
        { field: 'authFailures', message: '"security@blocked.example" bounced: the domain does not accept email.' },
        { field: 'exceptions', message: 'Exceptions: the addresses are too long together (at most 2000 characters).' },
        { field: null, message: 'The provider was deleted.' },
      ],
      settings: SETTINGS,
    });
    const element = await mount();
    type(element, 'AUTH_FAILURES', 'security@blocked.example');
    await settle();

    byId(element, 'notifications-save')!.click();
    await settle();

    expect(textIn(element, 'AUTH_FAILURES', 'recipients-error')).toBe(
      '"security@blocked.example" bounced: the domain does not accept email.',
    );
    expect(textIn(element, 'EXCEPTIONS', 'recipients-error')).toBe(
      'Exceptions: the addresses are too long together (at most 2000 characters).',
    );
    expect(inCategory(element, 'HEALTH', 'recipients-error')).toBeNull();
    const summary = text(element, 'notifications-errors');
    expect(summary).toContain('Authentication failures: "security@blocked.example" bounced');
    expect(summary).toContain('The provider was deleted.');
    // The category is named once, whether or not the server's message names it.
    expect(summary).not.toContain('Exceptions: Exceptions:');
    expect(summary).toContain('Exceptions: the addresses are too long');
    // The admin's text stays for them to fix.
    expect(recipients(element, 'AUTH_FAILURES').value).toBe('security@blocked.example');
    await expect(element).toBeAccessible();
  });

  it('reports an Apex exception while saving, and Undo changes restores the saved lists', async () => {
    mockSave.mockRejectedValue({ body: { message: 'Insufficient access rights' } });
    const element = await mount();
    type(element, 'HEALTH', 'new@example.com');
    await settle();
    byId(element, 'notifications-save')!.click();
    await settle();
    expect(text(element, 'notifications-errors')).toContain('Insufficient access rights');

    byId(element, 'notifications-reset')!.click();
    await settle();
    expect(recipients(element, 'HEALTH').value).toBe('ops@example.com\noncall@example.com');
    expect(byId(element, 'notifications-errors')).toBeNull();
  });

  it('sends a test notification for a category and announces the result', async () => {
    mockSend.mockResolvedValueOnce({ ok: true, recipients: 2, message: 'Test notification sent to 2 recipients.' });
    const element = await mount();
    const result = inCategory(element, 'HEALTH', 'test-result')!;
    expect(result.getAttribute('aria-live')).toBe('polite');

    testButton(element, 'HEALTH').click();
    await settle();

    expect(mockSend).toHaveBeenCalledWith({ providerId: PROVIDER_ID, category: 'HEALTH' });
    expect(textIn(element, 'HEALTH', 'test-result')).toBe('Test notification sent to 2 recipients.');
    expect(textIn(element, 'AUTH_FAILURES', 'test-result')).toBe('');

    mockSend.mockResolvedValueOnce({ ok: false, recipients: 0, message: 'The daily email limit is reached.' });
    testButton(element, 'AUTH_FAILURES').click();
    await settle();
    expect(mockSend).toHaveBeenLastCalledWith({ providerId: PROVIDER_ID, category: 'AUTH_FAILURES' });
    expect(textIn(element, 'AUTH_FAILURES', 'test-result')).toBe('The daily email limit is reached.');
    expect(inCategory(element, 'AUTH_FAILURES', 'test-result')!.className).toContain('slds-text-color_error');

    mockSend.mockRejectedValueOnce({ body: { message: 'Single email is disabled in this org' } });
    testButton(element, 'HEALTH').click();
    await settle();
    expect(textIn(element, 'HEALTH', 'test-result')).toBe(
      'The test notification was not sent: Single email is disabled in this org',
    );

    // No saved recipients: nothing is sent.
    testButton(element, 'EXCEPTIONS').click();
    await settle();
    expect(mockSend).toHaveBeenCalledTimes(3);
    await expect(element).toBeAccessible();
  });

  it('reloads when the provider changes', async () => {
    const element = await mount();
    mockGet.mockResolvedValueOnce({ providerId: 'a0B000000000002AAA', health: [], authFailures: [], exceptions: [] });

    element.providerId = 'a0B000000000002AAA';
    await settle();

    expect(mockGet).toHaveBeenLastCalledWith({ providerId: 'a0B000000000002AAA' });
    expect(recipients(element, 'HEALTH').value).toBe('');
    expect(testButton(element, 'HEALTH').disabled).toBe(true);
  });

  it('reads the category a server error names', () => {
    expect(recipientFieldOf('health')).toBe('health');
    expect(recipientFieldOf('settings.authFailures')).toBe('authFailures');
    expect(recipientFieldOf('EXCEPTIONS')).toBe('exceptions');
    expect(recipientFieldOf('providerId')).toBeNull();
    expect(recipientFieldOf(null)).toBeNull();
  });
});
