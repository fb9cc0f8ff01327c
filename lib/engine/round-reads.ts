import type { KyInstance } from 'ky';
import { toErrorData, unknownProvider, withDeadline } from '@/lib/engine/call-guard';
import { createKeyedLimiter } from '@/lib/engine/concurrency';
import type { CredentialReader, CredentialRenewer } from '@/lib/engine/credentials';
import type { HostAccess } from '@/lib/engine/host-access';
import {
  RequestBudgetSpent,
  type RoundBudget,
  withRequestBudget,
} from '@/lib/engine/request-budget';
import type { Outcome } from '@/lib/engine/retry-rules';
import { scopedTokenCache } from '@/lib/engine/token-cache';
import { type BalanceError, isBalanceError } from '@/lib/errors';
import type {
  AccountRequest,
  Provider,
  ProviderId,
  Reading,
  TokenCache,
} from '@/lib/providers/types';
import type { Account } from '@/lib/state';
import { hostOf } from '@/lib/url';

/**
 * How a round reads its due accounts: one by one, or, where the adapter can read several in one
 * request (its optional `batchKey` and `fetchBalances`, e.g. the pools of one Wix site), together.
 * The engine only groups by the adapter's key; it names no provider.
 */

/** What reading accounts needs of the round's dependencies (lib/engine/round.ts RoundDeps). */
export interface ReadDeps {
  now: () => number;
  getProvider: (id: ProviderId) => Provider | undefined;
  tokenCache: TokenCache;
  renewer: CredentialRenewer;
  /** One read's whole call (one account's, or one batch's), renewal and retries included. */
  accountDeadlineMs: number;
}

/** What every read of one round shares, so per-account work stays per account. */
export interface RoundShared {
  http: KyInstance;
  hostAccess: (baseUrl: string) => Promise<HostAccess>;
  credentials: CredentialReader;
  /** The round's request slots (lib/engine/request-budget.ts). */
  budget: RoundBudget;
}

/** Accounts read by one call: one account, or several of one provider and one batch key. */
type ReadGroup = readonly [Account, ...Account[]];

function accountRequest(account: Account, credentials: Record<string, unknown>): AccountRequest {
  return { id: account.id, baseUrl: account.baseUrl, credentials, params: account.params };
}

/**
 * The key an account is read together under: the provider's batch key, or one of its own. A
 * provider that renews credentials reads one by one (renewal is per account), and a setup the
 * adapter cannot parse is read alone, which reports its error for it alone.
 */
async function groupKey(account: Account, deps: ReadDeps, credentials: CredentialReader) {
  const provider = deps.getProvider(account.provider);
  const alone = `alone:${account.id}`;
  if (!provider?.batchKey || !provider.fetchBalances || provider.renewCredentials) return alone;
  try {
    return `${provider.id}\n${provider.batchKey(accountRequest(account, await credentials(account.id)))}`;
  } catch {
    return alone;
  }
}

/** The due accounts as reads, in the order of each group's first account. */
async function planReads(due: readonly Account[], deps: ReadDeps, credentials: CredentialReader) {
  const groups = new Map<string, Account[]>();
  for (const account of due) {
    const key = await groupKey(account, deps, credentials);
    const group = groups.get(key);
    if (group) group.push(account);
    else groups.set(key, [account]);
  }
  return [...groups.values()] as unknown as ReadGroup[];
}

/** What a group's accounts get from the batch's answer: a reading, or its own error. */
function outcomeOf(result: Reading | BalanceError | undefined): Outcome {
  if (result === undefined) return { ok: false, error: toErrorData(result, 'a batch') };
  return isBalanceError(result)
    ? { ok: false, error: result.toJSON() }
    : { ok: true, reading: result };
}

/**
 * Reads a group with one call: one account through the renewer (renewing its credentials when
 * due), several through the adapter's fetchBalances. Each account's outcome, in the group's
 * order; a call that fails fails them all alike.
 */
async function readGroup(
  group: ReadGroup,
  deps: ReadDeps,
  shared: RoundShared,
): Promise<Outcome[]> {
  const [first] = group;
  const all = (outcome: Outcome) => group.map(() => outcome);
  const provider = deps.getProvider(first.provider);
  if (!provider) return all({ ok: false, error: unknownProvider(first.provider) });
  try {
    const access = await shared.hostAccess(first.baseUrl);
    if (!access.ok) return all({ ok: false, error: access.error });
    const requests = await Promise.all(
      group.map(async (account) => accountRequest(account, await shared.credentials(account.id))),
    );
    // One batch key means one set of credentials: the first account's speaks for them all.
    const { credentials, baseUrl } = requests[0] as AccountRequest;
    // The provider's request limit, kept here for every way a round is asked for.
    const call = { baseUrl, credentials, budget: shared.budget };
    const http = withRequestBudget(shared.http, provider, call, deps.now);
    const ctx = { http, now: deps.now, tokenCache: deps.tokenCache };
    if (!provider.fetchBalances || group.length === 1) {
      const reading = deps.renewer.fetchBalance(first, provider, ctx, shared.credentials);
      return [{ ok: true, reading: await withDeadline(reading, deps.accountDeadlineMs) }];
    }
    const tokenCache = scopedTokenCache(ctx.tokenCache, { baseUrl, credentials });
    const results = provider.fetchBalances(requests, { ...ctx, tokenCache });
    const byAccount = await withDeadline(results, deps.accountDeadlineMs);
    return group.map((account) => outcomeOf(byAccount.get(account.id)));
  } catch (error) {
    if (error instanceof RequestBudgetSpent) return all({ ok: false, heldUntil: error.until });
    return all({ ok: false, error: toErrorData(error, 'a balance call') });
  }
}

/**
 * Reads every due account, at most `perHostLimit` calls at a time to one host (a call that reads
 * several accounts takes one place); `record` gets each outcome as its call ends.
 */
export async function readDue(
  due: readonly Account[],
  deps: ReadDeps & { perHostLimit: number },
  shared: RoundShared,
  record: (account: Account, outcome: Outcome, at: number) => void,
): Promise<void> {
  const limiter = createKeyedLimiter(deps.perHostLimit);
  const groups = await planReads(due, deps, shared.credentials);
  await Promise.all(
    groups.map((group) =>
      limiter.run(hostOf(group[0].baseUrl), async () => {
        const outcomes = await readGroup(group, deps, shared);
        const at = deps.now();
        group.forEach((account, index) => {
          record(account, outcomes[index] as Outcome, at);
        });
      }),
    ),
  );
}
