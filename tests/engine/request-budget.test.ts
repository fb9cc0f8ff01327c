import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createRefresher } from '@/lib/engine/refresh';
import { admit, createRoundBudget } from '@/lib/engine/request-budget';
import { createHttp } from '@/lib/providers/http';
import type { Account } from '@/lib/state';
import { DEFAULT_SETTINGS } from '@/lib/state';
import { accountStatus } from '@/lib/status';
import { requestBudgetItem, snapshotsItem } from '@/lib/storage/items';
import type { SimDataInput } from '../sim/data/schema';
import type { Simulator } from '../sim/server';
import { commandSetup, START, simulators, storeAccounts, testRefresherDeps } from './support';

/**
 * Issue 19: Xoxoday allows 10 getBalance calls a minute. However often Refresh now is pressed,
 * the engine sends at most that many per token; an account held back waits (nextAttemptAt)
 * instead of failing, and the simulator's request-limit mode never has to refuse one.
 */

const MINUTE = 60_000;
let clock = START;
const sims = simulators();

type SimAccount = SimDataInput['accounts'][number];

function plum(id: string, accessToken: string): SimAccount {
  return { provider: 'xoxoday', id, name: id, balance: '500', currency: 'USD', accessToken };
}

function account(server: Simulator, id: string): Account {
  return {
    id,
    provider: 'xoxoday',
    name: id,
    baseUrl: `${server.url}/chef`,
    params: {},
    lowThreshold: null,
    enabled: true,
    createdAt: START,
  };
}

/** Stored accounts reading the simulator, each with an access token only (no renewal). */
async function setUp(entries: { id: string; token: string }[], sim: SimAccount[]) {
  const server = await sims.start({ now: () => clock, data: { accounts: sim } });
  // The provider's real limit, on: a request over it would be refused with a penalty.
  server.control.setFault({ provider: 'xoxoday' }, { type: 'request-limit' });
  await storeAccounts(
    entries.map(({ id, token }) => ({
      account: account(server, id),
      credentials: { accessToken: token },
    })),
  );
  return server;
}

const sent = (server: Simulator) => server.control.requests({ endpoint: 'balance' });
const refused = (server: Simulator) => sent(server).filter((r) => r.status !== 200);

beforeEach(() => {
  fakeBrowser.reset();
  clock = START;
});

describe('admit', () => {
  const limit = { calls: 3, perMs: MINUTE };

  it('lets `calls` requests through in a window, then says when the oldest leaves it', () => {
    let log = {};
    const held: (number | null)[] = [];
    for (const at of [0, 10, 20, 30]) {
      const result = admit(log, 'k', limit, START + at * 1000);
      log = result.log;
      held.push(result.heldUntil);
    }
    expect(held).toEqual([null, null, null, START + MINUTE]);
    expect(admit(log, 'k', limit, START + MINUTE).heldUntil).toBeNull();
  });

  it('counts each caller apart and forgets what left its window', () => {
    const { log } = admit(
      { old: { perMs: MINUTE, sentAt: [START - 2 * MINUTE] } },
      'k',
      limit,
      START,
    );
    expect(log).toEqual({ k: { perMs: MINUTE, sentAt: [START] } });
  });
});

describe("a round's slots", () => {
  it('slots asked for at once, before the stored log is read, still stop at the limit', async () => {
    const budget = createRoundBudget(() => clock);
    const limit = { calls: 10, perMs: MINUTE, caller: 'accessToken' };
    const held = await Promise.all(
      Array.from({ length: 12 }, () => budget.take('one token', limit, clock)),
    );
    expect(held.filter((until) => until === null)).toHaveLength(10);
    expect(held.filter((until) => until !== null)).toEqual([clock + MINUTE, clock + MINUTE]);
    await budget.close();
    expect(Object.values(await requestBudgetItem.getValue())[0]?.sentAt).toHaveLength(10);
  });
});

describe('the request budget in the rounds', () => {
  it('Refresh now pressed 25 times in a minute sends 10 balance calls; the account waits, not fails', async () => {
    const server = await setUp([{ id: 'plum', token: 'FAKE-xoxo-1' }], [plum('p1', 'FAKE-xoxo-1')]);
    const { handlers } = commandSetup(() => clock);
    for (let press = 0; press < 25; press++) {
      clock = START + press * 1000;
      await handlers.refreshNow({ accountIds: ['plum'] });
    }
    expect(sent(server)).toHaveLength(10);
    expect(refused(server)).toEqual([]);

    const snapshot = (await snapshotsItem.getValue()).plum;
    expect(snapshot).toMatchObject({ error: null, failures: 0, nextAttemptAt: START + MINUTE });
    expect(snapshot?.reading?.primary.value).toBe('500');
    const status = accountStatus(account(server, 'plum'), snapshot, DEFAULT_SETTINGS, clock);
    expect(status.state).toBe('waiting');
    expect(status.failing).toBe(false);

    // A minute after the first call, a slot is free again.
    clock = START + MINUTE;
    await handlers.refreshNow({ accountIds: ['plum'] });
    expect(sent(server)).toHaveLength(11);
    expect((await snapshotsItem.getValue()).plum?.nextAttemptAt).toBeNull();
  });

  it('a worker started again within the minute still counts what the last one sent', async () => {
    const server = await setUp([{ id: 'plum', token: 'FAKE-xoxo-1' }], [plum('p1', 'FAKE-xoxo-1')]);
    for (let press = 0; press < 10; press++) {
      await commandSetup(() => clock).handlers.refreshNow({ accountIds: ['plum'] });
    }
    expect(sent(server)).toHaveLength(10);
    // A new worker: new refresher, renewer and memory; session storage survives.
    await commandSetup(() => clock).handlers.refreshNow({ accountIds: ['plum'] });
    expect(sent(server)).toHaveLength(10);
  });

  it('accounts sharing a token share its budget; another token has its own', async () => {
    const server = await setUp(
      [
        { id: 'a', token: 'FAKE-xoxo-1' },
        { id: 'b', token: 'FAKE-xoxo-1' },
        { id: 'c', token: 'FAKE-xoxo-2' },
      ],
      [plum('p1', 'FAKE-xoxo-1'), plum('p2', 'FAKE-xoxo-2')],
    );
    const { handlers } = commandSetup(() => clock);
    for (let press = 0; press < 8; press++) await handlers.refreshNow({});
    expect(sent(server).filter((r) => r.accountId === 'p1')).toHaveLength(10);
    expect(sent(server).filter((r) => r.accountId === 'p2')).toHaveLength(8);
    expect(refused(server)).toEqual([]);
  });

  it('in-request retries count too', async () => {
    const server = await setUp([{ id: 'plum', token: 'FAKE-xoxo-1' }], [plum('p1', 'FAKE-xoxo-1')]);
    server.control.setFault({ account: 'p1' }, { type: 'server-error' });
    const deps = testRefresherDeps(() => clock, {
      createHttp: () => createHttp({ retries: 2, backoffLimitMs: 1 }),
    });
    const refresher = createRefresher(deps);
    for (let press = 0; press < 6; press++) {
      await refresher.refresh({ force: true, waitIfBusy: true });
    }
    // Three attempts of three requests, and one request of the fourth.
    expect(sent(server)).toHaveLength(10);
    expect((await snapshotsItem.getValue()).plum?.error?.kind).toBe('server');
  });

  it('keeps no token in session storage: the caller is a hash', async () => {
    await setUp([{ id: 'plum', token: 'FAKE-xoxo-1' }], [plum('p1', 'FAKE-xoxo-1')]);
    await commandSetup(() => clock).handlers.refreshNow({});
    const stored = JSON.stringify(await requestBudgetItem.getValue());
    expect(stored).toContain('xoxoday');
    expect(stored).not.toContain('FAKE-xoxo-1');
  });

  it('leaves providers without a documented limit alone', async () => {
    const server = await sims.start({
      now: () => clock,
      data: {
        accounts: [
          {
            provider: 'onlinesales',
            id: 'os-1',
            name: 'Ads',
            balance: '5',
            token: 'FAKE-os',
            merchantId: 'M-1',
            merchantType: 'seller',
            marketplaceClientId: 1,
            currency: 'USD',
            totalCredit: '10',
          },
        ],
      },
    });
    await storeAccounts([
      {
        account: {
          ...account(server, 'os'),
          provider: 'onlinesales',
          baseUrl: server.url,
          params: { merchantId: 'M-1', merchantType: 'seller', marketplaceClientId: 1 },
        },
        credentials: { token: 'FAKE-os' },
      },
    ]);
    const { handlers } = commandSetup(() => clock);
    for (let press = 0; press < 12; press++) await handlers.refreshNow({});
    expect(sent(server)).toHaveLength(12);
    expect(await requestBudgetItem.getValue()).toEqual({});
  });
});
