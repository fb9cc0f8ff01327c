import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { lockoutAt } from '@/lib/engine/token-expiry';
import type { AccountDraft } from '@/lib/messages';
import type { Account } from '@/lib/state';
import { secretsItem, snapshotsItem } from '@/lib/storage/items';
import { tokenExpiresAt, tokenWarningText } from '@/lib/view/popup-view';
import type { Simulator } from '../sim/server';
import {
  commandSetup,
  DAY,
  plumAccount,
  START,
  settle,
  simPlum,
  simulators,
  tokenCalls,
  XOXODAY_CREDENTIALS,
} from './support';

let clock = START;
const sims = simulators();

const ACCESS_EXPIRES = START + 10 * DAY;
const REFRESH_EXPIRES = START + 60 * DAY;

beforeEach(() => {
  fakeBrowser.reset();
  clock = START;
});

describe('lockoutAt', () => {
  const renewable = { ...XOXODAY_CREDENTIALS, accessTokenExpiresAt: ACCESS_EXPIRES };

  it('is the refresh token’s expiry when the extension can renew the access token', () => {
    expect(lockoutAt('xoxoday', { ...renewable, refreshTokenExpiresAt: REFRESH_EXPIRES })).toBe(
      REFRESH_EXPIRES,
    );
  });

  it('is the access token’s expiry when the refresh token dies first or there is no renewal', () => {
    const earlyRefresh = { ...renewable, refreshTokenExpiresAt: START + DAY };
    expect(lockoutAt('xoxoday', earlyRefresh)).toBe(ACCESS_EXPIRES);
    const pasted = { accessToken: 'FAKE-pasted', accessTokenExpiresAt: ACCESS_EXPIRES };
    expect(lockoutAt('xoxoday', pasted)).toBe(ACCESS_EXPIRES);
  });

  it('is unknown when the expiry that counts is unknown', () => {
    expect(lockoutAt('xoxoday', renewable)).toBeNull();
    expect(lockoutAt('xoxoday', { accessToken: 'FAKE-pasted' })).toBeNull();
  });

  it('reads expiries stored as text', () => {
    const asText = { accessToken: 'FAKE-pasted', accessTokenExpiresAt: String(ACCESS_EXPIRES) };
    expect(lockoutAt('xoxoday', asText)).toBe(ACCESS_EXPIRES);
    const iso = { accessToken: 'FAKE-pasted', accessTokenExpiresAt: '2025-01-16T09:00:00Z' };
    expect(lockoutAt('xoxoday', iso)).toBe(ACCESS_EXPIRES);
  });

  it('is null for providers whose tokens do not run out on the user', () => {
    expect(lockoutAt('onlinesales', { token: 'FAKE', accessTokenExpiresAt: START })).toBeNull();
  });
});

describe('the snapshot’s tokenExpiresAt', () => {
  function startPlum(): Promise<Simulator> {
    return sims.start({ now: () => clock, data: { accounts: [simPlum(ACCESS_EXPIRES)] } });
  }

  function plumDraft(server: Simulator, credentials: Record<string, unknown>): AccountDraft {
    const { provider, name, baseUrl, params, lowThreshold, enabled } = plumAccount(server);
    return { provider, name, baseUrl, params, lowThreshold, enabled, credentials };
  }

  async function snapshotExpiry(id: string): Promise<number | null | undefined> {
    return (await snapshotsItem.getValue())[id]?.tokenExpiresAt;
  }

  it('is written when a Xoxoday account is saved, and kept across rounds', async () => {
    const server = await startPlum();
    const { handlers, refresher } = commandSetup(() => clock);
    const saved = await handlers.saveAccount(
      plumDraft(server, {
        ...XOXODAY_CREDENTIALS,
        accessTokenExpiresAt: ACCESS_EXPIRES,
        refreshTokenExpiresAt: REFRESH_EXPIRES,
      }),
    );
    if (!saved.ok) throw new Error('setup failed');
    expect(await snapshotExpiry('acct-1')).toBe(REFRESH_EXPIRES);

    await settle(refresher);
    clock += 15 * 60_000;
    await refresher.refresh();
    const snapshot = (await snapshotsItem.getValue())['acct-1'];
    expect(snapshot?.reading?.primary.value).toBe('109970');
    expect(snapshot?.tokenExpiresAt).toBe(REFRESH_EXPIRES);
    expect(tokenExpiresAt(saved.account as Account, snapshot)).toBe(REFRESH_EXPIRES);
  });

  it('follows the saved credentials: without renewal it is the access token’s expiry', async () => {
    const server = await startPlum();
    const { handlers, refresher } = commandSetup(() => clock);
    const draft = plumDraft(server, {
      ...XOXODAY_CREDENTIALS,
      refreshTokenExpiresAt: REFRESH_EXPIRES,
    });
    const saved = await handlers.saveAccount(draft);
    if (!saved.ok) throw new Error('setup failed');
    await settle(refresher);

    await handlers.saveAccount({
      ...draft,
      id: saved.account.id,
      credentials: {
        refreshToken: '',
        clientId: '',
        clientSecret: '',
        accessTokenExpiresAt: ACCESS_EXPIRES,
      },
    });
    await settle(refresher);
    expect(await snapshotExpiry('acct-1')).toBe(ACCESS_EXPIRES);
  });

  it('is updated from the new expiries after a renewal', async () => {
    const server = await startPlum();
    const { handlers, refresher } = commandSetup(() => clock);
    await handlers.saveAccount(
      plumDraft(server, {
        ...XOXODAY_CREDENTIALS,
        accessTokenExpiresAt: ACCESS_EXPIRES,
        refreshTokenExpiresAt: REFRESH_EXPIRES,
      }),
    );
    await settle(refresher);
    expect(tokenCalls(server)).toHaveLength(0);

    // Within a day of the access token's expiry: the round renews it first.
    clock = ACCESS_EXPIRES - 12 * 60 * 60_000;
    await refresher.refresh();
    expect(tokenCalls(server)).toHaveLength(1);
    const renewed = (await secretsItem.getValue())['acct-1'];
    const newRefreshExpiry = Number(renewed?.refreshTokenExpiresAt);
    expect(newRefreshExpiry).toBeGreaterThan(REFRESH_EXPIRES);
    expect(await snapshotExpiry('acct-1')).toBe(newRefreshExpiry);
    expect((await snapshotsItem.getValue())['acct-1']?.readingAt).toBe(clock);
  });

  it('is written for the accounts a settings file adds', async () => {
    const server = await startPlum();
    const { handlers, refresher } = commandSetup(() => clock);
    const text = JSON.stringify({
      format: 'balance-watch.settings',
      version: 1,
      settings: {},
      accounts: [
        {
          provider: 'xoxoday',
          name: 'Plum',
          baseUrl: `${server.url}/chef`,
          lowThreshold: null,
          enabled: false,
          credentials: { accessToken: 'FAKE-pasted', accessTokenExpiresAt: ACCESS_EXPIRES },
          params: {},
        },
      ],
    });
    expect(await handlers.importSettings({ text })).toEqual({ ok: true, added: 1, channels: 0 });
    await settle(refresher);
    expect(await snapshotExpiry('acct-1')).toBe(ACCESS_EXPIRES);
  });
});

describe('Xoxoday expiries as sent (issue 19)', () => {
  const HOUR = 60 * 60_000;

  function plumDraftWith(server: Simulator, credentials: Record<string, unknown>): AccountDraft {
    const { provider, name, baseUrl, params, lowThreshold, enabled } = plumAccount(server);
    return { provider, name, baseUrl, params, lowThreshold, enabled, credentials };
  }

  it('reads epoch-ms strings and lifetimes other than 15 days; the warning follows the refresh token', async () => {
    const server = await sims.start({
      now: () => clock,
      data: {
        accounts: [
          Object.assign(simPlum(START + 12 * HOUR), {
            accessTokenTtlSeconds: 5 * 86_400,
            refreshTokenTtlSeconds: 20 * 86_400,
            expiryFormat: 'string',
          }),
        ],
      },
    });
    const { handlers, refresher } = commandSetup(() => clock);
    // The access token dies within a day: the first round renews it.
    await handlers.saveAccount(
      plumDraftWith(server, { ...XOXODAY_CREDENTIALS, accessTokenExpiresAt: START + 12 * HOUR }),
    );
    await settle(refresher);
    expect(tokenCalls(server)).toHaveLength(1);
    const stored = (await secretsItem.getValue())['acct-1'];
    expect(stored?.accessTokenExpiresAt).toBe(START + 5 * DAY);
    expect(stored?.refreshTokenExpiresAt).toBe(START + 20 * DAY);

    // Renewable: the user is locked out when the refresh token dies, and warned 3 days before.
    const lockout = await snapshotExpiry('acct-1');
    expect(lockout).toBe(START + 20 * DAY);
    expect(tokenWarningText(lockout ?? null, START + 16 * DAY)).toBeNull();
    expect(tokenWarningText(lockout ?? null, START + 18 * DAY)).toContain('in 2 days');
  });

  it('renews before the refresh token’s own expiry, though the access token has days left', async () => {
    const server = await sims.start({
      now: () => clock,
      data: { accounts: [simPlum(START + 10 * DAY)] },
    });
    const { handlers, refresher } = commandSetup(() => clock);
    await handlers.saveAccount(
      plumDraftWith(server, {
        ...XOXODAY_CREDENTIALS,
        accessTokenExpiresAt: START + 10 * DAY,
        refreshTokenExpiresAt: START + 12 * HOUR,
      }),
    );
    await settle(refresher);
    expect(tokenCalls(server)).toHaveLength(1);
    const refreshExpiry = (await secretsItem.getValue())['acct-1']?.refreshTokenExpiresAt;
    expect(refreshExpiry).toBeGreaterThan(START + 12 * HOUR);
    expect(await snapshotExpiry('acct-1')).toBe(refreshExpiry);
  });

  async function snapshotExpiry(id: string): Promise<number | null | undefined> {
    return (await snapshotsItem.getValue())[id]?.tokenExpiresAt;
  }
});
