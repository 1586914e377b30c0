import { createElement } from 'lwc';
import ProviderAdmin, { settingsSummary } from 'c/providerAdmin';
import LightningConfirm from 'lightning/confirm';
import getProviders from '@salesforce/apex/ProviderAdminController.getProviders';
import getEditorOptions from '@salesforce/apex/ProviderAdminController.getEditorOptions';
import saveProvider from '@salesforce/apex/ProviderAdminController.saveProvider';
import setProviderActive from '@salesforce/apex/ProviderAdminController.setProviderActive';
import deleteProvider from '@salesforce/apex/ProviderAdminController.deleteProvider';
import getAuditTrail from '@salesforce/apex/ProviderAdminController.getAuditTrail';
import testConnection from '@salesforce/apex/ProviderAdminController.testConnection';
import type {
  ConnectionTestResult,
  ProviderAuditEntry,
  ProviderEditorOptions,
  ProviderInput,
  ProviderSummary,
  SaveProviderResult,
} from '@ccus/apex-contracts';
import providersFixture from './data/providers.json';
import optionsFixture from './data/editorOptions.json';
import testOkFixture from './data/testResultOk.json';
import testAuthFixture from './data/testResultAuthFailure.json';
import auditFixture from './data/auditTrail.json';

// The detail tabs embed components another part of the Providers feature builds: stand-ins that only take the id.
function mockChildStub(): unknown {
  const { LightningElement, registerDecorators } = jest.requireActual('lwc');
  class Stub extends LightningElement {
    providerId = null;
  }
  registerDecorators(Stub, { publicProps: { providerId: { config: 0 } } });
  return { __esModule: true, default: Stub };
}
jest.mock('c/providerFieldMapping', () => mockChildStub());
jest.mock('c/providerNotifications', () => mockChildStub());

jest.mock('lightning/confirm', () => ({ __esModule: true, default: { open: jest.fn() } }));
jest.mock('@salesforce/apex/ProviderAdminController.getProviders', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ProviderAdminController.getEditorOptions', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/ProviderAdminController.saveProvider', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ProviderAdminController.setProviderActive', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/ProviderAdminController.deleteProvider', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/ProviderAdminController.getAuditTrail', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/ProviderAdminController.testConnection', () => ({ default: jest.fn() }), {
  virtual: true,
});

type Mocked<R> = jest.Mock<Promise<R>, [Record<string, unknown>?]>;
const mockGetProviders = getProviders as unknown as Mocked<ProviderSummary[]>;
const mockGetOptions = getEditorOptions as unknown as Mocked<ProviderEditorOptions>;
const mockSave = saveProvider as unknown as jest.Mock<Promise<SaveProviderResult>, [{ input: ProviderInput }]>;
const mockSetActive = setProviderActive as unknown as Mocked<SaveProviderResult>;
const mockDelete = deleteProvider as unknown as Mocked<SaveProviderResult>;
const mockAudit = getAuditTrail as unknown as Mocked<ProviderAuditEntry[]>;
const mockTest = testConnection as unknown as Mocked<ConnectionTestResult>;
const mockConfirm = (LightningConfirm as unknown as { open: jest.Mock<Promise<boolean>, [Record<string, string>]> })
  .open;

const PROVIDERS = providersFixture as ProviderSummary[];
const [NORTHWIND, CONTOSO] = PROVIDERS;
const OPTIONS = optionsFixture as ProviderEditorOptions;
const TEST_OK = testOkFixture as ConnectionTestResult;
const TEST_AUTH = testAuthFixture as ConnectionTestResult;
const AUDIT = auditFixture as ProviderAuditEntry[];
const OK: SaveProviderResult = { ok: true, providerId: null, errors: [], warnings: [] };

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

async function mount(props: Record<string, unknown> = {}): Promise<HTMLElement> {
  const element = createElement('c-provider-admin', { is: ProviderAdmin });
  Object.assign(element, props);
  document.body.appendChild(element);
  await settle();
  return element;
}

const query = (element: HTMLElement, selector: string): HTMLElement | null =>
  element.shadowRoot!.querySelector<HTMLElement>(selector);
const queryAll = (element: HTMLElement, selector: string): HTMLElement[] => [
  ...element.shadowRoot!.querySelectorAll<HTMLElement>(selector),
];
const textOf = (element: HTMLElement, selector: string): string =>
  (query(element, selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();
/** The text of a c-error-panel child: its alert lives in the child's shadow root. */
const panelText = (element: HTMLElement, selector: string): string =>
  (query(element, selector)?.shadowRoot?.querySelector('[role="alert"]')?.textContent ?? '')
    .replace(/\s+/g, ' ')
    .trim();

function fire(target: HTMLElement | null, type: string, detail?: unknown): void {
  if (!target) throw new Error(`No element for ${type}`);
  target.dispatchEvent(new CustomEvent(type, { detail }));
}

const click = (element: HTMLElement, selector: string): void => {
  const target = query(element, selector);
  if (!target) throw new Error(`Nothing matches ${selector}`);
  target.click();
};

/** Runs a row action of the providers table (the lightning-button-menu's select event). */
async function rowAction(element: HTMLElement, providerId: string, action: string): Promise<void> {
  fire(query(element, `[data-id="row-actions"][data-provider-id="${providerId}"]`), 'select', { value: action });
  await settle();
}

async function select(element: HTMLElement, providerId: string): Promise<void> {
  click(element, `[data-id="select-provider"][data-provider-id="${providerId}"]`);
  await settle();
}

/** Sets an editor field as the admin would (change event of the base component). */
function setField(element: HTMLElement, field: string, value: unknown): void {
  const target = query(element, `[data-field="${field}"]`);
  const checkbox = typeof value === 'boolean';
  fire(target, 'change', checkbox ? { checked: value } : { value });
}

/** Records setCustomValidity / reportValidity on the editor's fields. */
function spyOnValidity(element: HTMLElement): Map<string, jest.Mock> {
  const spies = new Map<string, jest.Mock>();
  for (const field of queryAll(element, '[data-field]')) {
    const spy = jest.fn();
    Object.assign(field, { setCustomValidity: spy, reportValidity: jest.fn(() => true) });
    spies.set(field.dataset.field!, spy);
  }
  return spies;
}

function collectToasts(element: HTMLElement): Array<{ title: string; message: string; variant: string }> {
  const toasts: Array<{ title: string; message: string; variant: string }> = [];
  element.addEventListener('lightning__showtoast', (event) => toasts.push((event as CustomEvent).detail));
  return toasts;
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('c-provider-admin', () => {
  beforeEach(() => {
    mockGetProviders.mockResolvedValue(PROVIDERS);
    mockGetOptions.mockResolvedValue(OPTIONS);
    mockConfirm.mockResolvedValue(true);
    mockAudit.mockResolvedValue(AUDIT);
  });

  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  describe('list', () => {
    it('lists the providers with status, default, call centers, credential, last test and profile links', async () => {
      const element = await mount();

      expect(mockGetProviders).toHaveBeenCalledTimes(1);
      expect(mockGetOptions).toHaveBeenCalledTimes(1);
      const rows = queryAll(element, '[data-id="provider-row"]');
      expect(rows.map((row) => row.dataset.providerName)).toEqual(['Northwind Voice', 'Contoso Identity']);
      const cells = (row: HTMLElement): string[] =>
        [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim());
      expect(cells(rows[0]).slice(0, 8)).toEqual([
        'Northwind Voice',
        'JSON webhook',
        'Active',
        'Default',
        'Support EU',
        'Northwind_Webhook',
        expect.stringContaining('Connected'),
        'No',
      ]);
      expect(cells(rows[1]).slice(0, 8)).toEqual([
        'Contoso Identity',
        'SCIM 2.0',
        'Inactive',
        'No',
        'Sales US',
        'Contoso_Scim',
        expect.stringContaining('Authentication failed'),
        'Yes',
      ]);
      expect(textOf(element, '[data-id="count-text"]')).toBe('2 providers, 1 active');
      const menus = queryAll(element, '[data-id="row-actions"]') as unknown as Array<{ alternativeText: string }>;
      expect(menus.map((menu) => menu.alternativeText)).toEqual([
        'Actions for Northwind Voice',
        'Actions for Contoso Identity',
      ]);
      const toggles = queryAll(element, 'lightning-menu-item').filter(
        (item) => (item as unknown as { value: string }).value === 'toggle',
      ) as unknown as Array<{ label: string }>;
      expect(toggles.map((item) => item.label)).toEqual(['Deactivate', 'Activate']);
      expect(query(element, '[data-id="empty-state"]')).toBeNull();
      expect(query(element, '[data-id="detail"]')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('explains what to do first when there is no provider and no Named Credential', async () => {
      mockGetProviders.mockResolvedValue([]);
      mockGetOptions.mockResolvedValue({
        ...OPTIONS,
        namedCredentials: [],
        namedCredentialsMessage: 'No Named Credentials in this org. In Setup, create one first.',
        callCenters: [],
      });
      const element = await mount({ docsBaseUrl: 'https://docs.example.com/ccus/' });

      const empty = textOf(element, '[data-id="empty-state"]');
      expect(empty).toContain('No telephony providers yet');
      expect(empty).toContain('Create a Named Credential');
      expect(empty).toContain('Click New provider');
      const links = queryAll(element, '[data-id="empty-state"] a') as HTMLAnchorElement[];
      expect(links.map((link) => link.getAttribute('href'))).toEqual([
        '/lightning/setup/NamedCredential/home',
        'https://docs.example.com/ccus/admin-guide.md#named-and-external-credentials',
      ]);
      expect((query(element, '[data-id="named-credentials-doc"] a') as HTMLAnchorElement).getAttribute('href')).toBe(
        'https://docs.example.com/ccus/admin-guide.md#named-and-external-credentials',
      );
      expect(textOf(element, '[data-id="named-credentials-message"]')).toContain('No Named Credentials in this org');
      expect(query(element, '[data-id="provider-table"]')).toBeNull();
      expect((query(element, '[data-id="empty-new-provider"]') as unknown as { disabled: boolean }).disabled).toBe(
        false,
      );

      click(element, '[data-id="empty-new-provider"]');
      await settle();
      expect(textOf(element, '[data-id="editor-title"]')).toBe('New provider');
      expect(textOf(element, '[data-id="editor-named-credentials-message"]')).toContain('No Named Credentials');
      expect(textOf(element, '[data-id="no-call-centers"]')).toContain('This org has no call centers yet.');
      expect(query(element, '[data-field="callCenterIds"]')).toBeNull();
      await expect(element).toBeAccessible();

      // Without a docs URL the guide's section is named as text.
      (element as unknown as { docsBaseUrl: string | null }).docsBaseUrl = null;
      await settle();
      expect(queryAll(element, '[data-id="empty-state"] a')).toHaveLength(1);
      expect(textOf(element, '[data-id="empty-state"]')).toContain(
        'step by step: Admin guide (docs/admin-guide.md), section "Named and External Credentials"',
      );
      expect(textOf(element, '[data-id="named-credentials-doc"]')).toContain('Admin guide (docs/admin-guide.md)');
    });

    it('shows what failed to load, and loads again on Refresh', async () => {
      mockGetProviders.mockRejectedValue({ body: { message: 'Insufficient access to Telephony_Provider__c' } });
      mockGetOptions.mockRejectedValue(new Error('Named Credentials unreadable'));
      const element = await mount();

      const error = panelText(element, '[data-id="error"]');
      expect(error).toContain('Insufficient access to Telephony_Provider__c');
      expect(error).toContain('Editor choices: Named Credentials unreadable');
      expect(query(element, '[data-id="empty-state"]')).toBeNull();
      expect((query(element, '[data-id="new-provider"]') as unknown as { disabled: boolean }).disabled).toBe(true);
      await expect(element).toBeAccessible();

      mockGetProviders.mockResolvedValue(PROVIDERS);
      mockGetOptions.mockResolvedValue(OPTIONS);
      click(element, '[data-id="refresh"]');
      await settle();
      expect(query(element, '[data-id="error"]')).toBeNull();
      expect(queryAll(element, '[data-id="provider-row"]')).toHaveLength(2);
    });

    it('shows the selected provider in a detail area with a read-only settings summary', async () => {
      const element = await mount();
      await select(element, CONTOSO.id);

      const detail = query(element, '[data-id="detail"]')!;
      expect(detail.dataset.providerId).toBe(CONTOSO.id);
      expect(textOf(element, '[data-id="detail"] h2')).toContain('Contoso Identity');
      expect(textOf(element, '[data-id="detail-status"]')).toBe('Inactive');
      expect(
        (query(element, `[data-id="select-provider"][data-provider-id="${CONTOSO.id}"]`) as HTMLElement).getAttribute(
          'aria-pressed',
        ),
      ).toBe('true');
      const settings = Object.fromEntries(
        queryAll(element, '[data-id="settings-summary"] [data-item]').map((item) => [
          item.dataset.item,
          item.querySelector('dd')?.textContent,
        ]),
      );
      expect(settings).toMatchObject({
        type: 'SCIM 2.0',
        status: 'Inactive: sends nothing new',
        scimUpdateMethod: 'PUT',
        scimIncludeExtension: 'Sent',
        profileLinks: 'Yes, e.g. https://contoso.example.com/agents/jane.doe%40example.com/profile',
      });
      expect((query(element, 'c-provider-field-mapping') as unknown as { providerId: string }).providerId).toBe(
        CONTOSO.id,
      );
      expect((query(element, 'c-provider-notifications') as unknown as { providerId: string }).providerId).toBe(
        CONTOSO.id,
      );
      expect((query(element, '[data-id="detail-toggle"]') as unknown as { label: string }).label).toBe('Activate');
      await expect(element).toBeAccessible();

      // Selecting the same provider again changes nothing; a provider that disappears on reload is deselected.
      await select(element, CONTOSO.id);
      expect(query(element, '[data-id="detail"]')).not.toBeNull();
      mockGetProviders.mockResolvedValue([NORTHWIND]);
      click(element, '[data-id="refresh"]');
      await settle();
      expect(query(element, '[data-id="detail"]')).toBeNull();
    });

    it('summarises webhook settings with the signing secret date and the defaults of blank values', () => {
      const items = Object.fromEntries(settingsSummary(NORTHWIND).map((item) => [item.key, item.value]));
      expect(items.signingSecret).toMatch(/^Set on /);
      expect(items.maxAgeHours).toBe('Org setting');
      expect(items.telephonyIdAttribute).toBe('telephonyUserId');
      expect(items.profileLinks).toBe('No');
      expect(items.lastModified).toContain('by Ada Admin');
      const bare = Object.fromEntries(
        settingsSummary({
          ...NORTHWIND,
          namedCredential: null,
          callCenters: [],
          batchSize: null,
          signingSecretSet: false,
          externalCredential: null,
        }).map((item) => [item.key, item.value]),
      );
      expect(bare.namedCredential).toBe('Not set: the provider sends nothing');
      expect(bare.callCenters).toBe('None');
      expect(bare.batchSize).toBe('Default (50)');
      expect(bare.signingSecret).toBe('Not set through this app');
      expect(bare.externalCredential).toBe('—');
    });
  });

  describe('editor', () => {
    it('creates a provider: client checks first, then server errors on their fields and in the summary', async () => {
      const element = await mount();
      const toasts = collectToasts(element);
      click(element, '[data-id="new-provider"]');
      await settle();

      expect(query(element, '[data-id="editor"]')?.getAttribute('aria-modal')).toBe('true');
      expect(textOf(element, '[data-id="editor-title"]')).toBe('New provider');
      let validity = spyOnValidity(element);

      // Client-side: nothing filled in.
      click(element, '[data-id="editor-save"]');
      await settle();
      expect(mockSave).not.toHaveBeenCalled();
      expect(validity.get('name')).toHaveBeenCalledWith(expect.stringContaining('Enter a name'));
      expect(validity.get('namedCredential')).toHaveBeenCalledWith(
        expect.stringContaining('An active provider needs a Named Credential'),
      );
      const summary = query(element, '[data-id="editor-errors"]')!;
      expect(summary.getAttribute('role')).toBe('alert');
      expect(summary.textContent).toContain('Name: Enter a name');
      expect(summary.textContent).toContain('Named Credential: An active provider needs a Named Credential');
      await expect(element).toBeAccessible();

      // Fixing a field clears its message.
      setField(element, 'name', 'Fabrikam Voice');
      await settle();
      expect(validity.get('name')).toHaveBeenLastCalledWith('');
      setField(element, 'namedCredential', 'Fabrikam_Webhook');
      setField(element, 'path', '/hooks/v2');
      setField(element, 'callCenterIds', ['04v8d0000000003AAA']);
      setField(element, 'batchSize', '20');
      setField(element, 'externalCredential', 'Fabrikam_Signing');
      setField(element, 'signingSecret', 'a-very-long-signing-secret');
      setField(element, 'profileUrlStart', 'https://fabrikam.example.com/agents/');
      setField(element, 'profileUrlEnd', '/view');
      await settle();
      expect((query(element, '[data-id="profile-link-example"]') as HTMLAnchorElement).getAttribute('href')).toBe(
        'https://fabrikam.example.com/agents/jane.doe%40example.com/view',
      );
      expect(textOf(element, '[data-id="profile-link-count"]')).toBe('1 of at most 10 providers define profile links.');

      // Server-side: a field error goes on its field, the rest in the summary.
      mockSave.mockResolvedValueOnce({
        ok: false,
        providerId: null,
        errors: [
          { field: 'path', message: 'The provider answers 404 on this path.' },
          { field: null, message: 'At most 10 providers can be active.' },
        ],
        warnings: [],
      });
      validity = spyOnValidity(element);
      click(element, '[data-id="editor-save"]');
      await settle();
      expect(mockSave).toHaveBeenCalledTimes(1);
      expect(mockSave.mock.calls[0][0].input).toMatchObject({
        id: null,
        name: 'Fabrikam Voice',
        type: 'Webhook',
        namedCredential: 'Fabrikam_Webhook',
        path: '/hooks/v2',
        active: true,
        callCenterIds: ['04v8d0000000003AAA'],
        batchSize: 20,
        externalCredential: 'Fabrikam_Signing',
        signingSecret: 'a-very-long-signing-secret',
        profileUrlStart: 'https://fabrikam.example.com/agents/',
        profileUrlEnd: '/view',
      });
      expect(validity.get('path')).toHaveBeenCalledWith('The provider answers 404 on this path.');
      expect(validity.get('name')).not.toHaveBeenCalled();
      const serverSummary = textOf(element, '[data-id="editor-errors"]');
      expect(serverSummary).toContain('At most 10 providers can be active.');
      expect(serverSummary).toContain('Path: The provider answers 404 on this path.');
      expect(query(element, '[data-id="editor"]')).not.toBeNull();

      // Saved, with a warning.
      const created: ProviderSummary = { ...NORTHWIND, id: 'a0B8d0000000009EAA', name: 'Fabrikam Voice' };
      mockGetProviders.mockResolvedValue([...PROVIDERS, created]);
      mockSave.mockResolvedValueOnce({
        ok: true,
        providerId: created.id,
        errors: [],
        warnings: ['Test the connection before agents change.'],
      });
      click(element, '[data-id="editor-save"]');
      await settle();
      expect(query(element, '[data-id="editor"]')).toBeNull();
      expect(toasts).toEqual([
        expect.objectContaining({ title: 'Fabrikam Voice created', variant: 'success' }),
        expect.objectContaining({ message: 'Test the connection before agents change.', variant: 'warning' }),
      ]);
      expect(query(element, '[data-id="detail"]')?.dataset.providerId).toBe(created.id);
      expect(mockGetProviders).toHaveBeenCalledTimes(2);
    });

    it('shows an exception of saveProvider in the summary and a generic message for an empty refusal', async () => {
      const element = await mount();
      await select(element, NORTHWIND.id);
      click(element, '[data-id="detail-edit"]');
      await settle();

      mockSave.mockRejectedValueOnce({ body: { message: 'UNABLE_TO_LOCK_ROW' } });
      click(element, '[data-id="editor-save"]');
      await settle();
      expect(textOf(element, '[data-id="editor-errors"]')).toContain('UNABLE_TO_LOCK_ROW');

      mockSave.mockResolvedValueOnce({ ok: false, providerId: null, errors: [], warnings: [] });
      click(element, '[data-id="editor-save"]');
      await settle();
      expect(textOf(element, '[data-id="editor-errors"]')).toContain('The provider was not saved.');
      await expect(element).toBeAccessible();
    });

    it('edits a provider with the signing secret blank and says when it was set', async () => {
      const element = await mount();
      const toasts = collectToasts(element);
      await rowAction(element, NORTHWIND.id, 'edit');

      expect(textOf(element, '[data-id="editor-title"]')).toBe('Edit Northwind Voice');
      const secret = query(element, '[data-field="signingSecret"]') as unknown as { value: string; type: string };
      expect(secret.type).toBe('password');
      expect(secret.value).toBe('');
      expect(textOf(element, '[data-id="secret-note"]')).toMatch(/^A signing secret was set on .+ Leave this blank/);
      const name = query(element, '[data-field="name"]') as unknown as { value: string };
      expect(name.value).toBe('Northwind Voice');
      const centers = query(element, '[data-field="callCenterIds"]') as unknown as {
        value: string[];
        options: Array<{ label: string; value: string }>;
      };
      expect(centers.value).toEqual(['04v8d0000000001AAA']);
      // Its own call center is not "served by" another provider.
      expect(centers.options.map((option) => option.label)).toEqual(['Support EU', 'Sales US', 'Billing APAC']);
      const credentials = query(element, '[data-field="namedCredential"]') as unknown as {
        options: Array<{ label: string }>;
      };
      expect(credentials.options.map((option) => option.label)).toEqual([
        'None (the provider sends nothing)',
        'Northwind webhook (Northwind_Webhook, https://hooks.northwind.example.com)',
        'Contoso SCIM (Contoso_Scim)',
        'Fabrikam webhook (Fabrikam_Webhook, https://fabrikam.example.com)',
      ]);
      expect(query(element, '[data-field="scimUpdateMethod"]')).toBeNull();
      await expect(element).toBeAccessible();

      mockSave.mockResolvedValueOnce({ ...OK, providerId: NORTHWIND.id });
      click(element, '[data-id="editor-save"]');
      await settle();
      const input = mockSave.mock.calls[0][0].input;
      expect(input.id).toBe(NORTHWIND.id);
      expect(input.signingSecret).toBeNull();
      expect(input.externalCredential).toBe('Northwind_Signing');
      expect(toasts.map((toast) => toast.title)).toEqual(['Northwind Voice saved']);
    });

    it('shows SCIM settings for SCIM providers and offers "served by" call centers of other providers', async () => {
      const element = await mount();
      await rowAction(element, CONTOSO.id, 'edit');

      expect(query(element, '[data-field="signingSecret"]')).toBeNull();
      expect((query(element, '[data-field="scimUpdateMethod"]') as unknown as { value: string }).value).toBe('PUT');
      const centers = query(element, '[data-field="callCenterIds"]') as unknown as {
        options: Array<{ label: string }>;
      };
      expect(centers.options[0].label).toBe('Support EU (served by Northwind Voice)');

      setField(element, 'scimIncludeExtension', false);
      setField(element, 'active', true);
      setField(element, 'callCenterIds', ['04v8d0000000001AAA', '04v8d0000000002AAA']);
      const validity = spyOnValidity(element);
      click(element, '[data-id="editor-save"]');
      await settle();
      expect(mockSave).not.toHaveBeenCalled();
      expect(validity.get('callCenterIds')).toHaveBeenCalledWith(
        expect.stringContaining('Support EU (served by Northwind Voice)'),
      );

      setField(element, 'callCenterIds', ['04v8d0000000002AAA']);
      setField(element, 'type', 'Webhook');
      await settle();
      expect(query(element, '[data-field="scimUpdateMethod"]')).toBeNull();
      expect(textOf(element, '[data-id="secret-note"]')).toContain('No signing secret was set through this app');
      mockSave.mockResolvedValueOnce({ ...OK, providerId: CONTOSO.id });
      click(element, '[data-id="editor-save"]');
      await settle();
      expect(mockSave.mock.calls[0][0].input).toMatchObject({
        type: 'Webhook',
        active: true,
        scimUpdateMethod: null,
        scimIncludeExtension: null,
        callCenterIds: ['04v8d0000000002AAA'],
      });
    });

    it('closes on Escape and Cancel, keeps focus inside, and gives focus back to the opener', async () => {
      // The base components' focus() (the Jest stubs have none): record which element gets focus.
      const focused: HTMLElement[] = [];
      const focusSpy = jest.spyOn(HTMLElement.prototype, 'focus').mockImplementation(function (this: HTMLElement) {
        focused.push(this);
      });
      const lastFocused = (): string | undefined => focused[focused.length - 1]?.dataset.id;
      const element = await mount();
      click(element, '[data-id="new-provider"]');
      await settle();
      expect(lastFocused()).toBe('field-name');

      query(element, '[data-id="focus-start"]')!.dispatchEvent(new FocusEvent('focus'));
      expect(lastFocused()).toBe('editor-save');
      query(element, '[data-id="focus-end"]')!.dispatchEvent(new FocusEvent('focus'));
      expect(lastFocused()).toBe('editor-close');

      query(element, '[data-id="editor"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab' }));
      await settle();
      expect(query(element, '[data-id="editor"]')).not.toBeNull();
      query(element, '[data-id="editor"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
      await settle();
      expect(query(element, '[data-id="editor"]')).toBeNull();
      expect(lastFocused()).toBe('new-provider');

      click(element, '[data-id="new-provider"]');
      await settle();
      click(element, '[data-id="editor-cancel"]');
      await settle();
      expect(query(element, '[data-id="editor"]')).toBeNull();
      expect(mockSave).not.toHaveBeenCalled();

      // Edited from a row's menu: focus goes back to that menu.
      await rowAction(element, CONTOSO.id, 'edit');
      click(element, '[data-id="editor-close"]');
      await settle();
      expect(focused[focused.length - 1]?.dataset.providerId).toBe(CONTOSO.id);
      expect(lastFocused()).toBe('row-actions');
      focusSpy.mockRestore();
    });
  });

  describe('activate, deactivate, delete', () => {
    it('deactivates after a confirmation that says mappings and links are kept', async () => {
      const element = await mount();
      const toasts = collectToasts(element);
      mockSetActive.mockResolvedValue(OK);

      mockConfirm.mockResolvedValueOnce(false);
      await rowAction(element, NORTHWIND.id, 'toggle');
      expect(mockSetActive).not.toHaveBeenCalled();

      await rowAction(element, NORTHWIND.id, 'toggle');
      const confirm = mockConfirm.mock.calls[1][0];
      expect(confirm.label).toBe('Deactivate Northwind Voice?');
      expect(confirm.message).toContain('keeps');
      expect(confirm.message).toContain('user mappings and profile links');
      expect(confirm.message).toContain('sends nothing new');
      expect(mockSetActive).toHaveBeenCalledWith({ providerId: NORTHWIND.id, active: false });
      expect(toasts[0]).toMatchObject({ title: 'Northwind Voice deactivated', variant: 'success' });
      expect(mockGetProviders).toHaveBeenCalledTimes(2);
      await expect(element).toBeAccessible();
    });

    it('activates and shows why the server refused', async () => {
      const element = await mount();
      await select(element, CONTOSO.id);
      mockSetActive.mockResolvedValueOnce({
        ok: false,
        providerId: null,
        errors: [{ field: 'callCenterIds', message: 'Sales US is served by Northwind Voice.' }],
        warnings: [],
      });
      click(element, '[data-id="detail-toggle"]');
      await settle();
      expect(mockConfirm.mock.calls[0][0].label).toBe('Activate Contoso Identity?');
      expect(mockSetActive).toHaveBeenCalledWith({ providerId: CONTOSO.id, active: true });
      const errors = query(element, '[data-id="action-errors"]')!;
      expect(errors.getAttribute('role')).toBe('alert');
      expect(errors.textContent).toContain('Call centers: Sales US is served by Northwind Voice.');
      await expect(element).toBeAccessible();

      mockSetActive.mockRejectedValueOnce({ body: { message: 'Insufficient privileges' } });
      click(element, '[data-id="detail-toggle"]');
      await settle();
      expect(textOf(element, '[data-id="action-errors"]')).toBe('Insufficient privileges');

      mockSetActive.mockResolvedValueOnce({ ok: false, providerId: null, errors: [], warnings: [] });
      click(element, '[data-id="detail-toggle"]');
      await settle();
      expect(textOf(element, '[data-id="action-errors"]')).toBe('Contoso Identity was not activated.');
      (query(element, '[data-id="action-errors"] lightning-button-icon') as HTMLElement).click();
      await settle();
      expect(query(element, '[data-id="action-errors"]')).toBeNull();
    });

    it('deletes after confirming, and shows a refusal', async () => {
      const element = await mount();
      const toasts = collectToasts(element);
      await select(element, NORTHWIND.id);

      mockDelete.mockResolvedValueOnce({
        ok: false,
        providerId: null,
        errors: [{ field: null, message: 'Northwind Voice has 3 pending requests: deactivate it instead.' }],
        warnings: [],
      });
      click(element, '[data-id="detail-delete"]');
      await settle();
      const confirm = mockConfirm.mock.calls[0][0];
      expect(confirm.label).toBe('Delete Northwind Voice?');
      expect(confirm.message).toContain('cannot be undone');
      expect(textOf(element, '[data-id="action-errors"]')).toContain('3 pending requests');

      mockConfirm.mockResolvedValueOnce(false);
      await rowAction(element, NORTHWIND.id, 'delete');
      expect(mockDelete).toHaveBeenCalledTimes(1);

      mockDelete.mockResolvedValueOnce(OK);
      mockGetProviders.mockResolvedValue([CONTOSO]);
      await rowAction(element, NORTHWIND.id, 'delete');
      expect(mockDelete).toHaveBeenLastCalledWith({ providerId: NORTHWIND.id });
      expect(toasts.map((toast) => toast.title)).toEqual(['Northwind Voice deleted']);
      expect(query(element, '[data-id="detail"]')).toBeNull();
      expect(queryAll(element, '[data-id="provider-row"]').map((row) => row.dataset.providerId)).toEqual([CONTOSO.id]);

      mockDelete.mockRejectedValueOnce(new Error('Network down'));
      await rowAction(element, CONTOSO.id, 'delete');
      expect(textOf(element, '[data-id="action-errors"]')).toBe('Network down');
      await expect(element).toBeAccessible();
    });
  });

  describe('test connection', () => {
    it('shows "Testing…", then the result, and announces it', async () => {
      const element = await mount();
      const pending = deferred<ConnectionTestResult>();
      mockTest.mockReturnValueOnce(pending.promise);
      await rowAction(element, NORTHWIND.id, 'test');

      expect(mockTest).toHaveBeenCalledWith({ providerId: NORTHWIND.id });
      expect(textOf(element, '[data-id="test-running"]')).toBe('Testing…');
      expect(textOf(element, '[data-id="live"]')).toBe('Testing the connection of Northwind Voice…');
      expect((query(element, '[data-id="detail-test"]') as unknown as { disabled: boolean }).disabled).toBe(true);
      await expect(element).toBeAccessible();

      pending.resolve(TEST_OK);
      await settle();
      expect(query(element, '[data-id="test-running"]')).toBeNull();
      const result = query(element, '[data-id="test-result"]')!;
      expect(result.dataset.ok).toBe('true');
      expect(result.dataset.diagnosis).toBe('OK');
      expect(textOf(element, '[data-id="test-status"]')).toBe('Connected');
      expect(textOf(element, '[data-id="test-http"]')).toBe('200');
      expect(textOf(element, '[data-id="test-latency"]')).toBe('182 ms');
      expect(textOf(element, '[data-id="test-message"]')).toBe('Connected in 182 ms');
      expect(textOf(element, '[data-id="test-request"]')).toBe(TEST_OK.request);
      expect(
        queryAll(element, '[data-id="test-details"] dt, [data-id="test-details"] dd').map((n) => n.textContent),
      ).toEqual(['Signature', 'Accepted']);
      expect(query(element, '[data-id="test-next-steps"]')).toBeNull();
      expect(textOf(element, '[data-id="live"]')).toBe(
        'Connection test of Northwind Voice: Connected. Connected in 182 ms',
      );
      // The list is reloaded to show the new last test.
      expect(mockGetProviders).toHaveBeenCalledTimes(2);
      await expect(element).toBeAccessible();

      click(element, '[data-id="test-dismiss"]');
      await settle();
      expect(query(element, '[data-id="test-result"]')).toBeNull();
    });

    it('explains a failure with next steps and details, and shows when the test could not run', async () => {
      const element = await mount();
      await select(element, CONTOSO.id);
      mockTest.mockResolvedValueOnce({ ...TEST_AUTH, httpStatus: 401, latencyMs: null });
      click(element, '[data-id="detail-test"]');
      await settle();

      const result = query(element, '[data-id="test-result"]')!;
      expect(result.dataset.ok).toBe('false');
      expect(result.dataset.diagnosis).toBe('AUTH');
      expect(textOf(element, '[data-id="test-status"]')).toBe('Authentication failed');
      expect(textOf(element, '[data-id="test-http"]')).toBe('401');
      expect(textOf(element, '[data-id="test-latency"]')).toBe('—');
      expect(queryAll(element, '[data-id="test-next-steps"] li').map((item) => item.textContent)).toEqual(
        TEST_AUTH.nextSteps,
      );
      expect(queryAll(element, '[data-id="test-details"] dd').map((n) => n.textContent)).toEqual([
        'Bearer error="invalid_token"',
        'Reached',
      ]);
      expect(textOf(element, '[data-id="live"]')).toContain('Authentication failed');
      await expect(element).toBeAccessible();

      // Another provider's result is not shown under this one.
      await select(element, NORTHWIND.id);
      expect(query(element, '[data-id="test-result"]')).toBeNull();

      mockTest.mockResolvedValueOnce({ ...TEST_OK, httpStatus: null, diagnosis: 'TIMEOUT', ok: false });
      click(element, '[data-id="detail-test"]');
      await settle();
      expect(textOf(element, '[data-id="test-http"]')).toBe('No HTTP answer');
      expect(textOf(element, '[data-id="test-status"]')).toBe('Timed out');

      mockTest.mockRejectedValueOnce({ body: { message: 'Callout not allowed' } });
      click(element, '[data-id="detail-test"]');
      await settle();
      expect(panelText(element, '[data-id="test-errors"]')).toContain('Callout not allowed');
      expect(textOf(element, '[data-id="live"]')).toBe(
        'The connection test of Northwind Voice could not run: Callout not allowed',
      );
      await expect(element).toBeAccessible();
    });
  });

  describe('audit', () => {
    it('shows who changed what and when, newest first, for the selected provider', async () => {
      const element = await mount();
      await select(element, NORTHWIND.id);
      fire(query(element, '[data-id="tab-audit"]'), 'active');
      await settle();

      expect(mockAudit).toHaveBeenCalledWith({ providerId: NORTHWIND.id });
      const rows = queryAll(element, '[data-id="audit-row"]');
      expect(rows.map((row) => row.dataset.action)).toEqual(['CONNECTION_TESTED', 'UPDATED', 'CREATED']);
      const cells = [...rows[1].querySelectorAll('td')].map((cell) => cell.textContent);
      expect(cells[1]).toBe('Ada Admin');
      expect(cells[2]).toBe('Updated');
      expect(cells[3]).toBe('Path: /hooks/v1 → /integrations/salesforce/webhook; Batch size: 20 → 50');
      expect(cells[0]).not.toBe('');
      await expect(element).toBeAccessible();

      // Switching provider while the Audit tab is open loads that provider's trail.
      mockAudit.mockResolvedValueOnce([]);
      await select(element, CONTOSO.id);
      expect(mockAudit).toHaveBeenLastCalledWith({ providerId: CONTOSO.id });
      expect(textOf(element, '[data-id="audit-empty"]')).toBe('No changes recorded for this provider yet.');

      mockAudit.mockRejectedValueOnce({ body: { message: 'No access to Telephony_Provider_Audit__c' } });
      click(element, '[data-id="refresh"]');
      await settle();
      expect(panelText(element, '[data-id="audit-errors"]')).toBe('No access to Telephony_Provider_Audit__c');
      await expect(element).toBeAccessible();

      // Other tabs do not load the audit trail.
      const calls = mockAudit.mock.calls.length;
      fire(query(element, '[data-id="tab-settings"]'), 'active');
      await settle();
      expect(mockAudit).toHaveBeenCalledTimes(calls);
    });
  });
});
