import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB } from 'idb';
import { chunkStart, type PointColumns, TIERS } from '@/lib/history';

/**
 * Balance history in IndexedDB, which the service worker and the pages can both open (no 10 MiB
 * storage.local quota to share, and a round rewrites only the chunks it touches). This module is
 * the database's shape and how to reach it; lib/storage/writers/history.ts is its one writer and
 * lib/storage/history-read.ts the reads the pages may use. It imports no storage item, so a page
 * loading it reads nothing else.
 *
 * A series is one account in one unit: a reading in another unit (the provider changed the
 * wallet's currency) starts another series instead of mixing the two.
 */

export const HISTORY_DB_NAME = 'balance-watch-history';
const HISTORY_DB_VERSION = 1;
/** The BroadcastChannel on which the writer tells open pages that history changed. */
export const HISTORY_CHANGED_CHANNEL = 'balance-watch-history';
/** How long an open may stay blocked (another tab holds an older version open) before we say so. */
const OPEN_TIMEOUT_MS = 5_000;

export interface SeriesRecord {
  accountId: string;
  unit: string;
  /** epoch ms of its newest point and that point's value */
  last: number;
  lastValue: string;
  /** When its chunks were last moved down the tiers (lib/history.ts TIERS). */
  compactedAt: number;
}

export interface ChunkRecord extends PointColumns {
  accountId: string;
  unit: string;
  /** Index into TIERS. */
  tier: number;
  /** chunkStart(t, TIERS[tier]) of every point in it. */
  start: number;
}

export type SeriesKey = [accountId: string, unit: string];
type ChunkKey = [accountId: string, unit: string, tier: number, start: number];

interface HistorySchema extends DBSchema {
  series: { key: SeriesKey; value: SeriesRecord };
  chunks: { key: ChunkKey; value: ChunkRecord };
}

export type HistoryDb = IDBPDatabase<HistorySchema>;
type Stores = ('series' | 'chunks')[];
export type HistoryWriteTx = IDBPTransaction<HistorySchema, Stores, 'readwrite'>;
export type HistoryReadTx = IDBPTransaction<HistorySchema, Stores, 'readonly'>;

/** Why history cannot be read or kept; each has its sentence in messages.json. */
export type HistoryFault = 'missing' | 'private' | 'quota' | 'blocked' | 'damaged' | 'failed';

/** A history operation that failed, with the reason in the browser's words for the console. */
export class HistoryUnavailable extends Error {
  constructor(
    readonly fault: HistoryFault,
    cause?: unknown,
  ) {
    super(`history unavailable (${fault}): ${cause instanceof Error ? cause.message : cause}`, {
      cause,
    });
    this.name = 'HistoryUnavailable';
  }
}

const FAULT_BY_ERROR: Record<string, HistoryFault> = {
  QuotaExceededError: 'quota',
  // Firefox's private windows refused IndexedDB with these before Firefox 115.
  InvalidStateError: 'private',
  SecurityError: 'private',
  VersionError: 'damaged',
  NotFoundError: 'damaged',
  DataError: 'damaged',
  UnknownError: 'damaged',
};

/** The fault behind any error of a history operation. */
export function historyFault(error: unknown): HistoryUnavailable {
  if (error instanceof HistoryUnavailable) return error;
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  return new HistoryUnavailable(FAULT_BY_ERROR[name] ?? 'failed', error);
}

function connect(factory: IDBFactory): Promise<HistoryDb> {
  let wasBlocked = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const opened = openDB<HistorySchema>(HISTORY_DB_NAME, HISTORY_DB_VERSION, {
    upgrade(db) {
      db.createObjectStore('series', { keyPath: ['accountId', 'unit'] });
      db.createObjectStore('chunks', { keyPath: ['accountId', 'unit', 'tier', 'start'] });
    },
    blocked() {
      wasBlocked = true;
    },
    // A newer version of the extension wants to upgrade: let it, and open again next time.
    blocking() {
      forget(factory);
    },
    // The browser closed the connection (the database was deleted, the disk went away).
    terminated() {
      forget(factory);
    },
  });
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new HistoryUnavailable(wasBlocked ? 'blocked' : 'failed', 'open timed out')),
      OPEN_TIMEOUT_MS,
    );
  });
  return Promise.race([opened, timeout]).finally(() => clearTimeout(timer));
}

let current: { factory: IDBFactory; db: Promise<HistoryDb> } | null = null;

function forget(factory: IDBFactory): void {
  if (current?.factory !== factory) return;
  const { db } = current;
  current = null;
  db.then((open) => open.close()).catch(() => undefined);
}

/**
 * The open database, one connection per page or worker. Rejects with HistoryUnavailable when
 * the browser has no IndexedDB here or refuses to open it; the next call tries again.
 */
export function historyDb(): Promise<HistoryDb> {
  const factory = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (!factory) return Promise.reject(new HistoryUnavailable('missing', 'no indexedDB here'));
  if (current?.factory === factory) return current.db;
  const db = connect(factory).catch((error: unknown) => {
    if (current?.db === db) current = null;
    throw historyFault(error);
  });
  current = { factory, db };
  return db;
}

/** Every series, or every chunk, of one account (any unit, any tier): keys start [accountId]. */
export function ofAccount(accountId: string): IDBKeyRange {
  return IDBKeyRange.bound([accountId], [accountId, []]);
}

/** The chunks of one tier of a series that may hold points between `from` and `to`. */
export function chunksBetween(key: SeriesKey, tier: number, from: number, to: number): IDBKeyRange {
  const spec = TIERS[tier];
  const first = spec ? chunkStart(Math.max(0, from), spec) : 0;
  return IDBKeyRange.bound([...key, tier, first], [...key, tier, Math.max(first, to)]);
}
