import { fireAlarmSoon, liveWorker } from '../lib/extension-state';
import type { LaunchedExtension } from '../lib/launch-extension';
import { readEngineStatus, replaceLocalStorage, untilNoRound } from './extension-storage';
import { expectedRequests, type FleetStorage } from './fleet';
import { checkRequests } from './round';
import type { SimHosts } from './sim-client';
import { type HeapUsage, workerHeap } from './worker-cdp';

/**
 * Measurement 4: the service worker's JS heap around one real round of the whole fleet, run by
 * the extension itself (its refresh alarm) against the simulator hosts.
 */

/** lib/engine/alarms.ts REFRESH_ALARM; a wrong name shows up as a round that never ends. */
const REFRESH_ALARM = 'balance-watch:refresh';
const ROUND_TIMEOUT_MS = 180_000;

export interface MemoryFigures {
  accounts: number;
  /** The round's first balance request to its end (the worker's engine status, lastRoundAt). */
  roundMs: number;
  /** After a full GC, with the accounts stored and no round yet. */
  before: HeapUsage;
  /** Straight after the round, before any GC: what the round left for the collector. */
  afterRound: HeapUsage;
  /** After a full GC: what the worker keeps once a round is over. */
  afterGc: HeapUsage;
}

export async function measureWorkerMemory(
  ext: LaunchedExtension,
  sim: SimHosts,
  fleet: FleetStorage,
): Promise<MemoryFigures> {
  await untilNoRound(ext);
  await replaceLocalStorage(ext, { accounts: fleet.accounts, secrets: fleet.secrets });
  await sim.clearFaults();
  await sim.clearRequests();
  const before = await workerHeap(ext, true);

  const firedAt = Date.now();
  await fireAlarmSoon(await liveWorker(ext.context, ext.extensionId), REFRESH_ALARM);
  let finishedAt: number | null = null;
  while (finishedAt === null) {
    if (Date.now() - firedAt > ROUND_TIMEOUT_MS) throw new Error('the worker round never ended');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const status = await readEngineStatus(ext);
    if (status && !status.roundRunning && (status.lastRoundAt ?? 0) >= firedAt) {
      finishedAt = status.lastRoundAt;
    }
  }
  const afterRound = await workerHeap(ext, false);
  const afterGc = await workerHeap(ext, true);

  const got = await sim.balanceRequests();
  checkRequests(got, expectedRequests(fleet.accounts), 'the worker round');
  const arrivals = Object.values(got).flat();
  return {
    accounts: fleet.accounts.length,
    // From the first request: the alarm itself fires about a second after it is set.
    roundMs: (finishedAt as number) - Math.min(...arrivals),
    before,
    afterRound,
    afterGc,
  };
}
