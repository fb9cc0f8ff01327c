// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsPage } from '@/components/options/OptionsPage';
import { formatWhen } from '@/components/options/settings-text';
import { sendMessage } from '@/lib/messages';
import { DEFAULT_SETTINGS } from '@/lib/state';
import { account, installBrowserStubs, startEngine } from './harness';

/**
 * The options page's notice of damaged stored values, against the real background handlers over
 * fakeBrowser: the background's validated read sets a value aside, the page lists it (what, when,
 * why), Copy puts the value as stored on the clipboard, Dismiss deletes the list.
 */

/** When the background sets the value aside (lib/storage/guard.ts stamps it with Date.now). */
const SET_ASIDE_AT = Date.UTC(2025, 2, 4, 10, 0);

const good = account({ id: 'a1', name: 'Ads US' });
/** Stored by an older or broken build: a provider this version does not know. */
const damaged = { ...account({ id: 'a2', name: 'Old wallet' }), provider: 'acme' };

let stopEngine: () => void = () => {};

beforeEach(() => {
  fakeBrowser.reset();
  installBrowserStubs();
  stopEngine = startEngine().stop;
});

afterEach(() => {
  cleanup();
  stopEngine();
  vi.useRealTimers();
});

async function openPage() {
  render(<OptionsPage />);
  await screen.findByRole('heading', { name: 'Accounts' });
}

const NOTICE = { name: 'Damaged data set aside' };
const noticeRegion = () => screen.queryByRole('region', NOTICE);
const findNotice = () => screen.findByRole('region', NOTICE);

async function announced(text: string) {
  await waitFor(() => expect(screen.getByRole('status').textContent).toBe(text));
}

describe('damaged data set aside', () => {
  it('shows what the background set aside, with when and why, as soon as it happens', async () => {
    // A setting of a build that knew another badge mode, set aside before the page opened.
    await fakeBrowser.storage.local.set({
      accounts: [good, damaged],
      settings: { ...DEFAULT_SETTINGS, badge: 'sometimes' },
    });
    await sendMessage('saveSettings', {});
    await openPage();
    const region = await findNotice();
    const shown = () =>
      within(region)
        .getAllByRole('heading', { level: 3 })
        .map((heading) => heading.textContent);
    expect(shown()).toEqual(['Settings: Toolbar badge']);

    // Any read of the accounts by the background checks them; a command's does too.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(SET_ASIDE_AT);
    await sendMessage('setAccountEnabled', { id: 'a1', enabled: true });
    vi.useRealTimers();

    await waitFor(() => expect(shown()).toEqual(['Settings: Toolbar badge', 'Accounts, entry 2']));
    const item = screen.getByRole('heading', { name: 'Accounts, entry 2' })
      .parentElement as HTMLElement;
    expect(within(item).getByText(`Set aside ${formatWhen(SET_ASIDE_AT)}`)).toBeTruthy();
    const why = Array.from(item.querySelectorAll('li'), (issue) => issue.textContent);
    expect(why).toEqual([expect.stringMatching(/^provider: /)]);
    // The page never holds the value itself, only the words for it.
    expect(region.textContent).not.toContain('Old wallet');
    // The good account stays on the page; the damaged one is gone from the store.
    expect(screen.getByText('Ads US')).toBeTruthy();
  });

  it('copies the value exactly as it was stored, and warns that it may hold secrets', async () => {
    await fakeBrowser.storage.local.set({
      accounts: [good],
      secrets: { a1: 'sk-live-not-an-object' },
    });
    await sendMessage('getMaskedCredentials', { id: 'a1' });
    await openPage();

    const region = await findNotice();
    const copy = within(region).getByRole('button', { name: 'Copy Saved sign-in of Ads US' });
    const warning = document.getElementById(copy.getAttribute('aria-describedby') ?? '');
    expect(warning?.textContent).toBe(
      'A copy may hold passwords or API keys: paste it only where you would type them.',
    );
    expect(region.textContent).not.toContain('sk-live');

    fireEvent.click(copy);
    await announced('Copied to the clipboard');
    expect(await navigator.clipboard.readText()).toBe('"sk-live-not-an-object"');
    expect(document.body.textContent).not.toContain('sk-live');
  });

  it('copies a whole damaged account as JSON', async () => {
    await fakeBrowser.storage.local.set({ accounts: [good, damaged] });
    await sendMessage('setAccountEnabled', { id: 'a1', enabled: true });
    await openPage();

    fireEvent.click(await screen.findByRole('button', { name: 'Copy Accounts, entry 2' }));
    await announced('Copied to the clipboard');
    expect(JSON.parse(await navigator.clipboard.readText())).toEqual(damaged);
  });

  it('Dismiss deletes the list, says so and leaves the keyboard on the page heading', async () => {
    await fakeBrowser.storage.local.set({ accounts: [good, damaged] });
    await sendMessage('setAccountEnabled', { id: 'a1', enabled: true });
    await openPage();

    const region = await findNotice();
    const dismiss = within(region).getByRole('button', { name: 'Dismiss' });
    dismiss.focus();
    fireEvent.click(dismiss);

    await announced('Set-aside values deleted');
    await waitFor(() => expect(noticeRegion()).toBeNull());
    expect(await sendMessage('listQuarantine')).toEqual({ notices: [] });
    expect(document.activeElement?.textContent).toBe('Balance Watch settings');
  });

  it('says so when the value was deleted since the list was shown', async () => {
    await fakeBrowser.storage.local.set({ accounts: [good, damaged] });
    await sendMessage('setAccountEnabled', { id: 'a1', enabled: true });
    await openPage();
    const copy = await screen.findByRole('button', { name: 'Copy Accounts, entry 2' });

    await sendMessage('dismissQuarantine');
    fireEvent.click(copy);

    await announced('That value is no longer set aside');
    await waitFor(() => expect(noticeRegion()).toBeNull());
  });
});
