// Browser checks of the Providers feature (harness: tests/e2e/run-e2e.mjs): a new admin walks the guided setup of the
// standard sample org from incomplete to complete. The org has just upgraded to the version with the Providers screen:
// the pilot providers of the provisioning sample serve Global Customer Care, the partner team and EMEA Sales Desk but
// were never connection-tested, two call centers with agents have no provider, and provisioning is off
// (preview/backend/providers/store.ts). The admin adds a SCIM provider for APAC Technical Support (a call center
// another provider serves is refused first) and a webhook provider for Billing & Collections, tests the connections
// (the SCIM one first fails with a 401 on the sandbox credential, the guided setup names it, and it passes on the
// right credential), maps a custom field and previews a payload, sets notification recipients, checks the org limits,
// sees the providers' health on the Overview, switches provisioning on, and the guided setup says complete. axe runs
// on every screen as a check of its own.
export const name = 'providers';

const APAC = 'APAC Technical Support';
const BILLING = 'Billing & Collections';
const SCIM_NAME = 'APAC Support (SCIM)';
const WEBHOOK_NAME = 'Billing Voice (webhook)';
const SECRET = 'whsec-e2e-Billing-Voice-0123456789';
const PILOTS = ['Contoso Identity (SCIM 2.0)', 'Northwind Voice (webhook)'];

export async function checks(t) {
  const { org } = await t.expectedFrom('default');
  const billingAgent = org.users
    .filter((user) => user.IsActive && user.CallCenterId === org.callCenters.find((cc) => cc.Name === BILLING)?.Id)
    .sort((a, b) => a.Name.localeCompare(b.Name))[0];
  const byId = (scope, id) => scope.locator(`[data-id="${id}"]`);
  const text = async (locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();

  /** Status text of each guided setup item ("Done", "To do", "Needs attention"...), by key. */
  const readChecklist = async (page) => {
    const items = page.locator('c-guided-setup [data-item]');
    const out = {};
    for (let i = 0; i < (await items.count()); i++) {
      const item = items.nth(i);
      out[await item.getAttribute('data-item')] = {
        status: await text(byId(item, 'item-status')),
        detail: await text(byId(item, 'item-detail')),
      };
    }
    return out;
  };
  const waitForProgress = (page, wanted) =>
    page.locator('c-guided-setup [data-id="setup-progress-text"]', { hasText: wanted }).waitFor();

  /** lightning-combobox: opens it and picks the option whose label matches. */
  const pick = async (scope, id, option) => {
    const box = byId(scope, id);
    await box.getByRole('combobox').first().click();
    await box.getByRole('option', { name: option }).first().click();
  };
  /** lightning-dual-listbox: selects the options, then moves them to the selected list. */
  const moveToSelected = async (scope, id, options) => {
    const box = byId(scope, id);
    for (const option of options) {
      await box.getByRole('option', { name: option, exact: true }).click();
      await box
        .getByRole('button', { name: /^Move selection to/ })
        .first()
        .click();
    }
  };
  const fill = (scope, id, value) => byId(scope, id).locator('input').first().fill(value);

  /** Opens the editor (New provider or Edit), waits for it. */
  const editor = (page) => byId(page, 'editor');
  const saveEditor = async (page) => {
    await byId(editor(page), 'editor-save').locator('button').click();
    await editor(page).waitFor({ state: 'detached' });
  };
  const rowOf = (page, providerName) => page.locator(`[data-id="provider-row"][data-provider-name="${providerName}"]`);
  const selectProvider = async (page, providerName) => {
    const row = rowOf(page, providerName);
    const id = await row.getAttribute('data-provider-id');
    await row.locator('[data-id="select-provider"]').click();
    await page.locator(`[data-id="detail"][data-provider-id="${id}"]`).waitFor();
  };
  /** Runs the detail's connection test and returns the result box's attributes and texts. */
  const testConnection = async (page, calls) => {
    await byId(page, 'detail-test').locator('button').click();
    await t.waitForApexCall(page, 'ProviderAdminController.testConnection', { count: calls });
    // providerAdmin's result box (providerNotifications has its own "test-result" per category).
    const result = page.locator('[data-id="test-result"][data-diagnosis]');
    await result.waitFor();
    return {
      ok: await result.getAttribute('data-ok'),
      diagnosis: await result.getAttribute('data-diagnosis'),
      message: await text(byId(result, 'test-message')),
      http: await text(byId(result, 'test-http')),
      request: await text(byId(result, 'test-request')),
      nextSteps: (await byId(result, 'test-next-steps').count()) ? await text(byId(result, 'test-next-steps')) : '',
      details: (await byId(result, 'test-details').count()) ? await text(byId(result, 'test-details')) : '',
    };
  };

  /** axe on the page as it is now (and a screenshot), as a check of its own so the walk goes on when it fails. */
  const axeCheck = (label, target, screenName) =>
    t.check(`axe: ${label}`, async () => {
      // The pointer rests where the last click was: move it away so a hover state (a help icon's tooltip bubble
      // being built) is not what gets checked.
      await target.mouse.move(0, 0);
      const detail = await t.assertAccessible(target);
      return screenName ? `${detail}; screenshot ${await t.screenshot(target, screenName)}` : detail;
    });

  let page;
  const started = await t.check('the guided setup of the standard org says what is left to do', async () => {
    page = await t.openPage('?latency=50');
    await t.waitForApexCall(page, 'CallCenterOverviewController.getOverview');
    await t.navigateTo(page, 'Guided setup');
    await t.waitForApexCall(page, 'SetupHealthController.getSetupChecklist');
    await waitForProgress(page, '4 of 7 done');
    const items = await readChecklist(page);
    const expected = {
      PERMISSION_SET: 'Done',
      SERVICE_CLOUD_VOICE: 'Done',
      CALL_CENTERS: 'Done',
      PROVIDER: 'Needs attention',
      NAMED_CREDENTIAL: 'To do',
      SUBSCRIBER_USER: 'Done',
      PROVISIONING_ENABLED: 'To do',
    };
    const wrong = Object.entries(expected).filter(([key, status]) => items[key]?.status !== status);
    if (wrong.length)
      throw new Error(`Checklist: ${wrong.map(([key, s]) => `${key} is "${items[key]?.status}", expected "${s}"`)}`);
    if (
      !items.PROVIDER.detail.includes('2 active providers serve 3 call centers') ||
      !items.PROVIDER.detail.includes('APAC Technical Support and Billing & Collections')
    )
      throw new Error(`Provider item: ${items.PROVIDER.detail}`);
    if (!PILOTS.every((pilot) => items.NAMED_CREDENTIAL.detail.includes(pilot)))
      throw new Error(`Named Credential item: ${items.NAMED_CREDENTIAL.detail}`);
    if (await byId(page, 'setup-complete').count()) throw new Error('The setup already says it is complete');
    const toggle = byId(page, 'provisioning-toggle').locator('input');
    if (await toggle.isChecked()) throw new Error('Provisioning is already on');
    return `${items.PROVIDER.detail} ${items.NAMED_CREDENTIAL.detail} ${items.PROVISIONING_ENABLED.detail}`;
  });
  if (!started) return;
  await axeCheck('the guided setup', page, 'providers-guided-setup');

  const opened = await t.check(
    'the provider item links to the Providers screen, which lists the pilot providers',
    async () => {
      await page.locator('c-guided-setup [data-item="PROVIDER"] [data-id="item-fix"]').locator('button').click();
      await page
        .waitForFunction(() => {
          const deepAll = (selector, root = document, out = []) => {
            for (const element of root.querySelectorAll(selector)) out.push(element);
            for (const element of root.querySelectorAll('*'))
              if (element.shadowRoot) deepAll(selector, element.shadowRoot, out);
            return out;
          };
          return deepAll('a[aria-current="page"]').some((a) => a.textContent.trim() === 'Providers');
        })
        .catch(() => {
          throw new Error('The fix did not open the Providers section');
        });
      await t.waitForApexCall(page, 'ProviderAdminController.getProviders');
      await byId(page, 'provider-table').waitFor();
      const names = await page
        .locator('[data-id="provider-row"]')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-provider-name')));
      if (JSON.stringify([...names].sort()) !== JSON.stringify(PILOTS))
        throw new Error(`Providers listed: ${names.join(', ')}`);
      return `listed: ${names.join(', ')}`;
    },
  );
  if (!opened) return;

  const refused = await t.check(
    'new SCIM provider: a call center another active provider serves is refused with a clear message',
    async () => {
      await byId(page, 'new-provider').locator('button').click();
      await editor(page).waitFor();
      const dialog = editor(page);
      await fill(dialog, 'field-name', SCIM_NAME);
      await pick(dialog, 'field-type', 'SCIM 2.0');
      await pick(dialog, 'field-namedCredential', /\(Contoso_Scim_Sandbox,/);
      await fill(dialog, 'field-path', '/scim/v2');
      await moveToSelected(dialog, 'field-callCenterIds', [/^Global Customer Care \(served by/]);
      await byId(dialog, 'editor-save').locator('button').click();
      await page
        .waitForFunction(
          () => {
            const deepAll = (root = document, out = []) => {
              for (const element of root.querySelectorAll('[data-id="editor"]')) out.push(element);
              for (const element of root.querySelectorAll('*'))
                if (element.shadowRoot) deepAll(element.shadowRoot, out);
              return out;
            };
            return deepAll().some((element) =>
              /Call centers: .*served by at most one active provider/.test(element.textContent ?? ''),
            );
          },
          null,
          { timeout: t.TIMEOUTS.action },
        )
        .catch(async () => {
          await t.screenshot(page, 'providers-editor-failure');
          throw new Error(`The editor shows no refusal: ${(await text(dialog)).slice(0, 1500)}`);
        });
      // The field's own message (custom validity, shown under the list).
      const refusal = await text(byId(dialog, 'field-callCenterIds').locator('.slds-form-element__help').first());
      if (!refusal.includes('served by at most one active provider') || !refusal.includes('Northwind Voice (webhook)'))
        throw new Error(`The call center field says: "${refusal}"`);
      return `refused: "${refusal.trim()}"`;
    },
  );
  if (!refused) return;
  await axeCheck('the provider editor showing an error', page, 'providers-editor');

  const scimCreated = await t.check(
    'choose the call center without a provider instead: the SCIM provider for APAC is saved',
    async () => {
      const dialog = editor(page);
      // Back out Global Customer Care, choose APAC.
      const box = byId(dialog, 'field-callCenterIds');
      await box.getByRole('option', { name: /^Global Customer Care/ }).click();
      await box
        .getByRole('button', { name: /^Move selection to Available/ })
        .first()
        .click();
      await moveToSelected(dialog, 'field-callCenterIds', [APAC]);
      await saveEditor(page);
      await rowOf(page, SCIM_NAME).waitFor();
      return `${SCIM_NAME} listed`;
    },
  );

  const scimFailed = await t.check(
    'test the SCIM connection: the sandbox credential fails with a plain-language diagnosis and next steps',
    async () => {
      if (!scimCreated) throw new Error('skipped: the provider was not created');
      await selectProvider(page, SCIM_NAME);
      const failed = await testConnection(page, 1);
      if (failed.ok !== 'false' || failed.diagnosis !== 'AUTH')
        throw new Error(`First test: ok=${failed.ok} diagnosis=${failed.diagnosis} (${failed.message})`);
      if (!failed.message.includes('refused the credentials (401)')) throw new Error(`Message: ${failed.message}`);
      if (!failed.nextSteps.includes('External Credential')) throw new Error(`Next steps: ${failed.nextSteps}`);
      if (!failed.request.startsWith('GET callout:Contoso_Scim_Sandbox/scim/v2/ServiceProviderConfig'))
        throw new Error(`Request: ${failed.request}`);
      const rowTest = await text(rowOf(page, SCIM_NAME).locator('[data-id="last-test"]'));
      return `${failed.message} (list: "${rowTest}"); next steps: ${failed.nextSteps.slice(0, 120)}…`;
    },
  );
  if (scimFailed) await axeCheck('a failed connection test with its diagnosis', page, 'providers-test-failed');

  await t.check('the guided setup names the failing connection and where to fix it', async () => {
    if (!scimFailed) throw new Error('skipped: the failing test did not run');
    await t.navigateTo(page, 'Guided setup');
    await waitForProgress(page, '4 of 7 done');
    const items = await readChecklist(page);
    if (!items.PROVIDER.detail.includes('1 call center with agents has no provider'))
      throw new Error(`Provider item (Billing is still unserved): ${items.PROVIDER.detail}`);
    if (items.NAMED_CREDENTIAL.status !== 'Needs attention' || !items.NAMED_CREDENTIAL.detail.includes(SCIM_NAME))
      throw new Error(`Named Credential item: ${items.NAMED_CREDENTIAL.status} – ${items.NAMED_CREDENTIAL.detail}`);
    await t.navigateTo(page, 'Providers');
    await rowOf(page, SCIM_NAME).waitFor();
    return items.NAMED_CREDENTIAL.detail;
  });

  const scimTested = await t.check('pick the right Named Credential: the SCIM connection test passes', async () => {
    if (!scimFailed) throw new Error('skipped: the failing test did not run');
    await selectProvider(page, SCIM_NAME);
    await byId(page, 'detail-edit').locator('button').click();
    await editor(page).waitFor();
    await pick(editor(page), 'field-namedCredential', /\(Contoso_Scim,/);
    await saveEditor(page);
    const passed = await testConnection(page, 2);
    if (passed.ok !== 'true' || passed.diagnosis !== 'OK')
      throw new Error(`Second test: ok=${passed.ok} diagnosis=${passed.diagnosis} (${passed.message})`);
    if (!passed.details.includes('SCIM bulk')) throw new Error(`No SCIM details: ${passed.details}`);
    return `${passed.message}; ${passed.details}`;
  });

  const webhookCreated = await t.check(
    'create a webhook provider for Billing with a write-only signing secret, and test it',
    async () => {
      await byId(page, 'new-provider').locator('button').click();
      await editor(page).waitFor();
      const dialog = editor(page);
      await fill(dialog, 'field-name', WEBHOOK_NAME);
      await pick(dialog, 'field-namedCredential', /\(Northwind_Voice,/);
      await fill(dialog, 'field-path', '/integrations/billing/webhook');
      await fill(dialog, 'field-externalCredential', 'Billing_Voice_Signing');
      await fill(dialog, 'field-signingSecret', SECRET);
      await moveToSelected(dialog, 'field-callCenterIds', [BILLING]);
      await saveEditor(page);
      await rowOf(page, WEBHOOK_NAME).waitFor();
      await selectProvider(page, WEBHOOK_NAME);
      const result = await testConnection(page, 3);
      if (result.ok !== 'true') throw new Error(`Test: ${result.diagnosis} ${result.message}`);
      if (!result.request.startsWith('POST callout:Northwind_Voice/integrations/billing/webhook'))
        throw new Error(`Request: ${result.request}`);
      // The secret is nowhere on the page, and the audit trail says it was set.
      await page.getByRole('tab', { name: 'Audit' }).click();
      await page.locator('[data-id="audit-row"][data-action="SIGNING_SECRET_CHANGED"]').waitFor();
      const leaked = await page.evaluate((secret) => {
        const all = (root = document, out = []) => {
          out.push(root.textContent ?? '');
          for (const input of root.querySelectorAll('input')) out.push(input.value);
          for (const element of root.querySelectorAll('*')) if (element.shadowRoot) all(element.shadowRoot, out);
          return out;
        };
        return all().some((value) => value.includes(secret));
      }, SECRET);
      if (leaked) throw new Error('The signing secret is shown on the page');
      const audit = await text(byId(page, 'audit-table'));
      return `${result.message}; secret not shown; audit: ${audit.slice(0, 200)}…`;
    },
  );

  const mapped = await t.check('field mapping: add a custom User field and preview a payload', async () => {
    if (!webhookCreated) throw new Error('skipped: the webhook provider was not created');
    await page.getByRole('tab', { name: 'Field mapping' }).click();
    const mapping = page.locator('c-provider-field-mapping');
    await byId(mapping, 'mapping-table').waitFor();
    const defaults = await byId(mapping, 'mapping-row').count();
    // A path the default mapping uses is refused.
    await pick(mapping, 'field-picker', /^Department \(Department\)$/);
    await fill(mapping, 'field-path', 'crm.email');
    await byId(mapping, 'add-field').locator('button').click();
    await page
      .locator('c-provider-field-mapping [data-id="field-path-error"], c-provider-field-mapping [data-id="add-errors"]')
      .first()
      .waitFor();
    const refusal = await text(
      page
        .locator(
          'c-provider-field-mapping [data-id="field-path-error"], c-provider-field-mapping [data-id="add-errors"]',
        )
        .first(),
    );
    await fill(mapping, 'field-path', 'crm.department');
    await byId(mapping, 'add-field').locator('button').click();
    await mapping.locator('[data-id="mapping-row"][data-path="crm.department"]').waitFor();
    const rows = await byId(mapping, 'mapping-row').count();
    if (rows !== defaults + 1) throw new Error(`${rows} rows after adding one to ${defaults}`);

    await fill(mapping, 'preview-search', billingAgent.Username);
    const userButton = mapping.locator(`[data-id="preview-user"][data-user-id="${billingAgent.Id}"]`);
    await userButton.waitFor();
    await userButton.click();
    const payloadBox = byId(mapping, 'preview-payload');
    await payloadBox.waitFor();
    const payload = JSON.parse((await payloadBox.textContent()) ?? '');
    const user = payload.changes?.[0]?.user;
    if (!user) throw new Error(`Not a webhook message: ${JSON.stringify(payload).slice(0, 200)}`);
    if (user.crmId !== billingAgent.Id) throw new Error(`Payload of ${user.crmId}, not ${billingAgent.Id}`);
    if (user.crm?.department !== BILLING) throw new Error(`crm.department is ${JSON.stringify(user.crm?.department)}`);
    if (user.username !== '[REDACTED]' || user.crm.email !== '[REDACTED]')
      throw new Error('The username or email is not redacted');
    if (JSON.stringify(payload).includes(billingAgent.Email)) throw new Error('The email address is shown');
    const action = await text(byId(mapping, 'preview-action'));
    return `refused crm.email: "${refusal}"; ${rows} rows; ${action}`;
  });
  if (mapped) await axeCheck('the field mapping with a payload preview', page, 'providers-field-mapping');

  const notified = await t.check(
    'notifications: addresses are validated, saved, and a test email is sent',
    async () => {
      if (!webhookCreated) throw new Error('skipped: the webhook provider was not created');
      await page.getByRole('tab', { name: 'Notifications' }).click();
      const health = page.locator('c-provider-notifications [data-id="category"][data-category="HEALTH"]');
      await health.waitFor();
      const textarea = byId(health, 'recipients').locator('textarea');
      await textarea.fill('ops@northwind-care.example.com, not-an-email');
      await page.locator('c-provider-notifications [data-id="notifications-save"] button').click();
      const problem = page
        .locator(
          'c-provider-notifications [data-id="recipients-error"], c-provider-notifications [data-id="notifications-errors"]',
        )
        .first();
      await problem.waitFor();
      const refusal = await text(problem);
      if (!refusal.includes('not-an-email')) throw new Error(`The error does not name the bad address: ${refusal}`);
      await textarea.fill('ops@northwind-care.example.com, oncall@northwind-care.example.com');
      await page.locator('c-provider-notifications [data-id="notifications-save"] button').click();
      await t.waitForApexCall(page, 'ProviderAdminController.saveNotificationSettings');
      await byId(health, 'send-test').locator('button:not([disabled])').waitFor();
      await byId(health, 'send-test').locator('button').click();
      await t.waitForApexCall(page, 'ProviderAdminController.sendTestNotification');
      const result = byId(health, 'test-result');
      await page
        .waitForFunction(
          () => {
            const deepAll = (root = document, out = []) => {
              for (const element of root.querySelectorAll('[data-category="HEALTH"] [data-id="test-result"]'))
                out.push(element);
              for (const element of root.querySelectorAll('*'))
                if (element.shadowRoot) deepAll(element.shadowRoot, out);
              return out;
            };
            return deepAll().some((element) => /2 recipient/.test(element.textContent ?? ''));
          },
          null,
          { timeout: t.TIMEOUTS.action },
        )
        .catch(async () => {
          throw new Error(`The test notification says: "${await text(result)}"`);
        });
      return `refused: "${refusal}"; ${await text(result)}`;
    },
  );
  if (notified) await axeCheck('the notification settings', page);

  const limits = await t.check(
    'check limits: the org limits that bound provisioning, with what happens when they run out',
    async () => {
      const panel = page.locator('c-org-limits-panel');
      await byId(panel, 'check-limits').locator('button').click();
      await t.waitForApexCall(page, 'SetupHealthController.getOrgLimits');
      await panel.locator('[data-limit]').first().waitFor();
      const names = await panel
        .locator('[data-limit]')
        .evaluateAll((items) => items.map((i) => i.getAttribute('data-limit')));
      for (const wanted of ['DailyAsyncApexExecutions', 'HourlyPublishedPlatformEvents']) {
        if (!names.includes(wanted)) throw new Error(`No ${wanted} (limits: ${names.join(', ')})`);
      }
      const usage = await text(panel.locator('[data-limit="DailyAsyncApexExecutions"] [data-id="limit-usage"]'));
      const exhausted = await text(
        panel.locator('[data-limit="DailyAsyncApexExecutions"] [data-id="limit-when-exhausted"]'),
      );
      if (!/38,412/.test(usage)) throw new Error(`Usage: ${usage}`);
      if (!exhausted.includes('Pending')) throw new Error(`When exhausted: ${exhausted}`);
      return `${names.join(', ')}; ${usage}`;
    },
  );
  if (limits) await axeCheck('the Providers section with the org limits', page, 'providers-limits');

  const pilotsTested = await t.check('test the connections of the pilot providers too', async () => {
    const results = [];
    let calls = 3;
    for (const pilot of PILOTS) {
      await selectProvider(page, pilot);
      const result = await testConnection(page, ++calls);
      if (result.ok !== 'true') throw new Error(`${pilot}: ${result.diagnosis} ${result.message}`);
      results.push(`${pilot}: ${result.message}`);
    }
    return results.join('; ');
  });

  const health = await t.check('the Overview shows the health of every provider', async () => {
    const before = await page.evaluate(
      () =>
        (globalThis.__ccusPreview?.apexCalls ?? []).filter(
          (call) => call.method === 'SetupHealthController.getProviderHealth',
        ).length,
    );
    await t.navigateTo(page, 'Overview');
    await t.waitForApexCall(page, 'SetupHealthController.getProviderHealth', { count: before + 1 });
    const cards = page.locator('c-provider-health-panel [data-provider]');
    await cards.first().waitFor();
    const states = {};
    for (let i = 0; i < (await cards.count()); i++) {
      const card = cards.nth(i);
      const heading = await text(card.locator('article h3').first());
      states[heading] = `${await text(byId(card, 'health-state'))} – ${await text(byId(card, 'health-reason'))}`;
    }
    const names = Object.keys(states);
    const expectedNames = [...PILOTS, SCIM_NAME, WEBHOOK_NAME];
    const missing = expectedNames.filter((n) => !names.some((shown) => shown.includes(n)));
    if (missing.length) throw new Error(`No health for ${missing.join(', ')} (shown: ${names.join(', ')})`);
    const fresh = names.filter((n) => n.includes(SCIM_NAME) || n.includes(WEBHOOK_NAME)).map((n) => states[n]);
    if (!fresh.every((state) => state.startsWith('Idle'))) throw new Error(`New providers: ${fresh.join('; ')}`);
    const pilots = names.filter((n) => PILOTS.some((p) => n.includes(p))).map((n) => states[n]);
    if (!pilots.every((state) => /^(Failing|Degraded)/.test(state))) throw new Error(`Pilots: ${pilots.join('; ')}`);
    return Object.entries(states)
      .map(([n, s]) => `${n}: ${s}`)
      .join(' | ');
  });
  if (health) await axeCheck('the Overview with provider health', page, 'providers-overview-health');

  const complete = await t.check('switch provisioning on: the guided setup is complete', async () => {
    if (!scimTested || !webhookCreated || !pilotsTested)
      throw new Error('skipped: the providers were not all configured and tested');
    await t.navigateTo(page, 'Guided setup');
    await waitForProgress(page, '6 of 7 done');
    const before = await readChecklist(page);
    for (const key of ['PROVIDER', 'NAMED_CREDENTIAL']) {
      if (before[key].status !== 'Done') throw new Error(`${key}: ${before[key].status} – ${before[key].detail}`);
    }
    await byId(page, 'provisioning-toggle').locator('input').click({ force: true });
    await t.waitForApexCall(page, 'SetupHealthController.setProvisioningEnabled');
    await byId(page, 'setup-complete').waitFor();
    await waitForProgress(page, '7 of 7 done');
    const after = await readChecklist(page);
    const notDone = Object.entries(after).filter(([, item]) => item.status !== 'Done');
    if (notDone.length) throw new Error(`Not done: ${notDone.map(([key, item]) => `${key} ${item.status}`)}`);
    return text(byId(page, 'setup-complete'));
  });
  if (complete) await axeCheck('the completed guided setup', page, 'providers-guided-setup-complete');

  let novoice;
  const voice = await t.check('an org without Service Cloud Voice says what is disabled', async () => {
    novoice = await t.openPage('?org=novoice&latency=0');
    await t.waitForApexCall(novoice, 'CallCenterOverviewController.getOverview');
    await t.navigateTo(novoice, 'Guided setup');
    await t.waitForApexCall(novoice, 'SetupHealthController.getSetupChecklist');
    const item = novoice.locator('c-guided-setup [data-item="SERVICE_CLOUD_VOICE"]');
    await item.waitFor();
    const status = await text(byId(item, 'item-status'));
    const detail = await text(byId(item, 'item-detail'));
    if (status !== 'Not applicable') throw new Error(`Status: ${status}`);
    if (!detail.includes('Unmapped users and Mappings screens')) throw new Error(`Detail: ${detail}`);
    return detail;
  });
  if (voice) await axeCheck('the guided setup of an org without Service Cloud Voice', novoice);
}
