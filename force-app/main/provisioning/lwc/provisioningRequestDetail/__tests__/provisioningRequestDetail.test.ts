import { createElement } from 'lwc';
import ProvisioningRequestDetail from 'c/provisioningRequestDetail';
import type { ProfileLinkTemplate, RequestDetail } from '@ccus/apex-contracts';
import detailFixture from './data/requestDetail.json';
import templatesFixture from './data/profileLinkTemplates.json';

const DETAIL = detailFixture as RequestDetail;
const TEMPLATES = templatesFixture as ProfileLinkTemplate[];

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

async function mount(detail: RequestDetail | null, busy = false): Promise<HTMLElement> {
  const element = createElement('c-provisioning-request-detail', { is: ProvisioningRequestDetail });
  Object.assign(element, { detail, busy });
  document.body.appendChild(element);
  await settle();
  return element;
}

const query = (element: HTMLElement, selector: string): HTMLElement | null =>
  element.shadowRoot!.querySelector<HTMLElement>(selector);

const button = (element: HTMLElement, id: string): { disabled: boolean; click(): void } =>
  query(element, `[data-id="${id}"]`) as unknown as { disabled: boolean; click(): void };

const fact = (element: HTMLElement, key: string): string | undefined =>
  query(element, `[data-fact="${key}"] dd`)?.textContent ?? undefined;

describe('c-provisioning-request-detail', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  });

  it('shows the redacted payload and the answer as text, never as HTML', async () => {
    const element = await mount(DETAIL);

    const payload = query(element, '[data-id="detail-payload"]')!;
    expect(payload.tagName).toBe('PRE');
    expect(payload.textContent).toContain('"username": "[REDACTED]"');
    expect(payload.textContent).toContain('"email": "[REDACTED]"');
    expect(payload.textContent).toContain('<b>Ada</b> Lovelace');
    expect(payload.querySelector('b')).toBeNull();
    expect(query(element, '[data-id="detail-response"]')?.textContent).toContain('"authorization": "[REDACTED]"');
    expect(query(element, '[data-id="detail-redacted-keys"]')?.textContent).toContain('authorization, email, username');
    await expect(element).toBeAccessible();
  });

  it('lists attempts, the last HTTP status, the dead-letter reason and the delivery keys', async () => {
    const element = await mount(DETAIL);

    expect(query(element, 'h3')?.textContent?.trim()).toBe('PR-0000001001: Provision Ada Lovelace');
    expect(fact(element, 'state')).toBe('Dead letter');
    expect(fact(element, 'attempts')).toBe('1');
    expect(fact(element, 'http')).toBe('401');
    expect(fact(element, 'errorCategory')).toBe('Auth');
    expect(fact(element, 'deadLetterReason')).toBe('Not retried: the provider rejected the request.');
    expect(fact(element, 'idempotencyKey')).toBe('0a1b2c3d4e5f60718293a4b5c6d7e8f9');
    expect(fact(element, 'origin')).toBe('User Change');
    expect(fact(element, 'nextAttempt')).toBeUndefined();
    expect(fact(element, 'telephonyUserId')).toBeUndefined();
    const badge = query(element, 'c-provisioning-status-badge') as unknown as { status: string; attempts: number };
    expect(badge.status).toBe('Dead_Letter');
    expect(badge.attempts).toBe(1);
  });

  it('shows the next attempt of a waiting request and says when nothing was stored', async () => {
    const element = await mount({
      ...DETAIL,
      request: { ...DETAIL.request, status: 'Pending', attempts: 3, nextAttemptAt: '2026-11-21T05:10:00.000Z' },
      payload: null,
      responseExcerpt: null,
      redactedKeys: [],
    });

    expect(fact(element, 'state')).toBe('Retrying');
    expect(fact(element, 'nextAttempt')).toBe(new Date('2026-11-21T05:10:00.000Z').toLocaleString());
    expect(query(element, '[data-id="detail-no-payload"]')).not.toBeNull();
    expect(query(element, '[data-id="detail-no-response"]')).not.toBeNull();
    expect(query(element, '[data-id="detail-redacted-keys"]')).toBeNull();
    expect(button(element, 'detail-resolve').disabled).toBe(true);
    expect(button(element, 'detail-retry').disabled).toBe(false);
    await expect(element).toBeAccessible();
  });

  it('emits the chosen action with the request id, and close', async () => {
    const element = await mount(DETAIL);
    const actions: unknown[] = [];
    element.addEventListener('requestaction', (event) => actions.push((event as CustomEvent).detail));
    const close = jest.fn();
    element.addEventListener('close', close);

    button(element, 'detail-retry').click();
    button(element, 'detail-replay').click();
    button(element, 'detail-resolve').click();
    (query(element, '[data-id="close-detail"]') as HTMLElement).click();

    expect(actions).toEqual([
      { action: 'retry', requestId: 'a0C8d0000000001AAA' },
      { action: 'replay', requestId: 'a0C8d0000000001AAA' },
      { action: 'resolve', requestId: 'a0C8d0000000001AAA' },
    ]);
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('allows only replay for a delivered request, and nothing while busy', async () => {
    const delivered = { ...DETAIL, request: { ...DETAIL.request, status: 'Delivered' as const } };
    const element = await mount(delivered);
    expect(button(element, 'detail-retry').disabled).toBe(true);
    expect(button(element, 'detail-replay').disabled).toBe(false);
    expect(button(element, 'detail-resolve').disabled).toBe(true);

    Object.assign(element, { busy: true });
    await settle();
    expect(button(element, 'detail-replay').disabled).toBe(true);
  });

  it('renders nothing without a request', async () => {
    const element = await mount(null);
    expect(query(element, '[data-id="request-detail"]')).toBeNull();
    await expect(element).toBeAccessible();
  });
});

describe('c-provisioning-request-detail profile link', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  });

  const DELIVERED: RequestDetail = {
    ...DETAIL,
    request: { ...DETAIL.request, status: 'Delivered', deliveredAt: '2026-11-21T05:00:05.000Z' },
    telephonyUserId: 'agent 42',
  };

  async function mountWith(detail: RequestDetail, templates: ProfileLinkTemplate[]): Promise<HTMLElement> {
    const element = createElement('c-provisioning-request-detail', { is: ProvisioningRequestDetail });
    Object.assign(element, { detail, profileLinkTemplates: templates });
    document.body.appendChild(element);
    await settle();
    return element;
  }

  it("links the telephony user id to the user's profile at the request's provider, in a new tab", async () => {
    const element = await mountWith(DELIVERED, TEMPLATES);

    const link = query(element, '[data-fact="telephonyUserId"] a') as HTMLAnchorElement;
    expect(link.textContent).toBe('agent 42');
    expect(link.getAttribute('href')).toBe('https://northwind.example.com/agents/agent%2042');
    expect(link.target).toBe('_blank');
    expect(link.rel).toBe('noopener noreferrer');
    expect(link.getAttribute('aria-label')).toBe('Open agent 42 in Northwind Voice (webhook)');
    await expect(element).toBeAccessible();
  });

  it("falls back to the call center's provider when the request's provider has no link", async () => {
    const other = { ...DELIVERED, request: { ...DELIVERED.request, providerId: 'a0B8d0000000009EAA' } };
    const element = await mountWith(other, TEMPLATES);

    const link = query(element, '[data-fact="telephonyUserId"] a') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('https://contoso.example.com/u/agent%2042/view');
  });

  it('shows the id as plain text without a template that applies', async () => {
    const element = await mountWith(DELIVERED, []);

    expect(query(element, '[data-fact="telephonyUserId"] a')).toBeNull();
    expect(fact(element, 'telephonyUserId')).toBe('agent 42');
  });
});
