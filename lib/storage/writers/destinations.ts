import { storage } from '#imports';
import type { Destination, DestinationUrls } from '@/lib/alerts/destination';
import { type Check, exact, listOf } from '@/lib/storage/guard';
import { destinationsItem, destinationUrlsItem } from '@/lib/storage/items';
import { checkedStore } from '@/lib/storage/locked-store';
import { destinationSchema } from '@/lib/storage/schemas';
import { written } from '@/lib/storage/write-error';

/**
 * The one writer of the team channels: local:destinations (what pages read) and
 * local:destinationUrls (the secret URLs), always together. Their locks are taken in that order
 * and a change writes both in one storage.set, so a destination never exists without its URL.
 */

const list = checkedStore(
  destinationsItem,
  listOf(exact(destinationSchema), (destination) => destination.id),
);
/** URLs by id, checked by hand: a zod record would cost the worker its record machinery. */
const urlsCheck: Check<DestinationUrls> = (raw, path) =>
  typeof raw === 'object' &&
  raw !== null &&
  !Array.isArray(raw) &&
  Object.values(raw).every((url) => typeof url === 'string')
    ? { value: raw as DestinationUrls, rejected: [] }
    : { rejected: [{ path, raw, issues: ['(value): expected URLs by destination id'] }] };
const urls = checkedStore(destinationUrlsItem, urlsCheck);

export interface DestinationStores {
  destinations: Destination[];
  urls: DestinationUrls;
}

export const readDestinations = list.read;
export const readDestinationUrls = urls.read;

/**
 * A read-modify-write of both stores under their locks. `change` returns the next stores (or
 * its input to write nothing) and a result for the caller; only the stores that changed are
 * written, in one storage.set.
 */
export function updateDestinations<R>(
  change: (current: DestinationStores) => { next: DestinationStores; result: R },
): Promise<R> {
  return list.locked((destinations) =>
    urls.locked(async (stored) => {
      const { next, result } = change({ destinations, urls: stored });
      const items: Parameters<typeof storage.setItems>[0] = [];
      if (next.destinations !== destinations) {
        items.push({ item: destinationsItem, value: next.destinations });
      }
      if (next.urls !== stored) items.push({ item: destinationUrlsItem, value: next.urls });
      if (items.length > 0) await written(() => storage.setItems(items));
      return result;
    }),
  );
}

/** One destination changed in place (delivery state, turned on or off); none when it is gone. */
export function updateDestination(
  id: string,
  change: (destination: Destination) => Destination,
): Promise<Destination | undefined> {
  return updateDestinations((current) => {
    const found = current.destinations.find((destination) => destination.id === id);
    if (!found) return { next: current, result: undefined };
    const changed = change(found);
    const destinations = current.destinations.map((d) => (d.id === id ? changed : d));
    return { next: { ...current, destinations }, result: changed };
  });
}
