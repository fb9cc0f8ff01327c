import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { checkHostAccess } from '@/lib/engine/host-access';
import { createRefresher, type RefresherDeps } from '@/lib/engine/refresh';
import { afterAttempt, BACKOFF_CAP_MS } from '@/lib/engine/retry-rules';
import { clearDeadRound } from '@/lib/engine/round-lease';
import { RenewalNotSaved } from '@/lib/engine/unsaved-renewals';
import { BALANCE_ERROR_KINDS, type BalanceErrorKind } from '@/lib/errors';
import { createHttp } from '@/lib/providers/http';
import type { Account } from '@/lib/state';
import { accountStatus } from '@/lib/status';
import {
  accountsItem,
  engineStatusItem,
  roundLeaseItem,
  secretsItem,
  settingsItem,
  snapshotsItem,
} from '@/lib/storage/items';
import type { SimDataInput } from '../sim/data/schema';
import type { FaultInput } from '../sim/faults';
import type { Simulator } from '../sim/server';
import { freshHistoryDb, storedHistory } from '../support/history-db';
import {
  balanceCalls as callsTo,
  START,
  simulators,
  storeAccounts,
  testRefresherDeps,
  simWallet as wallet,
  walletAccount,
} from './support';

let clock = START;
let sim: Simulator;
const sims = simulators();

function accountFor(n: number, overrides: Partial<Account> = {}): Account {
  return walletAccount(sim, n, overrides);
}

async function store(accounts: Account[]): Promise<void> {
  await storeAccounts(
    accounts.map((account) => ({
      account,
      credentials: { token: `FAKE-os-token-${account.id.slice(3)}` },
    })),
  );
}

async function startWith(data: SimDataInput['accounts']): Promise<void> {
  sim = await sims.start({ data: { accounts: data }, now: () => clock });
}

function deps(overrides: Partial<RefresherDeps> = {}): RefresherDeps {
  return testRefresherDeps(() => clock, {
    // No in-request retries: every attempt in these tests is one request the sim can count.
    createHttp: () => createHttp({ retries: 0, timeoutMs: 1_000 }),
    batchWindowMs: 60_000,
    ...overrides,
  });
}

function balanceCalls(account?: string): number {
  return callsTo(sim, account);
}

/** storage.local.set calls that wrote snapshots (one `snapshot:<id>` key per account). */
function snapshotWrites(spy: { mock: { calls: unknown[][] } }): number {
  return spy.mock.calls.filter(([items]) =>
    Object.keys(items as object).some((key) => key.startsWith('snapshot:')),
  ).length;
}

beforeEach(() => {
  fakeBrowser.reset();
  freshHistoryDb();
  clock = START;
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('a refresh round', () => {
  it('reads every due, enabled account and writes the snapshots once', async () => {
    await startWith([1, 2, 3, 4, 5, 6].map((n) => wallet(n, `${n}000`)));
    await store(
      [1, 2, 3, 4, 5].map((n) => accountFor(n)).concat(accountFor(6, { enabled: false })),
    );
    const setSpy = vi.spyOn(fakeBrowser.storage.local, 'set');

    const result = await createRefresher(deps()).refresh();

    expect(result.attempted).toHaveLength(5);
    expect(balanceCalls('os-6')).toBe(0);
    expect(snapshotWrites(setSpy)).toBe(1);
    const snapshots = await snapshotsItem.getValue();
    expect(snapshots['os-3']?.reading?.primary).toEqual({ value: '3000', unit: 'INR' });
    expect(snapshots['os-3']?.readingAt).toBe(START);
    expect(snapshots['os-6']).toBeUndefined();
    const history = await storedHistory();
    expect(history['os-1']).toEqual([{ t: START, v: '1000' }]);
  });

  it('writes early results while a slow account is still answering', async () => {
    await startWith([1, 2, 3].map((n) => wallet(n)));
    await store([1, 2, 3].map((n) => accountFor(n)));
    sim.control.setFault({ account: 'os-3' }, { type: 'latency', ms: 300 });
    const setSpy = vi.spyOn(fakeBrowser.storage.local, 'set');
    // A window that holds the two quick answers even on a loaded machine (at 50 ms they were
    // once written apart), and ends well before the slow one's 300 ms.
    const round = createRefresher(deps({ batchWindowMs: 150 })).refresh();

    await vi.waitFor(async () =>
      expect(Object.keys(await snapshotsItem.getValue()).sort()).toEqual(['os-1', 'os-2']),
    );
    await round;
    expect(snapshotWrites(setSpy)).toBe(2);
    expect(Object.keys(await snapshotsItem.getValue()).sort()).toEqual(['os-1', 'os-2', 'os-3']);
  });

  it('keeps the readings in history when the browser refuses the last snapshot write', async () => {
    await startWith([1, 2].map((n) => wallet(n)));
    await store([1, 2].map((n) => accountFor(n)));
    const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items) => {
      if (Object.keys(items).some((key) => key.startsWith('snapshot:'))) {
        throw new Error('QUOTA_BYTES quota exceeded');
      }
      return set(items);
    });

    await expect(createRefresher(deps()).refresh()).rejects.toThrow();

    // IndexedDB has its own room: the charts and the forecast still get the round's points.
    expect(Object.keys(await storedHistory()).sort()).toEqual(['os-1', 'os-2']);
    expect((await engineStatusItem.getValue()).roundRunning).toBe(false);
  });

  it('keeps at most 4 requests at a time on one host', async () => {
    await startWith([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => wallet(n)));
    await store([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => accountFor(n)));
    sim.control.setFault({}, { type: 'latency', ms: 40 });
    let inFlight = 0;
    let most = 0;
    const countingFetch: typeof fetch = async (input, init) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      try {
        return await fetch(input, init);
      } finally {
        inFlight -= 1;
      }
    };
    const result = await createRefresher(
      deps({ createHttp: () => createHttp({ retries: 0, fetch: countingFetch }) }),
    ).refresh();
    expect(result.succeeded).toHaveLength(10);
    expect(most).toBe(4);
  });

  it('updates the engine status the pages show', async () => {
    await startWith([wallet(1)]);
    await store([accountFor(1)]);
    let duringRound: unknown;
    const peekingFetch: typeof fetch = async (input, init) => {
      duringRound = await engineStatusItem.getValue();
      return fetch(input, init);
    };
    await createRefresher(
      deps({ createHttp: () => createHttp({ retries: 0, fetch: peekingFetch }) }),
    ).refresh();
    expect(duringRound).toMatchObject({ roundRunning: true, firstRound: true });
    expect(await engineStatusItem.getValue()).toEqual({
      roundRunning: false,
      firstRound: false,
      online: true,
      lastRoundAt: START,
    });
  });

  it('shows the low count on the badge and notifies once per crossing', async () => {
    await startWith([wallet(1, '50'), wallet(2, '5000')]);
    await store([accountFor(1, { lowThreshold: '100' }), accountFor(2, { lowThreshold: '100' })]);
    const refresher = createRefresher(deps());
    await refresher.refresh();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
    expect(Object.keys(await fakeBrowser.notifications.getAll())).toEqual(['bw:os-1:low']);

    await fakeBrowser.notifications.clear('bw:os-1:low');
    clock += 15 * 60_000;
    await refresher.refresh();
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
    expect((await snapshotsItem.getValue())['os-1']?.lowNotified).toBe(true);
  });
});

describe('per-round reads', () => {
  /** storage.local.get calls that fetched local:secrets. */
  function secretsReads(spy: { mock: { calls: unknown[][] } }): number {
    return spy.mock.calls.filter(([keys]) => [keys].flat().includes('secrets')).length;
  }

  it('reads the credentials once for the whole round, not once per account', async () => {
    const numbers = [1, 2, 3, 4, 5, 6, 7, 8];
    await startWith(numbers.map((n) => wallet(n)));
    await store(numbers.map((n) => accountFor(n)));
    const getSpy = vi.spyOn(fakeBrowser.storage.local, 'get');

    const result = await createRefresher(deps()).refresh();

    expect(result.succeeded).toHaveLength(8);
    expect(secretsReads(getSpy)).toBe(1);
  });

  it('starts every later account from credentials saved while the round ran', async () => {
    await startWith([wallet(1), wallet(2)]);
    await store([accountFor(1), accountFor(2)]);
    await secretsItem.setValue({ 'os-1': { token: 'FAKE-os-token-1' }, 'os-2': { token: 'old' } });
    sim.control.setFault({ account: 'os-1' }, { type: 'latency', ms: 50 });
    // One request at a time: os-2 starts only after os-1 has answered.
    const round = createRefresher(deps({ perHostLimit: 1 })).refresh();
    await vi.waitFor(() => expect(balanceCalls('os-1')).toBe(1));
    await secretsItem.setValue({
      'os-1': { token: 'FAKE-os-token-1' },
      'os-2': { token: 'FAKE-os-token-2' },
    });

    expect((await round).succeeded).toEqual(['os-1', 'os-2']);
  });
});

describe('single flight', () => {
  it('joins a running round instead of starting a second one', async () => {
    await startWith([wallet(1), wallet(2)]);
    await store([accountFor(1), accountFor(2)]);
    const refresher = createRefresher(deps());
    const first = refresher.refresh();
    const second = refresher.refresh();
    expect(second).toBe(first);
    await Promise.all([first, second]);
    expect(balanceCalls()).toBe(2);
  });

  it('gives a user who joins a round the accounts it left alone', async () => {
    await startWith([wallet(1), wallet(2)]);
    await store([accountFor(1), accountFor(2)]);
    sim.control.setFault({ account: 'os-2' }, { type: 'unauthorized', times: 1 });
    const refresher = createRefresher(deps());
    await refresher.refresh();
    expect((await snapshotsItem.getValue())['os-2']?.error?.kind).toBe('auth');

    clock += 15 * 60_000;
    const alarmRound = refresher.refresh();
    const userRequest = refresher.refresh({ force: true });
    expect((await alarmRound).attempted).toEqual(['os-1']);
    expect((await userRequest).attempted).toEqual(['os-2']);
    expect(balanceCalls('os-1')).toBe(2);
    expect(balanceCalls('os-2')).toBe(2);
    expect((await snapshotsItem.getValue())['os-2']?.error).toBeNull();
  });

  it('skips while another worker holds a live lease, and runs once it has expired', async () => {
    await startWith([wallet(1)]);
    await store([accountFor(1)]);
    await roundLeaseItem.setValue({ owner: 'dead-worker', expiresAt: START + 30_000 });
    const refresher = createRefresher(deps({ workerId: 'new-worker' }));

    const skipped = await refresher.refresh();
    expect(skipped.skipped).toBe('busy');
    expect(balanceCalls()).toBe(0);

    clock = START + 30_001;
    const taken = await refresher.refresh();
    expect(taken.succeeded).toEqual(['os-1']);
    expect(balanceCalls()).toBe(1);
    expect(await roundLeaseItem.getValue()).toBeNull();
  });

  it('makes a user wait out a live lease rather than skip', async () => {
    await startWith([wallet(1)]);
    await store([accountFor(1)]);
    await roundLeaseItem.setValue({ owner: 'dead-worker', expiresAt: START + 5_000 });
    const sleeps: number[] = [];
    const refresher = createRefresher(
      deps({
        workerId: 'new-worker',
        sleep: async (ms) => {
          sleeps.push(ms);
          clock += ms;
        },
      }),
    );
    const result = await refresher.refresh({ force: true, waitIfBusy: true });
    expect(result.succeeded).toEqual(['os-1']);
    expect(sleeps.length).toBeGreaterThan(0);
    expect(clock).toBeGreaterThan(START + 5_000);
  });
});

describe('failures', () => {
  const faultFor: Partial<Record<BalanceErrorKind, FaultInput>> = {
    auth: { type: 'unauthorized' },
    'not-found': { type: 'not-found' },
    'rate-limited': { type: 'rate-limit', retryAfterSeconds: 30 },
    network: { type: 'reset' },
    offline: { type: 'reset' },
    timeout: { type: 'timeout' },
    server: { type: 'server-error' },
    'invalid-response': { type: 'malformed-json' },
  };

  /** Makes the next attempt of os-1 fail with `kind`, the way it happens for real. */
  async function breakAccount(kind: BalanceErrorKind): Promise<Partial<RefresherDeps>> {
    const fault = faultFor[kind];
    if (fault) sim.control.setFault({ account: 'os-1' }, fault);
    if (kind === 'offline') vi.stubGlobal('navigator', { onLine: false });
    if (kind === 'config') await secretsItem.setValue({ 'os-1': {} });
    if (kind === 'storage') {
      // Only a renewal the browser refused to store fails so (tests/engine/renewal-not-saved.test.ts).
      const refused = () => Promise.reject(new RenewalNotSaved('OnlineSales'));
      return { renewer: { fetchBalance: refused, renew: refused } };
    }
    if (kind === 'permission') {
      await accountsItem.setValue([accountFor(1, { baseUrl: 'https://wallet.example.com' })]);
      return { hostAccess: (url) => checkHostAccess(url, async () => false) };
    }
    return {};
  }

  it.each(BALANCE_ERROR_KINDS)('keeps the last good reading on a %s error', async (kind) => {
    await startWith([wallet(1, '750')]);
    await store([accountFor(1)]);
    await createRefresher(deps()).refresh();
    const good = (await snapshotsItem.getValue())['os-1'];
    expect(good?.reading?.primary.value).toBe('750');

    clock += 15 * 60_000;
    const overrides = await breakAccount(kind);
    await createRefresher(deps({ ...overrides, accountDeadlineMs: 2_000 })).refresh({
      force: true,
    });

    const snapshot = (await snapshotsItem.getValue())['os-1'];
    expect(snapshot?.error?.kind).toBe(kind);
    expect(snapshot?.reading).toEqual(good?.reading);
    expect(snapshot?.readingAt).toBe(START);
    expect(snapshot?.lastAttemptAt).toBe(clock);
    const account = (await accountsItem.getValue())[0] as Account;
    const status = accountStatus(account, snapshot, await settingsItem.getValue(), clock);
    // Failing with its last good value; "waiting" while backoff or Retry-After holds it back.
    expect(status.state).toBe(snapshot?.nextAttemptAt ? 'waiting' : 'stale');
    expect(status).toMatchObject({ failing: true, isStale: true, reading: good?.reading });
    if (kind === 'permission') expect(balanceCalls()).toBe(1);
  });

  it('does not call again after an auth error until the user asks', async () => {
    await startWith([wallet(1)]);
    await store([accountFor(1)]);
    sim.control.setFault({ account: 'os-1' }, { type: 'unauthorized' });
    const refresher = createRefresher(deps());
    for (let round = 0; round < 3; round++) {
      await refresher.refresh();
      clock += 15 * 60_000;
    }
    expect(balanceCalls()).toBe(1);
    expect((await snapshotsItem.getValue())['os-1']?.error?.kind).toBe('auth');

    sim.control.setFault({ account: 'os-1' }, null);
    await refresher.refresh({ force: true });
    expect(balanceCalls()).toBe(2);
    expect((await snapshotsItem.getValue())['os-1']?.error).toBeNull();
  });

  it('waits for Retry-After, even when the user asks', async () => {
    await startWith([wallet(1)]);
    await store([accountFor(1)]);
    sim.control.setFault(
      { account: 'os-1' },
      { type: 'rate-limit', retryAfterSeconds: 120, times: 1 },
    );
    const refresher = createRefresher(deps());
    await refresher.refresh();
    expect(balanceCalls()).toBe(1);
    expect((await snapshotsItem.getValue())['os-1']?.nextAttemptAt).toBe(START + 120_000);

    clock = START + 119_000;
    await refresher.refresh();
    await refresher.refresh({ force: true });
    expect(balanceCalls()).toBe(1);

    clock = START + 120_000;
    await refresher.refresh();
    expect(balanceCalls()).toBe(2);
    expect((await snapshotsItem.getValue())['os-1']?.error).toBeNull();
  });

  it('backs off further after each failure', async () => {
    await startWith([wallet(1)]);
    await store([accountFor(1)]);
    sim.control.setFault({ account: 'os-1' }, { type: 'server-error' });
    const refresher = createRefresher(deps());
    const delays: number[] = [];
    for (let failure = 1; failure <= 4; failure++) {
      await refresher.refresh();
      expect(balanceCalls()).toBe(failure);
      const snapshot = (await snapshotsItem.getValue())['os-1'];
      const next = snapshot?.nextAttemptAt ?? 0;
      delays.push(next - clock);
      // Not a moment before the backoff ends.
      clock = next - 1;
      await refresher.refresh();
      expect(balanceCalls()).toBe(failure);
      clock = next;
    }
    expect(delays).toEqual([60_000, 120_000, 240_000, 480_000]);
  });

  it('caps the backoff at an hour', () => {
    let snapshot = afterAttempt(
      undefined,
      { ok: false, error: { kind: 'server', message: 'x' } },
      0,
    );
    for (let i = 0; i < 20; i++) {
      snapshot = afterAttempt(snapshot, { ok: false, error: { kind: 'server', message: 'x' } }, 0);
    }
    expect(snapshot.nextAttemptAt).toBe(BACKOFF_CAP_MS);
  });

  it('does not resurrect an account deleted while its round ran', async () => {
    await startWith([wallet(1), wallet(2)]);
    await store([accountFor(1), accountFor(2)]);
    sim.control.setFault({ account: 'os-2' }, { type: 'latency', ms: 50 });
    const round = createRefresher(deps()).refresh();
    await vi.waitFor(() => expect(balanceCalls('os-2')).toBe(1));
    await accountsItem.setValue([accountFor(1)]);
    await round;
    expect(Object.keys(await snapshotsItem.getValue())).toEqual(['os-1']);
  });
});

describe('clearDeadRound', () => {
  const running = { roundRunning: true, firstRound: false, online: true, lastRoundAt: START };

  it('leaves a round alone while its lease is live, and clears it once the lease has expired', async () => {
    await engineStatusItem.setValue(running);
    await roundLeaseItem.setValue({ owner: 'other-worker', expiresAt: START + 30_000 });

    await clearDeadRound(roundLeaseItem, START + 29_999);
    expect(await engineStatusItem.getValue()).toEqual(running);

    await clearDeadRound(roundLeaseItem, START + 30_000);
    expect(await engineStatusItem.getValue()).toEqual({ ...running, roundRunning: false });
  });

  it('clears a running round that holds no lease at all', async () => {
    await engineStatusItem.setValue(running);
    await clearDeadRound(roundLeaseItem, START);
    expect(await engineStatusItem.getValue()).toEqual({ ...running, roundRunning: false });
  });

  it('writes nothing when no round shows as running', async () => {
    const idle = { ...running, roundRunning: false };
    await engineStatusItem.setValue(idle);
    const setSpy = vi.spyOn(fakeBrowser.storage.session, 'set');
    await clearDeadRound(roundLeaseItem, START);
    expect(setSpy).not.toHaveBeenCalled();
    expect(await engineStatusItem.getValue()).toEqual(idle);
  });
});
