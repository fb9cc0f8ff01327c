import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { toPoints } from '@/lib/history';
import type { History } from '@/lib/state';
import { currentSeries, readHistory } from '@/lib/storage/history-read';

/**
 * IndexedDB for unit tests: fake-indexeddb, the same API in memory. lib/storage/history-db.ts
 * opens one connection per IDBFactory, so a new factory is a new, empty database.
 */
export function freshHistoryDb(): void {
  globalThis.indexedDB = new IDBFactory();
}

/** Every account's current series as stored, all of it, as points. */
export async function storedHistory(): Promise<History> {
  const read = await readHistory({ from: 0, to: Number.MAX_SAFE_INTEGER });
  if (!read.ok) throw new Error(`history unavailable: ${read.fault}`);
  const current = currentSeries(read.value);
  return Object.fromEntries([...current].map(([id, series]) => [id, toPoints(series.points)]));
}
