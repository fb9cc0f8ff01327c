import type { KyInstance } from 'ky';
import type { HostAccess } from '@/lib/engine/host-access';
import type { Refresher } from '@/lib/engine/refresh';
import type { SessionTokenCache } from '@/lib/engine/token-cache';
import type { ProtocolMap } from '@/lib/messages';
import type { Provider, ProviderId, TokenCache } from '@/lib/providers/types';

/**
 * What every command handler is given, and the helpers they share. Each handler is a function of
 * its deps and the message data, so tests call them directly.
 */

export interface CommandDeps {
  refresher: Refresher;
  now: () => number;
  newId: () => string;
  createHttp: () => KyInstance;
  getProvider: (id: ProviderId) => Provider | undefined;
  /** The rounds' token cache; a credential change or delete drops the account's entry. */
  tokenCache: SessionTokenCache;
  hostAccess: (baseUrl: string) => Promise<HostAccess>;
  refreshBadge: () => Promise<void>;
  /** Longest a "Test connection" may take. */
  testDeadlineMs: number;
}

export type Handlers = {
  [K in keyof ProtocolMap]: (
    data: Parameters<ProtocolMap[K]>[0],
  ) => Promise<ReturnType<ProtocolMap[K]>>;
};

/**
 * A round for accounts whose setup changed; the caller does not wait for it. `rerun`: a round
 * already running may have called them with the old setup, so that attempt does not count.
 */
export function refreshSoon(deps: CommandDeps, accountIds: string[]): void {
  if (accountIds.length === 0) return;
  deps.refresher
    .refresh({ accountIds, force: true, rerun: true })
    .catch((error) => console.error('[balance-watch] refresh after a change failed', error));
}

/**
 * A step after a command's change has landed: data derived from it (a token expiry, a backoff
 * reset) or only referring to it (cached tokens, set-aside copies), which the next round or read
 * puts right. Its failure is logged, not reported: what the user asked for is done.
 */
export async function afterSaving(what: string, step: () => Promise<unknown>): Promise<void> {
  try {
    await step();
  } catch (error) {
    console.error(`[balance-watch] could not ${what}`, error);
  }
}

/** A call made for a page (test, discovery): its own token cache, never the rounds' one. */
export function callerContext(deps: CommandDeps) {
  return { http: deps.createHttp(), now: deps.now, tokenCache: throwawayTokenCache() };
}

/** A token cache that lives for one call, so a test never touches the account's real tokens. */
function throwawayTokenCache(): TokenCache {
  const tokens = new Map<string, { token: string; expiresAt: number }>();
  return {
    get: async (key) => tokens.get(key),
    set: async (key, value) => void tokens.set(key, value),
    delete: async (key) => void tokens.delete(key),
  };
}
