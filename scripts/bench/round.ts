import type { ProviderId } from '../../lib/providers/types';
import { accountsPerHost, expectedRequests, type FleetStorage } from './fleet';
import type { NodeEngine, RoundRun } from './node-engine';
import type { SimHosts } from './sim-client';

/**
 * Measurement 1: one refresh round of the fleet against the four simulator hosts, compared with
 * the least time the per-host cap allows and with the same accounts read one at a time.
 */

export interface RoundScenario {
  label: string;
  latencyMs: number;
  /** Extra latency per request, uniform in [0, jitterMs]. */
  jitterMs: number;
}

/** A round plus where its requests fell in it, from the simulators' request logs. */
export interface MeasuredRun extends RoundRun {
  /** Balance requests each provider's host received (each provider has a host of its own). */
  requests: Record<ProviderId, number>;
  /** Round start to the first balance request's arrival: reading the stores, set-up. */
  firstRequestMs: number;
  /** Round start to the last balance request's arrival; what follows is its answer and the tail. */
  lastRequestMs: number;
}

export interface RoundFigures {
  scenario: RoundScenario;
  accounts: number;
  accountsPerHost: Record<string, number>;
  perHostLimit: number;
  /** Balance requests the round makes per provider (Wix: one per site), as the bound counts. */
  requestsPerProvider: Record<ProviderId, number>;
  batchWindowMs: number;
  /** Slowest host: ceil(its requests / cap) x latency (jitter only adds, so it is left out). */
  lowerBoundMs: number;
  concurrent: MeasuredRun;
  naive: MeasuredRun;
  /** concurrent wall time / lower bound; 1.00 is the cap's best. */
  ratioToBound: number;
  /** naive wall time / concurrent wall time. */
  speedup: number;
  /** The storage.local writes a batched round may make in its wall time (see budgets.ts). */
  localWriteAllowance: number;
}

/** The least time the per-host cap allows for these requests (each provider on its own host). */
export function lowerBoundMs(
  requests: Record<ProviderId, number>,
  cap: number,
  latencyMs: number,
): number {
  const slowest = Math.max(0, ...Object.values(requests));
  return Math.ceil(slowest / cap) * latencyMs;
}

/** Throws unless each provider received exactly the requests expected of the round. */
export function checkRequests(
  got: Record<ProviderId, number[]>,
  expected: Record<ProviderId, number>,
  what: string,
): Record<ProviderId, number> {
  const counts = Object.fromEntries(
    Object.entries(got).map(([provider, times]) => [provider, times.length]),
  ) as Record<ProviderId, number>;
  const wrong = Object.entries(expected).filter(
    ([provider, count]) => counts[provider as ProviderId] !== count,
  );
  if (wrong.length > 0) {
    throw new Error(
      `${what}: balance requests ${JSON.stringify(counts)}, expected ${JSON.stringify(expected)}`,
    );
  }
  return counts;
}

/** One write per batch window while results arrive, then the final snapshots and the history. */
function localWriteAllowance(wallMs: number, batchWindowMs: number): number {
  return Math.ceil(wallMs / batchWindowMs) + 2;
}

async function measuredRound(
  engine: NodeEngine,
  sim: SimHosts,
  fleet: FleetStorage,
  oneAtATime: boolean,
): Promise<MeasuredRun> {
  await engine.seed(fleet);
  await sim.clearRequests();
  const run = await engine.round({ oneAtATime });
  const got = await sim.balanceRequests();
  const what = `round ${oneAtATime ? '(one at a time) ' : ''}of ${fleet.accounts.length} accounts`;
  // Failures or retries would make the figure about something else than the round's pacing.
  if (run.succeeded !== fleet.accounts.length) {
    throw new Error(`${what} read ${run.succeeded}; ${run.failed} failed`);
  }
  const requests = checkRequests(got, expectedRequests(fleet.accounts, !oneAtATime), what);
  const arrivals = Object.values(got).flat();
  return {
    ...run,
    requests,
    firstRequestMs: Math.min(...arrivals) - run.startedAt,
    lastRequestMs: Math.max(...arrivals) - run.startedAt,
  };
}

export async function measureRound(
  engine: NodeEngine,
  sim: SimHosts,
  fleet: FleetStorage,
  scenario: RoundScenario,
): Promise<RoundFigures> {
  await sim.setLatency(scenario.latencyMs, scenario.jitterMs);
  try {
    const concurrent = await measuredRound(engine, sim, fleet, false);
    const naive = await measuredRound(engine, sim, fleet, true);
    const bound = lowerBoundMs(concurrent.requests, engine.perHostLimit, scenario.latencyMs);
    return {
      scenario,
      accounts: fleet.accounts.length,
      accountsPerHost: Object.fromEntries(accountsPerHost(fleet.accounts)),
      perHostLimit: engine.perHostLimit,
      requestsPerProvider: concurrent.requests,
      batchWindowMs: engine.batchWindowMs,
      lowerBoundMs: bound,
      concurrent,
      naive,
      ratioToBound: concurrent.wallMs / bound,
      speedup: naive.wallMs / concurrent.wallMs,
      localWriteAllowance: localWriteAllowance(concurrent.wallMs, engine.batchWindowMs),
    };
  } finally {
    await sim.clearFaults();
  }
}

/**
 * Rounds with no added latency: the first unmeasured (JIT warm-up, new connections), the second
 * returned. Its wall time is the round's own cost (code, storage, loopback HTTP), which every
 * latency scenario pays on top of its lower bound.
 */
export async function noLatencyRound(
  engine: NodeEngine,
  sim: SimHosts,
  fleet: FleetStorage,
): Promise<MeasuredRun> {
  await sim.clearFaults();
  await measuredRound(engine, sim, fleet, false);
  return measuredRound(engine, sim, fleet, false);
}

/** storage.local after a real round of these accounts: what the popup benchmark loads. */
export async function storageAfterRound(
  engine: NodeEngine,
  sim: SimHosts,
  fleet: FleetStorage,
): Promise<Record<string, unknown>> {
  await sim.clearFaults();
  await measuredRound(engine, sim, fleet, false);
  return engine.dump();
}
