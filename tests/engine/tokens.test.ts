import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createCredentialRenewer } from '@/lib/engine/credentials';
import { createRefresher, type RefresherDeps } from '@/lib/engine/refresh';
import { createSessionTokenCache } from '@/lib/engine/token-cache';
import { isBalanceError } from '@/lib/errors';
import { getProvider } from '@/lib/providers';
import { createHttp } from '@/lib/providers/http';
import type { ProviderContext } from '@/lib/providers/types';
import type { Account } from '@/lib/state';
import { accountsItem, secretsItem, snapshotsItem } from '@/lib/storage/items';
import type { Simulator } from '../sim/server';
import {
  DAY,
  XOXODAY_CREDENTIALS as ORIGINAL,
  plumAccount,
  START,
  simPlum,
  simulators,
  storeAccounts,
  testRefresherDeps,
  tokenCalls,
} from './support';

let clock = START;
const sims = simulators();

/** A Plum account whose access token the simulator stops accepting at `simExpiresAt`. */
function startXoxoday(simExpiresAt: number, renewal = true): Promise<Simulator> {
  return sims.start({ now: () => clock, data: { accounts: [simPlum(simExpiresAt, renewal)] } });
}

async function storePlum(
  server: Simulator,
  credentials: Record<string, unknown>,
): Promise<Account> {
  const account = plumAccount(server);
  await storeAccounts([{ account, credentials }]);
  return account;
}

/** Every request and every secrets write, in the order they happened. */
function recordEvents() {
  const events: string[] = [];
  const recordingFetch: typeof fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    events.push(`request ${new URL(url).pathname}`);
    return fetch(input, init);
  };
  const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
  vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items) => {
    const secrets = (items as { secrets?: Record<string, { refreshToken?: string }> }).secrets;
    if (secrets) events.push(`store refresh token ${secrets.xoxo?.refreshToken}`);
    return set(items);
  });
  return { events, http: () => createHttp({ retries: 0, fetch: recordingFetch }) };
}

function ctx(http = createHttp({ retries: 0 })): ProviderContext {
  return { http, now: () => clock, tokenCache: createSessionTokenCache(() => clock) };
}

function deps(overrides: Partial<RefresherDeps> = {}): RefresherDeps {
  return testRefresherDeps(() => clock, overrides);
}

beforeEach(() => {
  fakeBrowser.reset();
  clock = START;
});

describe('Xoxoday token renewal', () => {
  it('renews once for two calls at once and stores the new refresh token before using it', async () => {
    const server = await startXoxoday(START - 1);
    const account = await storePlum(server, { ...ORIGINAL, accessTokenExpiresAt: START - 1 });
    const { events, http } = recordEvents();
    const renewer = createCredentialRenewer();
    const xoxoday = getProvider('xoxoday');

    const [a, b] = await Promise.all([
      renewer.fetchBalance(account, xoxoday, ctx(http())),
      renewer.fetchBalance(account, xoxoday, ctx(http())),
    ]);

    expect(a.primary).toEqual({ value: '109970', unit: 'INR' });
    expect(b.primary).toEqual(a.primary);
    const renewals = tokenCalls(server);
    expect(renewals).toHaveLength(1);
    expect((renewals[0]?.body as { refresh_token?: string } | undefined)?.refresh_token).toBe(
      ORIGINAL.refreshToken,
    );
    const rotated = server.control.account('xoxo') as { refreshToken: string };
    expect(events).toEqual([
      'request /chef/v1/oauth/token/user',
      `store refresh token ${rotated.refreshToken}`,
      'request /chef/v1/oauth/api',
      'request /chef/v1/oauth/api',
    ]);
    const stored = (await secretsItem.getValue()).xoxo;
    expect(stored?.refreshToken).toBe(rotated.refreshToken);
    expect(stored?.accessTokenExpiresAt).toBeGreaterThan(clock);
  });

  it('never spends an old refresh token another round already renewed', async () => {
    const server = await startXoxoday(START - 1);
    const account = await storePlum(server, { ...ORIGINAL, accessTokenExpiresAt: START - 1 });
    const renewer = createCredentialRenewer();
    const xoxoday = getProvider('xoxoday');
    await renewer.fetchBalance(account, xoxoday, ctx());

    // A caller that read the credentials before that renewal and now finds its token rejected.
    const seen = { ...ORIGINAL, accessTokenExpiresAt: START - 1 };
    const fresh = await renewer.renew(account, xoxoday, ctx(), seen, 'rejected');

    expect(tokenCalls(server)).toHaveLength(1);
    expect(fresh.refreshToken).toBe(
      (server.control.account('xoxo') as { refreshToken: string }).refreshToken,
    );
  });

  it('renews within a day of expiry, once, across two overlapping rounds', async () => {
    const server = await startXoxoday(START + 12 * 60 * 60_000);
    await storePlum(server, { ...ORIGINAL, accessTokenExpiresAt: START + 12 * 60 * 60_000 });
    const shared = deps();
    // Two refreshers as two rounds at once (their leases kept apart), sharing the worker's renewer.
    const leaseOf = () => {
      let lease: { owner: string; expiresAt: number } | null = null;
      return {
        getValue: async () => lease,
        setValue: async (value: typeof lease) => {
          lease = value;
        },
      };
    };
    const first = createRefresher({ ...shared, workerId: 'a', leaseStore: leaseOf() });
    const second = createRefresher({ ...shared, workerId: 'b', leaseStore: leaseOf() });
    const [one, two] = await Promise.all([first.refresh(), second.refresh()]);

    expect(one.succeeded).toEqual(['xoxo']);
    expect(two.succeeded).toEqual(['xoxo']);
    expect(tokenCalls(server)).toHaveLength(1);
    const stored = (await secretsItem.getValue()).xoxo;
    expect(stored?.accessTokenExpiresAt).toBeGreaterThan(clock + DAY);

    clock += 15 * 60_000;
    await first.refresh();
    expect(tokenCalls(server)).toHaveLength(1);
  });

  it('renews a rejected token, then retries the balance once', async () => {
    // The provider stops accepting the token although we believe it has days left.
    const server = await startXoxoday(START - 1);
    await storePlum(server, { ...ORIGINAL, accessTokenExpiresAt: START + 10 * DAY });
    const result = await createRefresher(deps()).refresh();

    expect(result.succeeded).toEqual(['xoxo']);
    expect(tokenCalls(server)).toHaveLength(1);
    expect(server.control.requests({ endpoint: 'balance' }).map((r) => r.status)).toEqual([
      401, 200,
    ]);
  });

  it('reports a refused renewal as an auth error that says what to do, and stops there', async () => {
    const server = await startXoxoday(START - 1);
    await storePlum(server, {
      ...ORIGINAL,
      refreshToken: 'FAKE-revoked-refresh',
      accessTokenExpiresAt: START - 1,
    });
    const refresher = createRefresher(deps());
    await refresher.refresh();

    const error = (await snapshotsItem.getValue()).xoxo?.error;
    expect(error?.kind).toBe('auth');
    expect(error?.message).toBe(
      'The Xoxoday Plum refresh token was rejected. Create a new token in the Xoxoday Plum dashboard and paste it in Settings.',
    );
    clock += 15 * 60_000;
    await refresher.refresh();
    expect(tokenCalls(server)).toHaveLength(1);
  });

  it('keeps a plain auth error when there is nothing to renew with', async () => {
    const server = await startXoxoday(START - 1, false);
    await storePlum(server, { accessToken: ORIGINAL.accessToken });
    await createRefresher(deps()).refresh();

    expect(tokenCalls(server)).toHaveLength(0);
    expect((await snapshotsItem.getValue()).xoxo?.error).toMatchObject({
      kind: 'auth',
      status: 401,
    });
  });

  it('uses the current token when an early renewal cannot reach the provider', async () => {
    const server = await startXoxoday(START + 12 * 60 * 60_000);
    const account = await storePlum(server, {
      ...ORIGINAL,
      accessTokenExpiresAt: START + 12 * 60 * 60_000,
    });
    server.control.setFault({}, { type: 'server-error', endpoints: ['token'], times: 1 });
    const reading = await createCredentialRenewer().fetchBalance(
      account,
      getProvider('xoxoday'),
      ctx(),
    );

    expect(reading.primary.value).toBe('109970');
    expect((await secretsItem.getValue()).xoxo?.refreshToken).toBe(ORIGINAL.refreshToken);
  });

  it('passes on a passing renewal failure when the token has run out', async () => {
    const server = await startXoxoday(START - 1);
    const account = await storePlum(server, { ...ORIGINAL, accessTokenExpiresAt: START - 1 });
    server.control.setFault({}, { type: 'server-error', endpoints: ['token'], times: 1 });
    const failure = await createCredentialRenewer()
      .fetchBalance(account, getProvider('xoxoday'), ctx())
      .catch((error: unknown) => error);

    expect(isBalanceError(failure) && failure.kind).toBe('server');
  });
});

describe('Capillary OAuth token cache', () => {
  it('reuses a token until its ttl, also after a worker restart, and drops it on request', async () => {
    const server = await sims.start({
      now: () => clock,
      data: {
        accounts: [
          {
            provider: 'capillary',
            id: 'cap',
            name: 'Loyalty',
            balance: '8500',
            userId: 565039777,
            auth: {
              type: 'oauth',
              clientKey: 'FAKE-key',
              clientSecret: 'FAKE-secret',
              ttlSeconds: 1800,
            },
          },
        ],
      },
    });
    await accountsItem.setValue([
      {
        id: 'cap',
        provider: 'capillary',
        name: 'Loyalty',
        baseUrl: server.url,
        params: { userId: '565039777' },
        lowThreshold: null,
        enabled: true,
        createdAt: START,
      },
    ]);
    await secretsItem.setValue({ cap: { clientKey: 'FAKE-key', clientSecret: 'FAKE-secret' } });

    await createRefresher(deps()).refresh();
    clock += 5 * 60_000;
    // A new worker: new refresher, new cache object, same session storage.
    await createRefresher(deps()).refresh();
    expect(tokenCalls(server)).toHaveLength(1);

    clock += 30 * 60_000;
    await createRefresher(deps()).refresh();
    expect(tokenCalls(server)).toHaveLength(2);

    await createSessionTokenCache(() => clock).clearAccount('cap');
    await createRefresher(deps()).refresh({ force: true });
    expect(tokenCalls(server)).toHaveLength(3);
    expect((await snapshotsItem.getValue()).cap?.error).toBeNull();
  });
});
