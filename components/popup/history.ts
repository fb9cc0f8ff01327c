import type { HistoryPoint } from '@/lib/state';
import { currentSeries, type HistoryFault, readHistory } from '@/lib/storage/history-read';

/**
 * The popup's read of balance history (IndexedDB), loaded only after its first paint
 * (use-stores.ts useHistory): the database code and the read never delay the balances.
 */

export { watchHistory } from '@/lib/storage/history-read';

/** What the sparklines show: the last 7 days. */
const WINDOW_MS = 7 * 24 * 60 * 60_000;

export interface RecentHistory {
  /** Each account's current series (the unit of its newest reading) over the last 7 days. */
  history: Record<string, HistoryPoint[]>;
  /** Why history could not be read; null when it was. */
  fault: HistoryFault | null;
}

export async function readRecentHistory(now: number): Promise<RecentHistory> {
  const read = await readHistory({ from: now - WINDOW_MS, to: now });
  if (!read.ok) return { history: {}, fault: read.fault };
  const history: Record<string, HistoryPoint[]> = {};
  for (const [id, { points }] of currentSeries(read.value)) {
    history[id] = points.t.map((t, i) => ({ t, v: points.v[i] as string }));
  }
  return { history, fault: null };
}
