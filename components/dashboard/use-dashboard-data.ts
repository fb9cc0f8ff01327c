import { useEffect, useState } from 'preact/hooks';
import {
  type HistoryResult,
  readHistory,
  type StoredSeries,
  watchHistory,
} from '@/lib/storage/history-read';

/**
 * What the dashboard shows: the accounts, their snapshots and settings (by key, kept live) and
 * their history over the chosen range, read again when the range changes or the background writes.
 */

export interface HistoryState {
  /** The range read, ending at `to`. */
  from: number;
  to: number;
  result: HistoryResult<StoredSeries[]>;
}

/** History over the last `rangeMs`; null until the first read lands. */
export function useHistoryRange(rangeMs: number): HistoryState | null {
  const [state, setState] = useState<HistoryState | null>(null);
  useEffect(() => {
    let alive = true;
    let reading = 0;
    const read = () => {
      const to = Date.now();
      const from = to - rangeMs;
      const ticket = ++reading;
      readHistory({ from, to }).then((result) => {
        if (alive && ticket === reading) setState({ from, to, result });
      });
    };
    read();
    const unwatch = watchHistory(read);
    return () => {
      alive = false;
      unwatch();
    };
  }, [rangeMs]);
  return state;
}
