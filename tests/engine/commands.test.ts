import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type createCommandHandlers, registerCommands } from '../../lib/commands';
import { type AccountDraft, sendMessage } from '../../lib/messages';
import type { Refresher } from '../../lib/refresh';
import { DEFAULT_SETTINGS } from '../../lib/state';
import {
  accountsItem,
  historyItem,
  secretsItem,
  settingsItem,
  snapshotsItem,
} from '../../lib/storage';
import { tokenCacheItem } from '../../lib/token-cache';
import type { Simulator } from '../sim/server';
import {
  balanceCalls,
  commandSetup,
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

  it('listWixPools lists the site’s pools', async () => {
    const { server, handlers } = await setUp();
    const result = await handlers.listWixPools({
      baseUrl: server.url,
      credentials: { apiKey: 'FAKE-wix-key' },
      params: { siteId: 'site-1' },
    });

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.pools.map((pool) => [pool.poolId, pool.available])).toEqual([
      ['pool-1', '120.5'],
    ]);
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
    expect(Object.keys(await historyItem.getValue())).toEqual(['acct-1']);

    await handlers.deleteAccount({ id: 'acct-1' });

    expect(await accountsItem.getValue()).toEqual([]);
    expect(await secretsItem.getValue()).toEqual({});
    expect(await snapshotsItem.getValue()).toEqual({});
    expect(await historyItem.getValue()).toEqual({});
    expect(await tokenCacheItem.getValue()).toEqual({});
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
    expect(imported).toEqual({ ok: true, added: 1 });
    const [account] = await accountsItem.getValue();
    expect(account?.name).toBe('Ads wallet');
    expect((await secretsItem.getValue())[account?.id ?? '']).toEqual({ token: 'FAKE-os-token' });
    expect((await snapshotsItem.getValue())[account?.id ?? '']?.reading?.primary.value).toBe(
      '5000',
    );

    expect(await handlers.importSettings({ text: full.text })).toEqual({ ok: true, added: 0 });
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
