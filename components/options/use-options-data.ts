import { useEffect, useState } from 'preact/hooks';
import type { Account, Settings, Snapshots } from '../../lib/state';
import { accountsItem, settingsItem, snapshotsItem } from '../../lib/storage';

export interface OptionsData {
  accounts: Account[];
  snapshots: Snapshots;
  settings: Settings;
}

/**
 * The stores the options page shows, read once and kept live through storage watches, so a
 * change made by the background (a reading, an import) shows without a reload.
 */
export function useOptionsData(): OptionsData | null {
  const [data, setData] = useState<OptionsData | null>(null);
  useEffect(() => {
    let alive = true;
    // Changes seen while the first read is in flight win over what that read returns.
    let seen: Partial<OptionsData> = {};
    const apply = (change: Partial<OptionsData>) => {
      seen = { ...seen, ...change };
      setData((current) => current && { ...current, ...change });
    };
    const unwatch = [
      accountsItem.watch((accounts) => apply({ accounts })),
      snapshotsItem.watch((snapshots) => apply({ snapshots })),
      settingsItem.watch((settings) => apply({ settings })),
    ];
    Promise.all([accountsItem.getValue(), snapshotsItem.getValue(), settingsItem.getValue()]).then(
      ([accounts, snapshots, settings]) => {
        if (alive) setData({ accounts, snapshots, settings, ...seen });
      },
    );
    return () => {
      alive = false;
      for (const stop of unwatch) stop();
    };
  }, []);
  return data;
}
