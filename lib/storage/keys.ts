import type { Destination, DestinationUrls } from '@/lib/alerts/destination';
import type { PopupSummary } from '@/lib/popup-summary';
import {
  type Account,
  DEFAULT_SETTINGS,
  type EngineStatus,
  type History,
  type Secrets,
  type Snapshots,
} from '@/lib/state';

/** A claim on the refresh round that a restarted service worker can see (lib/engine/round-lease.ts). */
export interface Lease {
  owner: string;
  expiresAt: number;
}

/**
 * Short-lived provider tokens. Keyed "<account id>:<origin>:<SHA-256 of the credentials>"
 * (lib/engine/token-cache.ts scopedTokenCache), so a token is only found for the host and the
 * credentials it was issued for; never keyed by a credential itself.
 */
export type CachedTokens = Record<string, { token: string; expiresAt: number }>;

/**
 * Requests sent under a provider's rate limit, by caller (lib/engine/request-budget.ts): when
 * each was sent (epoch ms, oldest first) and the window they count in.
 */
export type RequestLog = Record<string, { perMs: number; sentAt: number[] }>;

/** A stored value the background found damaged and set aside instead of dropping it. */
export interface QuarantineEntry {
  /** The storage key the value came from, e.g. "local:accounts". */
  key: string;
  /** Where in that value: "" for the whole value, else an entry ("[2]", "[\"a1\"]", ".badge"). */
  path: string;
  /** epoch ms */
  at: number;
  /** What was wrong, as "field: problem" lines; never the value itself. */
  issues: string[];
  /** The damaged value exactly as stored, so nothing is lost (may hold credentials: local only). */
  raw: unknown;
}

/** What a page may show of one (the options page's notice): all but the raw value. */
export type QuarantineNotice = Omit<QuarantineEntry, 'raw'>;

/**
 * Where each store lives and what it reads as when empty. Kept apart from lib/storage's items
 * because defining an item with a version starts a migration check that reads it in full; the
 * pages read by key from here so opening them loads neither history nor secrets.
 */
export const STORE = {
  accounts: { key: 'local:accounts', fallback: [] as Account[] },
  secrets: { key: 'local:secrets', fallback: {} as Secrets },
  settings: { key: 'local:settings', fallback: DEFAULT_SETTINGS },
  /**
   * One key per account (`local:snapshot:<id>`, see `snapshotKey`), so a round writes what it
   * read, not every account's. `key` is the store's name in quarantine entries, and where all
   * of them were kept as one object before (moved once, lib/storage/snapshot-item.ts). A page
   * reads the accounts' keys (`each`): components/shared/stores.ts.
   */
  snapshots: {
    key: 'local:snapshots',
    fallback: {} as Snapshots,
    each: { prefix: 'local:snapshot:', ofIdsIn: 'local:accounts' },
    /**
     * Written with every write of the snapshots' writer, a new value each time; removed by any
     * other write of the keys. While it holds the writer's last mark, the writer knows the
     * store without reading it (lib/storage/writers/snapshots.ts).
     */
    mark: 'local:snapshotsMark',
  },
  history: { key: 'local:history', fallback: {} as History },
  /** What the popup's first paint reads (lib/popup-summary.ts); null until first written. */
  popupSummary: { key: 'local:popupSummary', fallback: null as PopupSummary | null },
  engineStatus: {
    key: 'session:engineStatus',
    fallback: {
      roundRunning: false,
      firstRound: true,
      online: true,
      lastRoundAt: null,
    } as EngineStatus,
  },
  // The background's own stores; no page reads them.
  roundLease: { key: 'session:roundLease', fallback: null as Lease | null },
  /** In session storage: gone when the browser closes, so a token never sits on disk. */
  tokenCache: { key: 'session:tokenCache', fallback: {} as CachedTokens },
  /** In session storage: a worker restarted in the same minute still counts what was sent. */
  requestBudget: { key: 'session:requestBudget', fallback: {} as RequestLog },
  quarantine: { key: 'local:quarantine', fallback: [] as QuarantineEntry[] },
  /**
   * The local day ("YYYY-MM-DD") the last daily digest went out (lib/engine/digest.ts): at most
   * one a day, also across a browser restart and a changed digest time.
   */
  digestSentOn: { key: 'local:digestSentOn', fallback: null as string | null },
  /** Team channels (webhooks) without their URLs, with their delivery state: pages read it. */
  destinations: { key: 'local:destinations', fallback: [] as Destination[] },
  /**
   * The destinations' URLs by id: secrets, like local:secrets. Only the background reads them;
   * pages see the list's `urlHint`. Never synced, logged or sent to a page.
   */
  destinationUrls: { key: 'local:destinationUrls', fallback: {} as DestinationUrls },
} as const;

/** Where one account's snapshot is kept. */
export function snapshotKey(accountId: string): `local:snapshot:${string}` {
  return `${STORE.snapshots.each.prefix}${accountId}`;
}
