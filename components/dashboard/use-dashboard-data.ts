import { useEffect, useState } from 'preact/hooks';
import { openStoresByKey, useStoresByKey } from '@/components/shared/stores';
import type { Account, Settings, Snapshots } from '@/lib/state';
import {
  type HistoryResult,
  readHistory,
  type StoredSeries,
  watchHistory,
} from '@/lib/storage/history-read';
import { STORE } from '@/lib/storage/keys';

/**
 * What the dashboard shows: the accounts, their snapshots and settings (by key, kept live) and
 * their history over the chosen range, read again when the range changes or the background writes.
 */

export interface DashboardStores {
  accounts: Account[];
  snapshots: Snapshots;
  settings: Settings;
}

const KEYS = {
  accounts: STORE.accounts,
  snapshots: STORE.snapshots,
  settings: STORE.settings,
} as const;

const openDashboardStores = () => openStoresByKey<DashboardStores>(KEYS);

export function useDashboardStores(): DashboardStores | null {
  return useStoresByKey(openDashboardStores);
}

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
