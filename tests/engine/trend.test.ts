import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createRefresher } from '@/lib/engine/refresh';
import { createHttp } from '@/lib/providers/http';
import { snapshotsItem } from '@/lib/storage/items';
import { updateSnapshots } from '@/lib/storage/writers/snapshots';
import type { Simulator } from '../sim/server';
import { freshHistoryDb } from '../support/history-db';
import {
  START,
  simulators,
  simWallet,
  storeAccounts,
  testRefresherDeps,
  walletAccount,
} from './support';

/**
 * Issue 15: after each good reading the engine fits the account's spend on its recent history
 * (lib/forecast.ts) and keeps it in the snapshot (Snapshot.trend), so the popup, the badge and
 * the notices can say when it runs low without reading history themselves.
 */

const HOUR = 60 * 60_000;
let clock = START;
let sim: Simulator;
const sims = simulators();

async function start(balance: string): Promise<void> {
  sim = await sims.start({ data: { accounts: [simWallet(undefined, balance)] }, now: () => clock });
  await storeAccounts([
    {
      account: walletAccount(sim, undefined, { lowThreshold: '100' }),
      credentials: { token: 'FAKE-os-token' },
    },
  ]);
}

function round() {
  const deps = testRefresherDeps(() => clock, {
    createHttp: () => createHttp({ retries: 0, timeoutMs: 2_000 }),
    batchWindowMs: 60_000,
  });
  return createRefresher(deps).refresh({ force: true });
}

/** One round an hour, the balance set before each. */
async function roundsAt(balances: string[]): Promise<void> {
  for (const [i, balance] of balances.entries()) {
    clock = START + i * HOUR;
    sim.control.setBalance('os-1', balance);
    await round();
  }
}

const trend = async () => (await snapshotsItem.getValue())['os-1']?.trend;

beforeEach(() => {
  fakeBrowser.reset();
  freshHistoryDb();
  clock = START;
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('the trend a round keeps', () => {
  it('is fitted once the history is enough, and follows each good reading', async () => {
    await start('1000');
    await roundsAt(['1000', '900']);
    // Two readings over an hour: not enough to say anything.
    expect(await trend()).toBeFalsy();
    clock = START + 2 * HOUR;
    sim.control.setBalance('os-1', '800');
    await round();
    expect(await trend()).toEqual({ perDay: 2400, at: START + 2 * HOUR, value: 800 });
    clock = START + 3 * HOUR;
    sim.control.setBalance('os-1', '500');
    await round();
    // 1000 900 800 500: the six slopes' median is between -100/h and -166.7/h: 3 200 a day.
    expect(await trend()).toMatchObject({ at: START + 3 * HOUR, value: 500 });
    expect((await trend())?.perDay).toBeCloseTo(3200, 6);
  });

  it('is cleared when the history no longer gives a confident forecast (a top-up)', async () => {
    await start('1000');
    await roundsAt(['1000', '900', '800']);
    expect((await trend())?.perDay).toBe(2400);
    clock = START + 3 * HOUR;
    sim.control.setBalance('os-1', '5000');
    await round();
    expect(await trend()).toBeNull();
  });

  it('keeps what else the snapshot holds, a snooze set meanwhile included', async () => {
    await start('1000');
    await roundsAt(['1000', '900']);
    const snooze = { at: START + HOUR, until: null, from: '900' };
    await updateSnapshots((snapshots) => {
      const snapshot = snapshots['os-1'];
      return snapshot ? { ...snapshots, 'os-1': { ...snapshot, snooze } } : snapshots;
    });
    clock = START + 2 * HOUR;
    sim.control.setBalance('os-1', '800');
    await round();
    const stored = (await snapshotsItem.getValue())['os-1'];
    expect(stored?.trend?.perDay).toBe(2400);
    expect(stored?.snooze).toEqual(snooze);
    expect(stored?.reading?.primary.value).toBe('800');
  });

  it('follows the reading even when its history cannot be written (a full disk)', async () => {
    // Issue 17: the round fits the trend on the history it read while its requests were out
    // plus the reading it got, so its last write need not wait for the append.
    await start('1000');
    await roundsAt(['1000', '900']);
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    clock = START + 2 * HOUR;
    sim.control.setBalance('os-1', '800');
    await round();
    expect(await trend()).toEqual({ perDay: 2400, at: START + 2 * HOUR, value: 800 });
  });

  it('stays as it was when a reading fails', async () => {
    await start('1000');
    await roundsAt(['1000', '900', '800']);
    clock = START + 3 * HOUR;
    sim.control.setFault({ account: 'os-1' }, { type: 'server-error' });
    await round();
    expect(await trend()).toEqual({ perDay: 2400, at: START + 2 * HOUR, value: 800 });
  });
});
