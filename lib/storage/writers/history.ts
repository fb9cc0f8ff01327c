import {
  chunkStart,
  insertPoint,
  lastPerBucket,
  mergeColumns,
  type PointColumns,
  sliceColumns,
  TIERS,
} from '@/lib/history';
import { historyCheck, readValidated } from '@/lib/storage/guard';
import {
  type ChunkRecord,
  HISTORY_CHANGED_CHANNEL,
  type HistoryDb,
  type HistoryFault,
  type HistoryReadTx,
  type HistoryWriteTx,
  historyDb,
  historyFault,
  ofAccount,
  type SeriesKey,
  type SeriesRecord,
} from '@/lib/storage/history-db';
import { legacyHistoryItem } from '@/lib/storage/items';
import { createMutex } from '@/lib/storage/lock';
import { readAccounts } from '@/lib/storage/writers/accounts';
import { readSnapshots } from '@/lib/storage/writers/snapshots';

/**
 * The one writer of balance history (IndexedDB, lib/storage/history-db.ts): rounds append their
 * readings, a delete drops an account's series, and the old local:history is moved in once. Every
 * write runs under one lock (after the snapshots' in the lock order of locked-store.ts), so a
 * delete and a round never interleave. A failure never throws into a round: history is what the
 * pages show beside the balances, not what the balances depend on.
 */

export interface HistoryReading {
  accountId: string;
  /** The reading's unit: a new unit starts a new series. */
  unit: string;
  /** epoch ms */
  t: number;
  /** exact decimal string */
  v: string;
}

export type HistoryOutcome = { ok: true } | { ok: false; fault: HistoryFault };

/** Each account's series, by unit, over the raw tier's points from a time on. */
export type RecentHistory = ReadonlyMap<string, ReadonlyMap<string, PointColumns>>;

const lock = createMutex();
/** A series' chunks move down the tiers at most once an hour: a round a minute need not check. */
const COMPACT_EVERY_MS = 60 * 60_000;

/** Items grouped by a key, in their order. */
function groupBy<T>(items: readonly T[], keyOf: (item: T) => readonly unknown[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = JSON.stringify(keyOf(item));
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.values()];
}

const RAW = TIERS[0] as (typeof TIERS)[number];

type Tx = HistoryWriteTx;

/** Moves the aged chunks of one series down the tiers; the oldest leave the last tier. */
async function compact(tx: Tx, key: SeriesKey, now: number): Promise<void> {
  const chunks = tx.objectStore('chunks');
  for (let tier = 0; tier < TIERS.length; tier++) {
    const spec = TIERS[tier] as (typeof TIERS)[number];
    const latestAged = now - spec.keepMs - spec.chunkMs;
    const range = IDBKeyRange.bound([...key, tier, -Infinity], [...key, tier, latestAged]);
    const aged = await chunks.getAll(range);
    if (aged.length === 0) continue;
    await Promise.all(aged.map((chunk) => chunks.delete([...key, tier, chunk.start])));
    const next = TIERS[tier + 1];
    if (next) await moveInto(tx, key, tier + 1, lastPerBucket(mergeColumns(aged), next.bucketMs));
  }
}

/** Adds points to a tier's chunks, keeping one point per bucket of that tier. */
async function moveInto(tx: Tx, key: SeriesKey, tier: number, points: PointColumns) {
  const spec = TIERS[tier] as (typeof TIERS)[number];
  const parts = new Map<number, PointColumns>();
  points.t.forEach((t, i) => {
    const start = chunkStart(t, spec);
    const part = parts.get(start) ?? { t: [], v: [] };
    part.t.push(t);
    part.v.push(points.v[i] as string);
    parts.set(start, part);
  });
  const chunks = tx.objectStore('chunks');
  await Promise.all(
    [...parts].map(async ([start, part]) => {
      const stored = await chunks.get([...key, tier, start]);
      const merged = lastPerBucket(mergeColumns(stored ? [stored, part] : [part]), spec.bucketMs);
      await chunks.put({ accountId: key[0], unit: key[1], tier, start, ...merged });
    }),
  );
}

/** The series record after these readings: its newest point (a clock gone back keeps it). */
function advanced(
  found: SeriesRecord | undefined,
  readings: readonly HistoryReading[],
  now: number,
): SeriesRecord {
  const first = readings[0] as HistoryReading;
  const record: SeriesRecord = found ?? {
    accountId: first.accountId,
    unit: first.unit,
    last: Number.NEGATIVE_INFINITY,
    lastValue: '',
    compactedAt: now,
  };
  for (const { t, v } of readings) {
    if (t >= record.last) Object.assign(record, { last: t, lastValue: v });
  }
  return record;
}

/** Adds one series' readings to its raw chunks. */
async function appendToChunks(tx: Tx, readings: readonly HistoryReading[]): Promise<void> {
  const chunks = tx.objectStore('chunks');
  const byChunk = groupBy(readings, ({ t }) => [chunkStart(t, RAW)]);
  await Promise.all(
    byChunk.map(async (group) => {
      const { accountId, unit, t } = group[0] as HistoryReading;
      const start = chunkStart(t, RAW);
      const chunk: ChunkRecord = (await chunks.get([accountId, unit, 0, start])) ?? {
        accountId,
        unit,
        tier: 0,
        start,
        t: [],
        v: [],
      };
      for (const reading of group) insertPoint(chunk, reading.t, reading.v);
      await chunks.put(chunk);
    }),
  );
}

/** The series' raw points from `from` on (its chunks from the one holding `from`), merged. */
async function readRecent(tx: HistoryReadTx, key: SeriesKey, from: number): Promise<PointColumns> {
  const range = IDBKeyRange.bound([...key, 0, chunkStart(from, RAW)], [...key, 0, Infinity]);
  const chunks = await tx.objectStore('chunks').getAll(range);
  return sliceColumns(mergeColumns(chunks), from, Number.POSITIVE_INFINITY);
}

/** Appends one series' readings; compacts it when due. */
async function appendToSeries(tx: Tx, readings: HistoryReading[], now: number): Promise<void> {
  const series = tx.objectStore('series');
  const first = readings[0] as HistoryReading;
  const key: SeriesKey = [first.accountId, first.unit];
  const [found] = await Promise.all([series.get(key), appendToChunks(tx, readings)]);
  const record = advanced(found, readings, now);
  // A clock that went back is not "an hour since": compact now and count from here.
  const due = now - record.compactedAt >= COMPACT_EVERY_MS || record.compactedAt > now;
  if (due) record.compactedAt = now;
  await series.put(record);
  if (due) await compact(tx, key, now);
}

/**
 * Writes readings in one transaction that touches only their accounts' series, every series at
 * once (IndexedDB queues the requests; awaiting one by one would cost a round trip each).
 */
async function appendInOneTransaction(
  db: HistoryDb,
  readings: readonly HistoryReading[],
  now: number,
): Promise<void> {
  const tx = db.transaction(['series', 'chunks'], 'readwrite');
  const valid = readings.filter(({ t }) => Number.isFinite(t));
  const bySeries = groupBy(valid, ({ accountId, unit }) => [accountId, unit]);
  await Promise.all([...bySeries.map((group) => appendToSeries(tx, group, now)), tx.done]);
}

/** Tells open pages (lib/storage/history-read.ts) that history changed. */
function announce(): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(HISTORY_CHANGED_CHANNEL);
  channel.postMessage('changed');
  channel.close();
}

/** Per connection: a worker opens one, so the old store is looked for once per worker. */
const migrations = new WeakMap<HistoryDb, Promise<void>>();

/**
 * Moves local:history (before IndexedDB, 500 points per account in storage.local) into the
 * database, then removes it. Once per connection; after it has landed the key is gone, so
 * later workers find nothing to do. Damaged points are set aside as any damaged store's are.
 * The old points carry no unit: each account's goes with the unit of its last reading.
 */
async function migrateLegacy(db: HistoryDb, now: number): Promise<void> {
  const legacy = await readValidated(legacyHistoryItem, historyCheck);
  const ids = Object.keys(legacy);
  if (ids.length > 0) {
    const snapshots = await readSnapshots();
    const readings = ids.flatMap((accountId) => {
      const unit = snapshots[accountId]?.reading?.primary.unit;
      if (unit === undefined) return [];
      return (legacy[accountId] ?? []).map(({ t, v }) => ({ accountId, unit, t, v }));
    });
    await appendInOneTransaction(db, readings, now);
  }
  await legacyHistoryItem.removeValue({ removeMeta: true });
}

function migrated(db: HistoryDb, now: number): Promise<void> {
  let migration = migrations.get(db);
  if (!migration) {
    migration = migrateLegacy(db, now).catch((error: unknown) => {
      migrations.delete(db);
      throw error;
    });
    migrations.set(db, migration);
  }
  return migration;
}

/** Runs `write` with the open database under the lock, the old store moved in first. */
async function withHistory(
  now: number,
  write: (db: HistoryDb) => Promise<void>,
): Promise<HistoryOutcome> {
  try {
    const db = await historyDb();
    await migrated(db, now);
    await write(db);
    announce();
    return { ok: true };
  } catch (error) {
    const fault = historyFault(error);
    console.warn('[balance-watch] history not written:', fault.message);
    return { ok: false, fault: fault.fault };
  }
}

/**
 * Moves the old local:history in, if it is still there. The background calls it at start so the
 * pages find the history before the first round has run.
 */
export function migrateHistory(now: number): Promise<HistoryOutcome> {
  return lock.lock(() => withHistory(now, async () => undefined));
}

/**
 * Appends a round's readings. Accounts are read inside the lock: a delete drops the account
 * before its history, so a reading of an account deleted meanwhile cannot bring its series back.
 */
export function appendHistory(
  readings: readonly HistoryReading[],
  now: number,
): Promise<HistoryOutcome> {
  return lock.lock(() =>
    withHistory(now, async (db) => {
      const live = new Set((await readAccounts()).map((account) => account.id));
      const kept = readings.filter(({ accountId }) => live.has(accountId));
      if (kept.length > 0) await appendInOneTransaction(db, kept, now);
    }),
  );
}

/** Every series record in one request, then each of these accounts' series' recent points. */
async function readWindows(
  tx: HistoryReadTx,
  accountIds: readonly string[],
  from: number,
): Promise<RecentHistory> {
  const recent = new Map(accountIds.map((id) => [id, new Map<string, PointColumns>()]));
  const keys = (await tx.objectStore('series').getAll())
    .filter(({ accountId }) => recent.has(accountId))
    .map(({ accountId, unit }): SeriesKey => [accountId, unit]);
  const points = await Promise.all(keys.map((key) => readRecent(tx, key, from)));
  keys.forEach(([accountId, unit], i) => {
    recent.get(accountId)?.set(unit, points[i] as PointColumns);
  });
  return recent;
}

/**
 * The accounts' recent points, by account and unit, in one read-only transaction: every series
 * record in one request, then each of these accounts' series' raw chunks from `from` on. A round
 * reads its forecast windows while its requests are out (lib/engine/round-effects.ts), so its
 * last snapshot write need not wait for the append. Under the lock, so it sees the previous
 * round's append whole and the old local:history moved in. null when history cannot be read.
 */
export function readRecentHistory(
  accountIds: readonly string[],
  from: number,
  now: number,
): Promise<RecentHistory | null> {
  return lock.lock(async () => {
    try {
      const db = await historyDb();
      await migrated(db, now);
      const tx = db.transaction(['series', 'chunks'], 'readonly');
      const [recent] = await Promise.all([readWindows(tx, accountIds, from), tx.done]);
      return recent;
    } catch (error) {
      console.warn('[balance-watch] history not read:', historyFault(error).message);
      return null;
    }
  });
}

/** Deletes every series of an account, in every unit. */
async function dropAccount(accountId: string, now: number): Promise<HistoryOutcome> {
  return withHistory(now, async (db) => {
    const tx = db.transaction(['series', 'chunks'], 'readwrite');
    await Promise.all([
      tx.objectStore('series').delete(ofAccount(accountId)),
      tx.objectStore('chunks').delete(ofAccount(accountId)),
      tx.done,
    ]);
  });
}

/**
 * For writes across stores (lib/storage/writers/account-removal.ts): `section` runs under the
 * history lock with the old local:history (empty once moved in) and a function that deletes an
 * account's series.
 */
export function lockHistory<R>(
  section: (drop: (accountId: string) => Promise<HistoryOutcome>) => Promise<R>,
  now: () => number = Date.now,
): Promise<R> {
  return lock.lock(() => section((accountId) => dropAccount(accountId, now())));
}
