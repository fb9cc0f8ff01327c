import { useEffect, useState } from 'preact/hooks';
import {
  openStores,
  readHistoryByKey,
  type Stores,
  type StoresSource,
  watchHistory,
} from '@/components/popup/stores';
import { useStoresByKey } from '@/components/shared/stores';
import type { History } from '@/lib/state';

/**
 * The stores the first paint needs, read once (no network, no history) and kept live through
 * storage watches. Null until the first read lands. `source` is the read the page started before
 * it rendered (entrypoints/popup/main.tsx); without one the hook starts its own.
 */
export function useStores(source?: StoresSource): Stores | null {
  return useStoresByKey(openStores, source);
}

export interface HistoryData {
  history: History;
  forecast: typeof import('@/lib/history').forecast;
}

/**
 * History and the forecast code, fetched only once `ready` (after the first paint with data) so
 * neither delays it; history then stays live.
 */
export function useHistory(ready: boolean): HistoryData | null {
  const [data, setData] = useState<HistoryData | null>(null);
  useEffect(() => {
    if (!ready) return;
    let alive = true;
    let latest: History | null = null;
    const unwatch = watchHistory((history) => {
      latest = history;
      setData((current) => current && { ...current, history });
    });
    Promise.all([readHistoryByKey(), import('@/lib/history')]).then(([history, { forecast }]) => {
      if (alive) setData({ history: latest ?? history, forecast });
    });
    return () => {
      alive = false;
      unwatch();
    };
  }, [ready]);
  return data;
}

/** The current time, moving on every `everyMs` so "updated N min ago" stays true. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/**
 * How many rows to render: `first` for the first paint, then all of them after it. A popup shows
 * about seven rows (600 px, 64 px a row), so 500 need not delay the first paint; the rest come in one render right after.
 */
export function useProgressiveCount(ready: boolean, total: number, first = 16): number {
  const [all, setAll] = useState(false);
  useEffect(() => {
    if (ready && !all && total > first) setAll(true);
  }, [ready, all, total, first]);
  return all ? total : Math.min(first, total);
}
