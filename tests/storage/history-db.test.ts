import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { emptySnapshot } from '@/lib/state';
import { HISTORY_DB_NAME } from '@/lib/storage/history-db';
import { readHistory } from '@/lib/storage/history-read';
import { accountsItem, legacyHistoryItem, snapshotsItem } from '@/lib/storage/items';
import { removeAccount } from '@/lib/storage/writers/account-removal';
import { appendHistory, migrateHistory } from '@/lib/storage/writers/history';
import { account } from '../support/accounts';
import { freshHistoryDb, storedHistory } from '../support/history-db';

const T0 = Date.UTC(2025, 0, 6, 9, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ROUND = 15 * MINUTE;

const reading = (accountId: string, t: number, v: string, unit = 'USD') => ({
  accountId,
  unit,
  t,
  v,
});

async function watch(...ids: string[]): Promise<void> {
  await accountsItem.setValue(ids.map((id) => account({ id })));
}

beforeEach(() => {
  fakeBrowser.reset();
  freshHistoryDb();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

describe('a year of 15-minute rounds', () => {
  it('is kept in tiers: every reading for 7 days, hourly for 90 days, daily before that', async () => {
    await watch('a1');
    const end = T0 + 365 * DAY;
    // A day's rounds at a time, as one append each, so the year runs in seconds.
    for (let day = T0; day < end; day += DAY) {
      const readings = [];
      for (let at = day; at < day + DAY; at += ROUND) {
        readings.push(reading('a1', at, (1_000_000 - (at - T0) / ROUND).toFixed(2)));
      }
      await appendHistory(readings, day + DAY - ROUND);
    }
    const now = end - ROUND;
    const points = (await storedHistory()).a1 ?? [];
    const since = (ms: number) => points.filter((p) => p.t > now - ms).length;

    // The raw tier holds 7 to 8 days (chunks move a whole day at once).
    expect(since(7 * DAY)).toBe(7 * 96);
    // Hourly between 8 and 90 days back (give or take a chunk of 16 days), daily before.
    const hourly = points.filter((p) => p.t <= now - 9 * DAY && p.t > now - 80 * DAY);
    expect(hourly.length).toBe(71 * 24);
    const daily = points.filter((p) => p.t <= now - 120 * DAY);
    expect(daily.length).toBeGreaterThan(240);
    expect(daily.length).toBeLessThan(250);
    // Sorted, and every value still the exact decimal a reading had.
    expect(points.map((p) => p.t)).toEqual([...points.map((p) => p.t)].sort((a, b) => a - b));
    const last = points.at(-1);
    expect(last).toEqual({ t: now, v: (1_000_000 - (now - T0) / ROUND).toFixed(2) });
    expect(points.length).toBeLessThan(7 * 96 + 96 + 90 * 24 + 365);
  });
});

describe('appending a round', () => {
  it('uses one transaction and touches only the accounts it read', async () => {
    await watch('a1', 'a2', 'a3');
    await appendHistory(
      [reading('a1', T0, '10'), reading('a2', T0, '20'), reading('a3', T0, '30')],
      T0,
    );
    const transactions = vi.spyOn(IDBDatabase.prototype, 'transaction');
    const puts = vi.spyOn(IDBObjectStore.prototype, 'put');

    await appendHistory(
      [reading('a1', T0 + ROUND, '9'), reading('a3', T0 + ROUND, '29')],
      T0 + ROUND,
    );

    expect(transactions).toHaveBeenCalledOnce();
    const touched = new Set(
      puts.mock.calls.map(([record]) => (record as { accountId: string }).accountId),
    );
    expect([...touched].sort()).toEqual(['a1', 'a3']);
    expect(await storedHistory()).toEqual({
      a1: [
        { t: T0, v: '10' },
        { t: T0 + ROUND, v: '9' },
      ],
      a2: [{ t: T0, v: '20' }],
      a3: [
        { t: T0, v: '30' },
        { t: T0 + ROUND, v: '29' },
      ],
    });
  });

  it('keeps a series sorted when the clock jumps back', async () => {
    await watch('a1');
    await appendHistory([reading('a1', T0 + 2 * HOUR, '8')], T0 + 2 * HOUR);
    await appendHistory([reading('a1', T0 + HOUR, '9')], T0 + HOUR);
    await appendHistory([reading('a1', T0 + 3 * HOUR, '7')], T0 + 3 * HOUR);

    expect((await storedHistory()).a1?.map((p) => p.v)).toEqual(['9', '8', '7']);
  });

  it('starts a new series when the unit changes, instead of mixing units', async () => {
    await watch('a1');
    await appendHistory([reading('a1', T0, '100', 'USD')], T0);
    await appendHistory([reading('a1', T0 + ROUND, '92', 'EUR')], T0 + ROUND);

    const read = await readHistory({ from: 0, to: T0 + DAY });
    if (!read.ok) throw new Error(read.fault);
    const byUnit = Object.fromEntries(read.value.map((s) => [s.unit, s.points.v]));
    expect(byUnit).toEqual({ USD: ['100'], EUR: ['92'] });
    // The account's current series is the one of its newest reading.
    expect((await storedHistory()).a1).toEqual([{ t: T0 + ROUND, v: '92' }]);
  });

  it('drops a reading of an account deleted meanwhile', async () => {
    await watch('a1');
    await appendHistory([reading('gone', T0, '1'), reading('a1', T0, '2')], T0);
    expect(Object.keys(await storedHistory())).toEqual(['a1']);
  });
});

describe('deleting an account', () => {
  it('deletes its series in every unit and leaves the others', async () => {
    await watch('a1', 'a2');
    await appendHistory(
      [reading('a1', T0, '1', 'USD'), reading('a1', T0 + 1, '2', 'EUR'), reading('a2', T0, '3')],
      T0,
    );

    await removeAccount('a1');

    const read = await readHistory({ from: 0, to: T0 + DAY });
    expect(read.ok && read.value.map((s) => s.accountId)).toEqual(['a2']);
  });
});

describe('the old local:history', () => {
  it('is moved in once, with the unit of each account’s last reading, then removed', async () => {
    await watch('a1', 'a2');
    await snapshotsItem.setValue({
      a1: {
        ...emptySnapshot(),
        reading: { primary: { value: '5', unit: 'INR' }, details: [], warnings: [] },
      },
    });
    await legacyHistoryItem.setValue({
      a1: [
        { t: T0, v: '6' },
        { t: T0 + ROUND, v: '5' },
      ],
    });

    expect(await migrateHistory(T0 + HOUR)).toEqual({ ok: true });
    await appendHistory([reading('a1', T0 + 2 * ROUND, '4', 'INR')], T0 + HOUR);

    expect(await storedHistory()).toEqual({
      a1: [
        { t: T0, v: '6' },
        { t: T0 + ROUND, v: '5' },
        { t: T0 + 2 * ROUND, v: '4' },
      ],
    });
    expect(await fakeBrowser.storage.local.get(['history', 'history$'])).toEqual({});
  });

  it('stays where it was while IndexedDB is unavailable, and a delete still removes from it', async () => {
    vi.stubGlobal('indexedDB', undefined);
    await watch('a1', 'a2');
    await legacyHistoryItem.setValue({ a1: [{ t: T0, v: '6' }], a2: [{ t: T0, v: '7' }] });

    expect(await migrateHistory(T0)).toEqual({ ok: false, fault: 'missing' });
    await removeAccount('a1');

    expect(await legacyHistoryItem.getValue()).toEqual({ a2: [{ t: T0, v: '7' }] });
  });
});

describe('an unavailable or damaged IndexedDB', () => {
  it('is reported with its reason, to the round and to the pages, and throws nowhere', async () => {
    vi.stubGlobal('indexedDB', undefined);
    await watch('a1');

    expect(await appendHistory([reading('a1', T0, '1')], T0)).toEqual({
      ok: false,
      fault: 'missing',
    });
    expect(await readHistory({ from: 0, to: T0 })).toEqual({ ok: false, fault: 'missing' });
  });

  it('says "quota" when the disk is full', async () => {
    await watch('a1');
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });

    expect(await appendHistory([reading('a1', T0, '1')], T0)).toEqual({
      ok: false,
      fault: 'quota',
    });
  });

  it('says "damaged" when the database is not the one this version made', async () => {
    // A database of a later version (a downgrade), or one whose stores are missing.
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(HISTORY_DB_NAME, 99);
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => reject(request.error);
    });

    expect(await readHistory({ from: 0, to: T0 })).toEqual({ ok: false, fault: 'damaged' });
  });

  it('skips a damaged chunk and reads the rest', async () => {
    await watch('a1', 'a2');
    await appendHistory([reading('a1', T0, '1'), reading('a2', T0, '2')], T0);
    const db = await new Promise<IDBDatabase>((resolve) => {
      const request = indexedDB.open(HISTORY_DB_NAME);
      request.onsuccess = () => resolve(request.result);
    });
    const tx = db.transaction('chunks', 'readwrite');
    const start = T0 - (T0 % DAY);
    tx.objectStore('chunks').put({ accountId: 'a1', unit: 'USD', tier: 0, start, t: [T0], v: 'x' });
    await new Promise((resolve) => {
      tx.oncomplete = resolve;
    });
    db.close();

    expect(await storedHistory()).toEqual({ a1: [], a2: [{ t: T0, v: '2' }] });
  });
});
