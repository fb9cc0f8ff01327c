import { useMissingAccess } from '@/components/options/use-host-access';
import type { Destination } from '@/lib/alerts/destination';
import { checkBaseUrl } from '@/lib/host-permission';

/**
 * The permission pattern of a channel's site, from its hint ("hooks.slack.com/…/a1b2"): the page
 * never holds the URL itself. Null for loopback (needs none) or a hint that is not a host.
 */
export function destinationPattern(destination: Destination): string | null {
  const check = checkBaseUrl(siteUrl(destination));
  return check.ok && !check.loopback ? check.pattern : null;
}

function siteUrl(destination: Destination): string {
  return `https://${destination.urlHint.split('/')[0] ?? ''}/`;
}

/** Channels whose site is not granted (an imported channel, or access taken back). */
export function useMissingDestinationAccess(
  destinations: readonly Destination[],
): ReadonlySet<string> {
  return useMissingAccess(
    destinations.flatMap((destination) =>
      destinationPattern(destination) ? [{ id: destination.id, url: siteUrl(destination) }] : [],
    ),
  );
}
