import { fireAlarmSoon, liveWorker } from '../lib/extension-state';
import type { LaunchedExtension } from '../lib/launch-extension';
import { countReadSnapshots, replaceLocalStorage } from './extension-storage';
import { expectedRequests, type FleetStorage } from './fleet';
import { checkRequests, lowerBoundMs, type RoundScenario } from './round';
import type { SimHosts } from './sim-client';
import { median } from './stats';

/**
 * Measurement 1b: the refresh round in the real extension worker (Chromium's service worker, its
 * fetch, its storage), started by the extension's own refresh alarm, against the simulator hosts.
 * The time is taken inside the worker: from the alarm's dispatch (a listener added beside the
 * engine's) to the engine status saying the round is over (storage.onChanged), both Date.now()
 * in the worker, so neither the alarm's own delay nor DevTools round trips count.
 */

/** lib/engine/alarms.ts REFRESH_ALARM; a wrong name shows up as a round that never ends. */
const REFRESH_ALARM = 'balance-watch:refresh';
const ROUND_TIMEOUT_MS = 120_000;

export interface WorkerRoundFigures {
  scenario: RoundScenario;
  accounts: number;
  perHostLimit: number;
  requestsPerProvider: Record<string, number>;
  lowerBoundMs: number;
  runsMs: number[];
  /** Median of the runs. */
  wallMs: number;
  /** Per run: round start to the first balance request's arrival, and to the last one's. */
  firstRequestMs: number[];
  lastRequestMs: number[];
  ratioToBound: number;
}

interface Timing {
  start: number | null;
  end: number | null;
}

/** The chrome.* calls made inside the worker; Node has no chrome types. */
interface WorkerApis {
  alarms: { onAlarm: { addListener(listener: (alarm: { name: string }) => void): void } };
  storage: {
    onChanged: {
      addListener(
        listener: (changes: Record<string, { newValue?: unknown }>, area: string) => void,
      ): void;
    };
  };
}
declare const chrome: WorkerApis;

/** One round in the worker: when it started and ended (the worker's epoch ms). */
async function workerRun(ext: LaunchedExtension, fleet: FleetStorage): Promise<Timing> {
  await replaceLocalStorage(ext, { accounts: fleet.accounts, secrets: fleet.secrets });
  const worker = await liveWorker(ext.context, ext.extensionId);
  await worker.evaluate((alarmName: string) => {
    const timing: Timing = { start: null, end: null };
    (globalThis as { benchRound?: Timing }).benchRound = timing;
    chrome.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === alarmName && timing.start === null) timing.start = Date.now();
    });
    chrome.storage.onChanged.addListener((changes, area) => {
      const status = changes.engineStatus?.newValue as { roundRunning?: boolean } | undefined;
      if (area !== 'session' || timing.start === null || timing.end !== null) return;
      if (status?.roundRunning === false) timing.end = Date.now();
    });
  }, REFRESH_ALARM);
  await fireAlarmSoon(worker, REFRESH_ALARM);
  const startedAt = Date.now();
  for (;;) {
    if (Date.now() - startedAt > ROUND_TIMEOUT_MS) throw new Error('the worker round never ended');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const timing = await worker.evaluate(
      () => (globalThis as { benchRound?: Timing }).benchRound ?? null,
    );
    if (timing?.start != null && timing.end != null) return timing;
  }
}

export async function measureWorkerRound(
  ext: LaunchedExtension,
  sim: SimHosts,
  fleet: FleetStorage,
  scenario: RoundScenario,
  options: { runs: number; perHostLimit: number },
): Promise<WorkerRoundFigures> {
  await sim.setLatency(scenario.latencyMs, scenario.jitterMs);
  try {
    const runsMs: number[] = [];
    const firstRequestMs: number[] = [];
    const lastRequestMs: number[] = [];
    let requests: Record<string, number> = {};
    for (let run = 0; run < options.runs; run += 1) {
      await sim.clearRequests();
      const { start, end } = await workerRun(ext, fleet);
      runsMs.push((end as number) - (start as number));
      const read = await countReadSnapshots(ext);
      if (read !== fleet.accounts.length) {
        throw new Error(`worker round read ${read} of ${fleet.accounts.length} accounts`);
      }
      const got = await sim.balanceRequests();
      requests = checkRequests(got, expectedRequests(fleet.accounts), 'the worker round');
      const arrivals = Object.values(got).flat();
      firstRequestMs.push(Math.min(...arrivals) - (start as number));
      lastRequestMs.push(Math.max(...arrivals) - (start as number));
    }
    const bound = lowerBoundMs(requests, options.perHostLimit, scenario.latencyMs);
    const wallMs = median(runsMs);
    return {
      scenario,
      accounts: fleet.accounts.length,
      perHostLimit: options.perHostLimit,
      requestsPerProvider: requests,
      lowerBoundMs: bound,
      runsMs,
      wallMs,
      firstRequestMs,
      lastRequestMs,
      ratioToBound: wallMs / bound,
    };
  } finally {
    await sim.clearFaults();
  }
}
