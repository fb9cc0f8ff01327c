import { useEffect, useState } from 'preact/hooks';
import { browser } from '#imports';
import type { Destination } from '@/lib/alerts/destination';
import { checkBaseUrl } from '@/lib/host-permission';

/**
 * The permission pattern of a channel's site, from its hint ("hooks.slack.com/…/a1b2"): the page
 * never holds the URL itself. Null for loopback (needs none) or a hint that is not a host.
 */
export function destinationPattern(destination: Destination): string | null {
  const host = destination.urlHint.split('/')[0] ?? '';
  const check = checkBaseUrl(`https://${host}/`);
  return check.ok && !check.loopback ? check.pattern : null;
}

/**
 * Ids of channels whose site the browser does not let the extension reach (an imported channel,
 * or access taken back): their rows offer "Grant access". Re-checked when permissions change.
 */
export function useMissingDestinationAccess(
  destinations: readonly Destination[],
): ReadonlySet<string> {
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
  const key = destinations.map((d) => `${d.id}=${d.urlHint}`).join('\n');
  useEffect(() => {
    let alive = true;
    const asked = destinations.flatMap((d) => {
      const pattern = destinationPattern(d);
      return pattern ? [{ id: d.id, pattern }] : [];
    });
    Promise.all(asked.map(({ pattern }) => browser.permissions.contains({ origins: [pattern] })))
      .then((granted) => {
        if (alive) setMissing(new Set(asked.filter((_, i) => !granted[i]).map(({ id }) => id)));
      })
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [key, generation]);
  return missing;
}
