import { scheduleRetryAlarm } from '@/lib/engine/alarms';
import { createCredentialRenewer } from '@/lib/engine/credentials';
import { checkHostAccess } from '@/lib/engine/host-access';
import { type RoundDeps, type RoundRequest, type RoundResult, runRound } from '@/lib/engine/round';
import { defaultRoundEffects } from '@/lib/engine/round-effects';
import { type LeaseHolder, withRoundLease } from '@/lib/engine/round-lease';
import { createSessionTokenCache } from '@/lib/engine/token-cache';
import { getProvider } from '@/lib/providers';
import { createHttp } from '@/lib/providers/http';
import { readAccounts } from '@/lib/storage/writers/accounts';
import { readSnapshots } from '@/lib/storage/writers/snapshots';

/**
 * Single flight over lib/engine/round.ts, and the extension's real round dependencies. Every trigger
 * (alarm, "Refresh now", a saved account) asks here, so two rounds never call the same account.
 */

export interface RefresherDeps extends RoundDeps, LeaseHolder {
  /**
   * After every round, whoever asked for it: a Retry-After met in a round started by a save or
   * "Refresh now" needs its retry alarm as much as one met in an alarm's round.
   */
  afterRound?: () => Promise<void>;
}

interface RefreshRequest extends RoundRequest {
  /**
   * When another worker's lease is live: wait for it to end (the user is looking at a spinner)
   * rather than skip (an alarm; the next one will come).
   */
  waitIfBusy?: boolean;
  /**
   * The accounts' credentials or setup just changed (a save): a running round may already have
   * called them with the old ones, so they get another attempt once it ends, whose result then
   * replaces the stale one.
   */
  rerun?: boolean;
}

export interface Refresher {
  /** Starts a round or joins the running one. */
  refresh(request?: RefreshRequest): Promise<RoundResult>;
  /** The round in flight in this worker, if any. */
  running(): Promise<RoundResult> | undefined;
}

/**
 * Single flight. In one worker, a request while a round runs joins its promise. Across a
 * service-worker restart, the round lease (lib/engine/round-lease.ts) decides: a live lease held by
 * another worker means skip (or wait, for the user); an expired one is taken over.
 */
export function createRefresher(deps: RefresherDeps): Refresher {
  let current: Promise<RoundResult> | undefined;

  async function leasedRound(request: RefreshRequest): Promise<RoundResult> {
    try {
      const result = await withRoundLease(deps, request.waitIfBusy ?? false, () =>
        runRound(deps, request),
      );
      return result === 'busy'
        ? { attempted: [], succeeded: [], failed: [], skipped: 'busy' }
        : result;
    } finally {
      await deps
        .afterRound?.()
        .catch((error) => console.error('[balance-watch] after round', error));
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
    const left = request.rerun ? wanted : wanted.filter((id) => !joined.attempted.includes(id));
    if (left.length === 0) return joined;
    // A round started since the change began after it: it is a fresh attempt if it calls them.
    if (current && request.rerun) {
      return current.then((result) => followUp({ ...request, rerun: false }, result));
    }
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
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    afterRound: async () => scheduleRetryAlarm(await readSnapshots(), now()),
    ...overrides,
  };
}
