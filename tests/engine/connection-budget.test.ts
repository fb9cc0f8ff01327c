import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { AccountDraft } from '@/lib/messages';
import type { Account } from '@/lib/state';
import { requestBudgetItem, snapshotsItem } from '@/lib/storage/items';
import type { SimDataInput } from '../sim/data/schema';
import type { FaultInput } from '../sim/faults';
import type { Simulator } from '../sim/server';
import { commandSetup, plumAccount, START, simulators, simWallet, storeAccounts } from './support';

/**
 * "Test connection" keeps to the provider's documented request limit (Xoxoday: 10 getBalance
 * calls a minute per access token) as the rounds do, in the same stored log: a test and a round
 * on one token count together, whichever runs first and while the other runs.
 */

const MINUTE = 60_000;
const TOKEN = 'FAKE-xoxo-1';
let clock = START;
const sims = simulators();

beforeEach(() => {
  fakeBrowser.reset();
  clock = START;
});

/** The simulator serving one Plum wallet on TOKEN, with `fault` on for Xoxoday. */
async function startPlum(fault: FaultInput): Promise<Simulator> {
  const plum: SimDataInput['accounts'][number] = {
    provider: 'xoxoday',
    id: 'p1',
    name: 'Plum',
    balance: '500',
    currency: 'USD',
    accessToken: TOKEN,
  };
  const server = await sims.start({ now: () => clock, data: { accounts: [plum] } });
  server.control.setFault({ provider: 'xoxoday' }, fault);
  return server;
}

/** The provider's real limit: a request over it would be refused with a penalty. */
const REQUEST_LIMIT: FaultInput = { type: 'request-limit' };

/** What the options form sends for an unsaved Xoxoday draft on TOKEN. */
function plumDraft(server: Simulator): AccountDraft {
  return {
    provider: 'xoxoday',
    name: 'Plum',
    baseUrl: `${server.url}/chef`,
    params: {},
    lowThreshold: null,
    enabled: true,
    credentials: { accessToken: TOKEN },
  };
}

/** `count` stored Plum accounts on TOKEN, plum-1, plum-2... */
async function storePlums(server: Simulator, count: number): Promise<Account[]> {
  const accounts = Array.from({ length: count }, (_, i) => ({
    ...plumAccount(server),
    id: `plum-${i + 1}`,
    name: `Plum ${i + 1}`,
  }));
  await storeAccounts(
    accounts.map((account) => ({ account, credentials: { accessToken: TOKEN } })),
  );
  return accounts;
}

const sent = (server: Simulator) => server.control.requests({ endpoint: 'balance' });
const refused = (server: Simulator) => sent(server).filter((r) => r.status !== 200);

/** Until the simulator has received `count` balance requests (they are logged on arrival). */
async function untilSent(server: Simulator, count: number): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (sent(server).length < count) {
    if (Date.now() > deadline) throw new Error(`only ${sent(server).length} requests arrived`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('Test connection under the request limit', () => {
  it('pressed 12 times in a minute sends 10 requests; the last 2 say when to try again', async () => {
    const server = await startPlum(REQUEST_LIMIT);
    const { handlers } = commandSetup(() => clock);
    const results = [];
    for (let press = 0; press < 12; press++) {
      clock = START + press * 1000;
      results.push(await handlers.testConnection(plumDraft(server)));
    }
    expect(sent(server)).toHaveLength(10);
    expect(refused(server)).toEqual([]);
    expect(results.slice(0, 10).every((result) => result.ok)).toBe(true);

    // The first request leaves the window at START + 60 s: 50 s after the 11th press, 49 after the 12th.
    const [eleventh, twelfth] = results.slice(10);
    expect(eleventh).toMatchObject({
      ok: false,
      error: { kind: 'rate-limited', retryAfterMs: 50_000 },
    });
    expect(twelfth).toMatchObject({
      ok: false,
      error: { kind: 'rate-limited', retryAfterMs: 49_000 },
    });
    if (eleventh?.ok !== false) throw new Error('expected a refusal');
    expect(eleventh.error.message).toBe(
      'Xoxoday Plum allows 10 requests every 60 seconds for one token, and they are used up: try again in 50 seconds.',
    );

    clock = START + MINUTE;
    expect((await handlers.testConnection(plumDraft(server))).ok).toBe(true);
    expect(sent(server)).toHaveLength(11);
    expect(refused(server)).toEqual([]);
  });

  it('counts the rounds’ requests on the same token, and the rounds count the tests’', async () => {
    const server = await startPlum(REQUEST_LIMIT);
    await storePlums(server, 1);
    const { handlers } = commandSetup(() => clock);
    for (let press = 0; press < 6; press++) await handlers.refreshNow({ accountIds: ['plum-1'] });
    const tests = [];
    for (let press = 0; press < 5; press++)
      tests.push(await handlers.testConnection(plumDraft(server)));
    expect(tests.map((result) => result.ok)).toEqual([true, true, true, true, false]);
    expect(sent(server)).toHaveLength(10);

    // A minute on, the tests go first: four of them leave the round six.
    clock = START + MINUTE;
    for (let press = 0; press < 4; press++) await handlers.testConnection(plumDraft(server));
    for (let press = 0; press < 8; press++) await handlers.refreshNow({ accountIds: ['plum-1'] });
    expect(sent(server)).toHaveLength(20);
    expect(refused(server)).toEqual([]);
    expect((await snapshotsItem.getValue())['plum-1']?.nextAttemptAt).toBe(START + 2 * MINUTE);
  });

  it('a test while a round’s requests are out counts the slots the round has not stored yet', async () => {
    // Slow answers keep the round's requests out while the tests are pressed.
    const server = await startPlum({ type: 'latency', ms: 300 });
    await storePlums(server, 4);
    const { handlers, refresher } = commandSetup(() => clock);
    const round = refresher.refresh({ force: true });
    await untilSent(server, 4);
    const tests = await Promise.all(
      Array.from({ length: 8 }, () => handlers.testConnection(plumDraft(server))),
    );
    await round;
    expect(sent(server)).toHaveLength(10);
    expect(tests.filter((result) => result.ok)).toHaveLength(6);
    expect(
      tests.filter((result) => !result.ok && result.error.kind === 'rate-limited'),
    ).toHaveLength(2);
  });

  it('a round counts the slots of tests pressed while its requests are out', async () => {
    const server = await startPlum({ type: 'latency', ms: 300 });
    await storePlums(server, 8);
    const { handlers, refresher } = commandSetup(() => clock);
    // Four requests to one host at a time: the round's other four wait for these answers.
    const round = refresher.refresh({ force: true });
    await untilSent(server, 4);
    const tests = await Promise.all(
      Array.from({ length: 6 }, () => handlers.testConnection(plumDraft(server))),
    );
    const result = await round;
    expect(tests.every((test) => test.ok)).toBe(true);
    expect(sent(server)).toHaveLength(10);
    expect(result.succeeded).toHaveLength(4);
    const snapshots = await snapshotsItem.getValue();
    const waiting = Object.values(snapshots).filter((s) => s.nextAttemptAt === START + MINUTE);
    expect(waiting).toHaveLength(4);
  });

  it('leaves providers without a documented limit alone', async () => {
    const server = await sims.start({ now: () => clock, data: { accounts: [simWallet()] } });
    const { handlers } = commandSetup(() => clock);
    const draft: AccountDraft = {
      provider: 'onlinesales',
      name: 'Ads wallet',
      baseUrl: server.url,
      params: { merchantId: 'M-1', merchantType: 'seller', marketplaceClientId: '110600' },
      lowThreshold: null,
      enabled: true,
      credentials: { token: 'FAKE-os-token' },
    };
    for (let press = 0; press < 12; press++) {
      expect((await handlers.testConnection(draft)).ok).toBe(true);
    }
    expect(sent(server)).toHaveLength(12);
    expect(await requestBudgetItem.getValue()).toEqual({});
  });
});
