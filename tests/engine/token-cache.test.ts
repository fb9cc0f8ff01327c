import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createRefresher } from '@/lib/engine/refresh';
import { createSessionTokenCache } from '@/lib/engine/token-cache';
import type { Account } from '@/lib/state';
import { accountsItem, secretsItem, snapshotsItem, tokenCacheItem } from '@/lib/storage/items';
import type { Simulator } from '../sim/server';
import { START, simulators, testRefresherDeps, tokenCalls } from './support';

/**
 * A cached provider token (Capillary OAuth) belongs to the host that issued it and the client
 * key it was issued for. A base URL or client key that changes without the cache being cleared
 * (a round already running when the user saved stores its token after the save cleared the
 * cache) must not send the old token anywhere.
 */

const clock = START;
const sims = simulators();

const KEY = 'FAKE-key';
const SECRET = 'FAKE-secret';

function capillaryServer(clientKey = KEY): Promise<Simulator> {
  return sims.start({
    now: () => clock,
    data: {
      accounts: [
        {
          provider: 'capillary',
          id: 'cap',
          name: 'Loyalty',
          balance: '8500',
          userId: 565039777,
          auth: { type: 'oauth', clientKey, clientSecret: SECRET, ttlSeconds: 1800 },
        },
      ],
    },
  });
}

function loyalty(server: Simulator): Account {
  return {
    id: 'cap',
    provider: 'capillary',
    name: 'Loyalty',
    baseUrl: server.url,
    params: { userId: '565039777' },
    lowThreshold: null,
    enabled: true,
    createdAt: START,
  };
}

async function round(): Promise<void> {
  await createRefresher(testRefresherDeps(() => clock)).refresh({ force: true });
}

/** The tokens cached so far, whatever they are keyed by. */
async function cachedTokens(): Promise<string[]> {
  return Object.values(await tokenCacheItem.getValue()).map((entry) => entry.token);
}

function sentTokens(server: Simulator): string[] {
  return server.control
    .requests({ endpoint: 'balance' })
    .map((request) => request.headers['x-cap-api-oauth-token'] ?? '');
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('the token cache', () => {
  it('never sends a token fetched for one host to another after a base URL change', async () => {
    const first = await capillaryServer();
    const second = await capillaryServer();
    await accountsItem.setValue([loyalty(first)]);
    await secretsItem.setValue({ cap: { clientKey: KEY, clientSecret: SECRET } });
    await round();
    const [firstToken] = await cachedTokens();
    expect(firstToken).toBeDefined();

    await accountsItem.setValue([loyalty(second)]);
    await round();

    expect(sentTokens(second)).not.toContain(firstToken);
    expect(tokenCalls(second)).toHaveLength(1);
    expect((await snapshotsItem.getValue()).cap?.error).toBeNull();
  });

  it('never sends a token fetched for one client key with another', async () => {
    const server = await capillaryServer();
    await accountsItem.setValue([loyalty(server)]);
    await secretsItem.setValue({ cap: { clientKey: KEY, clientSecret: SECRET } });
    await round();
    const [oldToken] = await cachedTokens();

    // The customer moved to a new API client; the old client's tokens stay valid until their ttl.
    server.control.updateAccount('cap', {
      auth: { type: 'oauth', clientKey: 'FAKE-other-key', clientSecret: SECRET, ttlSeconds: 1800 },
    });
    await secretsItem.setValue({ cap: { clientKey: 'FAKE-other-key', clientSecret: SECRET } });
    await round();

    const balanceCalls = server.control.requests({ endpoint: 'balance' });
    expect(balanceCalls).toHaveLength(2);
    expect(balanceCalls[1]?.headers['x-cap-api-oauth-token']).not.toBe(oldToken);
    expect(tokenCalls(server).map((call) => (call.body as { key?: string }).key)).toEqual([
      KEY,
      'FAKE-other-key',
    ]);
  });

  it('stores no credential in its keys', async () => {
    const server = await capillaryServer();
    await accountsItem.setValue([loyalty(server)]);
    await secretsItem.setValue({ cap: { clientKey: KEY, clientSecret: SECRET } });
    await round();

    const keys = Object.keys(await tokenCacheItem.getValue());
    expect(keys).toHaveLength(1);
    for (const key of keys) {
      expect(key).not.toContain(KEY);
      expect(key).not.toContain(SECRET);
    }
  });

  it('drops expired tokens when it stores a new one, so old hosts and keys do not pile up', async () => {
    let now = 0;
    const cache = createSessionTokenCache(() => now);
    await cache.set('cap:https://old.example:digest', { token: 'FAKE-old', expiresAt: 10 });
    await cache.set('other:https://host.example:digest', { token: 'FAKE-live', expiresAt: 100 });

    now = 20;
    await cache.set('cap:https://new.example:digest', { token: 'FAKE-new', expiresAt: 50 });

    expect(Object.keys(await tokenCacheItem.getValue()).sort()).toEqual([
      'cap:https://new.example:digest',
      'other:https://host.example:digest',
    ]);
  });
});
