import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtensionPage } from '../../scripts/lib/extension-page';
import { importSettingsThroughOptions } from '../../scripts/lib/import-settings';
import { readPopup } from '../../scripts/lib/read-popup';
import { type AccountEntry, fillAccountForm, NEW_ACCOUNT_FORM } from './support/account-form';
import { type Harness, IN_FIREFOX, startHarness } from './support/harness';
import { refreshNow } from './support/popup';

/** A provider's own host: a manifest host permission, granted at install. */
const PROVIDER_HOST = 'www.wixapis.com';
/** Any other https host: an optional host permission, asked for on Save. */
const CUSTOM_HOST = 'wallet.example.test';

interface PermissionsApi {
  permissions: {
    contains(permissions: { origins: string[] }): Promise<boolean>;
    remove(permissions: { origins: string[] }): Promise<boolean>;
  };
}

/** Whether the extension holds the host permission for `host`, asked in the page. */
function hasHost(page: ExtensionPage, host: string): Promise<boolean> {
  return page.evaluate(
    (origin) =>
      (globalThis as unknown as { browser: PermissionsApi }).browser.permissions.contains({
        origins: [origin],
      }),
    `https://${host}/*`,
  );
}

/** Switches the host off as a user does in about:addons (Permissions: the site's toggle). */
function revokeHost(page: ExtensionPage, host: string): Promise<boolean> {
  return page.evaluate(
    (origin) =>
      (globalThis as unknown as { browser: PermissionsApi }).browser.permissions.remove({
        origins: [origin],
      }),
    `https://${host}/*`,
  );
}

/** The account's status line in its options row ("Unreachable: no access to …"). */
function rowStatus(options: ExtensionPage, name: string): Promise<string> {
  return options.evaluate((accountName) => {
    const rows = [...document.querySelectorAll('li.account')];
    const row = rows.find((li) => li.querySelector('h3')?.textContent === accountName);
    return row?.querySelector('.status')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  }, name);
}

/**
 * Host access is per site in Firefox: a user can switch off any of them, provider sites too, and
 * optional hosts are granted through Firefox's prompt. Firefox only: Chromium refuses to remove a
 * manifest host permission ("You cannot remove required permissions"; its users withhold site
 * access in chrome://extensions, which no API reaches), and its prompt is a native dialog that
 * no driver can answer, where Firefox's is in the browser window that privileged code reaches.
 */
describe.skipIf(!IN_FIREFOX)('host permissions in Firefox', () => {
  let h: Harness;
  let options: ExtensionPage;
  let popup: ExtensionPage;
  const providerAccount = 'Member credits on wixapis.com';

  beforeAll(async () => {
    h = await startHarness({ suite: 'host-permissions' });
    options = await h.open('options.html');
    const file = h.sim.control.settingsFile();
    const wix = file.accounts.find((account) => account.provider === 'wix');
    if (!wix) throw new Error('demo data moved');
    const accounts = [{ ...wix, name: providerAccount, baseUrl: `https://${PROVIDER_HOST}` }];
    const text = JSON.stringify({ ...file, accounts });
    await importSettingsThroughOptions(options, { name: 'provider-host.json', text });
    popup = await h.open('popup.html');
  });
  afterAll(async () => h?.close());

  /** Firefox's own permission prompt, answered as the user clicks (never a test-only switch). */
  const answerPrompt = (answer: 'allow' | 'deny') => {
    if (!h.ext.answerPermissionPrompt) throw new Error('this browser cannot answer its prompt');
    return h.ext.answerPermissionPrompt(answer);
  };

  it('grants the provider hosts at install, and the user can switch one off', async () => {
    expect(await hasHost(options, PROVIDER_HOST)).toBe(true);
    expect(await revokeHost(options, PROVIDER_HOST)).toBe(true);
    expect(await hasHost(options, PROVIDER_HOST)).toBe(false);
  });

  // Issue 13 item 9: the manifest's hosts are checked too, not assumed granted.
  it('a switched-off provider host shows "no access" and Grant access, not a network error', async () => {
    await options.waitFor(
      { role: 'button', name: `Grant access to ${PROVIDER_HOST}` },
      { timeoutMs: 5_000 },
    );
    expect(await rowStatus(options, providerAccount)).toBe(
      `Unreachable: no access to ${PROVIDER_HOST}`,
    );
    await refreshNow(popup);
    const row = (await readPopup(popup)).accounts.find((a) => a.name === providerAccount);
    expect(row?.error).toMatch(/^Access not granted/);

    // Grant access asks Firefox again; allowed, the site is on and the button goes.
    await options.click({ role: 'button', name: `Grant access to ${PROVIDER_HOST}` });
    expect(await answerPrompt('allow')).toContain(PROVIDER_HOST);
    await options.waitFor({ role: 'status', text: `Access to ${PROVIDER_HOST} granted` });
    expect(await hasHost(options, PROVIDER_HOST)).toBe(true);
    await expect
      .poll(() => options.count({ role: 'button', name: `Grant access to ${PROVIDER_HOST}` }))
      .toBe(0);
  });

  const customAccount: AccountEntry = {
    simId: 'wix-gold',
    provider: 'Wix Benefit Programs',
    name: 'Wix on a custom host',
    fields: { 'API key': 'FAKE-key', 'Site id': 'site-1', 'Pool id': 'pool-1' },
  };
  const grant = { role: 'button', name: `Grant access to ${CUSTOM_HOST}` } as const;

  it('Save asks for a custom host; denied, the account is saved and offers Grant access', async () => {
    await options.click({ role: 'button', name: 'Add account' });
    await fillAccountForm(options, customAccount, `https://${CUSTOM_HOST}`);
    await options.click({ role: 'button', name: 'Save', within: NEW_ACCOUNT_FORM });

    expect(await answerPrompt('deny')).toContain(CUSTOM_HOST);
    await options.waitFor({
      role: 'status',
      text: `Saved. Balance Watch has no access to ${CUSTOM_HOST} yet`,
    });
    expect(await hasHost(options, CUSTOM_HOST)).toBe(false);
    await options.waitFor(grant);
    expect(await rowStatus(options, customAccount.name)).toBe(
      `Unreachable: no access to ${CUSTOM_HOST}`,
    );
    await h.screenshot(options, 'custom-host-denied');
  });

  it('Grant access asks again; allowed, it is gone until the user switches the host off', async () => {
    await options.click(grant);
    expect(await answerPrompt('allow')).toContain(CUSTOM_HOST);
    await options.waitFor({ role: 'status', text: `Access to ${CUSTOM_HOST} granted` });
    expect(await hasHost(options, CUSTOM_HOST)).toBe(true);
    await expect.poll(() => options.count(grant)).toBe(0);
    expect(await rowStatus(options, customAccount.name)).not.toContain('no access');

    expect(await revokeHost(options, CUSTOM_HOST)).toBe(true);
    await options.waitFor(grant);
    expect(await rowStatus(options, customAccount.name)).toBe(
      `Unreachable: no access to ${CUSTOM_HOST}`,
    );
  });
});
