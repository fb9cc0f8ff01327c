import type { KyInstance } from 'ky';
import type { z } from 'zod/mini';
import type { BalanceError } from '@/lib/errors';
import type { Amount } from '@/lib/money';
import type { CatalogEntry } from '@/lib/providers/catalog';

export type { ProviderId } from '@/lib/providers/catalog';

/** What one successful balance call tells us. */
export interface Reading {
  /** The amount thresholds and totals use. */
  primary: Amount;
  /** Named secondary amounts shown on expand (points, reserved credits, credit, spend...). */
  details: ReadingDetail[];
  /** Non-fatal notes the provider sent (Capillary warnings[]). */
  warnings: string[];
}

export interface ReadingDetail {
  key: string;
  /** In the language of the moment it was read; the pages look it up again by `key`. */
  label: string;
  amount: Amount;
}

/** Something an account can point at, listed by an adapter's `discover` (a Wix pool of a site). */
export interface DiscoveredTarget {
  /** Unique among the targets of one listing, for the picker. */
  id: string;
  /** How the picker names it; also the account's default name. */
  label: string;
  /** What an account for this target stores in its params (Wix: { poolId }). */
  params: Record<string, string>;
  /** Its balance when listed, in the provider's fixed unit. */
  available?: string;
  /** The part of it held back (Wix: reserved credits). This and the rest tell look-alikes apart. */
  reserved?: string;
  /** Whose it is, in words ("Member 5b7c1f0e"). */
  beneficiary?: string;
  /** The program or pool definition it belongs to (the provider's id). */
  program?: string;
  /** The provider's own word for its state (Wix: ACTIVE, PAUSED, ENDED). */
  status?: string;
}

/** Short-lived tokens an adapter may cache between calls (Capillary OAuth), keyed per account. */
export interface TokenCache {
  get(key: string): Promise<{ token: string; expiresAt: number } | undefined>;
  set(key: string, value: { token: string; expiresAt: number }): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface ProviderContext {
  /** A ky instance from lib/http's createHttp: timeout, retry and error mapping already set. */
  http: KyInstance;
  now: () => number;
  tokenCache: TokenCache;
}

/** An account as an adapter sees it: where to call and with what. */
export interface AccountRequest<C = Record<string, unknown>, P = Record<string, unknown>> {
  id: string;
  baseUrl: string;
  credentials: C;
  params: P;
}

/**
 * A provider as the background calls it: its catalog entry (lib/providers/catalog.ts) and its
 * adapter's methods, joined by defineAdapter (lib/providers/adapter.ts).
 */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds adapters whose credential and parameter types differ; each adapter is typed precisely in its own file.
export interface Provider<C = any, P = any> extends CatalogEntry {
  /** Looked up on each read (a getter over lib/providers/names), never at module load. */
  readonly displayName: string;
  /** One schema for the settings-file keys of DESIGN.md: { credentials, params }. */
  schema: z.ZodMiniType<{ credentials: C; params: P }>;
  fetchBalance(account: AccountRequest<C, P>, ctx: ProviderContext): Promise<Reading>;
  /**
   * Optional, with `fetchBalances`: which accounts one request can read together (Wix: the pools
   * of one site, read with one API key at one base URL). Equal keys may share a call. The key
   * lives in memory for one round only; it may hold a credential, so it is never stored or shown.
   */
  batchKey?(account: AccountRequest<C, P>): string;
  /**
   * Reads several accounts of one `batchKey` in as few requests as the provider allows (Wix: List
   * Balances with their pool ids). Each account id maps to its reading or its own error (a pool
   * missing from the answer); a throw is a failure of the request, so of every account in it.
   */
  fetchBalances?(
    accounts: readonly AccountRequest<C, P>[],
    ctx: ProviderContext,
  ): Promise<Map<string, Reading | BalanceError>>;
  /**
   * Token renewal, for providers whose tokens expire. Returns the credential fields to persist
   * (before anything else uses them) merged over the old ones by the caller.
   */
  renewCredentials?(account: AccountRequest<C, P>, ctx: ProviderContext): Promise<Partial<C>>;
  /** Whether the stored credentials should be renewed before the next call. */
  shouldRenew?(credentials: C, now: number): boolean;
  /**
   * When the user will be locked out with these stored credentials unless they act (epoch ms),
   * or null when that is unknown. The popup and the form warn from it. Absent for providers
   * whose credentials never run out on the user (tokens re-issued from a stored key and
   * secret, keys that do not expire). Stored credentials arrive unparsed: an expiry may be text.
   */
  lockoutAt?(credentials: Record<string, unknown>): number | null;
  /**
   * Lists what an account could point at, with the fields the catalog's `discovery.needs`
   * names; present exactly when the catalog entry declares `discovery`.
   */
  discover?(account: AccountRequest, ctx: ProviderContext): Promise<DiscoveredTarget[]>;
}
