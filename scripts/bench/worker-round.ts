import { fireAlarmSoon, liveWorker } from '../lib/extension-state';
import type { LaunchedExtension } from '../lib/launch-extension';
import { countReadSnapshots, replaceLocalStorage, untilNoRound } from './extension-storage';
import { replayInWorker } from './fetch-replay';
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
 *
 * Its bound is what the round could not beat: after each measured round, the same requests (from
 * the simulator's log) sent again from the same worker by a plain fetch loop under the same
 * per-host cap (fetch-replay.ts). The arithmetic bound (the slowest host's ceil(requests / cap)
 * x latency) is shown beside it; no fetch meets it on a loaded machine, so it is not judged.
 */

/** lib/engine/alarms.ts REFRESH_ALARM; a wrong name shows up as a round that never ends. */
const REFRESH_ALARM = 'balance-watch:refresh';
const ROUND_TIMEOUT_MS = 120_000;

export interface WorkerRoundFigures {
  scenario: RoundScenario;
  accounts: number;
  perHostLimit: number;
  requestsPerProvider: Record<string, number>;
  /** The slowest host's ceil(requests / cap) x latency: shown, not judged. */
  lowerBoundMs: number;
  /** The first round after the accounts were stored (unmeasured warm-up, shown). */
  firstRoundMs: number;
  /** The measured rounds: every account read again, as every refresh interval. */
  runsMs: number[];
  /** Median of the runs. */
  wallMs: number;
  /**
   * The same requests sent again from the worker with plain fetch under the same cap, once after
   * each measured round: what the browser, the network and the simulator alone take
   * (fetch-replay.ts). Their median is the bound the round is judged against.
   */
  plainRunsMs: number[];
  plainFetchMs: number;
  /** Per run: round start to the first balance request's arrival, and to the last one's. */
  firstRequestMs: number[];
  lastRequestMs: number[];
  /**
   * The budget's figure: the median of each run's ratio (the round over the plain fetch loop
   * that followed it), so a moment when the machine is busier slows both sides of a ratio.
   */
  ratioToPlain: number;
  /** wallMs / lowerBoundMs. */
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
    session: { remove(key: string): Promise<void> };
    onChanged: {
      addListener(
        listener: (changes: Record<string, { newValue?: unknown }>, area: string) => void,
      ): void;
    };
  };
}
declare const chrome: WorkerApis;

/**
 * One round in the worker, started by the refresh alarm: when it started and ended (the worker's
 * epoch ms). The request budget's log (session storage) is emptied first: the bench reads the
 * same fake tokens round after round, which the real limit (Xoxoday, 10 a minute) would
 * otherwise hold back, and the simulator sets no such limit here.
 */
async function timedRound(ext: LaunchedExtension): Promise<Timing> {
  const worker = await liveWorker(ext.context, ext.extensionId);
  await worker.evaluate(async (alarmName: string) => {
    await chrome.storage.session.remove('requestBudget');
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
    // Polling runs in the worker too; the times themselves are taken there, so slowly is fine.
    await new Promise((resolve) => setTimeout(resolve, 250));
    const timing = await worker.evaluate(
      () => (globalThis as { benchRound?: Timing }).benchRound ?? null,
    );
    if (timing?.start != null && timing.end != null) return timing;
  }
}

/** A round that read every account (a reading newer than its start, no error) and its requests. */
async function checkedRound(ext: LaunchedExtension, sim: SimHosts, fleet: FleetStorage) {
  await sim.clearRequests();
  const timing = await timedRound(ext);
  const start = timing.start as number;
  const read = await countReadSnapshots(ext, start);
  if (read !== fleet.accounts.length) {
    throw new Error(`worker round read ${read} of ${fleet.accounts.length} accounts`);
  }
  const got = await sim.balanceRequests();
  const requests = checkRequests(got, expectedRequests(fleet.accounts), 'the worker round');
  const arrivals = Object.values(got).flat();
  return {
    wallMs: (timing.end as number) - start,
    requests,
    firstRequestMs: Math.min(...arrivals) - start,
    lastRequestMs: Math.max(...arrivals) - start,
  };
}

/**
 * The accounts are stored afresh, a first round reads them all (its notices of low balances
 * included), then `runs` rounds are measured: the scheduled round as it runs every refresh
 * interval, every account due and read again.
 */
export async function measureWorkerRound(
  ext: LaunchedExtension,
  sim: SimHosts,
  fleet: FleetStorage,
  scenario: RoundScenario,
  options: { runs: number; perHostLimit: number },
): Promise<WorkerRoundFigures> {
  await sim.setLatency(scenario.latencyMs, scenario.jitterMs);
  try {
    await untilNoRound(ext);
    await replaceLocalStorage(ext, { accounts: fleet.accounts, secrets: fleet.secrets });
    const first = await checkedRound(ext, sim, fleet);
    const runs = [];
    const plain: number[] = [];
    for (let run = 0; run < options.runs; run += 1) {
      runs.push(await checkedRound(ext, sim, fleet));
      // The round's after-work (badge, retry alarm) is over before the replay starts: polling
      // saw its end a quarter second after it.
      const sent = await sim.balanceRequestLog();
      plain.push(await replayInWorker(ext, sent, options.perHostLimit));
    }
    const requests = first.requests;
    const bound = lowerBoundMs(requests, options.perHostLimit, scenario.latencyMs);
    const wallMs = median(runs.map((run) => run.wallMs));
    const plainFetchMs = median(plain);
    return {
      scenario,
      accounts: fleet.accounts.length,
      perHostLimit: options.perHostLimit,
      requestsPerProvider: requests,
      lowerBoundMs: bound,
      firstRoundMs: first.wallMs,
      runsMs: runs.map((run) => run.wallMs),
      wallMs,
      plainRunsMs: plain,
      plainFetchMs,
      firstRequestMs: runs.map((run) => run.firstRequestMs),
      lastRequestMs: runs.map((run) => run.lastRequestMs),
      ratioToPlain: median(runs.map((run, i) => run.wallMs / (plain[i] as number))),
      ratioToBound: wallMs / bound,
    };
  } finally {
    await sim.clearFaults();
  }
}
