import type { KyInstance } from 'ky';
import { storage } from '#imports';
import { baseUrlMessage } from './account-form';
import { applyBadge, badgeFor } from './badge';
import {
  claimLease,
  createKeyedLimiter,
  createMutex,
  hostOf,
  type Lease,
  type LeaseStore,
  releaseLease,
  renewLease,
} from './concurrency';
import { BalanceError, type BalanceErrorData, ERROR_KINDS, isBalanceError } from './errors';
import { appendReadings } from './history';
import { checkBaseUrl, hasHostAccess } from './host-permission';
import { createHttp } from './http';
import { notificationsFor, showNotices } from './notify';
import { getProvider } from './providers';
import type { Provider, ProviderId, Reading, TokenCache } from './providers/types';
import type { Account, EngineStatus, History, Settings, Snapshot, Snapshots } from './state';
import { emptySnapshot } from './state';
import { accountStatuses } from './status';
import { engineStatusItem, historyItem, snapshotsItem } from './storage';
import { readAccounts, readHistory, readSettings, readSnapshots } from './storage-guard';
import { createSessionTokenCache } from './token-cache';
import { type CredentialRenewer, createCredentialRenewer } from './tokens';

/**
 * The refresh round: every due, enabled account at once, bounded per host, each with a deadline.
 * Results go to local:snapshots in batches; a failed account keeps its last good reading.
 */

// ---- retry policy ---------------------------------------------------------------------------

const MINUTE = 60_000;
export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_CAP_MS = 60 * MINUTE;

/** 1 min after the first failure, doubling, at most an hour. */
export function backoffDelayMs(failures: number): number {
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(1, failures));
}

/**
 * Whether an account may be called now. `force` is the user asking: it overrides backoff and the
 * "until the credentials change" block, but not a provider's explicit Retry-After.
 */
export function isDue(snapshot: Snapshot | undefined, now: number, force: boolean): boolean {
  if (!snapshot) return true;
  const rule = snapshot.error ? ERROR_KINDS[snapshot.error.kind].retry : null;
  const waiting = snapshot.nextAttemptAt !== null && snapshot.nextAttemptAt > now;
  if (rule === 'retry-after' && waiting) return false;
  if (force) return true;
  if (rule === 'until-credentials-change') return false;
  return !waiting;
}

export type Outcome = { ok: true; reading: Reading } | { ok: false; error: BalanceErrorData };

/** The snapshot after one attempt; a failure keeps the last good reading. */
export function afterAttempt(
  previous: Snapshot | undefined,
  outcome: Outcome,
  at: number,
): Snapshot {
  const base = previous ?? emptySnapshot();
  if (outcome.ok) {
    return {
      ...base,
      reading: outcome.reading,
      readingAt: at,
      lastAttemptAt: at,
      error: null,
      nextAttemptAt: null,
      failures: 0,
    };
  }
  const { error } = outcome;
  const rule = ERROR_KINDS[error.kind].retry;
  // Being offline says nothing about the provider, so it does not grow the backoff.
  const failures = rule === 'when-online' ? base.failures : base.failures + 1;
  let nextAttemptAt: number | null = null;
  if (rule === 'backoff') nextAttemptAt = at + backoffDelayMs(failures);
  if (rule === 'retry-after') nextAttemptAt = at + (error.retryAfterMs ?? backoffDelayMs(failures));
  return { ...base, lastAttemptAt: at, error, nextAttemptAt, failures };
}

function toErrorData(error: unknown): BalanceErrorData {
  if (isBalanceError(error)) return error.toJSON();
  // An adapter bug, not the provider's fault; its text may hold anything, so it is not shown.
  console.error('[balance-watch] unexpected error in a balance call', error);
  return { kind: 'invalid-response', message: ERROR_KINDS['invalid-response'].message };
}

// ---- snapshot store -------------------------------------------------------------------------

const snapshotsLock = createMutex();

/**
 * Every read-modify-write of local:snapshots in this worker goes through here, so a round's batch
 * and a command (delete, credential change) never drop each other's change.
 */
export function updateSnapshots(change: (snapshots: Snapshots) => Snapshots): Promise<Snapshots> {
  return snapshotsLock.lock(async () => {
    const next = change(await readSnapshots());
    await snapshotsItem.setValue(next);
    return next;
  });
}

/** Merges results into the stored snapshots, dropping accounts deleted while the round ran. */
async function writeResults(
  results: ReadonlyMap<string, Snapshot>,
  finish?: (merged: Snapshots) => Snapshots,
): Promise<Snapshots> {
  const liveIds = new Set((await readAccounts()).map((account) => account.id));
  return updateSnapshots((stored) => {
    const merged = { ...stored };
    for (const [id, snapshot] of results) if (liveIds.has(id)) merged[id] = snapshot;
    return finish ? finish(merged) : merged;
  });
}

/**
 * Collects per-account results and writes them together: once per `windowMs` while slow
 * accounts trickle in (so the popup sees progress), and once at the end.
 */
function createBatch(windowMs: number) {
  const pending = new Map<string, Snapshot>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<unknown> = Promise.resolve();

  function flush(): void {
    timer = undefined;
    if (pending.size === 0) return;
    const batch = new Map(pending);
    pending.clear();
    writing = writing.then(() => writeResults(batch)).catch(logWriteError);
  }

  return {
    add(id: string, snapshot: Snapshot): void {
      pending.set(id, snapshot);
      timer ??= setTimeout(flush, windowMs);
    },
    /** The last write of the round; `finish` sees every account's latest snapshot. */
    async close(finish: (merged: Snapshots) => Snapshots): Promise<Snapshots> {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      await writing;
      const rest = new Map(pending);
      pending.clear();
      return writeResults(rest, finish);
    },
  };
}

function logWriteError(error: unknown): void {
  console.error('[balance-watch] could not write snapshots', error);
}

const historyLock = createMutex();

/** The history counterpart of updateSnapshots; writes only when something changed. */
export function updateHistory(change: (history: History) => History): Promise<void> {
  return historyLock.lock(async () => {
    const history = await readHistory();
    const next = change(history);
    if (next !== history) await historyItem.setValue(next);
  });
}

/** Badge and tooltip from the stores as they are now. */
export async function refreshBadgeFromStores(now: number): Promise<void> {
  const [accounts, snapshots, settings, engine] = await Promise.all([
    readAccounts(),
    readSnapshots(),
    readSettings(),
    engineStatusItem.getValue(),
  ]);
  const statuses = accountStatuses(accounts, snapshots, settings, now);
  await applyBadge(badgeFor({ statuses, engine, settings }));
}

// ---- the round ------------------------------------------------------------------------------

export type HostAccess = { ok: true } | { ok: false; error: BalanceErrorData };

export interface ReadingRecord {
  accountId: string;
  at: number;
  reading: Reading;
}

/** What happens after the results are in; engine-A's history, notify and badge behind it. */
export interface RoundEffects {
  /**
   * Pure: the snapshots with their "notified" flags updated for crossings between `previous` and
   * `next`, and a function that shows the notices. Runs inside the round's final write.
   */
  notices(
    previous: Snapshots,
    next: Snapshots,
    accounts: readonly Account[],
    settings: Settings,
  ): { snapshots: Snapshots; show: () => Promise<void> };
  appendReadings(readings: readonly ReadingRecord[]): Promise<void>;
  /** Badge and tooltip from the stores as they are now. */
  refreshBadge(): Promise<void>;
}

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

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new BalanceError({ kind: 'timeout', message: ERROR_KINDS.timeout.message })),
      ms,
    );
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

async function attemptAccount(
  account: Account,
  deps: RoundDeps,
  http: KyInstance,
): Promise<Outcome> {
  const provider = deps.getProvider(account.provider);
  if (!provider) {
    return {
      ok: false,
      error: { kind: 'config', message: `Unknown provider "${account.provider}".` },
    };
  }
  try {
    const access = await deps.hostAccess(account.baseUrl);
    if (!access.ok) return { ok: false, error: access.error };
    const ctx = { http, now: deps.now, tokenCache: deps.tokenCache };
    const reading = await withDeadline(
      deps.renewer.fetchBalance(account, provider, ctx),
      deps.accountDeadlineMs,
    );
    return { ok: true, reading };
  } catch (error) {
    return { ok: false, error: toErrorData(error) };
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
  await engineStatusItem.setValue({ ...(await engineStatusItem.getValue()), ...change });
}

/** One round, without single-flight: callers go through createRefresher. */
export async function runRound(deps: RoundDeps, request: RoundRequest): Promise<RoundResult> {
  const [accounts, settings, before] = await Promise.all([
    readAccounts(),
    readSettings(),
    readSnapshots(),
  ]);
  const due = dueAccounts(accounts, before, request, deps.now());
  await updateStatus({ roundRunning: true });
  await deps.effects.refreshBadge();

  const limiter = createKeyedLimiter(deps.perHostLimit);
  const http = deps.createHttp();
  const batch = createBatch(deps.batchWindowMs);
  const readings: ReadingRecord[] = [];
  const result: RoundResult = { attempted: due.map((a) => a.id), succeeded: [], failed: [] };
  let sawOffline = false;
  try {
    await Promise.all(
      due.map((account) =>
        limiter.run(hostOf(account.baseUrl), async () => {
          const outcome = await attemptAccount(account, deps, http);
          const at = deps.now();
          if (outcome.ok) {
            readings.push({ accountId: account.id, at, reading: outcome.reading });
            result.succeeded.push(account.id);
          } else {
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

/** The effects the extension uses: engine-A's notify, history and badge. */
export function defaultRoundEffects(now: () => number): RoundEffects {
  return {
    notices(previous, next, accounts, settings) {
      const { toShow, nextSnapshots } = notificationsFor(previous, next, accounts, settings);
      return { snapshots: nextSnapshots, show: () => showNotices(toShow) };
    },
    async appendReadings(readings) {
      const liveIds = new Set((await readAccounts()).map((account) => account.id));
      const points = readings
        .filter(({ accountId }) => liveIds.has(accountId))
        .map(({ accountId, at, reading }) => ({ accountId, t: at, v: reading.primary.value }));
      await updateHistory((history) => appendReadings(history, points));
    },
    refreshBadge: () => refreshBadgeFromStores(now()),
  };
}

// ---- single flight --------------------------------------------------------------------------

export const roundLeaseItem = storage.defineItem<Lease | null>('session:roundLease', {
  fallback: null,
});

export interface RefresherDeps extends RoundDeps {
  /** Who this worker is, for the lease; a new id per service-worker start. */
  workerId: string;
  leaseStore: LeaseStore;
  leaseTtlMs: number;
  sleep: (ms: number) => Promise<void>;
}

export interface RefreshRequest extends RoundRequest {
  /**
   * When another worker's lease is live: wait for it to end (the user is looking at a spinner)
   * rather than skip (an alarm; the next one will come).
   */
  waitIfBusy?: boolean;
}

export interface Refresher {
  /** Starts a round or joins the running one. */
  refresh(request?: RefreshRequest): Promise<RoundResult>;
  /** The round in flight in this worker, if any. */
  running(): Promise<RoundResult> | undefined;
}

/**
 * Single flight. In one worker, a request while a round runs joins its promise. Across a
 * service-worker restart, a lease in storage.session says a round is under way: a live lease held
 * by another worker means skip (or wait, for the user); an expired one is taken over.
 */
export function createRefresher(deps: RefresherDeps): Refresher {
  let current: Promise<RoundResult> | undefined;

  async function leasedRound(request: RefreshRequest): Promise<RoundResult> {
    for (;;) {
      const claim = await claimLease(deps.leaseStore, deps.workerId, deps.now(), deps.leaseTtlMs);
      if (claim.acquired) break;
      if (!request.waitIfBusy) return { attempted: [], succeeded: [], failed: [], skipped: 'busy' };
      await deps.sleep(Math.max(0, Math.min(1000, claim.heldUntil - deps.now())) + 1);
    }
    // A living round keeps its lease fresh so only a dead worker's lease ever expires.
    const heartbeat = setInterval(
      () => void renewLease(deps.leaseStore, deps.workerId, deps.now(), deps.leaseTtlMs),
      deps.leaseTtlMs / 3,
    );
    try {
      return await runRound(deps, request);
    } finally {
      clearInterval(heartbeat);
      await releaseLease(deps.leaseStore, deps.workerId);
    }
  }

  function start(request: RefreshRequest): Promise<RoundResult> {
    const round = leasedRound(request).finally(() => {
      if (current === round) current = undefined;
    });
    current = round;
    return round;
  }

  async function followUp(request: RefreshRequest, joined: RoundResult): Promise<RoundResult> {
    // The user asked, and the round they joined left some of their accounts alone (backoff, an
    // auth block): those get a round of their own.
    const accounts = await readAccounts();
    const wanted = request.accountIds ?? accounts.map((a) => a.id);
    const left = wanted.filter((id) => !joined.attempted.includes(id));
    if (left.length === 0) return joined;
    if (current) return current;
    return start({ ...request, accountIds: left });
  }

  return {
    refresh(request = {}) {
      if (!current) return start(request);
      const joined = current;
      return request.force ? joined.then((result) => followUp(request, result)) : joined;
    },
    running: () => current,
  };
}

/** After a worker restart: a round that died with its worker must not show as running forever. */
export async function clearDeadRound(leaseStore: LeaseStore, now: number): Promise<void> {
  const lease = await leaseStore.getValue();
  const status = await engineStatusItem.getValue();
  if (status.roundRunning && (!lease || lease.expiresAt <= now)) {
    await engineStatusItem.setValue({ ...status, roundRunning: false });
  }
}

/**
 * Whether a round may call this base URL. Loopback (the simulator) needs no permission; the
 * providers' own hosts are manifest host_permissions; any other https host needs the optional
 * permission the options page asks for. Without it the call is not even tried.
 */
export async function checkHostAccess(
  baseUrl: string,
  granted: (url: string) => Promise<boolean> = hasHostAccess,
): Promise<HostAccess> {
  const check = checkBaseUrl(baseUrl);
  if (!check.ok) {
    return { ok: false, error: { kind: 'config', message: baseUrlMessage(baseUrl.trim()) ?? '' } };
  }
  if (check.loopback || (await granted(check.url))) return { ok: true };
  const host = hostOf(check.url);
  return {
    ok: false,
    error: {
      kind: 'permission',
      message: `Balance Watch has no access to ${host}. Grant it in Settings.`,
    },
  };
}

function isNavigatorOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false;
}

export const ROUND_DEFAULTS = {
  perHostLimit: 4,
  accountDeadlineMs: 45_000,
  batchWindowMs: 2_000,
  leaseTtlMs: 60_000,
} as const;

/** The extension's real dependencies; tests override the clock, HTTP and host access. */
export function defaultRefresherDeps(overrides: Partial<RefresherDeps> = {}): RefresherDeps {
  const now = overrides.now ?? Date.now;
  return {
    ...ROUND_DEFAULTS,
    now,
    createHttp: () => createHttp(),
    getProvider,
    tokenCache: createSessionTokenCache(now),
    renewer: createCredentialRenewer(),
    hostAccess: checkHostAccess,
    isOnline: isNavigatorOnline,
    effects: defaultRoundEffects(now),
    workerId: crypto.randomUUID(),
    leaseStore: roundLeaseItem,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    ...overrides,
  };
}
