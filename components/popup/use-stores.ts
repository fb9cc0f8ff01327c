import { useEffect, useState } from 'preact/hooks';
import type { RecentHistory } from '@/components/popup/history';
import {
  type FirstSource,
  type FirstStores,
  openFirstStores,
  openStores,
  type Stores,
} from '@/components/popup/stores';
import type { KeyedStoresSource } from '@/components/shared/stores';
import { useStoresByKey } from '@/components/shared/stores';
import { FIRST_SCREEN_ROWS } from '@/lib/popup-summary';

/**
 * What the first paint reads (the popup summary and the engine status), kept live. Null until it
 * lands. `source` is the read the page started before it rendered (entrypoints/popup/main.tsx);
 * without one the hook starts its own.
 */
export function useFirstStores(source?: FirstSource): FirstStores | null {
  return useStoresByKey(openFirstStores, source);
}

/** A source's stores as they change; null until its first read lands, or while there is none. */
function useSource<T>(source: KeyedStoresSource<T> | null): T | null {
  const [stores, setStores] = useState<T | null>(null);
  useEffect(() => {
    if (!source) return;
    let alive = true;
    const stop = source.listen(setStores);
    source.first.then(() => {
      if (alive) setStores(source.current());
    });
    return () => {
      alive = false;
      stop();
      source.close();
    };
  }, [source]);
  return stores;
}

/**
 * Every store the popup lists, read only once `ready` (after the first paint, or at once when
 * there is no summary to paint from) and then kept live. Null until that read lands.
 */
export function useStores(ready: boolean): Stores | null {
  const [source, setSource] = useState<KeyedStoresSource<Stores> | null>(null);
  useEffect(() => {
    if (ready && !source) setSource(openStores());
  }, [ready, source]);
  return useSource(source);
}

export type HistoryData = RecentHistory;

/**
 * History (IndexedDB), for the sparklines, loaded only once `ready` (after the first paint with
 * data) so it never delays it; read again whenever the background writes history. The run-out
 * forecast needs none of it: the engine keeps the fitted trend in the snapshot.
 */
export function useHistory(ready: boolean): HistoryData | null {
  const [data, setData] = useState<HistoryData | null>(null);
  useEffect(() => {
    if (!ready) return;
    let alive = true;
    let unwatch = () => {};
    import('@/components/popup/history').then(({ readRecentHistory, watchHistory }) => {
      if (!alive) return;
      const read = () =>
        readRecentHistory(Date.now()).then((recent) => {
          if (alive) setData(recent);
        });
      unwatch = watchHistory(read);
      void read();
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
export function useProgressiveCount(
  ready: boolean,
  total: number,
  first = FIRST_SCREEN_ROWS,
): number {
  const [all, setAll] = useState(false);
  useEffect(() => {
    if (ready && !all && total > first) setAll(true);
  }, [ready, all, total, first]);
  return all ? total : Math.min(first, total);
}
