import { toErrorData, unknownProvider, withDeadline } from '@/lib/engine/call-guard';
import { type CommandDeps, callerContext, type Handlers } from '@/lib/engine/commands/deps';
import { callCredentials } from '@/lib/engine/commands/draft';
import { createCallBudget, withRequestBudget } from '@/lib/engine/request-budget';
import { BalanceError } from '@/lib/errors';
import { t } from '@/lib/i18n';
import type { AccountDraft, Result } from '@/lib/messages';
import type {
  AccountRequest,
  DiscoveredTarget,
  Provider,
  ProviderContext,
  Reading,
} from '@/lib/providers/types';

type CallDraft = Pick<AccountDraft, 'provider' | 'id' | 'baseUrl' | 'credentials' | 'params'>;

/**
 * One call to a provider for a page, with the draft's typed credentials over the stored ones:
 * checked host access, a deadline, its own token cache, and every failure as error data. Its
 * requests take slots of the provider's request limit from the rounds' log: Test connection
 * pressed again and again never earns the provider's penalty, and a slot used up comes back as
 * a rate-limited error that says when to try again.
 */
async function callForPage<T>(
  deps: CommandDeps,
  draft: CallDraft,
  call: (provider: Provider, account: AccountRequest, ctx: ProviderContext) => Promise<T>,
): Promise<Result<{ value: T }>> {
  const provider = deps.getProvider(draft.provider);
  if (!provider) return { ok: false, error: unknownProvider(draft.provider) };
  try {
    const access = await deps.hostAccess(draft.baseUrl);
    if (!access.ok) return { ok: false, error: access.error };
    const credentials = await callCredentials(draft, provider);
    const account = {
      id: draft.id ?? 'draft',
      baseUrl: draft.baseUrl,
      credentials,
      params: draft.params ?? {},
    };
    const ctx = callerContext(deps);
    const budget = { baseUrl: draft.baseUrl, credentials, budget: createCallBudget(deps.now) };
    const http = withRequestBudget(ctx.http, provider, budget, deps.now);
    const value = await withDeadline(
      call(provider, account, { ...ctx, http }),
      deps.testDeadlineMs,
    );
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: toErrorData(error, 'a command') };
  }
}

/** Calls a provider for a page without storing anything: Test connection, discovery. */
export function connectionHandlers(deps: CommandDeps) {
  return {
    async testConnection(draft): Promise<Result<{ reading: Reading }>> {
      // No renewal here: a renewed Xoxoday refresh token would have to be stored, and a draft
      // is not. The stored account renews in the next round.
      const result = await callForPage(deps, draft, (provider, account, ctx) =>
        provider.fetchBalance(account, ctx),
      );
      return result.ok ? { ok: true, reading: result.value } : result;
    },

    async discoverTargets(data): Promise<Result<{ targets: DiscoveredTarget[] }>> {
      const result = await callForPage(deps, data, (provider, account, ctx) => {
        if (!provider.discover) {
          throw new BalanceError({
            kind: 'config',
            message: t('engine_no_discovery', provider.displayName),
          });
        }
        return provider.discover(account, ctx);
      });
      return result.ok ? { ok: true, targets: result.value } : result;
    },
  } satisfies Partial<Handlers>;
}
