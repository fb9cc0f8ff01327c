import { storage } from '#imports';
import type { Destination, DestinationUrls } from '@/lib/alerts/destination';
import type { PopupSummary } from '@/lib/popup-summary';
import type { Account, EngineStatus, History, Secrets, Settings } from '@/lib/state';
import {
  type CachedTokens,
  type Lease,
  type QuarantineEntry,
  type RequestLog,
  STORE,
} from '@/lib/storage/keys';

/**
 * Every storage item, the stores of DESIGN.md's State section and the background's own. Each
 * local item has a version from the first release so later shapes migrate instead of being
 * dropped. Secrets are local only: never sync.
 * Only lib/storage/ imports this file: each item is written by its one writer in
 * lib/storage/writers/, under that store's lock. Validation on read lives in lib/storage/guard.ts
 * (background only) so pages stay free of zod. The pages read by key (lib/storage/keys.ts) and
 * run no migrations: the background defines these items at start, so it migrates before any
 * page can see the data.
 */

export const accountsItem = storage.defineItem<Account[]>(STORE.accounts.key, {
  fallback: STORE.accounts.fallback,
  version: 1,
  migrations: {},
});

export const secretsItem = storage.defineItem<Secrets>(STORE.secrets.key, {
  fallback: STORE.secrets.fallback,
  version: 1,
  migrations: {},
});

export const settingsItem = storage.defineItem<Settings>(STORE.settings.key, {
  fallback: STORE.settings.fallback,
  version: 1,
  migrations: {},
});

/** One key per account, not one storage item: see lib/storage/snapshot-item.ts. */
export { snapshotsItem } from '@/lib/storage/snapshot-item';

/** Derived from accounts, snapshots and settings (lib/popup-summary.ts); rewritten with them. */
export const popupSummaryItem = storage.defineItem<PopupSummary | null>(STORE.popupSummary.key, {
  fallback: STORE.popupSummary.fallback,
  version: 1,
  migrations: {},
});

/**
 * Balance history as it was kept before IndexedDB (lib/storage/history-db.ts): read once by the
 * history writer, moved into the database and removed. No version: defining it must not start a
 * migration check that reads it.
 */
export const legacyHistoryItem = storage.defineItem<History>(STORE.history.key, {
  fallback: STORE.history.fallback,
});

export const engineStatusItem = storage.defineItem<EngineStatus>(STORE.engineStatus.key, {
  fallback: STORE.engineStatus.fallback,
});

export const roundLeaseItem = storage.defineItem<Lease | null>(STORE.roundLease.key, {
  fallback: STORE.roundLease.fallback,
});

export const tokenCacheItem = storage.defineItem<CachedTokens>(STORE.tokenCache.key, {
  fallback: STORE.tokenCache.fallback,
});

export const requestBudgetItem = storage.defineItem<RequestLog>(STORE.requestBudget.key, {
  fallback: STORE.requestBudget.fallback,
});

export const quarantineItem = storage.defineItem<QuarantineEntry[]>(STORE.quarantine.key, {
  fallback: STORE.quarantine.fallback,
  version: 1,
  migrations: {},
});

/** The day the last daily digest went out; written by lib/storage/writers/digest-sent.ts. */
export const digestSentOnItem = storage.defineItem<string | null>(STORE.digestSentOn.key, {
  fallback: STORE.digestSentOn.fallback,
  version: 1,
  migrations: {},
});

/** Team channels; written by lib/storage/writers/destinations.ts with their URLs, one lock. */
export const destinationsItem = storage.defineItem<Destination[]>(STORE.destinations.key, {
  fallback: STORE.destinations.fallback,
  version: 1,
  migrations: {},
});

export const destinationUrlsItem = storage.defineItem<DestinationUrls>(STORE.destinationUrls.key, {
  fallback: STORE.destinationUrls.fallback,
  version: 1,
  migrations: {},
});
