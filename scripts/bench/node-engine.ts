import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Provider, ProviderId } from '../../lib/providers/types';
import { DEFAULT_SETTINGS } from '../../lib/state';
import type { FleetStorage } from './fleet';
import {
  countStorageWrites,
  installNodeExtensionEnv,
  resetFakeBrowser,
  type WriteCounts,
} from './node-env';

/** The extension's real refresh round, run in Node against fakeBrowser storage and real HTTP. */
export interface NodeEngine {
  perHostLimit: number;
  batchWindowMs: number;
  /** Fresh fake storage holding these accounts and credentials, no snapshots yet. */
  seed(fleet: FleetStorage): Promise<void>;
  /** A round of every account, or of `accountIds` only (as "Refresh" on some accounts). */
  round(options?: { oneAtATime?: boolean; accountIds?: readonly string[] }): Promise<RoundRun>;
  /** Everything in storage.local now, as chrome.storage.local.set takes it. */
  dump(): Promise<Record<string, unknown>>;
}

export interface RoundRun {
  /** Epoch ms, to line the round up with the simulator's request log. */
  startedAt: number;
  wallMs: number;
  succeeded: number;
  failed: number;
  writes: WriteCounts;
}

/**
 * The naive baseline: the same round, but every account is read by itself and every provider
 * call waits for the one before it, as a loop over the accounts would.
 */
function oneAtATime(
  getProvider: (id: ProviderId) => Provider | undefined,
): (id: ProviderId) => Provider | undefined {
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work);
    tail = run.catch(() => undefined);
    return run;
  };
  const wrapped = new Map<ProviderId, Provider>();
  return (id) => {
    const provider = getProvider(id);
    if (!provider) return undefined;
    let serialised = wrapped.get(id);
    if (!serialised) {
      const { renewCredentials } = provider;
      serialised = {
        ...provider,
        // A loop over the accounts reads each one by itself: no batch reads.
        batchKey: undefined,
        fetchBalances: undefined,
        fetchBalance: (account, ctx) => serial(() => provider.fetchBalance(account, ctx)),
        renewCredentials: renewCredentials
          ? (account, ctx) => serial(() => renewCredentials.call(provider, account, ctx))
          : undefined,
      };
      wrapped.set(id, serialised);
    }
    return serialised;
  };
}

/** Waiting in the baseline's queue counts towards an account's deadline; it must not expire. */
const NAIVE_DEADLINE_MS = 60 * 60_000;

export async function createNodeEngine(): Promise<NodeEngine> {
  installNodeExtensionEnv();
  // Only after the globals and the #imports hook exist: see node-env.ts.
  const refresh = await import('../../lib/engine/refresh');
  const storage = await import('../../lib/storage/items');
  const { perHostLimit, batchWindowMs } = refresh.ROUND_DEFAULTS;

  return {
    perHostLimit,
    batchWindowMs,
    async seed({ accounts, secrets }) {
      resetFakeBrowser();
      await storage.accountsItem.setValue(accounts);
      await storage.secretsItem.setValue(secrets);
      await storage.settingsItem.setValue(DEFAULT_SETTINGS);
      await storage.snapshotsItem.setValue({});
    },
    async round({ oneAtATime: naive = false, accountIds } = {}) {
      const base = refresh.defaultRefresherDeps({ workerId: 'bench' });
      const deps = naive
        ? {
            ...base,
            getProvider: oneAtATime(base.getProvider),
            accountDeadlineMs: NAIVE_DEADLINE_MS,
          }
        : base;
      const refresher = refresh.createRefresher(deps);
      const counter = countStorageWrites();
      const startedAt = Date.now();
      const started = performance.now();
      // Named accounts are read now, due or not, as "Refresh now" on them would.
      const request = accountIds ? { accountIds, force: true } : {};
      const result = await refresher.refresh(request).catch((error: unknown) => {
        counter.stop();
        throw error;
      });
      const wallMs = performance.now() - started;
      const writes = counter.stop();
      return {
        startedAt,
        wallMs,
        succeeded: result.succeeded.length,
        failed: result.failed.length,
        writes,
      };
    },
    dump: () => fakeBrowser.storage.local.get(null) as Promise<Record<string, unknown>>,
  };
}
