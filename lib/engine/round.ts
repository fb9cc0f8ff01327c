import type { KyInstance } from 'ky';
import { memoize } from '@/lib/engine/concurrency';
import { roundCredentials } from '@/lib/engine/credentials';
import type { HostAccess } from '@/lib/engine/host-access';
import { createRoundBudget, type RoundBudget } from '@/lib/engine/request-budget';
import { afterAttempt, isDue, type Outcome } from '@/lib/engine/retry-rules';
import {
  type FitTrends,
  type ReadingRecord,
  type RoundEffects,
  withTrends,
} from '@/lib/engine/round-effects';
import { type ReadDeps, type RoundShared, readDue } from '@/lib/engine/round-reads';
import type { Account, EngineStatus, Settings, Snapshots } from '@/lib/state';
import { readAccounts } from '@/lib/storage/writers/accounts';
import { updateEngineStatus } from '@/lib/storage/writers/engine-status';
import { readSettings } from '@/lib/storage/writers/settings';
import {
  createSnapshotBatch,
  readSnapshots,
  type SnapshotBatch,
} from '@/lib/storage/writers/snapshots';

/**
 * One refresh round: every due, enabled account at once, bounded per host, each with a deadline.
 * Accounts an adapter can read together (lib/engine/round-reads.ts) share one call. Results go to
 * the snapshots in batches; a failed account keeps its last good reading.
 * Single flight is the caller's job (lib/engine/refresh.ts).
 */

export interface RoundDeps extends ReadDeps {
  /** A fresh HTTP client for the round (lib/http's createHttp, or one with test settings). */
  createHttp: () => KyInstance;
  /** May the extension call this base URL (manifest host, loopback or a granted optional one)? */
  hostAccess: (baseUrl: string) => Promise<HostAccess>;
  isOnline: () => boolean;
  effects: RoundEffects;
  /** Calls at a time to one host (a call that reads several accounts counts once). */
  perHostLimit: number;
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

function dueAccounts(
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

/** What the round keeps of its outcomes as they come: the result, the readings, offline. */
function createTally(due: readonly Account[], before: Snapshots, batch: SnapshotBatch) {
  const readings: ReadingRecord[] = [];
  const result: RoundResult = { attempted: due.map((a) => a.id), succeeded: [], failed: [] };
  let sawOffline = false;
  return {
    result,
    readings,
    sawOffline: () => sawOffline,
    record(account: Account, outcome: Outcome, at: number) {
      if (outcome.ok) {
        readings.push({ accountId: account.id, at, reading: outcome.reading });
        result.succeeded.push(account.id);
      } else if ('error' in outcome) {
        if (outcome.error.kind === 'offline') sawOffline = true;
        result.failed.push(account.id);
      }
      batch.add(account.id, afterAttempt(before[account.id], outcome, at));
    },
  };
}

/** What a round read as it started, and the accounts it found due. */
interface RoundStart {
  accounts: readonly Account[];
  settings: Settings;
  before: Snapshots;
  due: readonly Account[];
}

/**
 * The round's first reads, all at once: accounts, settings and snapshots, and beside them what
 * the first requests wait for next (local:secrets, the host access of each base URL), which came
 * one after another before the first request went out (issue 17). Both are kept for the round
 * (roundCredentials, the memoized host access); their failures are met by the reads that need
 * them.
 */
async function readStart(
  deps: RoundDeps,
  request: RoundRequest,
  shared: RoundShared,
): Promise<RoundStart> {
  const accountsRead = readAccounts();
  const wanted = request.accountIds ? new Set(request.accountIds) : undefined;
  // Any id: the round reads the whole of local:secrets once, whichever account asks first.
  shared.credentials('').catch(() => undefined);
  accountsRead
    .then((accounts) => {
      const calls = accounts.filter((a) => a.enabled && (!wanted || wanted.has(a.id)));
      return Promise.all(
        [...new Set(calls.map((a) => a.baseUrl))].map((url) => shared.hostAccess(url)),
      );
    })
    .catch(() => undefined);
  const [accounts, settings, before] = await Promise.all([
    accountsRead,
    readSettings(),
    readSnapshots(),
  ]);
  return { accounts, settings, before, due: dueAccounts(accounts, before, request, deps.now()) };
}

/**
 * After the last answer: the last snapshot write, carrying the trends fitted on the windows read
 * during the round plus its readings, so this round's notices already see them. Gives what is
 * left once the round is over: the notices to show.
 */
async function storeSnapshots(
  deps: RoundDeps,
  start: RoundStart,
  batch: SnapshotBatch,
  readings: readonly ReadingRecord[],
  windows: () => Promise<FitTrends>,
): Promise<(() => Promise<void>) | undefined> {
  if (start.due.length === 0) return undefined;
  const trends = readings.length > 0 ? (await windows())(readings) : new Map();
  let show: (() => Promise<void>) | undefined;
  await batch.close((merged) => {
    const notices = deps.effects.notices(
      start.before,
      withTrends(merged, trends),
      start.accounts,
      start.settings,
    );
    show = notices.show;
    return notices.snapshots;
  });
  return show;
}

/**
 * What follows the round's end and its badge: the notices and the history append (one IndexedDB
 * transaction). The round says it is over before them (issue 17): every balance is stored by
 * then, and the append, run beside the last snapshot write, held it back by tens of
 * milliseconds. The next round still reads its forecast windows after this append: both go
 * through the history writer's lock.
 */
async function afterRound(
  deps: RoundDeps,
  readings: readonly ReadingRecord[],
  show: (() => Promise<void>) | undefined,
): Promise<void> {
  const appended = readings.length > 0 ? deps.effects.appendReadings(readings) : undefined;
  const shown = Promise.resolve()
    .then(() => show?.())
    .catch((error) => console.error('[balance-watch] notification failed', error));
  await Promise.allSettled([appended, shown]);
}

/** The engine status once the round is over: online unless every answer said offline. */
function sayRoundOver(deps: RoundDeps, tally: ReturnType<typeof createTally>): Promise<void> {
  return updateStatus({
    roundRunning: false,
    firstRound: false,
    online: deps.isOnline() && (!tally.sawOffline() || tally.readings.length > 0),
    lastRoundAt: deps.now(),
  });
}

/** Stores the round's request slots; a failure is reported, never the round's. */
function closeBudget(budget: RoundBudget): Promise<void> {
  return budget.close().catch((error) => console.error('[balance-watch] request budget', error));
}

/** One round, without single flight: callers go through createRefresher. */
export async function runRound(deps: RoundDeps, request: RoundRequest): Promise<RoundResult> {
  const credentials = roundCredentials();
  const budget = createRoundBudget(deps.now);
  const shared: RoundShared = {
    http: deps.createHttp(),
    // Accounts share a handful of base URLs; a permission granted mid-round waits for the next.
    hostAccess: memoize(deps.hostAccess),
    credentials: credentials.read,
    budget,
  };
  let start: RoundStart;
  try {
    start = await readStart(deps, request, shared);
  } catch (error) {
    credentials.close();
    throw error;
  }
  const { accounts, settings, before, due } = start;
  // Said while the first requests go out, not before: neither needs to wait for the other. Its
  // failure is the round's, once the reads are over (awaited below, so not left unhandled).
  const started = updateStatus({ roundRunning: true }).then(() =>
    deps.effects.refreshBadge({ accounts, snapshots: before, settings }),
  );
  started.catch(() => undefined);
  // The forecast's history is read while the requests are out (issue 17), once the first answer
  // is in: started with them, its database work held back the first requests. The last write
  // then waits for neither this read nor the append. It never fails (no history: no new trends).
  let windows: Promise<FitTrends> | undefined;
  const readWindows = () => {
    windows ??= deps.effects.readForecastWindows(due.map((account) => account.id));
    return windows;
  };
  const batch = createSnapshotBatch(deps.batchWindowMs);
  const tally = createTally(due, before, batch);
  let budgetClosed: Promise<void> | undefined;
  let show: (() => Promise<void>) | undefined;
  try {
    await readDue(due, deps, shared, (account, outcome, at) => {
      void readWindows();
      tally.record(account, outcome, at);
    });
    // Every request is sent: the slots are stored beside the last snapshot write.
    budgetClosed = closeBudget(budget);
    await started;
    show = await storeSnapshots(deps, start, batch, tally.readings, readWindows);
  } finally {
    try {
      credentials.close();
      // Every request slot the round took is stored before it says it is over.
      await (budgetClosed ?? closeBudget(budget));
      await sayRoundOver(deps, tally);
      await deps.effects.refreshBadge().catch(() => undefined);
    } finally {
      // Also when the last snapshot write was refused: history is in IndexedDB, with room of
      // its own, and the charts and the forecast still get the round's readings.
      await afterRound(deps, tally.readings, show);
    }
  }
  return tally.result;
}
