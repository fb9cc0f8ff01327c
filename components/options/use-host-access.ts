import { useEffect, useState } from 'preact/hooks';
import { browser } from '#imports';
import { checkBaseUrl, hasHostAccess } from '@/lib/host-permission';
import type { Account } from '@/lib/state';

/**
 * Ids of accounts whose host is not granted (a custom one not yet, or any one any more): they
 * cannot be checked and the list offers "Grant access". Re-checked whenever permissions change.
 */
export function useMissingHostAccess(accounts: readonly Account[]): ReadonlySet<string> {
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

  // `key` stands for the accounts' hosts, so a reading landing does not re-check permissions.
  const key = accounts.map((account) => `${account.id}=${account.baseUrl}`).join('\n');
  useEffect(() => {
    let alive = true;
    // Every host, the manifest's too: the user may have switched a provider's site off. Asked
    // once per base URL: 500 accounts on a handful of hosts are a handful of questions.
    const callable = accounts.filter((account) => checkBaseUrl(account.baseUrl).ok);
    const urls = [...new Set(callable.map((account) => account.baseUrl))];
    Promise.all(urls.map(hasHostAccess)).then((granted) => {
      const denied = new Set(urls.filter((_, i) => !granted[i]));
      const ids = callable.filter((account) => denied.has(account.baseUrl)).map((a) => a.id);
      if (alive) setMissing(new Set(ids));
    });
    return () => {
      alive = false;
    };
  }, [key, generation]);

  return missing;
}
