import { tokenCacheItem } from '@/lib/storage/items';
import { plainStore } from '@/lib/storage/locked-store';

/**
 * The one writer of session:tokenCache (lib/engine/token-cache.ts is its only caller). Accounts
 * of one round store their tokens at the same time; under the lock none drops another's.
 */
const tokenCache = plainStore(tokenCacheItem);

export const readTokenCache = tokenCache.read;
export const updateTokenCache = tokenCache.update;
