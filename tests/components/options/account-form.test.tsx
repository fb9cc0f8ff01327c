// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsPage } from '@/components/options/OptionsPage';
import type { AccountDraft } from '@/lib/messages';
import { accountsItem, secretsItem } from '@/lib/storage/items';
import { account, installBrowserStubs, seedStores, startEngine } from './harness';

let stopEngine: () => void = () => {};

beforeEach(() => {
  fakeBrowser.reset();
});

afterEach(() => {
  cleanup();
  stopEngine();
  location.hash = '';
});

async function openPage(engine: Parameters<typeof startEngine>[0] = {}) {
  const engineHandle = startEngine(engine);
  stopEngine = engineHandle.stop;
  render(<OptionsPage />);
  await screen.findByRole('heading', { name: 'Accounts' });
  return engineHandle;
}

async function openNewForm() {
  fireEvent.click(screen.getByRole('button', { name: 'Add account' }));
  return within(await screen.findByRole('form', { name: 'New account' }));
}

function type(input: HTMLElement, value: string) {
  fireEvent.input(input, { target: { value } });
}

/** The text an input's aria-describedby points at, as a screen reader reads it after the label. */
function description(input: HTMLElement): string {
  return (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' | ');
}

async function fillOnlineSales(form: ReturnType<typeof within>, name = 'Ads wallet') {
  fireEvent.change(form.getByLabelText(/^Provider/), { target: { value: 'onlinesales' } });
  type(form.getByLabelText(/^Name/), name);
  type(form.getByLabelText(/^App token/), 'os-token');
  type(form.getByLabelText(/^Merchant id/), 'TOQ-15126');
  type(form.getByLabelText(/^Marketplace client id/), '110600');
}

describe('account form', () => {
  it('shows the chosen provider’s fields and swaps them when the provider changes', async () => {
    installBrowserStubs();
    await openPage();
    const form = await openNewForm();
    // Xoxoday first: its token and the optional renewal fields.
    expect(form.getByLabelText('Access token (required)')).toBeTruthy();
    expect(form.getByLabelText(/^Refresh token/)).toBeTruthy();
    expect(form.getByLabelText(/^Client id/)).toBeTruthy();
    expect(form.getByLabelText(/^Access token expires/)).toHaveProperty('type', 'datetime-local');
    expect(form.getByRole('option', { name: /^Sandbox \(https:\/\/stagingstores/ })).toBeTruthy();

    fireEvent.change(form.getByLabelText(/^Provider/), { target: { value: 'onlinesales' } });
    expect(form.queryAllByLabelText(/^Access token/)).toEqual([]);
    expect(form.getByLabelText(/^App token/)).toBeTruthy();
    expect(form.getByLabelText(/^Merchant type/)).toBeTruthy();
    expect(form.getByRole('option', { name: /services\.onlinesales\.ai/ })).toBeTruthy();

    fireEvent.change(form.getByLabelText(/^Provider/), { target: { value: 'capillary' } });
    expect(form.queryByLabelText(/^App token/)).toBeNull();
    expect(form.getByLabelText(/^Customer user id/)).toBeTruthy();
    // Capillary counts points: the threshold is typed in points.
    expect(form.getByLabelText(/^Low threshold \(in points\)/)).toBeTruthy();
  });

  it('marks required fields and explains where each value comes from', async () => {
    installBrowserStubs();
    await openPage();
    const form = await openNewForm();
    fireEvent.change(form.getByLabelText(/^Provider/), { target: { value: 'wix' } });
    const apiKey = form.getByLabelText('API key (required)');
    expect(apiKey.getAttribute('aria-required')).toBe('true');
    expect(description(apiKey)).toContain('Wix account dashboard');
  });

  it('shows each validation message next to its field and saves nothing', async () => {
    installBrowserStubs();
    await openPage();
    const form = await openNewForm();
    fireEvent.change(form.getByLabelText(/^Provider/), { target: { value: 'onlinesales' } });
    type(form.getByLabelText(/^Low threshold/), '12,5');
    fireEvent.click(form.getByRole('button', { name: 'Save' }));

    const name = form.getByLabelText(/^Name/);
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(description(name)).toContain('Enter a name for this account');
    const token = form.getByLabelText(/^App token/);
    expect(token.getAttribute('aria-invalid')).toBe('true');
    expect(description(token)).toContain('Enter the app token');
    const client = form.getByLabelText(/^Marketplace client id/);
    expect(description(client)).toContain('Enter the marketplace client id (a whole number)');
    const threshold = form.getByLabelText(/^Low threshold/);
    // Issue 14: a decimal comma gets the hint that fixes it.
    expect(description(threshold)).toContain('Use a dot for decimals, such as 1.5');
    // Valid fields are not flagged.
    expect(form.getByLabelText(/^Merchant type/).getAttribute('aria-invalid')).toBeNull();
    expect(form.getByRole('alert').textContent).toContain('Some fields need attention');
    await waitFor(() => expect(document.activeElement).toBe(name));
    expect(await accountsItem.getValue()).toEqual([]);

    type(name, 'Ads wallet');
    type(token, 'os-token');
    type(form.getByLabelText(/^Merchant id/), 'TOQ-1');
    type(client, 'abc');
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    expect(name.getAttribute('aria-invalid')).toBeNull();
    expect(client.getAttribute('aria-invalid')).toBe('true');
  });

  it('keeps secrets in password inputs with Show and Hide', async () => {
    installBrowserStubs();
    await openPage();
    const form = await openNewForm();
    const token = form.getByLabelText(/^Access token \(required\)/);
    expect(token).toHaveProperty('type', 'password');
    expect(form.getByLabelText(/^Client secret/)).toHaveProperty('type', 'password');
    // A non-secret is plain text.
    expect(form.getByLabelText(/^Client id/)).toHaveProperty('type', 'text');

    fireEvent.click(form.getByRole('button', { name: 'Show Access token' }));
    expect(token).toHaveProperty('type', 'text');
    fireEvent.click(form.getByRole('button', { name: 'Hide Access token' }));
    expect(token).toHaveProperty('type', 'password');
  });

  it('saves a new account with its credentials apart, and lists it', async () => {
    installBrowserStubs();
    const engine = await openPage();
    const form = await openNewForm();
    await fillOnlineSales(form);
    type(form.getByLabelText(/^Low threshold/), '1,000.50');
    fireEvent.click(form.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.getByText('Saved Ads wallet')).toBeTruthy());
    const [saved] = await accountsItem.getValue();
    expect(saved).toMatchObject({
      provider: 'onlinesales',
      name: 'Ads wallet',
      baseUrl: 'https://services.onlinesales.ai',
      lowThreshold: '1000.5',
      params: { merchantId: 'TOQ-15126', merchantType: 'seller', marketplaceClientId: 110600 },
    });
    expect(saved?.params).not.toHaveProperty('token');
    expect(await secretsItem.getValue()).toEqual({ [saved?.id ?? '']: { token: 'os-token' } });
    expect(screen.queryByRole('form', { name: 'New account' })).toBeNull();
    const row = screen.getByRole('heading', { name: 'Ads wallet', level: 3 }).closest('li');
    expect(row?.textContent).toContain('OnlineSales.ai');
    expect(row?.textContent).toContain('Not checked yet');
    expect(engine.refresh).toHaveBeenCalledWith(
      expect.objectContaining({ accountIds: [saved?.id] }),
    );
  });

  it('on edit shows stored secrets as saved and keeps them unless typed again', async () => {
    installBrowserStubs();
    await seedStores({
      accounts: [account({ id: 'a1' })],
      secrets: { a1: { token: 'stored-token' } },
    });
    await openPage();
    fireEvent.click(screen.getByRole('button', { name: 'Edit Ads wallet' }));
    const form = within(await screen.findByRole('form', { name: 'Edit Ads wallet' }));
    const token = form.getByLabelText(/^App token/);
    await waitFor(() => expect(description(token)).toContain('A value is saved'));
    expect((token as HTMLInputElement).value).toBe('');
    expect(token.getAttribute('placeholder')).toBe('Saved');
    expect((form.getByLabelText(/^Merchant id/) as HTMLInputElement).value).toBe('TOQ-15126');

    type(form.getByLabelText(/^Name/), 'Ads wallet EU');
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    await waitFor(async () =>
      expect((await accountsItem.getValue())[0]?.name).toBe('Ads wallet EU'),
    );
    expect(await secretsItem.getValue()).toEqual({ a1: { token: 'stored-token' } });
  });

  it('on edit asks for the secret again when the base URL moves to another host', async () => {
    installBrowserStubs({ grant: true });
    await seedStores({
      accounts: [account({ id: 'a1' })],
      secrets: { a1: { token: 'stored-token' } },
    });
    await openPage();
    fireEvent.click(screen.getByRole('button', { name: 'Edit Ads wallet' }));
    const form = within(await screen.findByRole('form', { name: 'Edit Ads wallet' }));
    const token = form.getByLabelText(/^App token/);
    await waitFor(() => expect(description(token)).toContain('A value is saved'));

    fireEvent.change(form.getByLabelText(/^Base URL/), { target: { value: 'custom' } });
    type(form.getByLabelText(/^Custom base URL/), 'https://proxy.example.com/os');
    expect(description(token)).not.toContain('A value is saved');
    fireEvent.click(form.getByRole('button', { name: 'Save' }));

    expect(token.getAttribute('aria-invalid')).toBe('true');
    expect(description(token)).toContain('Enter the app token');
    expect((await accountsItem.getValue())[0]?.baseUrl).toBe('https://services.onlinesales.ai');
  });

  it('tests the connection with the unsaved values and shows the reading', async () => {
    installBrowserStubs();
    const testConnection = vi.fn(async (_draft: AccountDraft) => ({
      ok: true as const,
      reading: { primary: { value: '1234.5', unit: 'USD' }, details: [], warnings: [] },
    }));
    await openPage({ testConnection });
    const form = await openNewForm();
    await fillOnlineSales(form);
    fireEvent.click(form.getByRole('button', { name: 'Test connection' }));
    await waitFor(() =>
      expect(form.getByText(/Connection works/).textContent).toMatch(/1,234\.50/),
    );
    expect(testConnection.mock.calls[0]?.[0]).toMatchObject({
      provider: 'onlinesales',
      credentials: { token: 'os-token' },
      params: { merchantId: 'TOQ-15126', marketplaceClientId: '110600' },
    });
    // Nothing is stored by a test.
    expect(await accountsItem.getValue()).toEqual([]);
  });

  it('shows a failed test as the error kind’s title with the provider’s own words', async () => {
    installBrowserStubs();
    await openPage({
      testConnection: async () => ({
        ok: false as const,
        error: {
          kind: 'auth' as const,
          message: 'Invalid authorization header',
          providerCode: 'PIPE10013',
        },
      }),
    });
    const form = await openNewForm();
    type(form.getByLabelText(/^Name/), 'Rewards');
    type(form.getByLabelText(/^Access token \(required\)/), 'expired');
    fireEvent.click(form.getByRole('button', { name: 'Test connection' }));
    const shown = await form.findByText('Sign-in failed');
    expect(shown.closest('p')?.textContent).toBe(
      'Sign-in failed: Invalid authorization header (code PIPE10013)',
    );
  });

  it('opens the account named in #account=<id>', async () => {
    installBrowserStubs();
    await seedStores({
      accounts: [account({ id: 'a1' }), account({ id: 'a2', name: 'Brand wallet' })],
      secrets: {},
    });
    location.hash = '#account=a2';
    await openPage();
    const form = await screen.findByRole('form', { name: 'Edit Brand wallet' });
    expect(form.closest('li')?.id).toBe('account-a2');
    expect(screen.queryByRole('form', { name: 'Edit Ads wallet' })).toBeNull();
  });

  it('deletes only after a confirmation', async () => {
    installBrowserStubs();
    await seedStores({ accounts: [account({ id: 'a1' })], secrets: { a1: { token: 't' } } });
    await openPage();
    fireEvent.click(screen.getByRole('button', { name: 'Delete Ads wallet' }));
    expect(await accountsItem.getValue()).toHaveLength(1);
    expect(screen.getByText(/Delete Ads wallet\? Its saved credentials/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByText(/Delete Ads wallet\?/)).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Delete Ads wallet' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await waitFor(async () => expect(await accountsItem.getValue()).toEqual([]));
    await waitFor(async () => expect(await secretsItem.getValue()).toEqual({}));
    await screen.findByText('No accounts yet. Add one to start watching its balance.');
  });

  it('turns an account off and on', async () => {
    installBrowserStubs();
    await seedStores({ accounts: [account({ id: 'a1' })], secrets: {} });
    await openPage();
    const toggle = screen.getByRole('checkbox', { name: 'Check this balance (Ads wallet)' });
    expect(toggle).toHaveProperty('checked', true);
    fireEvent.click(toggle);
    await waitFor(async () => expect((await accountsItem.getValue())[0]?.enabled).toBe(false));
    await screen.findByText('Turned off');
    await screen.findByText('Ads wallet is turned off');
  });
});

describe('custom base URL', () => {
  async function customForm() {
    const form = await openNewForm();
    await fillOnlineSales(form);
    fireEvent.change(form.getByLabelText(/^Base URL/), { target: { value: 'custom' } });
    return form;
  }

  it('asks for the host from the Save click itself; if refused, saves and offers Grant access', async () => {
    const { request } = installBrowserStubs({ grant: false });
    await openPage();
    const form = await customForm();
    type(form.getByLabelText(/^Custom base URL/), 'https://proxy.example.com/os');
    expect(description(form.getByLabelText(/^Custom base URL/))).toContain(
      'ask for access to proxy.example.com',
    );
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    // Synchronously, inside the click: a prompt outside the user gesture would be refused.
    expect(request).toHaveBeenCalledWith({ origins: ['https://proxy.example.com/*'] });

    await waitFor(async () =>
      expect((await accountsItem.getValue())[0]?.baseUrl).toBe('https://proxy.example.com/os'),
    );
    const notice = await screen.findByRole('alert');
    expect(notice.textContent).toContain('no access to proxy.example.com yet');
    const row = screen.getByRole('heading', { name: 'Ads wallet', level: 3 }).closest('li');
    if (!row) throw new Error('row missing');
    await within(row).findByText('Unreachable: no access to proxy.example.com');
    expect(
      within(row).getByRole('button', { name: 'Grant access to proxy.example.com' }),
    ).toBeTruthy();
  });

  it('needs no permission for the manifest’s hosts or for loopback http', async () => {
    const { request } = installBrowserStubs();
    await openPage();
    const form = await customForm();
    type(form.getByLabelText(/^Custom base URL/), 'http://127.0.0.1:8787');
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    await waitFor(async () =>
      expect((await accountsItem.getValue())[0]?.baseUrl).toBe('http://127.0.0.1:8787'),
    );
    expect(request).not.toHaveBeenCalled();
  });

  it('refuses plain http elsewhere, next to the field', async () => {
    const { request } = installBrowserStubs();
    await openPage();
    const form = await customForm();
    const url = form.getByLabelText(/^Custom base URL/);
    type(url, 'http://proxy.example.com');
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    expect(url.getAttribute('aria-invalid')).toBe('true');
    expect(description(url)).toContain('Use https://');
    expect(request).not.toHaveBeenCalled();
    expect(await accountsItem.getValue()).toEqual([]);
  });
});

describe('Wix pools', () => {
  it('finds the site’s pools and adds one account per picked pool', async () => {
    installBrowserStubs();
    const pool = (id: string, label: string, available: string) => ({
      id,
      label,
      params: { poolId: id },
      available,
    });
    const discoverTargets = vi.fn(async () => ({
      ok: true as const,
      targets: [
        pool('p1', 'Gift credits', '120'),
        pool('p2', 'Staff perks', '40.5'),
        pool('p3', 'Unused', '0'),
      ],
    }));
    await openPage({ discoverTargets });
    const form = await openNewForm();
    fireEvent.change(form.getByLabelText(/^Provider/), { target: { value: 'wix' } });
    const find = form.getByRole('button', { name: 'Find pools' });
    expect(find).toHaveProperty('disabled', true);
    type(form.getByLabelText(/^API key/), 'wix-key');
    type(form.getByLabelText(/^Site id/), 'site-1');
    expect(find).toHaveProperty('disabled', false);
    fireEvent.click(find);

    const pools = within(await form.findByRole('group', { name: 'Pools on this site' }));
    expect(discoverTargets).toHaveBeenCalledWith(
      expect.objectContaining({
        provider: 'wix',
        credentials: { apiKey: 'wix-key' },
        params: { siteId: 'site-1' },
      }),
    );
    fireEvent.click(pools.getByLabelText('Gift credits: 120 credits available'));
    // One pick fills the pool id and a name.
    expect((form.getByLabelText(/^Pool id/) as HTMLInputElement).value).toBe('p1');
    expect((form.getByLabelText(/^Name/) as HTMLInputElement).value).toBe('Gift credits');
    fireEvent.click(pools.getByLabelText('Staff perks: 40.5 credits available'));
    // One primary action at a time: the form's own Save becomes "Add 2 accounts".
    expect(pools.queryByRole('button')).toBeNull();
    expect(form.queryByRole('button', { name: 'Save' })).toBeNull();
    fireEvent.click(form.getByRole('button', { name: 'Add 2 accounts' }));

    await waitFor(async () => expect(await accountsItem.getValue()).toHaveLength(2));
    const saved = await accountsItem.getValue();
    expect(saved.map((a) => [a.name, a.params.poolId, a.params.siteId])).toEqual([
      ['Gift credits', 'p1', 'site-1'],
      ['Staff perks', 'p2', 'site-1'],
    ]);
    const secrets = await secretsItem.getValue();
    expect(saved.map((a) => secrets[a.id])).toEqual([{ apiKey: 'wix-key' }, { apiKey: 'wix-key' }]);
    await screen.findByText('Added 2 accounts');
  });
});
