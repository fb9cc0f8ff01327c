import { storage } from '#imports';
import type { TokenCache } from '@/lib/providers/types';

type CachedTokens = Record<string, { token: string; expiresAt: number }>;

/**
 * Short-lived provider tokens (Capillary OAuth). Session storage outlives a service-worker
 * restart, so a woken worker reuses the token instead of asking for a new one every round, and it
 * is gone when the browser closes, so a token never sits on disk.
 */
export const tokenCacheItem = storage.defineItem<CachedTokens>('session:tokenCache', {
  fallback: {},
});

/** Keys are the account id, optionally followed by ":" and whatever else the adapter needs. */
export interface SessionTokenCache extends TokenCache {
  /** After a credential change or delete: the cached token belongs to the old credentials. */
  clearAccount(accountId: string): Promise<void>;
}

export function createSessionTokenCache(now: () => number = Date.now): SessionTokenCache {
  async function update(change: (tokens: CachedTokens) => CachedTokens): Promise<void> {
    await tokenCacheItem.setValue(change(await tokenCacheItem.getValue()));
  }
  return {
    async get(key) {
      const cached = (await tokenCacheItem.getValue())[key];
      return cached && cached.expiresAt > now() ? cached : undefined;
    },
    async set(key, value) {
      await update((tokens) => ({ ...tokens, [key]: value }));
    },
    async delete(key) {
      await update(({ [key]: _gone, ...rest }) => rest);
    },
    async clearAccount(accountId) {
      await update((tokens) =>
        Object.fromEntries(
          Object.entries(tokens).filter(
            ([key]) => key !== accountId && !key.startsWith(`${accountId}:`),
          ),
        ),
      );
    },
  };
}
