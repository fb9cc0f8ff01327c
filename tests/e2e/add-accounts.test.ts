import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtensionPage } from '../../scripts/lib/extension-page';
import { readPopup } from '../../scripts/lib/read-popup';
import {
  type AccountEntry,
  fillAccountForm,
  NEW_ACCOUNT_FORM,
  oneOfEachProvider,
} from './support/account-form';
import { expectedAccounts } from './support/expected';
import { type Harness, startHarness } from './support/harness';

describe('adding one account of each provider through the form', () => {
  let h: Harness;
  let options: ExtensionPage;
  let popup: ExtensionPage;

  beforeAll(async () => {
    h = await startHarness({ suite: 'add-accounts' });
    options = await h.open('options.html');
    popup = await h.open('popup.html');
  });
  afterAll(async () => h?.close());

  const entries = (): AccountEntry[] => oneOfEachProvider(h.sim);

  it.each(['Xoxoday Plum', 'Capillary', 'Wix Benefit Programs', 'OnlineSales.ai'])(
    '%s: Test connection shows the balance, Save adds it, the popup shows it',
    async (provider) => {
      const entry = entries().find((e) => e.provider === provider);
      if (!entry) throw new Error(`no entry for ${provider}`);
      const [expected] = expectedAccounts(h.sim, [entry.simId]);
      if (!expected) throw new Error(`no simulator account ${entry.simId}`);

      await options.bringToFront();
      await options.click({ role: 'button', name: 'Add account' });
      await fillAccountForm(options, entry, h.sim.url);
      const form = NEW_ACCOUNT_FORM;

      await options.click({ role: 'button', name: 'Test connection', within: form });
      await options.waitFor({
        role: 'status',
        text: `Connection works. Balance: ${expected.amount}`,
        within: form,
      });
      await h.screenshot(options, `test-connection-${entry.simId}`);

      await options.click({ role: 'button', name: 'Save', within: form });
      await options.waitFor({ role: 'status', text: `Saved ${entry.name}` });
      await options.waitFor({ role: 'heading', name: entry.name });
      expect(await options.count(form)).toBe(0);

      // The background checks a new account at once; the open popup follows storage.
      await expect
        .poll(async () => (await readPopup(popup)).accounts.find((a) => a.name === entry.name))
        .toMatchObject({ provider, amount: expected.amount, error: null });
    },
  );

  it('the popup lists all four', async () => {
    const names = (await readPopup(popup)).accounts.map((account) => account.name).sort();
    expect(names).toEqual(
      entries()
        .map((entry) => entry.name)
        .sort(),
    );
    await h.screenshot(popup, 'popup-four-providers');
  });
});
