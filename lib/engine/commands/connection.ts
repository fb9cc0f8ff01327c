import { toErrorData, unknownProvider, withDeadline } from '@/lib/engine/call-guard';
import { type CommandDeps, callerContext, type Handlers } from '@/lib/engine/commands/deps';
import { callCredentials } from '@/lib/engine/commands/draft';
import type { Result, WixPool } from '@/lib/messages';
import type { Reading } from '@/lib/providers/types';
import { listWixPools, wix } from '@/lib/providers/wix';

/** Calls a provider for a page without storing anything: Test connection, pool discovery. */
export function connectionHandlers(deps: CommandDeps) {
  return {
    async testConnection(draft): Promise<Result<{ reading: Reading }>> {
      const provider = deps.getProvider(draft.provider);
      if (!provider) return { ok: false, error: unknownProvider(draft.provider) };
      try {
        const access = await deps.hostAccess(draft.baseUrl);
        if (!access.ok) return { ok: false, error: access.error };
        const credentials = await callCredentials(draft, provider);
        // No renewal here: a renewed Xoxoday refresh token would have to be stored, and a draft
        // is not. The stored account renews in the next round.
        const reading = await withDeadline(
          provider.fetchBalance(
            { id: draft.id ?? 'draft', baseUrl: draft.baseUrl, credentials, params: draft.params },
            callerContext(deps),
          ),
          deps.testDeadlineMs,
        );
        return { ok: true, reading };
      } catch (error) {
        return { ok: false, error: toErrorData(error, 'a command') };
      }
    },

    async listWixPools(data): Promise<Result<{ pools: WixPool[] }>> {
      try {
        const access = await deps.hostAccess(data.baseUrl);
        if (!access.ok) return { ok: false, error: access.error };
        const credentials = await callCredentials(data, wix);
        const pools = await withDeadline(
          listWixPools(
            {
              id: data.id ?? 'draft',
              baseUrl: data.baseUrl,
              credentials: credentials as { apiKey: string },
              params: data.params as { siteId: string },
            },
            callerContext(deps),
          ),
          deps.testDeadlineMs,
        );
        return { ok: true, pools };
      } catch (error) {
        return { ok: false, error: toErrorData(error, 'a command') };
      }
    },
  } satisfies Partial<Handlers>;
}
