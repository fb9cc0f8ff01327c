import type { TokenCache } from '@/lib/providers/types';
import { readTokenCache, updateTokenCache } from '@/lib/storage/writers/token-cache';

/**
 * Short-lived provider tokens (Capillary OAuth), kept in session storage: it outlives a
 * service-worker restart, so a woken worker reuses the token instead of asking for a new one
 * every round, and it is gone when the browser closes, so a token never sits on disk. Every
 * change is a locked update (lib/storage/writers/token-cache.ts): accounts of one round storing
 * their tokens at once do not drop each other's.
 */

/** Keys are the account id, optionally followed by ":" and whatever else the adapter needs. */
export interface SessionTokenCache extends TokenCache {
  /** After a credential change or delete: the cached token belongs to the old credentials. */
  clearAccount(accountId: string): Promise<void>;
}

export function createSessionTokenCache(now: () => number = Date.now): SessionTokenCache {
  return {
    async get(key) {
      const cached = (await readTokenCache())[key];
      return cached && cached.expiresAt > now() ? cached : undefined;
    },
    async set(key, value) {
      await updateTokenCache((tokens) => ({ ...tokens, [key]: value }));
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
