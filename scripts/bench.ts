/**
 * `npm run bench [-- --only round,worker,paint,bundle,memory --loads 10]`
 * Measures the refresh round (in the extension's worker, and in Node with fakeBrowser storage;
 * real round code and HTTP against the simulator) and the bytes it writes, popup and options
 * paint next to their anchor pages, the worker's heap (built extension in Chromium) and the
 * bundle sizes, prints one table and writes bench-results/latest.json and latest.md. A budget
 * that fails is reported, not fatal; only a measurement that cannot be taken exits non-zero.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeAnchorPages } from './bench/anchor-pages';
import { BUDGETS } from './bench/budgets';
import { buildExtension, measureBundle } from './bench/bundle';
import { measureBytes } from './bench/bytes';
import { benchDashboard } from './bench/dashboard';
import { type FleetStorage, fleetSimAccounts, fleetStorage } from './bench/fleet';
import { measureWorkerMemory } from './bench/memory';
import { createNodeEngine, type NodeEngine } from './bench/node-engine';
import { measurePaints } from './bench/popup-paint';
import { allChecks, type BenchResults, writeResults } from './bench/report';
import { measureRound, noLatencyRound, type RoundScenario, storageAfterRound } from './bench/round';
import { type SimHosts, startSimHosts } from './bench/sim-client';
import { measureWorkerRound } from './bench/worker-round';
import { type LaunchedExtension, launchExtension } from './lib/launch-extension';

const SECTIONS = ['round', 'worker', 'paint', 'bundle', 'memory', 'dashboard'] as const;
type Section = (typeof SECTIONS)[number];

const ROUND_ACCOUNTS = 200;
const PAINT_ACCOUNTS = [50, 500] as const;
const MEMORY_ACCOUNTS = 500;
/** Rounds per scenario in the worker; the median is the figure. */
const WORKER_RUNS = 11;
const SCENARIOS: RoundScenario[] = [
  { label: '300 ms', latencyMs: 300, jitterMs: 0 },
  // 10% of 50 ms, added uniformly: each answer takes 50-55 ms.
  { label: '50 ms +10% jitter', latencyMs: 50, jitterMs: 5 },
];
/** Paint: each page next to its anchor (anchor-pages.ts), loaded in turn. */
const PAINT_PAGES = ['blank', 'popup', 'plain', 'options'] as const;

function parseOptions(): { sections: Set<Section>; loads: number; out: string } {
  const { values } = parseArgs({
    options: {
      only: { type: 'string', default: SECTIONS.join(',') },
      loads: { type: 'string', default: '30' },
      out: { type: 'string', default: 'bench-results' },
    },
  });
  const sections = new Set(values.only.split(',').map((s) => s.trim()));
  for (const section of sections) {
    if (!(SECTIONS as readonly string[]).includes(section)) {
      throw new Error(`--only takes ${SECTIONS.join(', ')}; not "${section}"`);
    }
  }
  const loads = Number(values.loads);
  if (!Number.isInteger(loads) || loads < 1) throw new Error('--loads must be a positive integer');
  return { sections: sections as Set<Section>, loads, out: resolve(values.out) };
}

const log = (text: string) => console.log(`[bench] ${text}`);

type Partial = Omit<BenchResults, 'checks' | 'finishedAt'>;
type FleetOf = (accounts: number) => FleetStorage;

/** The round in Node: its own cost, each latency scenario, and the bytes it writes. */
async function nodeRounds(engine: NodeEngine, sim: SimHosts, fleetOf: FleetOf, into: Partial) {
  const fleet = fleetOf(ROUND_ACCOUNTS);
  log(`round in Node, ${ROUND_ACCOUNTS} accounts, no added latency…`);
  into.roundNoLatency = await noLatencyRound(engine, sim, fleet);
  into.round = [];
  for (const scenario of SCENARIOS) {
    log(`round in Node, ${ROUND_ACCOUNTS} accounts, ${scenario.label} (and one at a time)…`);
    into.round.push(await measureRound(engine, sim, fleet, scenario));
  }
  log('bytes written per round, 50 and 500 accounts…');
  into.bytes = await measureBytes(engine, sim, fleetOf);
}

/** `perHostLimit`: the engine's own cap (lib/engine/refresh.ts ROUND_DEFAULTS), which the worker uses. */
async function workerRounds(
  ext: LaunchedExtension,
  sim: SimHosts,
  fleetOf: FleetOf,
  perHostLimit: number,
) {
  const rounds = [];
  for (const scenario of SCENARIOS) {
    log(`round in the worker, ${ROUND_ACCOUNTS} accounts, ${scenario.label}, ${WORKER_RUNS} runs…`);
    rounds.push(
      await measureWorkerRound(ext, sim, fleetOf(ROUND_ACCOUNTS), scenario, {
        runs: WORKER_RUNS,
        perHostLimit,
      }),
    );
  }
  return rounds;
}

async function paints(
  ext: LaunchedExtension,
  engine: NodeEngine,
  sim: SimHosts,
  fleetOf: FleetOf,
  loads: number,
) {
  const figures = [];
  for (const accounts of PAINT_ACCOUNTS) {
    const items = await storageAfterRound(engine, sim, fleetOf(accounts));
    log(`${PAINT_PAGES.join(', ')} paint, ${accounts} accounts, ${loads} loads each…`);
    figures.push(...(await measurePaints(ext, PAINT_PAGES, { accounts, items }, loads)));
  }
  return figures;
}

/** Builds into the scratch folder (with the anchor pages) when a section needs the build. */
async function build(sections: Set<Section>, scratch: string, into: Partial) {
  const inBrowser = ['worker', 'paint', 'memory', 'dashboard'].some((s) =>
    sections.has(s as Section),
  );
  if (!inBrowser && !sections.has('bundle')) return { inBrowser, extensionDir: undefined };
  log('building the extension (production, Chrome)…');
  const extensionDir = await buildExtension(join(scratch, 'build'));
  if (sections.has('bundle')) into.bundle = measureBundle(extensionDir);
  // After the bundle is measured: the anchors are the bench's pages, not the extension's.
  writeAnchorPages(extensionDir);
  return { inBrowser, extensionDir };
}

async function measure(sections: Set<Section>, loads: number, scratch: string, into: Partial) {
  let sim: SimHosts | undefined;
  let ext: LaunchedExtension | undefined;
  try {
    const { inBrowser, extensionDir } = await build(sections, scratch, into);
    const largest = Math.max(ROUND_ACCOUNTS, ...PAINT_ACCOUNTS, MEMORY_ACCOUNTS);
    const simAccounts = fleetSimAccounts(largest);
    const hosts = await startSimHosts(simAccounts);
    sim = hosts;
    log(`simulator hosts: ${Object.values(hosts.urls).join(' ')}`);
    const fleetOf = (n: number) => fleetStorage(simAccounts.slice(0, n), hosts.urls, Date.now());

    const needsEngine = ['round', 'worker', 'paint'].some((s) => sections.has(s as Section));
    const engine = needsEngine ? await createNodeEngine() : undefined;
    if (sections.has('round') && engine) await nodeRounds(engine, hosts, fleetOf, into);
    if (inBrowser && extensionDir) {
      ext = await launchExtension({ extensionPath: extensionDir });
      into.environment.chromium = ext.context.browser()?.version();
    }
    if (sections.has('worker') && ext && engine) {
      into.workerRound = await workerRounds(ext, hosts, fleetOf, engine.perHostLimit);
    }
    if (sections.has('paint') && engine && ext) {
      into.paint = await paints(ext, engine, hosts, fleetOf, loads);
    }
    if (sections.has('memory') && ext) {
      log(`worker heap around a ${MEMORY_ACCOUNTS}-account round…`);
      into.memory = await measureWorkerMemory(ext, hosts, fleetOf(MEMORY_ACCOUNTS));
    }
    if (sections.has('dashboard') && extensionDir) await benchDashboard(extensionDir, loads, log);
  } finally {
    await ext?.close().catch(() => undefined);
    await sim?.close().catch(() => undefined);
  }
}

async function main(): Promise<void> {
  const { sections, loads, out } = parseOptions();
  const partial: Partial = {
    startedAt: new Date().toISOString(),
    environment: { node: process.version, platform: process.platform, cpus: cpus().length },
    budgets: BUDGETS,
  };
  const scratch = mkdtempSync(join(tmpdir(), 'balance-watch-bench-'));
  try {
    await measure(sections, loads, scratch, partial);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  const results: BenchResults = {
    ...partial,
    finishedAt: new Date().toISOString(),
    checks: allChecks(partial),
  };
  const table = writeResults(out, results);
  console.log(`\n${table}`);
  const failed = results.checks.filter((check) => !check.pass);
  console.log(
    failed.length === 0
      ? 'All budgets met.'
      : `${failed.length} budget(s) not met: ${failed.map((check) => check.name).join('; ')}`,
  );
  console.log(`Figures: ${join(out, 'latest.json')}`);
}

main().then(
  // The simulator's and Playwright's handles are closed; exit without waiting on stragglers.
  () => process.exit(0),
  (error: unknown) => {
    console.error('[bench] the measurement failed:', error);
    process.exit(1);
  },
);
