import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type BUDGETS,
  type BudgetCheck,
  bundleChecks,
  bytesCheck,
  bytesName,
  kB,
  localWrites,
  ms,
  paintCheck,
  paintRatios,
  roundChecks,
  roundName,
  workerRoundCheck,
} from './budgets';
import type { BundleFigures, EntryBundle } from './bundle';
import type { BytesFigures } from './bytes';
import type { MemoryFigures } from './memory';
import type { PaintFigures } from './popup-paint';
import type { MeasuredRun, RoundFigures } from './round';
import type { WorkerRoundFigures } from './worker-round';

export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  environment: { node: string; platform: string; cpus: number; chromium?: string };
  round?: RoundFigures[];
  /** The same 200-account round with no added latency: its own cost. */
  roundNoLatency?: MeasuredRun;
  /** The round in the extension's service worker, against the same simulator hosts. */
  workerRound?: WorkerRoundFigures[];
  bytes?: BytesFigures[];
  paint?: PaintFigures[];
  bundle?: BundleFigures;
  memory?: MemoryFigures;
  budgets: typeof BUDGETS;
  checks: BudgetCheck[];
}

export function allChecks(
  results: Pick<BenchResults, 'round' | 'workerRound' | 'bytes' | 'paint' | 'bundle'>,
): BudgetCheck[] {
  const bytes = results.bytes ? bytesCheck(results.bytes) : undefined;
  return [
    ...(results.round ?? []).flatMap(roundChecks).filter((check) => check.budget !== '-'),
    ...(results.workerRound ?? []).map(workerRoundCheck),
    ...(bytes ? [bytes] : []),
    ...paintRatios(results.paint ?? [])
      .map(paintCheck)
      .filter((check) => check.budget !== '-'),
    ...(results.bundle ? bundleChecks(results.bundle) : []),
  ];
}

type Row = [string, string, string, string];

const MB = (bytes: number) => `${(bytes / 1_000_000).toFixed(2)} MB`;

function checkRow(check: BudgetCheck): Row {
  const result = check.budget === '-' ? '' : check.pass ? 'pass' : 'FAIL';
  return [check.name, check.actual, check.budget, result];
}

/** "xoxoday 50, capillary 50, wix 5, onlinesales 50" */
function perProvider(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([provider, count]) => `${provider} ${count}`)
    .join(', ');
}

function roundRows(round: RoundFigures): Row[] {
  const [ratio, writes] = roundChecks(round).map(checkRow) as [Row, Row];
  const { naive, concurrent } = round;
  return [
    ratio,
    [
      `${roundName(round)}: one at a time`,
      `${ms(naive.wallMs)} = ${round.speedup.toFixed(1)}x the round; ` +
        `${localWrites(naive.writes)} writes`,
      '-',
      '',
    ],
    writes,
    [
      `${roundName(round)}: first / last request sent at`,
      `${ms(concurrent.firstRequestMs)} / ${ms(concurrent.lastRequestMs)}`,
      '-',
      '',
    ],
  ];
}

function requestRow(round: RoundFigures): Row {
  return [
    `Balance requests per round (${round.accounts} accounts)`,
    `${perProvider(round.requestsPerProvider)} (one at a time: ${perProvider(round.naive.requests)})`,
    '-',
    '',
  ];
}

const runList = (runs: readonly number[]) => runs.map((run) => Math.round(run)).join(', ');

function workerRows(round: WorkerRoundFigures): Row[] {
  const row = checkRow(workerRoundCheck(round));
  row[1] +=
    ` (rounds: ${runList(round.runsMs)} ms; plain fetch: ${runList(round.plainRunsMs)} ms; ` +
    `the first round after storing them: ${ms(round.firstRoundMs)})`;
  const { plainFetchMs, lowerBoundMs } = round;
  return [
    row,
    [
      `Round in the extension worker (${round.accounts} accounts, ${round.scenario.label}): ` +
        "the cap's arithmetic bound",
      `${ms(lowerBoundMs)}; plain fetch = ${(plainFetchMs / lowerBoundMs).toFixed(2)} x it, ` +
        `the round = ${round.ratioToBound.toFixed(2)} x it`,
      '-',
      '',
    ],
  ];
}

function bytesRows(bytes: readonly BytesFigures[]): Row[] {
  const rows = bytes.map((figures): Row => {
    const keys = Object.entries(figures.bytesByKey)
      .map(([key, count]) => `${key} ${kB(count)}`)
      .join(', ');
    return [bytesName(figures), `${kB(figures.localBytes)} (${keys})`, '-', ''];
  });
  const check = bytesCheck(bytes);
  return check ? [...rows, checkRow(check)] : rows;
}

function paintRows(paints: readonly PaintFigures[]): Row[] {
  const anchors = paints
    .filter((paint) => paint.page === 'blank' || paint.page === 'plain')
    .map(
      (paint): Row => [
        `Anchor: ${paint.page} page, ${paint.accounts} accounts (median)`,
        `${ms(paint.medianMs)} (DOMContentLoaded at ${ms(paint.domContentLoadedMs)})`,
        '-',
        '',
      ],
    );
  const pages = paintRatios(paints).map((ratio) => {
    const row = checkRow(paintCheck(ratio));
    row[1] += ` (DOMContentLoaded at ${ms(ratio.page.domContentLoadedMs)})`;
    return row;
  });
  return [...anchors, ...pages];
}

function bundleRows(bundle: BundleFigures): Row[] {
  const [popup, background] = bundleChecks(bundle).map(checkRow) as [Row, Row];
  const raw = (entry: EntryBundle) => `${kB(entry.gzip)} (${kB(entry.raw)} raw)`;
  popup[1] = raw(bundle.popup);
  background[1] = raw(bundle.background);
  return [popup, ['Options JavaScript, gzip', raw(bundle.options), '-', ''], background];
}

function memoryRow(memory: MemoryFigures): Row {
  return [
    `Worker JS heap after a ${memory.accounts}-account round`,
    `${MB(memory.afterGc.usedSize)} after GC (${MB(memory.afterRound.usedSize)} before GC, ` +
      `${MB(memory.before.usedSize)} before the round)`,
    '-',
    '',
  ];
}

function ownCostRow(own: MeasuredRun): Row {
  return [
    `Round in Node (${own.succeeded} accounts, no added latency): wall`,
    `${ms(own.wallMs)} (the round's own cost)`,
    '-',
    '',
  ];
}

function renderTable(results: BenchResults): string {
  const rounds = results.round ?? [];
  const rows: Row[] = [
    ...(results.workerRound ?? []).flatMap(workerRows),
    ...(results.roundNoLatency ? [ownCostRow(results.roundNoLatency)] : []),
    ...rounds.flatMap(roundRows),
    ...rounds.slice(0, 1).map(requestRow),
    ...(results.bytes ? bytesRows(results.bytes) : []),
    ...paintRows(results.paint ?? []),
    ...(results.bundle ? bundleRows(results.bundle) : []),
    ...(results.memory ? [memoryRow(results.memory)] : []),
  ];
  const lines = [
    '| Measurement | Figure | Budget | Result |',
    '| --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
  return `${lines.join('\n')}\n`;
}

/** bench-results/latest.json (every figure) and latest.md (the table, for the README). */
export function writeResults(dir: string, results: BenchResults): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  const table = renderTable(results);
  writeFileSync(join(dir, 'latest.md'), table);
  return table;
}
