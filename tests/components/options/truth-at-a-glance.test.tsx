// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { AccountDraft } from '@/lib/messages';
import type { Snapshots } from '@/lib/state';
import { snapshotsItem } from '@/lib/storage/items';
import { account, seedStores, type startEngine } from './harness';
import { optionsPageTests } from './page';

/**
 * Issue 14 on the options page: the form says what is wrong and how to fix it, opens where a link
 * points, closes with Escape; rows say the popup's words, their threshold, and what fixes a
 * failure; Capillary asks for one sign-in; Wix pools can be told apart.
 */

const MINUTE = 60_000;
const openOptions = optionsPageTests('Accounts');
const openPage = (engine: Parameters<typeof startEngine>[0] = {}) => openOptions({ engine });

function type(input: HTMLElement, value: string) {
  fireEvent.input(input, { target: { value } });
}

function description(input: HTMLElement): string {
  return (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' | ');
}

async function newForm() {
  fireEvent.click(screen.getByRole('button', { name: 'Add account' }));
  return screen.findByRole('form', { name: 'New account' });
}

describe('the account form', () => {
  it('takes focus when Add account opens it, hides "No accounts yet", and closes with Escape', async () => {
    await openPage();
    expect(screen.getByText(/^No accounts yet/)).toBeTruthy();
    const form = await newForm();
    await waitFor(() =>
      expect(document.activeElement).toBe(within(form).getByLabelText(/^Provider/)),
    );
    expect(screen.queryByText(/^No accounts yet/)).toBeNull();

    fireEvent.keyDown(within(form).getByLabelText(/^Name/), { key: 'Escape' });
    expect(screen.queryByRole('form', { name: 'New account' })).toBeNull();
    expect(screen.getByText(/^No accounts yet/)).toBeTruthy();
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Add account' })),
    );
  });

  it('opens itself for #new, as the popup’s Add account asks', async () => {
    location.hash = '#new';
    await openPage();
    expect(await screen.findByRole('form', { name: 'New account' })).toBeTruthy();
  });

  it('says what is wrong with a threshold, a name and a base URL', async () => {
    await openPage();
    const form = within(await newForm());
    fireEvent.change(form.getByLabelText(/^Provider/), { target: { value: 'onlinesales' } });
    const threshold = form.getByLabelText(/^Low threshold/);
    const name = form.getByLabelText(/^Name/);
    const save = () => fireEvent.click(form.getByRole('button', { name: 'Save' }));

    type(threshold, '-5');
    type(name, 'x'.repeat(527));
    fireEvent.change(form.getByLabelText(/^Base URL/), { target: { value: 'custom' } });
    type(form.getByLabelText(/^Custom base URL/), 'https://api.exa mple.com/os');
    save();
    expect(description(threshold)).toContain('The threshold must be 0 or more');
    expect(description(name)).toContain('Use at most 80 characters (this name has 527)');
    expect(description(form.getByLabelText(/^Custom base URL/))).toContain(
      'A web address has no spaces',
    );

    type(threshold, '1,5');
    save();
    expect(description(threshold)).toContain('Use a dot for decimals, such as 1.5');
    type(threshold, 'lots');
    save();
    expect(description(threshold)).toContain('Enter the threshold as a number');
  });

  it('asks Capillary for one sign-in and shows only that pair', async () => {
    const saveAccount = vi.fn(async (draft: AccountDraft) => ({
      ok: true as const,
      account: { ...account({ id: 'c1' }), ...draft, provider: 'capillary' as const },
    }));
    await openPage({ saveAccount: saveAccount as never });
    const form = within(await newForm());
    fireEvent.change(form.getByLabelText(/^Provider/), { target: { value: 'capillary' } });
    const method = within(form.getByRole('group', { name: 'Sign in with' }));
    expect(method.getAllByRole('radio').map((r) => r.nextElementSibling?.textContent)).toEqual([
      'API user and password',
      'OAuth client',
    ]);
    expect(form.getByLabelText(/^API user name/)).toBeTruthy();
    expect(form.queryByLabelText(/^OAuth client key/)).toBeNull();

    type(form.getByLabelText(/^API user name/), 'typed-before-switching');
    fireEvent.click(method.getByLabelText('OAuth client'));
    expect(form.queryByLabelText(/^API user name/)).toBeNull();
    type(form.getByLabelText(/^Name/), 'Loyalty');
    type(form.getByLabelText(/^OAuth client key/), 'key-1');
    type(form.getByLabelText(/^OAuth client secret/), 'secret-1');
    type(form.getByLabelText(/^Customer user id/), '4455');
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(saveAccount).toHaveBeenCalledOnce());
    // Only the chosen pair goes out: the user name typed before switching does not.
    expect(saveAccount.mock.calls[0]?.[0].credentials).toEqual({
      clientKey: 'key-1',
      clientSecret: 'secret-1',
    });
  });
});

describe('an options row', () => {
  async function seedFailing(snapshots: Snapshots) {
    await snapshotsItem.setValue(snapshots);
  }

  it('says what the popup says: low and failing together, the when line, the threshold', async () => {
    const now = Date.now();
    await seedStores({
      accounts: [account({ id: 'a1', name: 'Ads wallet', lowThreshold: '100' })],
      secrets: {},
    });
    await seedFailing({
      a1: {
        reading: { primary: { value: '80', unit: 'USD' }, details: [], warnings: [] },
        readingAt: now - 2 * 60 * MINUTE,
        lastAttemptAt: now - MINUTE,
        error: { kind: 'timeout', message: '' },
        nextAttemptAt: now + 10 * MINUTE,
        failures: 2,
        lowNotified: true,
        authNotified: false,
      },
    });
    await openPage();
    const row = within(document.getElementById('account-a1') as HTMLElement);
    expect(row.getByText('Low · Timed out')).toBeTruthy();
    expect(row.getByText(/Last good 2 h ago · last try .+ failed · next try /)).toBeTruthy();
    expect(row.getByText('$100.00')).toBeTruthy();
    expect(row.getByText(/^OnlineSales\.ai took too long to answer\./).textContent).toContain(
      'Balance Watch tries again by itself',
    );
    // Nothing in Settings fixes a timeout.
    expect(row.queryByRole('button', { name: 'Fix Ads wallet' })).toBeNull();
  });

  it('says a snooze as the popup does: until topped up, or until a time', async () => {
    const now = Date.now();
    await seedStores({
      accounts: [
        account({ id: 'a1', name: 'Ads wallet', lowThreshold: '100' }),
        account({ id: 'a2', name: 'Gift pool', lowThreshold: '100' }),
      ],
      secrets: {},
    });
    const low = {
      reading: { primary: { value: '80', unit: 'USD' }, details: [], warnings: [] },
      readingAt: now - MINUTE,
      lastAttemptAt: now - MINUTE,
      error: null,
      nextAttemptAt: null,
      failures: 0,
      lowNotified: true,
      authNotified: false,
    };
    await seedFailing({
      a1: { ...low, snooze: { at: now - MINUTE, until: null, from: '80' } },
      a2: { ...low, snooze: { at: now - MINUTE, until: now + 60 * MINUTE, from: '80' } },
    });
    await openPage();
    const first = within(document.getElementById('account-a1') as HTMLElement);
    expect(first.getByText('Snoozed until topped up')).toBeTruthy();
    const second = within(document.getElementById('account-a2') as HTMLElement);
    expect(second.getByText(/^Snoozed until \d{1,2}:\d{2}/)).toBeTruthy();
  });

  it('offers Fix for what Settings can fix, opening the form at that field', async () => {
    await seedStores({
      accounts: [
        account({
          id: 'a1',
          name: 'Proxy wallet',
          baseUrl: 'https://proxy.example.com/os-typo',
          lowThreshold: null,
        }),
      ],
      secrets: {},
      settings: { defaultLowThreshold: '50' },
    });
    await seedFailing({
      a1: {
        reading: null,
        readingAt: null,
        lastAttemptAt: Date.now(),
        error: {
          kind: 'not-found',
          message: 'The provider does not know this account (HTTP 404)',
          status: 404,
        },
        nextAttemptAt: null,
        failures: 1,
        lowNotified: false,
        authNotified: false,
      },
    });
    await openPage();
    const row = within(document.getElementById('account-a1') as HTMLElement);
    expect(row.getByText('50 (default)')).toBeTruthy();
    // A 404 from a custom URL points at the URL, not at ids.
    expect(row.getByText(/The custom base URL probably has a mistake in its path/)).toBeTruthy();
    fireEvent.click(row.getByRole('button', { name: 'Fix Proxy wallet' }));
    const form = await screen.findByRole('form', { name: 'Edit Proxy wallet' });
    await waitFor(() =>
      expect(document.activeElement).toBe(within(form).getByLabelText(/^Custom base URL/)),
    );
  });

  it('brings its own tab forward when a link changes its address', async () => {
    await seedStores({ accounts: [account({ id: 'a2', name: 'Brand wallet' })], secrets: {} });
    await openPage();
    vi.spyOn(fakeBrowser.tabs, 'getCurrent').mockResolvedValue({ id: 7, windowId: 2 } as never);
    const activate = vi.spyOn(fakeBrowser.tabs, 'update').mockResolvedValue({} as never);
    const raise = vi.spyOn(fakeBrowser.windows, 'update').mockResolvedValue({} as never);
    // The page listens once its effects have run, a frame after the first paint.
    await new Promise((resolve) => setTimeout(resolve, 50));
    location.hash = '#account=a2&field=params.merchantId';
    await screen.findByRole('form', { name: 'Edit Brand wallet' });
    await waitFor(() => expect(activate).toHaveBeenCalledWith(7, { active: true }));
    expect(raise).toHaveBeenCalledWith(2, { focused: true });
  });

  it('opens the form at the field a link names', async () => {
    await seedStores({ accounts: [account({ id: 'a2', name: 'Brand wallet' })], secrets: {} });
    location.hash = '#account=a2&field=params.merchantId';
    await openPage();
    const form = await screen.findByRole('form', { name: 'Edit Brand wallet' });
    await waitFor(() =>
      expect(document.activeElement).toBe(within(form).getByLabelText(/^Merchant id/)),
    );
  });

  it('cuts a long name to one line and keeps it whole on hover', async () => {
    const long = 'A very long account name '.repeat(20).trim();
    await seedStores({ accounts: [account({ id: 'a1', name: long })], secrets: {} });
    await openPage();
    const heading = screen.getByRole('heading', { name: long });
    expect(heading.getAttribute('title')).toBe(long);
    expect(heading.className).toBe('account-name');
  });
});

describe('Wix pools', () => {
  it('tells look-alike pools apart, and the hint goes once they are found', async () => {
    const target = (id: string, program: string, status: string, reserved: string) => ({
      id,
      label: 'Member 5b7c1f0e',
      params: { poolId: id },
      available: '150.755',
      beneficiary: 'Member 5b7c1f0e',
      program,
      status,
      reserved,
    });
    await openPage({
      async discoverTargets() {
        return {
          ok: true,
          targets: [
            target('09010c62-aaaa', '7d1e5a90-0000', 'ACTIVE', '20'),
            target('1c2d3e4f-bbbb', '8e2f6b01-0000', 'PAUSED', '0'),
          ],
        };
      },
    });
    const form = within(await newForm());
    fireEvent.change(form.getByLabelText(/^Provider/), { target: { value: 'wix' } });
    type(form.getByLabelText(/^API key/), 'wix-key');
    type(form.getByLabelText(/^Site id/), 'site-1');
    expect(form.getByText(/^Fill in the API key and the site id/)).toBeTruthy();
    fireEvent.click(form.getByRole('button', { name: 'Find pools' }));
    const pools = within(await form.findByRole('group', { name: 'Pools on this site' }));
    expect(form.queryByText(/^Fill in the API key and the site id/)).toBeNull();
    const facts = pools.getAllByRole('checkbox').map((box) => description(box));
    expect(facts).toEqual([
      'Program 7d1e5a90 · Active · 20 credits reserved · Pool 09010c62',
      'Program 8e2f6b01 · Status: paused · 0 credits reserved · Pool 1c2d3e4f',
    ]);
    // At most 2 decimals shown for credits, like everywhere else.
    expect(pools.getAllByText(/150\.76 credits available/)).toHaveLength(2);
    expect(form.getByRole('button', { name: 'Find pools again' })).toBeTruthy();
  });
});
