import type { KyInstance } from 'ky';
import { createHttp } from '@/lib/providers/http';
import type { AccountRequest, ProviderContext, TokenCache } from '@/lib/providers/types';

export interface MemoryTokenCache extends TokenCache {
  entries: Map<string, { token: string; expiresAt: number }>;
}

export function memoryTokenCache(): MemoryTokenCache {
  const entries = new Map<string, { token: string; expiresAt: number }>();
  return {
    entries,
    get: async (key) => entries.get(key),
    set: async (key, value) => {
      entries.set(key, value);
    },
    delete: async (key) => {
      entries.delete(key);
    },
  };
}

/** A real ky client without retries (each test decides its own replies) and a settable clock. */
export function testContext(
  overrides: { http?: KyInstance; now?: () => number; tokenCache?: TokenCache } = {},
): ProviderContext {
  return {
    http: overrides.http ?? createHttp({ retries: 0, timeoutMs: 5_000 }),
    now: overrides.now ?? (() => Date.UTC(2025, 0, 1)),
    tokenCache: overrides.tokenCache ?? memoryTokenCache(),
  };
}

/** An account as an adapter sees it, pointed at a test server. */
export function providerAccount<C, P>(
  id: string,
  baseUrl: string,
  credentials: C,
  params: P,
): AccountRequest<C, P> {
  return { id, baseUrl, credentials, params };
}

/** Runs a promise that must fail and returns what it threw. */
export async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
