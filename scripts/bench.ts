/**
 * `npm run bench [-- --only round,paint,bundle,memory --loads 10]`
 * Measures the refresh round (Node, real round code and HTTP against the simulator), popup and
 * options paint and the worker's heap (built extension in Chromium) and the bundle sizes,
 * prints one table and writes bench-results/latest.json and latest.md. A budget that fails is
 * reported, not fatal; only a measurement that cannot be taken makes the exit code non-zero.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BUDGETS } from './bench/budgets';
import { buildExtension, measureBundle } from './bench/bundle';
import { fleetSimAccounts, fleetStorage } from './bench/fleet';
import { measureWorkerMemory } from './bench/memory';
import { createNodeEngine, type NodeEngine } from './bench/node-engine';
import { measurePaint, type PageName } from './bench/popup-paint';
import { allChecks, type BenchResults, writeResults } from './bench/report';
import { measureRound, noLatencyRound, type RoundScenario, storageAfterRound } from './bench/round';
import { type SimHosts, startSimHosts } from './bench/sim-client';
import { type LaunchedExtension, launchExtension } from './lib/launch-extension';

const SECTIONS = ['round', 'paint', 'bundle', 'memory'] as const;
type Section = (typeof SECTIONS)[number];

const ROUND_ACCOUNTS = 200;
const PAINT_ACCOUNTS = [50, 500] as const;
const MEMORY_ACCOUNTS = 500;
const SCENARIOS: RoundScenario[] = [
  { label: '300 ms', latencyMs: 300, jitterMs: 0 },
  // 10% of 50 ms, added uniformly: each answer takes 50-55 ms.
  { label: '50 ms +10% jitter', latencyMs: 50, jitterMs: 5 },
];

function parseOptions(): { sections: Set<Section>; loads: number; out: string } {
  const { values } = parseArgs({
    options: {
      only: { type: 'string', default: SECTIONS.join(',') },
      loads: { type: 'string', default: '10' },
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

async function main(): Promise<void> {
  const { sections, loads, out } = parseOptions();
  const startedAt = new Date().toISOString();
  const partial: Omit<BenchResults, 'checks' | 'finishedAt'> = {
    startedAt,
    environment: { node: process.version, platform: process.platform, cpus: cpus().length },
    budgets: BUDGETS,
  };
  const scratch = mkdtempSync(join(tmpdir(), 'balance-watch-bench-'));
  let sim: SimHosts | undefined;
  let ext: LaunchedExtension | undefined;
  try {
    const inBrowser = sections.has('paint') || sections.has('memory');
    let extensionDir: string | undefined;
    if (inBrowser || sections.has('bundle')) {
      log('building the extension (production, Chrome)…');
      extensionDir = await buildExtension(join(scratch, 'build'));
    }
    if (sections.has('bundle') && extensionDir) partial.bundle = measureBundle(extensionDir);

    const largest = Math.max(ROUND_ACCOUNTS, ...PAINT_ACCOUNTS, MEMORY_ACCOUNTS);
    const simAccounts = fleetSimAccounts(largest);
    sim = await startSimHosts(simAccounts);
    const simHosts = sim;
    log(`simulator hosts: ${Object.values(sim.urls).join(' ')}`);
    const fleetOf = (n: number) => fleetStorage(simAccounts.slice(0, n), simHosts.urls, Date.now());

    let engine: NodeEngine | undefined;
    if (sections.has('round') || sections.has('paint')) engine = await createNodeEngine();

    if (sections.has('round') && engine) {
      const fleet = fleetOf(ROUND_ACCOUNTS);
      log(`round, ${ROUND_ACCOUNTS} accounts, no added latency…`);
      partial.roundNoLatency = await noLatencyRound(engine, sim, fleet);
      partial.round = [];
      for (const scenario of SCENARIOS) {
        log(`round, ${ROUND_ACCOUNTS} accounts, ${scenario.label} (and one at a time)…`);
        partial.round.push(await measureRound(engine, sim, fleet, scenario));
      }
    }

    if (inBrowser && extensionDir) {
      ext = await launchExtension({ extensionPath: extensionDir });
      partial.environment.chromium = ext.context.browser()?.version();
    }
    if (sections.has('paint') && engine && ext) {
      partial.paint = [];
      for (const accounts of PAINT_ACCOUNTS) {
        const items = await storageAfterRound(engine, sim, fleetOf(accounts));
        for (const page of ['popup', 'options'] as PageName[]) {
          log(`${page} paint, ${accounts} accounts, ${loads} loads…`);
          partial.paint.push(await measurePaint(ext, page, { accounts, items }, loads));
        }
      }
    }
    if (sections.has('memory') && ext) {
      log(`worker heap around a ${MEMORY_ACCOUNTS}-account round…`);
      partial.memory = await measureWorkerMemory(ext, sim, fleetOf(MEMORY_ACCOUNTS));
    }
  } finally {
    await ext?.close().catch(() => undefined);
    await sim?.close().catch(() => undefined);
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
