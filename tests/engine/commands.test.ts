import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type createCommandHandlers, registerCommands } from '@/lib/engine/commands';
import type { Refresher } from '@/lib/engine/refresh';
import { type AccountDraft, sendMessage } from '@/lib/messages';
import { DEFAULT_SETTINGS } from '@/lib/state';
import {
  accountsItem,
  quarantineItem,
  secretsItem,
  settingsItem,
  snapshotsItem,
  tokenCacheItem,
} from '@/lib/storage/items';
import type { Simulator } from '../sim/server';
import { freshHistoryDb, storedHistory } from '../support/history-db';
import {
  balanceCalls,
  commandSetup,
  DAY,
  START,
  settle as settleRound,
  simulators,
  simWallet,
} from './support';

let clock = START;
let refresher: Refresher;
const sims = simulators();

async function setUp(): Promise<{
  server: Simulator;
  handlers: ReturnType<typeof createCommandHandlers>;
}> {
  const server = await sims.start({
    now: () => clock,
    data: {
      accounts: [
        simWallet(),
        {
          provider: 'wix',
          id: 'wix-1',
          name: 'Member credits',
          balance: '120.5',
          apiKey: 'FAKE-wix-key',
          siteId: 'site-1',
          poolId: 'pool-1',
        },
      ],
    },
  });
  const setup = commandSetup(() => clock);
  refresher = setup.refresher;
  return { server, handlers: setup.handlers };
}

function walletDraft(server: Simulator, overrides: Partial<AccountDraft> = {}): AccountDraft {
  return {
    provider: 'onlinesales',
    name: 'Ads wallet',
    baseUrl: server.url,
    params: { merchantId: 'M-1', merchantType: 'seller', marketplaceClientId: '110600' },
    lowThreshold: '100',
    enabled: true,
    credentials: { token: 'FAKE-os-token' },
    ...overrides,
  };
}

/** Lets a round a command started in the background finish. */
function settle(): Promise<void> {
  return settleRound(refresher);
}

beforeEach(() => {
  fakeBrowser.reset();
  freshHistoryDb();
  clock = START;
});

describe('saveAccount', () => {
  it('stores a new account and its secrets apart, then refreshes it', async () => {
    const { server, handlers } = await setUp();
    const result = await handlers.saveAccount(walletDraft(server));
    await settle();

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.account).toEqual({
      id: 'acct-1',
      provider: 'onlinesales',
      name: 'Ads wallet',
      baseUrl: server.url,
      params: { merchantId: 'M-1', merchantType: 'seller', marketplaceClientId: 110600 },
      lowThreshold: '100',
      enabled: true,
      createdAt: START,
    });
    expect(JSON.stringify(await accountsItem.getValue())).not.toContain('FAKE-os-token');
    expect(await secretsItem.getValue()).toEqual({ 'acct-1': { token: 'FAKE-os-token' } });
    expect((await snapshotsItem.getValue())['acct-1']?.reading?.primary.value).toBe('5000');
  });

  it('names every field that is wrong and stores nothing', async () => {
    const { server, handlers } = await setUp();
    const result = await handlers.saveAccount(
      walletDraft(server, {
        name: ' ',
        lowThreshold: 'lots',
        credentials: {},
        params: { merchantId: 'M-1', merchantType: 'reseller', marketplaceClientId: 'abc' },
      }),
    );

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((error) => error.field).sort()).toEqual([
      'credentials.token',
      'lowThreshold',
      'name',
      'params.marketplaceClientId',
      'params.merchantType',
    ]);
    expect(result.errors.every((error) => error.message.length > 0)).toBe(true);
    expect(await accountsItem.getValue()).toEqual([]);
    expect(await secretsItem.getValue()).toEqual({});
  });

  it('keeps stored credentials the edit leaves out, without a new round', async () => {
    const { server, handlers } = await setUp();
    const saved = await handlers.saveAccount(walletDraft(server));
    await settle();
    if (!saved.ok) throw new Error('setup failed');

    const renamed = await handlers.saveAccount(
      walletDraft(server, { id: saved.account.id, name: 'Renamed', credentials: {} }),
    );
    await settle();

    expect(renamed.ok).toBe(true);
    expect((await accountsItem.getValue())[0]?.name).toBe('Renamed');
    expect((await secretsItem.getValue())['acct-1']).toEqual({ token: 'FAKE-os-token' });
    expect(balanceCalls(server)).toBe(1);
  });

  it('lifts an auth block when the credentials change and refreshes at once', async () => {
    const { server, handlers } = await setUp();
    const saved = await handlers.saveAccount(
      walletDraft(server, { credentials: { token: 'FAKE-old' } }),
    );
    await settle();
    if (!saved.ok) throw new Error('setup failed');
    expect((await snapshotsItem.getValue())['acct-1']?.error?.kind).toBe('auth');
    await refresher.refresh();
    expect(balanceCalls(server)).toBe(1);

    await handlers.saveAccount(
      walletDraft(server, { id: saved.account.id, credentials: { token: 'FAKE-os-token' } }),
    );
    await settle();

    expect(balanceCalls(server)).toBe(2);
    const snapshot = (await snapshotsItem.getValue())['acct-1'];
    expect(snapshot?.error).toBeNull();
    expect(snapshot?.failures).toBe(0);
  });
});

describe('stored credentials stay with their own host', () => {
  it('never sends an edit’s stored token to a new base URL; it asks for it again', async () => {
    const { server, handlers } = await setUp();
    await handlers.saveAccount(walletDraft(server));
    await settle();
    // Same host, another port: another origin, and a recorder of whatever reaches it.
    const other = await sims.start({ now: () => clock, data: { accounts: [simWallet()] } });
    const moved = walletDraft(other, { id: 'acct-1', credentials: {} });

    const tested = await handlers.testConnection(moved);
    expect(tested).toMatchObject({ ok: false, error: { kind: 'config' } });
    if (tested.ok) return;
    expect(tested.error.message).toMatch(/again/);
    const saved = await handlers.saveAccount(moved);
    expect(saved).toMatchObject({ ok: false, errors: [{ field: 'credentials.token' }] });
    await settle();
    expect(other.control.requests({ includeAll: true })).toEqual([]);
    expect((await accountsItem.getValue())[0]?.baseUrl).toBe(server.url);

    // Typed again for the new host, it is accepted and goes there.
    const retyped = await handlers.saveAccount({
      ...moved,
      credentials: { token: 'FAKE-os-token' },
    });
    await settle();
    expect(retyped.ok).toBe(true);
    expect(balanceCalls(other)).toBe(1);
  });

  it('discoverTargets does not send the stored API key to another origin', async () => {
    const { server, handlers } = await setUp();
    const wix = {
      provider: 'wix' as const,
      name: 'Credits',
      baseUrl: server.url,
      params: { siteId: 'site-1', poolId: 'pool-1' },
      lowThreshold: null,
      enabled: false,
      credentials: { apiKey: 'FAKE-wix-key' },
    };
    expect((await handlers.saveAccount(wix)).ok).toBe(true);
    const other = await sims.start({ now: () => clock, data: { accounts: [] } });

    const same = await handlers.discoverTargets({
      provider: 'wix',
      id: 'acct-1',
      baseUrl: `${server.url}/`,
      credentials: {},
      params: { siteId: 'site-1' },
    });
    expect(same.ok).toBe(true);
    const moved = await handlers.discoverTargets({
      provider: 'wix',
      id: 'acct-1',
      baseUrl: other.url,
      credentials: {},
      params: { siteId: 'site-1' },
    });
    expect(moved).toMatchObject({ ok: false, error: { kind: 'config' } });
    expect(other.control.requests({ includeAll: true })).toEqual([]);
  });
});

describe('replaced credentials take what they imply with them', () => {
  const capillary = (server: Simulator, credentials: Record<string, unknown>, id?: string) => ({
    ...(id ? { id } : {}),
    provider: 'capillary' as const,
    name: 'Points',
    baseUrl: server.url,
    params: { userId: '42' },
    lowThreshold: null,
    enabled: false,
    credentials,
  });
  const xoxoday = (server: Simulator, credentials: Record<string, unknown>, id?: string) => ({
    ...(id ? { id } : {}),
    provider: 'xoxoday' as const,
    name: 'Plum',
    baseUrl: `${server.url}/chef`,
    params: {},
    lowThreshold: null,
    enabled: false,
    credentials,
  });

  it('a Capillary account moves from a user name and password to a client key and secret', async () => {
    const { server, handlers } = await setUp();
    await handlers.saveAccount(capillary(server, { username: 'FAKE-u', password: 'FAKE-p' }));
    const moved = await handlers.saveAccount(
      capillary(server, { clientKey: 'FAKE-k', clientSecret: 'FAKE-s' }, 'acct-1'),
    );
    expect(moved.ok).toBe(true);
    expect((await secretsItem.getValue())['acct-1']).toEqual({
      clientKey: 'FAKE-k',
      clientSecret: 'FAKE-s',
    });
  });

  it('a new Xoxoday token drops the old one’s expiry; the same token keeps it', async () => {
    const { server, handlers } = await setUp();
    const expired = clock - DAY;
    await handlers.saveAccount(
      xoxoday(server, {
        accessToken: 'FAKE-old',
        refreshToken: 'FAKE-old-refresh',
        clientId: 'FAKE-client',
        clientSecret: 'FAKE-secret',
        accessTokenExpiresAt: expired,
        refreshTokenExpiresAt: expired,
      }),
    );
    expect((await snapshotsItem.getValue())['acct-1']?.tokenExpiresAt).toBe(expired);

    await handlers.saveAccount(xoxoday(server, { accessToken: 'FAKE-old' }, 'acct-1'));
    expect((await secretsItem.getValue())['acct-1']?.accessTokenExpiresAt).toBe(expired);

    await handlers.saveAccount(
      xoxoday(server, { accessToken: 'FAKE-new', refreshToken: 'FAKE-new-refresh' }, 'acct-1'),
    );
    expect((await secretsItem.getValue())['acct-1']).toEqual({
      accessToken: 'FAKE-new',
      refreshToken: 'FAKE-new-refresh',
      clientId: 'FAKE-client',
      clientSecret: 'FAKE-secret',
    });
    // Unknown now, not "locked out yesterday".
    expect((await snapshotsItem.getValue())['acct-1']?.tokenExpiresAt).toBeNull();

    const until = clock + 10 * DAY;
    await handlers.saveAccount(
      xoxoday(server, { accessToken: 'FAKE-newer', accessTokenExpiresAt: until }, 'acct-1'),
    );
    expect((await secretsItem.getValue())['acct-1']?.accessTokenExpiresAt).toBe(until);
  });
});

describe('a save while a round runs', () => {
  it('gets a fresh attempt with the new credentials, whose result stands', async () => {
    const { server, handlers } = await setUp();
    const saved = await handlers.saveAccount(
      walletDraft(server, { credentials: { token: 'FAKE-old' } }),
    );
    await settle();
    if (!saved.ok) throw new Error('setup failed');
    expect((await snapshotsItem.getValue())['acct-1']?.error?.kind).toBe('auth');

    // The user's "Refresh now" is on the wire with the old token when they save the new one.
    server.control.setFault({}, { type: 'latency', ms: 300 });
    const running = refresher.refresh({ force: true });
    await vi.waitFor(() => expect(balanceCalls(server)).toBe(2));
    await handlers.saveAccount(
      walletDraft(server, { id: 'acct-1', credentials: { token: 'FAKE-os-token' } }),
    );
    await running;
    await vi.waitFor(() => expect(balanceCalls(server)).toBe(3), { timeout: 3_000 });
    await vi.waitFor(async () => {
      const snapshot = (await snapshotsItem.getValue())['acct-1'];
      expect(snapshot?.error).toBeNull();
      expect(snapshot?.reading?.primary.value).toBe('5000');
    });
  });
});

describe('credentials never leave the background', () => {
  it('getMaskedCredentials says which fields are set, never their values', async () => {
    const { server, handlers } = await setUp();
    await handlers.saveAccount(walletDraft(server));
    await settle();
    const masked = await handlers.getMaskedCredentials({ id: 'acct-1' });

    expect(masked).toEqual({ token: { set: true } });
    expect(JSON.stringify(masked)).not.toContain('FAKE-os-token');
  });

  it('testConnection reads an unsaved draft and stores nothing', async () => {
    const { server, handlers } = await setUp();
    const result = await handlers.testConnection(walletDraft(server));

    expect(result).toMatchObject({
      ok: true,
      reading: { primary: { value: '5000', unit: 'INR' } },
    });
    expect(await accountsItem.getValue()).toEqual([]);
    expect(await secretsItem.getValue()).toEqual({});
    expect(await snapshotsItem.getValue()).toEqual({});
  });

  it('testConnection fills an edit’s missing credentials from the stored ones', async () => {
    const { server, handlers } = await setUp();
    await handlers.saveAccount(walletDraft(server));
    await settle();
    const edit = walletDraft(server, { id: 'acct-1', credentials: {} });

    expect((await handlers.testConnection(edit)).ok).toBe(true);
    const wrong = await handlers.testConnection({ ...edit, credentials: { token: 'FAKE-wrong' } });
    expect(wrong).toMatchObject({ ok: false, error: { kind: 'auth' } });
    expect(JSON.stringify(wrong)).not.toContain('FAKE-wrong');
  });

  it('discoverTargets lists the site’s pools', async () => {
    const { server, handlers } = await setUp();
    const result = await handlers.discoverTargets({
      provider: 'wix',
      baseUrl: server.url,
      credentials: { apiKey: 'FAKE-wix-key' },
      params: { siteId: 'site-1' },
    });

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.targets.map((pool) => [pool.params.poolId, pool.available])).toEqual([
      ['pool-1', '120.5'],
    ]);
  });

  it('discoverTargets says so for a provider that cannot list anything', async () => {
    const { server, handlers } = await setUp();
    const result = await handlers.discoverTargets({
      provider: 'onlinesales',
      baseUrl: server.url,
      credentials: { token: 'FAKE-os-token' },
      params: {},
    });
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'config',
        message: 'OnlineSales.ai has nothing to look up: enter the account’s details yourself.',
      },
    });
  });
});

describe('deleteAccount and setAccountEnabled', () => {
  it('deleteAccount removes the account, its secrets, snapshot, history and cached token', async () => {
    const { server, handlers } = await setUp();
    await handlers.saveAccount(walletDraft(server));
    await settle();
    await tokenCacheItem.setValue({
      'acct-1': { token: 'FAKE-cached', expiresAt: clock + 60_000 },
    });
    expect(Object.keys(await storedHistory())).toEqual(['acct-1']);

    await handlers.deleteAccount({ id: 'acct-1' });

    expect(await accountsItem.getValue()).toEqual([]);
    expect(await secretsItem.getValue()).toEqual({});
    expect(await snapshotsItem.getValue()).toEqual({});
    expect(await storedHistory()).toEqual({});
    expect(await tokenCacheItem.getValue()).toEqual({});
  });

  it('deleteAccount drops the set-aside values of that account, which may hold its secrets', async () => {
    const { server, handlers } = await setUp();
    await handlers.saveAccount(walletDraft(server));
    await settle();
    const entry = (key: string, path: string) => ({ key, path, at: clock, issues: [], raw: {} });
    await quarantineItem.setValue([
      entry('local:secrets', '["acct-1"]'),
      entry('local:history', '["acct-1"][3]'),
      entry('local:secrets', '["acct-10"]'),
      entry('local:settings', '.badge'),
    ]);

    await handlers.deleteAccount({ id: 'acct-1' });

    expect((await quarantineItem.getValue()).map((e) => e.path)).toEqual(['["acct-10"]', '.badge']);
  });

  it('a disabled account is left out of rounds; enabling it refreshes it', async () => {
    const { server, handlers } = await setUp();
    await handlers.saveAccount(walletDraft(server, { enabled: false }));
    await settle();
    await refresher.refresh();
    expect(balanceCalls(server)).toBe(0);

    await handlers.setAccountEnabled({ id: 'acct-1', enabled: true });
    await settle();
    expect(balanceCalls(server)).toBe(1);
  });
});

describe('settings', () => {
  it('saveSettings refuses a value outside the choices, naming the field', async () => {
    const { handlers } = await setUp();
    const refused = await handlers.saveSettings({ refreshMinutes: 7 as 5 });
    expect(refused).toMatchObject({ ok: false, errors: [{ field: 'refreshMinutes' }] });
    expect(await settingsItem.getValue()).toEqual(DEFAULT_SETTINGS);

    const saved = await handlers.saveSettings({ refreshMinutes: 60, notifications: false });
    expect(saved).toEqual({
      ok: true,
      settings: { ...DEFAULT_SETTINGS, refreshMinutes: 60, notifications: false },
    });
    expect((await settingsItem.getValue()).refreshMinutes).toBe(60);
  });

  it('exports without credentials unless asked, and imports a file whole', async () => {
    const { server, handlers } = await setUp();
    await handlers.saveAccount(walletDraft(server));
    await settle();

    const plain = await handlers.exportSettings({ includeCredentials: false });
    expect(plain.text).not.toContain('FAKE-os-token');
    const full = await handlers.exportSettings({ includeCredentials: true });
    expect(full.text).toContain('FAKE-os-token');

    await handlers.deleteAccount({ id: 'acct-1' });
    const preview = await handlers.previewImport({ text: full.text });
    expect(preview).toMatchObject({ ok: true, preview: { accounts: [{ hasCredentials: true }] } });
    expect(await accountsItem.getValue()).toEqual([]);

    const imported = await handlers.importSettings({ text: full.text });
    await settle();
    expect(imported).toEqual({ ok: true, added: 1, channels: 0 });
    const [account] = await accountsItem.getValue();
    expect(account?.name).toBe('Ads wallet');
    expect((await secretsItem.getValue())[account?.id ?? '']).toEqual({ token: 'FAKE-os-token' });
    expect((await snapshotsItem.getValue())[account?.id ?? '']?.reading?.primary.value).toBe(
      '5000',
    );

    expect(await handlers.importSettings({ text: full.text })).toEqual({
      ok: true,
      added: 0,
      channels: 0,
    });
  });

  it('a broken file changes nothing and says where it is wrong', async () => {
    const { handlers } = await setUp();
    const text = JSON.stringify({
      format: 'balance-watch.settings',
      version: 1,
      settings: { refreshMinutes: 15 },
      accounts: [
        {
          provider: 'onlinesales',
          name: 'Ads wallet',
          baseUrl: 'https://services.onlinesales.ai',
          lowThreshold: '100',
          enabled: true,
          params: { merchantId: 'M-1', merchantType: 'seller' },
        },
      ],
    });
    const result = await handlers.importSettings({ text });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.some((error) => error.field.includes('marketplaceClientId'))).toBe(true);
    expect(await accountsItem.getValue()).toEqual([]);
  });
});

describe('the message protocol', () => {
  it('answers refreshNow sent by a page', async () => {
    const { server, handlers } = await setUp();
    await handlers.saveAccount(walletDraft(server));
    await settle();
    const unregister = registerCommands(handlers);
    try {
      expect(await sendMessage('refreshNow', {})).toEqual({ refreshed: 1 });
      expect(balanceCalls(server)).toBe(2);
    } finally {
      unregister();
    }
  });
});
