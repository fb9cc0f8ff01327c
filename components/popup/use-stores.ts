import { useEffect, useState } from 'preact/hooks';
import type { Account, EngineStatus, History, Settings, Snapshots } from '../../lib/state';
import {
  accountsItem,
  engineStatusItem,
  historyItem,
  settingsItem,
  snapshotsItem,
} from '../../lib/storage';

export interface Stores {
  accounts: Account[];
  snapshots: Snapshots;
  settings: Settings;
  engine: EngineStatus;
}

/**
 * The stores the first paint needs, read once (no network, no history) and kept live through
 * storage watches. Null until the first read lands.
 */
export function useStores(): Stores | null {
  const [stores, setStores] = useState<Stores | null>(null);
  useEffect(() => {
    let alive = true;
    // Changes seen while the first read is in flight win over what that read returns.
    let seen: Partial<Stores> = {};
    const apply = (change: Partial<Stores>) => {
      seen = { ...seen, ...change };
      setStores((current) => current && { ...current, ...change });
    };
    const unwatch = [
      accountsItem.watch((accounts) => apply({ accounts })),
      snapshotsItem.watch((snapshots) => apply({ snapshots })),
      settingsItem.watch((settings) => apply({ settings })),
      engineStatusItem.watch((engine) => apply({ engine })),
    ];
    Promise.all([
      accountsItem.getValue(),
      snapshotsItem.getValue(),
      settingsItem.getValue(),
      engineStatusItem.getValue(),
    ]).then(([accounts, snapshots, settings, engine]) => {
      if (alive) setStores({ accounts, snapshots, settings, engine, ...seen });
    });
    return () => {
      alive = false;
      for (const stop of unwatch) stop();
    };
  }, []);
  return stores;
}

export interface HistoryData {
  history: History;
  forecast: typeof import('../../lib/history').forecast;
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
    const unwatch = historyItem.watch((history) => {
      latest = history;
      setData((current) => current && { ...current, history });
    });
    Promise.all([historyItem.getValue(), import('../../lib/history')]).then(
      ([history, { forecast }]) => {
        if (alive) setData({ history: latest ?? history, forecast });
      },
    );
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
 * How many rows to render: `first` for the first paint, then `step` more after each paint until
 * all are there. A popup shows about six rows, so 500 need not delay the first paint.
 */
export function useProgressiveCount(ready: boolean, total: number, first = 30, step = 120): number {
  const [count, setCount] = useState(first);
  useEffect(() => {
    if (ready && count < total) setCount(count + step);
  }, [ready, count, total, step]);
  return Math.min(count, total);
}
