import type { KyInstance } from 'ky';
import { toErrorData, unknownProvider, withDeadline } from '@/lib/engine/call-guard';
import { createKeyedLimiter } from '@/lib/engine/concurrency';
import type { CredentialReader, CredentialRenewer } from '@/lib/engine/credentials';
import type { HostAccess } from '@/lib/engine/host-access';
import { RequestBudgetSpent, withRequestBudget } from '@/lib/engine/request-budget';
import type { Outcome } from '@/lib/engine/retry-rules';
import { scopedTokenCache } from '@/lib/engine/token-cache';
import { isBalanceError } from '@/lib/errors';
import type {
  AccountRequest,
  Provider,
  ProviderContext,
  ProviderId,
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
}

/** Accounts read by one call: one account, or several of one provider and one batch key. */
export type ReadGroup = readonly [Account, ...Account[]];

function accountRequest(account: Account, credentials: Record<string, unknown>): AccountRequest {
  return { id: account.id, baseUrl: account.baseUrl, credentials, params: account.params };
}

/** A provider that renews credentials reads one by one: renewal is per account. */
function batching(
  provider: Provider | undefined,
): provider is Provider & Required<Pick<Provider, 'batchKey' | 'fetchBalances'>> {
  return !!provider?.batchKey && !!provider.fetchBalances && !provider.renewCredentials;
}

/** The key an account is read together under, or undefined to read it alone. */
async function groupKey(
  account: Account,
  deps: ReadDeps,
  credentials: CredentialReader,
): Promise<string | undefined> {
  const provider = deps.getProvider(account.provider);
  if (!batching(provider)) return undefined;
  try {
    const key = provider.batchKey(accountRequest(account, await credentials(account.id)));
    return `${provider.id}\n${key}`;
  } catch {
    // A setup the adapter cannot parse is read alone, which reports its error for it alone.
    return undefined;
  }
}

/** The due accounts as reads, in the order of each group's first account. */
async function planReads(
  due: readonly Account[],
  deps: ReadDeps,
  credentials: CredentialReader,
): Promise<ReadGroup[]> {
  const keys = await Promise.all(due.map((account) => groupKey(account, deps, credentials)));
  const groups: Account[][] = [];
  const byKey = new Map<string, Account[]>();
  due.forEach((account, index) => {
    const key = keys[index];
    const joined = key === undefined ? undefined : byKey.get(key);
    if (joined) {
      joined.push(account);
      return;
    }
    const group = [account];
    groups.push(group);
    if (key !== undefined) byKey.set(key, group);
  });
  return groups as unknown as ReadGroup[];
}

function failed(error: unknown, where: string): Outcome {
  if (error instanceof RequestBudgetSpent) return { ok: false, heldUntil: error.until };
  return { ok: false, error: toErrorData(error, where) };
}

/** The HTTP client and context for a call with these credentials: the request budget applies. */
function contextFor(
  provider: Provider,
  account: Account,
  credentials: Record<string, unknown>,
  deps: ReadDeps,
  shared: RoundShared,
): ProviderContext {
  // The provider's request limit, kept here for every way a round is asked for.
  const http = withRequestBudget(shared.http, provider, { ...account, credentials }, deps.now);
  return { http, now: deps.now, tokenCache: deps.tokenCache };
}

async function readAlone(account: Account, deps: ReadDeps, shared: RoundShared): Promise<Outcome> {
  const provider = deps.getProvider(account.provider);
  if (!provider) return { ok: false, error: unknownProvider(account.provider) };
  try {
    const access = await shared.hostAccess(account.baseUrl);
    if (!access.ok) return { ok: false, error: access.error };
    const credentials = await shared.credentials(account.id);
    const ctx = contextFor(provider, account, credentials, deps, shared);
    const reading = await withDeadline(
      deps.renewer.fetchBalance(account, provider, ctx, shared.credentials),
      deps.accountDeadlineMs,
    );
    return { ok: true, reading };
  } catch (error) {
    return failed(error, 'a balance call');
  }
}

/** One call for the group; what it says of each account, or its failure for all of them. */
async function readTogether(
  group: ReadGroup,
  deps: ReadDeps,
  shared: RoundShared,
): Promise<Outcome[]> {
  const [first] = group;
  const provider = deps.getProvider(first.provider);
  // planReads groups only accounts of a batching provider; anything else is read one by one.
  if (!batching(provider)) {
    return Promise.all(group.map((account) => readAlone(account, deps, shared)));
  }
  try {
    const access = await shared.hostAccess(first.baseUrl);
    if (!access.ok) return group.map(() => ({ ok: false, error: access.error }));
    const requests = await Promise.all(
      group.map(async (account) => accountRequest(account, await shared.credentials(account.id))),
    );
    // One batch key means one set of credentials; the first account's speaks for them all.
    const { credentials, baseUrl } = requests[0] as AccountRequest;
    const ctx = contextFor(provider, first, credentials, deps, shared);
    const tokenCache = scopedTokenCache(ctx.tokenCache, { baseUrl, credentials });
    const results = await withDeadline(
      provider.fetchBalances(requests, { ...ctx, tokenCache }),
      deps.accountDeadlineMs,
    );
    return group.map((account): Outcome => {
      const result = results.get(account.id);
      if (result === undefined) return failed(new Error('no result for an account'), 'a batch');
      return isBalanceError(result)
        ? { ok: false, error: result.toJSON() }
        : { ok: true, reading: result };
    });
  } catch (error) {
    const outcome = failed(error, 'a batch balance call');
    return group.map(() => outcome);
  }
}

/** Reads a group: each account's outcome, in the group's order. */
function readGroup(group: ReadGroup, deps: ReadDeps, shared: RoundShared): Promise<Outcome[]> {
  if (group.length === 1) return readAlone(group[0], deps, shared).then((outcome) => [outcome]);
  return readTogether(group, deps, shared);
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
