// Browser checks of the Overview section and the setup app's navigation (harness: tests/e2e/run-e2e.mjs).
// Expected numbers are computed by the harness from the same sample org module the preview uses
// (t.expectedFrom), independently of the preview backend's own service code.
import fs from 'node:fs';
import path from 'node:path';

export const name = 'overview';

const BANNER_TEXT = 'Local preview with generated sample data — no Salesforce org is connected.';

/** The setup app's navigation, in order (issue "Foundation"); `built` is read from setupApp.ts. */
const SECTIONS = [
  { label: 'Overview', screen: 'overview' },
  { label: 'Guided setup', screen: 'guided-setup' },
  { label: 'Unmapped users', screen: 'unmapped-users' },
  { label: 'Mappings', screen: 'mappings' },
  { label: 'Provisioning', screen: 'provisioning' },
  { label: 'Providers', screen: 'providers' },
];

/** Overview table columns (header text) and the contract field each one shows. */
const COUNT_COLUMNS = [
  ['Agents', 'agentCount'],
  ['Active', 'activeAgentCount'],
  ['Inactive', 'inactiveAgentCount'],
  ['Mapped', 'mappedAgentCount'],
  ['Not mapped', 'unmappedAgentCount'],
  ['Active, not mapped', 'unmappedActiveAgentCount'],
];
const AGENT_COLUMNS = COUNT_COLUMNS.slice(0, 3);

/** `built` flags of the SECTIONS list in force-app/main/setup-app/lwc/setupApp/setupApp.ts. */
function builtFlags(root) {
  const source = fs.readFileSync(path.join(root, 'force-app/main/setup-app/lwc/setupApp/setupApp.ts'), 'utf8');
  const flags = new Map();
  for (const match of source.matchAll(/label:\s*'([^']+)',\s*built:\s*(true|false)/g)) {
    flags.set(match[1], match[2] === 'true');
  }
  return flags;
}

export async function checks(t) {
  const flags = builtFlags(t.ROOT);
  const sections = SECTIONS.map((s) => ({ ...s, built: flags.get(s.label) ?? s.label === 'Overview' }));
  const standard = await t.expectedFrom('default');

  /** Waits until the Overview has finished loading (its Apex call returned and the spinner is gone). */
  const waitForOverview = async (page) => {
    try {
      await t.waitForApexCall(page, 'CallCenterOverviewController.getOverview');
      await page.locator('lightning-spinner').first().waitFor({ state: 'detached', timeout: t.TIMEOUTS.action });
    } catch (error) {
      const { problems } = t.pageInfo(page);
      const why = problems.length ? `\n  ${problems.slice(0, 5).join('\n  ')}` : '';
      throw new Error(`the Overview did not finish loading (${t.firstLine(error.message)})${why}`);
    }
  };

  /** Checks the Overview table against the expected call centers; returns the table. */
  const assertOverviewTable = async (page, expected, columns) => {
    const tables = await t.readTables(page);
    const table = tables.find((tb) => tb.headers.includes('Call center'));
    if (!table)
      throw new Error(
        `No table with a "Call center" column (tables: ${JSON.stringify(tables.map((tb) => tb.headers))})`,
      );
    const index = (header) => {
      const i = table.headers.indexOf(header);
      if (i < 0)
        throw new Error(`The Overview table has no "${header}" column (columns: ${table.headers.join(' | ')})`);
      return i;
    };
    const nameColumn = index('Call center');
    if (table.rows.length !== expected.length) {
      throw new Error(`Expected ${expected.length} call center rows, found ${table.rows.length}`);
    }
    const mismatches = [];
    for (const cc of expected) {
      const row = table.rows.find((cells) => cells[nameColumn] === cc.name);
      if (!row) {
        mismatches.push(`no row for "${cc.name}"`);
        continue;
      }
      for (const [header, field] of columns) {
        const shown = t.parseCount(row[index(header)]);
        if (shown !== cc[field])
          mismatches.push(`${cc.name} / ${header}: shown "${row[index(header)]}", expected ${cc[field]}`);
      }
    }
    if (mismatches.length)
      throw new Error(`Overview numbers differ from the sample org:\n  ${mismatches.join('\n  ')}`);
    return table;
  };

  /** Checks that the section is shown: current in the navigation, and its content (or placeholder). */
  const assertSectionShown = async (page, section) => {
    await page
      .waitForFunction(
        (label) => {
          const deepAll = (selector, root = document, out = []) => {
            for (const element of root.querySelectorAll(selector)) out.push(element);
            for (const element of root.querySelectorAll('*'))
              if (element.shadowRoot) deepAll(selector, element.shadowRoot, out);
            return out;
          };
          return deepAll('a[aria-current="page"]').some((a) => a.textContent.trim() === label);
        },
        section.label,
        { timeout: t.TIMEOUTS.action },
      )
      .catch(() => {
        throw new Error(`"${section.label}" is not marked as the current page (aria-current="page") in the navigation`);
      });
    await t.navItem(page, section.label).waitFor({ state: 'visible' });
    if (section.label === 'Overview') {
      await waitForOverview(page);
      await assertOverviewTable(page, standard.callCenters, AGENT_COLUMNS);
      return;
    }
    if (section.built) {
      if (await page.getByText('This section is not built yet', { exact: false }).count()) {
        throw new Error(`the built "${section.label}" section still shows the placeholder`);
      }
    } else {
      await page
        .getByRole('heading', { name: section.label, exact: true })
        .waitFor({ state: 'visible' })
        .catch(() => {
          throw new Error(`no visible "${section.label}" heading after navigating to it`);
        });
      await page
        .getByText('This section is not built yet', { exact: false })
        .first()
        .waitFor({ state: 'visible' })
        .catch(() => {
          throw new Error(`the "${section.label}" section does not say that it is not built yet`);
        });
    }
    if (await page.getByRole('columnheader', { name: 'Call center' }).count()) {
      throw new Error(`the Overview table is still shown on "${section.label}"`);
    }
  };

  /** The focused element through shadow roots: its text and ARIA state. */
  const focused = (page) =>
    page.evaluate(() => {
      let element = document.activeElement;
      while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
      return element ? { tag: element.tagName.toLowerCase(), text: (element.textContent ?? '').trim() } : null;
    });

  /** Moves the focus with Tab (then Shift+Tab) until it is on the navigation link `label`. */
  const focusWithKeyboard = async (page, label) => {
    for (const key of ['Tab', 'Shift+Tab']) {
      for (let i = 0; i < 40; i++) {
        const current = await focused(page);
        if (current?.tag === 'a' && current.text === label) return i;
        await page.keyboard.press(key);
      }
    }
    throw new Error(`could not reach the "${label}" link with Tab / Shift+Tab`);
  };

  // One page of the standard sample org for the checks that only look at it or click through it.
  let standardPage;
  const onStandardPage = (fn) => async () => {
    if (!standardPage) throw new Error('the standard sample org page did not load (see the first check)');
    return fn(standardPage);
  };

  await t.check('app loads with no console errors, page errors or failed requests', async () => {
    const page = await t.openPage('');
    await waitForOverview(page);
    const { started, warnings } = t.pageInfo(page);
    const loadMs = Date.now() - started;
    await page.waitForTimeout(300); // let late errors and requests (icons, fonts) arrive
    t.assertNoProblems(page);
    standardPage = page;
    const info = await page.evaluate(() => globalThis.__ccusPreview);
    const warned = warnings.length
      ? `; ${warnings.length} console warning(s): ${warnings.slice(0, 3).join(' | ')}`
      : '';
    return `Overview ready ${loadMs} ms after navigation; sample org (${info.users} users, ${info.callCenterRoutingMaps} mappings) generated in ${Math.round(info.generationMs)} ms in the browser${warned}`;
  });

  await t.check(
    'preview banner is visible, outside the app and exposed as a note',
    onStandardPage(async (page) => {
      const banner = page.getByRole('note').filter({ hasText: BANNER_TEXT });
      await banner.waitFor({ state: 'visible' });
      if (await banner.evaluate((element) => element.closest('c-setup-app') !== null)) {
        throw new Error('the banner is inside the LWC tree');
      }
    }),
  );

  await t.check(
    'Overview shows every sample call center with its agent and mapping counts',
    onStandardPage(async (page) => {
      await assertOverviewTable(page, standard.callCenters, COUNT_COLUMNS);
      const totals = await t.readDefinitionLists(page);
      const sum = (field) => standard.callCenters.reduce((total, cc) => total + cc[field], 0);
      const expectedTotals = {
        'Call centers': standard.callCenters.length,
        Agents: sum('agentCount'),
        'Active agents': sum('activeAgentCount'),
        'Mapped agents': sum('mappedAgentCount'),
        'Active agents not mapped': sum('unmappedActiveAgentCount'),
      };
      const wrong = Object.entries(expectedTotals).filter(([label, value]) => t.parseCount(totals[label]) !== value);
      if (wrong.length) {
        throw new Error(
          `totals differ: ${wrong.map(([label, value]) => `${label}: shown "${totals[label]}", expected ${value}`).join('; ')}`,
        );
      }
      return `${standard.callCenters.length} call centers, ${expectedTotals.Agents} agents, ${expectedTotals['Active agents not mapped']} active agents not mapped`;
    }),
  );

  await t.check(
    'icons used by the app exist in SLDS',
    onStandardPage(async (page) => {
      const { used, blank } = await page.evaluate(() => {
        const deepAll = (selector, root = document, out = []) => {
          for (const element of root.querySelectorAll(selector)) out.push(element);
          for (const element of root.querySelectorAll('*'))
            if (element.shadowRoot) deepAll(selector, element.shadowRoot, out);
          return out;
        };
        // lightning-primitive-icon renders <use href=""> when its icon is not in the SLDS icon library.
        const icons = deepAll('lightning-primitive-icon');
        const isBlank = (icon) => {
          const use = (icon.shadowRoot ?? icon).querySelector('use');
          return Boolean(use) && !use.getAttribute('href') && !use.getAttribute('xlink:href');
        };
        const nameOf = (icon) => icon.iconName ?? icon.getRootNode().host?.getAttribute('icon-name') ?? '(unnamed)';
        return {
          used: [...new Set(icons.map(nameOf))],
          blank: [...new Set(icons.filter(isBlank).map(nameOf))],
        };
      });
      if (blank.length) {
        const version = JSON.parse(
          fs.readFileSync(path.join(t.ROOT, 'node_modules/@salesforce-ux/design-system/package.json'), 'utf8'),
        ).version;
        throw new Error(`icon(s) render blank, they are not in SLDS ${version}: ${blank.join(', ')}`);
      }
      return `icons: ${used.join(', ')}`;
    }),
  );

  await t.check(
    'axe: overview has no serious or critical violations',
    onStandardPage(async (page) => {
      const detail = await t.assertAccessible(page);
      return `${detail}; screenshot ${await t.screenshot(page, 'overview')}`;
    }),
  );

  for (const section of sections.filter((s) => !s.built)) {
    await t.check(
      `click navigation: "${section.label}" shows its section and says it is not built yet`,
      onStandardPage(async (page) => {
        await t.navItem(page, section.label).click();
        await assertSectionShown(page, section);
        const detail = await t.assertAccessible(page);
        return `axe: ${detail}; screenshot ${await t.screenshot(page, section.screen)}`;
      }),
    );
  }
  await standardPage?.close();

  await t.check('keyboard navigation (Tab, Enter) reaches every section and back to the Overview', async () => {
    const page = await t.openPage('');
    await waitForOverview(page);
    const presses = [];
    for (const section of [...sections.slice(1), sections[0]]) {
      presses.push(await focusWithKeyboard(page, section.label));
      await page.keyboard.press('Enter');
      await assertSectionShown(page, section).catch((error) => {
        throw new Error(`after Enter on "${section.label}": ${error.message}`);
      });
    }
    await page.close();
    return `Tab presses between sections: ${presses.join(', ')}`;
  });

  await t.check('empty org (?org=empty): the Overview says there are no call centers', async () => {
    const page = await t.openPage('?org=empty');
    await waitForOverview(page);
    await page.getByText('No call centers yet').waitFor({ state: 'visible' });
    const tables = await t.readTables(page);
    if (tables.some((tb) => tb.headers.includes('Call center')))
      throw new Error('a call center table is shown for an org without call centers');
    const detail = await t.assertAccessible(page);
    const shot = await t.screenshot(page, 'overview-empty-org');
    await page.close();
    return `axe: ${detail}; screenshot ${shot}`;
  });

  for (const [preset, screen, title] of [
    ['novoice', 'overview-no-voice', 'Service Cloud Voice is not enabled'],
    ['noaccess', 'overview-no-mapping-access', 'You cannot see telephony mappings'],
  ]) {
    await t.check(`?org=${preset}: agent counts shown, mapping counts replaced by the explanation`, async () => {
      const page = await t.openPage(`?org=${preset}`);
      const expected = await t.expectedFrom(preset);
      const { MAPPING_AVAILABILITY_MESSAGES } = await t.backendModule('overviewService.js');
      const message = MAPPING_AVAILABILITY_MESSAGES[expected.org.mappingAvailability];
      await waitForOverview(page);
      await page.getByText(title, { exact: false }).first().waitFor({ state: 'visible' });
      await page
        .getByText(message, { exact: true })
        .waitFor({ state: 'visible' })
        .catch(() => {
          throw new Error(`the explanation from the backend is not shown: "${message.slice(0, 80)}…"`);
        });
      const table = await assertOverviewTable(page, expected.callCenters, AGENT_COLUMNS);
      const mappingHeaders = COUNT_COLUMNS.slice(3)
        .map(([header]) => header)
        .filter((h) => table.headers.includes(h));
      if (mappingHeaders.length)
        throw new Error(`mapping columns are shown although mappings cannot be read: ${mappingHeaders.join(', ')}`);
      const detail = await t.assertAccessible(page);
      const shot = await t.screenshot(page, screen);
      await page.close();
      return `axe: ${detail}; screenshot ${shot}`;
    });
  }

  await t.check('a failing Apex call (?fail=...) shows a readable error', async () => {
    const page = await t.openPage('?fail=CallCenterOverviewController.getOverview');
    await waitForOverview(page);
    const alert = page
      .getByRole('alert')
      .filter({ hasText: 'Simulated failure of CallCenterOverviewController.getOverview' });
    await alert.waitFor({ state: 'visible' }).catch(() => {
      throw new Error('no visible alert with the Apex error message');
    });
    const detail = await t.assertAccessible(page);
    const shot = await t.screenshot(page, 'overview-load-error');
    await page.close();
    return `axe: ${detail}; screenshot ${shot}`;
  });
}
