import { useEffect, useState } from 'preact/hooks';
import { browser } from '#imports';
import { checkBaseUrl, hasHostAccess } from '@/lib/host-permission';
import type { Account } from '@/lib/state';

/** Something the background calls at an address: an account's base URL, a channel's site. */
interface Target {
  id: string;
  url: string;
}

/**
 * Ids of the targets whose host the browser does not let the extension reach (a custom one not
 * yet, an imported one, or any one any more): their rows offer "Grant access". Re-checked
 * whenever permissions change; asked once per address, so 500 accounts on a handful of hosts
 * are a handful of questions.
 */
export function useMissingAccess(targets: readonly Target[]): ReadonlySet<string> {
  const [missing, setMissing] = useState<ReadonlySet<string>>(new Set());
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const bump = () => setGeneration((n) => n + 1);
    browser.permissions.onAdded.addListener(bump);
    browser.permissions.onRemoved.addListener(bump);
    return () => {
      browser.permissions.onAdded.removeListener(bump);
      browser.permissions.onRemoved.removeListener(bump);
    };
  }, []);

  // `key` stands for the targets' addresses, so a reading landing does not re-check permissions.
  const key = targets.map((target) => `${target.id}=${target.url}`).join('\n');
  useEffect(() => {
    let alive = true;
    const urls = [...new Set(targets.map((target) => target.url))];
    Promise.all(urls.map(hasHostAccess))
      .then((granted) => {
        const denied = new Set(urls.filter((_, i) => !granted[i]));
        const ids = targets.filter((target) => denied.has(target.url)).map(({ id }) => id);
        if (alive) setMissing(new Set(ids));
      })
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [key, generation]);

  return missing;
}

/** Accounts that cannot be checked: every host counts, the manifest's too (a site switched off). */
export function useMissingHostAccess(accounts: readonly Account[]): ReadonlySet<string> {
  return useMissingAccess(
    accounts
      .filter((account) => checkBaseUrl(account.baseUrl).ok)
      .map((account) => ({ id: account.id, url: account.baseUrl })),
  );
}
