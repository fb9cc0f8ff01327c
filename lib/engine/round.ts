import type { KyInstance } from 'ky';
import { toErrorData, unknownProvider, withDeadline } from '@/lib/engine/call-guard';
import { createKeyedLimiter, memoize } from '@/lib/engine/concurrency';
import {
  type CredentialReader,
  type CredentialRenewer,
  roundCredentials,
} from '@/lib/engine/credentials';
import type { HostAccess } from '@/lib/engine/host-access';
import { RequestBudgetSpent, withRequestBudget } from '@/lib/engine/request-budget';
import { afterAttempt, isDue, type Outcome } from '@/lib/engine/retry-rules';
import type { ReadingRecord, RoundEffects } from '@/lib/engine/round-effects';
import type { Provider, ProviderId, TokenCache } from '@/lib/providers/types';
import type { Account, EngineStatus, Snapshots } from '@/lib/state';
import { readAccounts } from '@/lib/storage/writers/accounts';
import { updateEngineStatus } from '@/lib/storage/writers/engine-status';
import { readSettings } from '@/lib/storage/writers/settings';
import { createSnapshotBatch, readSnapshots } from '@/lib/storage/writers/snapshots';
import { hostOf } from '@/lib/url';

/**
 * One refresh round: every due, enabled account at once, bounded per host, each with a deadline.
 * Results go to local:snapshots in batches; a failed account keeps its last good reading.
 * Single flight is the caller's job (lib/engine/refresh.ts).
 */

export interface RoundDeps {
  now: () => number;
  /** A fresh HTTP client for the round (lib/http's createHttp, or one with test settings). */
  createHttp: () => KyInstance;
  getProvider: (id: ProviderId) => Provider | undefined;
  tokenCache: TokenCache;
  renewer: CredentialRenewer;
  /** May the extension call this base URL (manifest host, loopback or a granted optional one)? */
  hostAccess: (baseUrl: string) => Promise<HostAccess>;
  isOnline: () => boolean;
  effects: RoundEffects;
  /** Requests at a time to one host. */
  perHostLimit: number;
  /** One account's whole call, renewal and retries included. */
  accountDeadlineMs: number;
  /** Longest a finished result waits before it is written. */
  batchWindowMs: number;
}

export interface RoundRequest {
  /** Only these accounts; default: every enabled account. */
  accountIds?: readonly string[];
  /** The user asked: see isDue. */
  force?: boolean;
}

export interface RoundResult {
  /** Accounts called in this round. */
  attempted: string[];
  succeeded: string[];
  failed: string[];
  /** Another worker's round held the lease; nothing was called. */
  skipped?: 'busy';
}

/** What every account of one round shares, so per-account work stays per account. */
interface RoundShared {
  http: KyInstance;
  hostAccess: (baseUrl: string) => Promise<HostAccess>;
  credentials: CredentialReader;
}

async function attemptAccount(
  account: Account,
  deps: RoundDeps,
  shared: RoundShared,
): Promise<Outcome> {
  const provider = deps.getProvider(account.provider);
  if (!provider) return { ok: false, error: unknownProvider(account.provider) };
  try {
    const access = await shared.hostAccess(account.baseUrl);
    if (!access.ok) return { ok: false, error: access.error };
    // The provider's request limit, kept here for every way a round is asked for.
    const credentials = await shared.credentials(account.id);
    const http = withRequestBudget(shared.http, provider, { ...account, credentials }, deps.now);
    const ctx = { http, now: deps.now, tokenCache: deps.tokenCache };
    const reading = await withDeadline(
      deps.renewer.fetchBalance(account, provider, ctx, shared.credentials),
      deps.accountDeadlineMs,
    );
    return { ok: true, reading };
  } catch (error) {
    if (error instanceof RequestBudgetSpent) return { ok: false, heldUntil: error.until };
    return { ok: false, error: toErrorData(error, 'a balance call') };
  }
}

export function dueAccounts(
  accounts: readonly Account[],
  snapshots: Snapshots,
  request: RoundRequest,
  now: number,
): Account[] {
  const wanted = request.accountIds ? new Set(request.accountIds) : undefined;
  return accounts.filter(
    (account) =>
      account.enabled &&
      (!wanted || wanted.has(account.id)) &&
      isDue(snapshots[account.id], now, request.force ?? false),
  );
}

async function updateStatus(change: Partial<EngineStatus>): Promise<void> {
  await updateEngineStatus((status) => ({ ...status, ...change }));
}

/** One round, without single flight: callers go through createRefresher. */
export async function runRound(deps: RoundDeps, request: RoundRequest): Promise<RoundResult> {
  const [accounts, settings, before] = await Promise.all([
    readAccounts(),
    readSettings(),
    readSnapshots(),
  ]);
  const due = dueAccounts(accounts, before, request, deps.now());
  await updateStatus({ roundRunning: true });
  await deps.effects.refreshBadge({ accounts, snapshots: before, settings });

  const limiter = createKeyedLimiter(deps.perHostLimit);
  const http = deps.createHttp();
  const credentials = roundCredentials();
  const shared: RoundShared = {
    http,
    // Accounts share a handful of base URLs; a permission granted mid-round waits for the next.
    hostAccess: memoize(deps.hostAccess),
    credentials: credentials.read,
  };
  const batch = createSnapshotBatch(deps.batchWindowMs);
  const readings: ReadingRecord[] = [];
  const result: RoundResult = { attempted: due.map((a) => a.id), succeeded: [], failed: [] };
  let sawOffline = false;
  try {
    await Promise.all(
      due.map((account) =>
        limiter.run(hostOf(account.baseUrl), async () => {
          const outcome = await attemptAccount(account, deps, shared);
          const at = deps.now();
          if (outcome.ok) {
            readings.push({ accountId: account.id, at, reading: outcome.reading });
            result.succeeded.push(account.id);
          } else if ('error' in outcome) {
            if (outcome.error.kind === 'offline') sawOffline = true;
            result.failed.push(account.id);
          }
          batch.add(account.id, afterAttempt(before[account.id], outcome, at));
        }),
      ),
    );
    let show: (() => Promise<void>) | undefined;
    if (due.length > 0) {
      await batch.close((merged) => {
        const notices = deps.effects.notices(before, merged, accounts, settings);
        show = notices.show;
        return notices.snapshots;
      });
    }
    if (readings.length > 0) await deps.effects.appendReadings(readings);
    await show?.().catch((error) => console.error('[balance-watch] notification failed', error));
  } finally {
    credentials.close();
    await updateStatus({
      roundRunning: false,
      firstRound: false,
      online: deps.isOnline() && (!sawOffline || readings.length > 0),
      lastRoundAt: deps.now(),
    });
    await deps.effects.refreshBadge().catch(() => undefined);
  }
  return result;
}
