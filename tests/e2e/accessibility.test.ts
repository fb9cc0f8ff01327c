import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSettingsThroughOptions } from '../../scripts/lib/import-settings';
import { type Harness, settingsFileOf, startHarness } from './support/harness';
import { refreshNow } from './support/popup';

/** Rule id, impact and the first offending elements: enough to find and fix each one. */
async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact,
    help: violation.help,
    nodes: violation.nodes.slice(0, 3).map((node) => node.target.join(' ')),
  }));
}

describe('axe finds no violations', () => {
  let h: Harness;
  let popup: Page;
  let options: Page;

  beforeAll(async () => {
    h = await startHarness({ suite: 'accessibility' });
    // Realistic pages: every account kind of row, with a low one, a stale one and an error.
    options = await h.open('options.html');
    await importSettingsThroughOptions(options, settingsFileOf(h.sim));
    popup = await h.open('popup.html');
    await refreshNow(popup);
    h.sim.control.setFault({ account: 'wix-gold' }, { type: 'unauthorized' });
    await refreshNow(popup);
    h.sim.control.setFault({ account: 'wix-gold' }, null);
  });
  afterAll(async () => h?.close());

  for (const scheme of ['light', 'dark'] as const) {
    it(`popup, ${scheme}`, async () => {
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.getByRole('button', { name: 'Refresh now' }).waitFor();
      // Open one row's details so they are checked too.
      await popup.locator('.account-head').first().click();
      await h.screenshot(popup, `popup-${scheme}`);
      expect(await violations(popup)).toEqual([]);
      await popup.locator('.account-head').first().click();
    });

    it(`options page with the add-account form open, ${scheme}`, async () => {
      await options.emulateMedia({ colorScheme: scheme });
      await options.getByRole('button', { name: 'Add account' }).click();
      await options.getByRole('form', { name: 'New account' }).waitFor();
      await h.screenshot(options, `options-${scheme}`);
      expect(await violations(options)).toEqual([]);
      await options.getByRole('button', { name: 'Cancel' }).click();
    });
  }
});
