import { sha256Hex } from '@/lib/digest';
import type { TokenCache } from '@/lib/providers/types';
import type { CachedTokens } from '@/lib/storage/keys';
import { readTokenCache, updateTokenCache } from '@/lib/storage/writers/token-cache';

/**
 * Short-lived provider tokens (Capillary OAuth), kept in session storage: it outlives a
 * service-worker restart, so a woken worker reuses the token instead of asking for a new one
 * every round, and it is gone when the browser closes, so a token never sits on disk. Every
 * change is a locked update (lib/storage/writers/token-cache.ts): accounts of one round storing
 * their tokens at once do not drop each other's.
 */

/** Keys are the account id, optionally followed by ":" and whatever else the caller needs. */
export interface SessionTokenCache extends TokenCache {
  /** After a credential change or delete: the cached token belongs to the old credentials. */
  clearAccount(accountId: string): Promise<void>;
}

/** Tokens past their expiry go with the next write, so the cache never outgrows its accounts. */
function withoutExpired(tokens: CachedTokens, now: number): CachedTokens {
  const live = Object.entries(tokens).filter(([, cached]) => cached.expiresAt > now);
  return live.length === Object.keys(tokens).length ? tokens : Object.fromEntries(live);
}

export function createSessionTokenCache(now: () => number = Date.now): SessionTokenCache {
  return {
    async get(key) {
      const cached = (await readTokenCache())[key];
      return cached && cached.expiresAt > now() ? cached : undefined;
    },
    async set(key, value) {
      await updateTokenCache((tokens) => ({ ...withoutExpired(tokens, now()), [key]: value }));
    },
    async delete(key) {
      await updateTokenCache((tokens) => {
        if (!Object.hasOwn(tokens, key)) return tokens;
        const { [key]: _gone, ...rest } = tokens;
        return rest;
      });
    },
    async clearAccount(accountId) {
      await updateTokenCache((tokens) => {
        const kept = Object.entries(tokens).filter(
          ([key]) => key !== accountId && !key.startsWith(`${accountId}:`),
        );
        return kept.length === Object.keys(tokens).length ? tokens : Object.fromEntries(kept);
      });
    },
  };
}

/** The account a call is for: where it goes and what it signs in with. */
interface CallScope {
  baseUrl: string;
  credentials: Record<string, unknown>;
}

/** A digest that tells credentials apart without holding them: key order does not count. */
function credentialsDigest(credentials: Record<string, unknown>): Promise<string> {
  const sorted = Object.entries(credentials).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return sha256Hex(JSON.stringify(sorted));
}

function originOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return baseUrl;
  }
}

/**
 * The cache as one call's adapter sees it: each key the adapter uses (the account id) is stored
 * with the origin the call goes to and a SHA-256 digest of its credentials (the client key among
 * them), never the credentials themselves. A token is then found only by a call to the host that
 * issued it with the credentials it was issued for, so a base URL or client key that changed
 * without the cache being cleared (a round that stored its token after a save cleared it) never
 * sends the old token anywhere. The digest is computed once, on the adapter's first use.
 */
export function scopedTokenCache(cache: TokenCache, scope: CallScope): TokenCache {
  let digest: Promise<string> | undefined;
  const keyFor = async (key: string) => {
    digest ??= credentialsDigest(scope.credentials);
    return `${key}:${originOf(scope.baseUrl)}:${await digest}`;
  };
  return {
    get: async (key) => cache.get(await keyFor(key)),
    set: async (key, value) => cache.set(await keyFor(key), value),
    delete: async (key) => cache.delete(await keyFor(key)),
  };
}
