import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createRefresher } from '@/lib/engine/refresh';
import { snapshotsItem } from '@/lib/storage/items';
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
 * A notice (low balance, sign-in failed) counts as given only once the system has shown it. A
 * notice that could not be shown, or a round that failed before it got to show it, leaves
 * nothing marked, so the next round tries again instead of the user never hearing of it.
 */

let clock = START;
const sims = simulators();
const LOW = 'bw:os-1:low';

/** An ad wallet at 80 with a threshold of 100: low from its first reading. */
async function lowWallet(): Promise<Simulator> {
  const server = await sims.start({ now: () => clock, data: { accounts: [simWallet(1, '80')] } });
  await storeAccounts([
    {
      account: walletAccount(server, 1, { lowThreshold: '100' }),
      credentials: { token: 'FAKE-os-token-1' },
    },
  ]);
  return server;
}

/** A round 15 minutes after the last; a failed one is as good as any for these tests. */
async function nextRound(): Promise<void> {
  clock += 15 * 60_000;
  await createRefresher(testRefresherDeps(() => clock))
    .refresh({ force: true })
    .catch(() => undefined);
}

/** Notification ids passed to notifications.create, whether or not the system showed them. */
function recordNotices(failFirst: number) {
  const asked: string[] = [];
  const create = fakeBrowser.notifications.create.bind(fakeBrowser.notifications) as (
    id: string,
    options: unknown,
  ) => Promise<string>;
  vi.spyOn(fakeBrowser.notifications, 'create').mockImplementation((async (
    id: string,
    options: unknown,
  ) => {
    asked.push(id);
    if (asked.length <= failFirst) throw new Error('notifications are blocked');
    return create(id, options);
  }) as unknown as typeof fakeBrowser.notifications.create);
  return asked;
}

async function lowNotified(): Promise<boolean | undefined> {
  return (await snapshotsItem.getValue())['os-1']?.lowNotified;
}

beforeEach(() => {
  fakeBrowser.reset();
  freshHistoryDb();
  clock = START;
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
});

describe('a low-balance notice', () => {
  it('is tried again next round when the system could not show it, then given once', async () => {
    await lowWallet();
    const asked = recordNotices(1);

    await nextRound();
    expect(asked).toEqual([LOW]);
    expect(await lowNotified()).toBe(false);

    await nextRound();
    expect(asked).toEqual([LOW, LOW]);
    expect(Object.keys(await fakeBrowser.notifications.getAll())).toEqual([LOW]);
    expect(await lowNotified()).toBe(true);

    await nextRound();
    expect(asked).toEqual([LOW, LOW]);
  });

  it('is shown in the round whose history could not be written (IndexedDB full)', async () => {
    await lowWallet();
    const asked = recordNotices(0);
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw quota;
    });

    await nextRound();

    expect(console.warn).toHaveBeenCalledWith(
      '[balance-watch] history not written:',
      expect.stringContaining('(quota)'),
    );
    expect(asked).toEqual([LOW]);
    expect(Object.keys(await fakeBrowser.notifications.getAll())).toEqual([LOW]);
    expect(await lowNotified()).toBe(true);
  });
});

describe('a sign-in-failed notice', () => {
  it('is tried again next round when the system could not show it', async () => {
    const server = await sims.start({ now: () => clock, data: { accounts: [simWallet(1)] } });
    await storeAccounts([
      { account: walletAccount(server, 1), credentials: { token: 'FAKE-revoked-token' } },
    ]);
    const asked = recordNotices(1);

    await nextRound();
    expect((await snapshotsItem.getValue())['os-1']?.authNotified).toBe(false);
    await nextRound();

    expect(asked).toEqual(['bw:os-1:auth', 'bw:os-1:auth']);
    expect(Object.keys(await fakeBrowser.notifications.getAll())).toEqual(['bw:os-1:auth']);
    expect((await snapshotsItem.getValue())['os-1']?.authNotified).toBe(true);
  });
});
