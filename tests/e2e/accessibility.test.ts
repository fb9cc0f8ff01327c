import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtensionPage } from '../../scripts/lib/extension-page';
import { importSettingsThroughOptions } from '../../scripts/lib/import-settings';
import { type Harness, settingsFileOf, startHarness } from './support/harness';
import { REFRESH_BUTTON, refreshNow } from './support/popup';

/** Rule id, impact and the first offending elements: enough to find and fix each one. */
async function violations(page: ExtensionPage) {
  return (await page.axe()).map((violation) => ({
    rule: violation.id,
    impact: violation.impact,
    help: violation.help,
    nodes: violation.nodes.slice(0, 3).map((node) => node.target.join(' ')),
  }));
}

describe('axe finds no violations', () => {
  let h: Harness;
  let popup: ExtensionPage;
  let options: ExtensionPage;

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
      await popup.setColorScheme(scheme);
      await popup.waitFor(REFRESH_BUTTON);
      // Open one row's details so they are checked too.
      await popup.click({ css: '.account-head' });
      await h.screenshot(popup, `popup-${scheme}`);
      expect(await violations(popup)).toEqual([]);
      await popup.click({ css: '.account-head' });
    });

    it(`options page with the add-account form open, ${scheme}`, async () => {
      await options.setColorScheme(scheme);
      await options.click({ role: 'button', name: 'Add account' });
      await options.waitFor({ role: 'form', name: 'New account' });
      await h.screenshot(options, `options-${scheme}`);
      expect(await violations(options)).toEqual([]);
      await options.click({ role: 'button', name: 'Cancel' });
    });
  }
});
