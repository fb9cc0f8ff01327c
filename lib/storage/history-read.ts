import { mergeColumns, type PointColumns, sliceColumns, TIERS } from '@/lib/history';
import {
  type ChunkRecord,
  chunksBetween,
  HISTORY_CHANGED_CHANNEL,
  type HistoryDb,
  type HistoryFault,
  type HistoryReadTx,
  historyDb,
  historyFault,
  ofAccount,
  type SeriesRecord,
} from '@/lib/storage/history-db';

/**
 * Reads of balance history that pages may make (biome.json allows this one file of lib/storage
 * to them): read only, and nothing here loads a storage item. A failure is a value, never an
 * exception: the page shows "history unavailable" with the reason and carries on.
 */

export type { HistoryFault } from '@/lib/storage/history-db';

export type HistoryResult<T> = { ok: true; value: T } | { ok: false; fault: HistoryFault };

/** One account's balance in one unit over time. */
export interface StoredSeries {
  accountId: string;
  unit: string;
  /** epoch ms of its newest point, whatever the range read */
  last: number;
  points: PointColumns;
}

export interface HistoryQuery {
  from: number;
  to: number;
  /** Only these accounts' series; every series when absent. */
  accountIds?: readonly string[];
}

/** A chunk as stored, or nothing when it is not one (a damaged record is skipped, not fatal). */
function usable(chunk: ChunkRecord): PointColumns | null {
  const { t, v } = chunk;
  if (!Array.isArray(t) || !Array.isArray(v) || t.length !== v.length) return null;
  return { t, v };
}

async function pointsOf(tx: HistoryReadTx, series: SeriesRecord, query: HistoryQuery) {
  const chunks = tx.objectStore('chunks');
  const key = [series.accountId, series.unit] as const;
  // Oldest tier first, each in time order, so merging is mostly appending.
  const tiers = TIERS.map((_, tier) => tier).reverse();
  const found = await Promise.all(
    tiers.map((tier) => chunks.getAll(chunksBetween([...key], tier, query.from, query.to))),
  );
  const runs = found.flat().flatMap((chunk) => usable(chunk) ?? []);
  return sliceColumns(mergeColumns(runs), query.from, query.to);
}

async function readAll(db: HistoryDb, query: HistoryQuery): Promise<StoredSeries[]> {
  const tx = db.transaction(['series', 'chunks'], 'readonly');
  const store = tx.objectStore('series');
  const records = query.accountIds
    ? (await Promise.all(query.accountIds.map((id) => store.getAll(ofAccount(id))))).flat()
    : await store.getAll();
  return Promise.all(
    records.map(async (record) => ({
      accountId: record.accountId,
      unit: record.unit,
      last: record.last,
      points: await pointsOf(tx, record, query),
    })),
  );
}

/** Every series (or those of `accountIds`) with their points from `from` to `to`, in time order. */
export async function readHistory(query: HistoryQuery): Promise<HistoryResult<StoredSeries[]>> {
  try {
    return { ok: true, value: await readAll(await historyDb(), query) };
  } catch (error) {
    return { ok: false, fault: historyFault(error).fault };
  }
}

/**
 * Each account's current series (the unit of its newest reading), for the popup's sparklines
 * and forecasts.
 */
export function currentSeries(series: readonly StoredSeries[]): Map<string, StoredSeries> {
  const current = new Map<string, StoredSeries>();
  for (const entry of series) {
    const known = current.get(entry.accountId);
    if (!known || entry.last > known.last) current.set(entry.accountId, entry);
  }
  return current;
}

/** Calls `onChange` whenever the background has written history; returns the unsubscribe. */
export function watchHistory(onChange: () => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(HISTORY_CHANGED_CHANNEL);
  channel.onmessage = () => onChange();
  return () => channel.close();
}
