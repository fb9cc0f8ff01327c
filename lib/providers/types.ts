import type { KyInstance } from 'ky';
import type { z } from 'zod/mini';
import type { MessageKey } from '@/lib/i18n';
import type { Amount } from '@/lib/money';

export type ProviderId = 'xoxoday' | 'capillary' | 'wix' | 'onlinesales';

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

/**
 * Adapters name their visible text by message key and the page looks it up when it renders: the
 * registry is imported by the background too, and text built at module load would be fixed before
 * i18n is reachable (and in whatever language the worker started in).
 */
export interface BaseUrlPreset {
  labelKey: MessageKey;
  url: string;
}

/** One input on the account form, described by the adapter so the form needs no provider code. */
export interface FieldSpec {
  key: string;
  /** credentials go to local:secrets; params are stored with the account. */
  group: 'credentials' | 'params';
  labelKey: MessageKey;
  helpKey: MessageKey;
  required: boolean;
  secret: boolean;
  input: 'text' | 'password' | 'number' | 'select' | 'checkbox' | 'datetime';
  options?: { value: string; labelKey: MessageKey }[];
  placeholderKey?: MessageKey;
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

// biome-ignore lint/suspicious/noExplicitAny: the registry holds adapters whose credential and parameter types differ; each adapter is typed precisely in its own file.
export interface Provider<C = any, P = any> {
  id: ProviderId;
  /** Looked up on each read (a getter over lib/providers/names), never at module load. */
  readonly displayName: string;
  baseUrlPresets: BaseUrlPreset[];
  fields: FieldSpec[];
  /** One schema for the settings-file keys of DESIGN.md: { credentials, params }. */
  schema: z.ZodMiniType<{ credentials: C; params: P }>;
  /**
   * Stored credential fields a newly typed value makes stale, by the field typed: an expiry that
   * described the old token, the other half of an either/or sign-in. Dropped on save unless the
   * draft gives them too.
   */
  replaces?: Readonly<Record<string, readonly string[]>>;
  /** The unit the primary amount is in before any reading exists, if fixed (thresholds need it). */
  fixedUnit?: string;
  fetchBalance(account: AccountRequest<C, P>, ctx: ProviderContext): Promise<Reading>;
  /**
   * Token renewal, for providers whose tokens expire. Returns the credential fields to persist
   * (before anything else uses them) merged over the old ones by the caller.
   */
  renewCredentials?(account: AccountRequest<C, P>, ctx: ProviderContext): Promise<Partial<C>>;
  /** Whether the stored credentials should be renewed before the next call. */
  shouldRenew?(credentials: C, now: number): boolean;
}
