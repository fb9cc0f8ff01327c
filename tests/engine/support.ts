import { afterEach } from 'vitest';
import { type CommandDeps, createCommandHandlers } from '@/lib/engine/commands';
import {
  createRefresher,
  defaultRefresherDeps,
  type Refresher,
  type RefresherDeps,
} from '@/lib/engine/refresh';
import { createSessionTokenCache } from '@/lib/engine/token-cache';
import { createHttp } from '@/lib/providers/http';
import type { Account } from '@/lib/state';
import { accountsItem, secretsItem } from '@/lib/storage/items';
import type { SimDataInput } from '../sim/data/schema';
import { type Simulator, type SimulatorOptions, startSimulator } from '../sim/server';

/**
 * Set-up the engine tests share: a simulator that is always closed, the round dependencies with
 * an injected clock, and the accounts the simulator serves. Each test file keeps its own clock
 * and passes it in, so a test reads as "move the clock, run a round, look".
 */

export const START = Date.UTC(2025, 0, 6, 9, 0, 0);
export const DAY = 24 * 60 * 60_000;

type SimAccountInput = SimDataInput['accounts'][number];

/** Starts simulators for the calling test file and closes each one after its test. */
export function simulators(): { start(options: SimulatorOptions): Promise<Simulator> } {
  const open = new Set<Simulator>();
  afterEach(async () => {
    const closing = [...open].map((server) => server.close());
    open.clear();
    await Promise.all(closing);
  });
  return {
    async start(options) {
      const server = await startSimulator(options);
      open.add(server);
      return server;
    },
  };
}

/** The extension's round dependencies on a test clock, one request per attempt (no retries). */
export function testRefresherDeps(
  now: () => number,
  overrides: Partial<RefresherDeps> = {},
): RefresherDeps {
  return defaultRefresherDeps({ now, createHttp: () => createHttp({ retries: 0 }), ...overrides });
}

export function balanceCalls(server: Simulator, account?: string): number {
  return server.control.requests({ endpoint: 'balance', account }).length;
}

export function tokenCalls(server: Simulator) {
  return server.control.requests({ endpoint: 'token' });
}

/**
 * An OnlineSales wallet in the simulator. Numbered ones (os-2, "Ads wallet 2", FAKE-os-token-2)
 * are for tests with many accounts; without a number it is the one wallet os-1.
 */
export function simWallet(n?: number, balance = '5000'): SimAccountInput {
  return {
    provider: 'onlinesales',
    id: `os-${n ?? 1}`,
    name: n === undefined ? 'Ads wallet' : `Ads wallet ${n}`,
    balance,
    token: n === undefined ? 'FAKE-os-token' : `FAKE-os-token-${n}`,
    merchantId: `M-${n ?? 1}`,
    merchantType: 'seller',
    marketplaceClientId: 110600,
    currency: 'INR',
    totalCredit: '10000',
  };
}

/** The stored account that reads simWallet(n) from `server`. */
export function walletAccount(
  server: Simulator,
  n?: number,
  overrides: Partial<Account> = {},
): Account {
  return {
    id: `os-${n ?? 1}`,
    provider: 'onlinesales',
    name: n === undefined ? 'Ads wallet' : `Ads wallet ${n}`,
    baseUrl: server.url,
    params: { merchantId: `M-${n ?? 1}`, merchantType: 'seller', marketplaceClientId: 110600 },
    lowThreshold: null,
    enabled: true,
    createdAt: START,
    ...overrides,
  };
}

export const XOXODAY_CREDENTIALS = {
  accessToken: 'FAKE-xoxo-access',
  refreshToken: 'FAKE-xoxo-refresh',
  clientId: 'FAKE-xoxo-client',
  clientSecret: 'FAKE-xoxo-secret',
};

/** A Plum account whose access token the simulator stops accepting at `simExpiresAt`. */
export function simPlum(simExpiresAt: number, renewal = true): SimAccountInput {
  const { accessToken, ...renewalFields } = XOXODAY_CREDENTIALS;
  return {
    provider: 'xoxoday',
    id: 'xoxo',
    name: 'Plum',
    balance: '109970',
    currency: 'INR',
    accessToken,
    accessTokenExpiresAt: simExpiresAt,
    ...(renewal ? renewalFields : {}),
  };
}

export function plumAccount(server: Simulator): Account {
  return {
    id: 'xoxo',
    provider: 'xoxoday',
    name: 'Plum',
    baseUrl: `${server.url}/chef`,
    params: {},
    lowThreshold: null,
    enabled: true,
    createdAt: START,
  };
}

/** Stores accounts with their credentials, the way a save leaves them. */
export async function storeAccounts(
  entries: readonly { account: Account; credentials: Record<string, unknown> }[],
): Promise<void> {
  await accountsItem.setValue(entries.map(({ account }) => account));
  await secretsItem.setValue(
    Object.fromEntries(entries.map(({ account, credentials }) => [account.id, credentials])),
  );
}

/**
 * The background's command handlers over a refresher, wired the way the background entry wires
 * them; ids are acct-1, acct-2... in the order accounts are created.
 */
export function commandSetup(now: () => number) {
  const tokenCache = createSessionTokenCache(now);
  const deps = testRefresherDeps(now, { tokenCache });
  const refresher = createRefresher(deps);
  let ids = 0;
  const commandDeps: CommandDeps = {
    refresher,
    now,
    newId: () => `acct-${++ids}`,
    createHttp: deps.createHttp,
    getProvider: deps.getProvider,
    tokenCache,
    hostAccess: deps.hostAccess,
    refreshBadge: deps.effects.refreshBadge,
    testDeadlineMs: 5_000,
  };
  return { refresher, handlers: createCommandHandlers(commandDeps) };
}

/** Lets a round a command started in the background finish. */
export async function settle(refresher: Refresher): Promise<void> {
  await refresher.running();
}
