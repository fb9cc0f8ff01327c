import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type BUDGETS,
  type BudgetCheck,
  bundleChecks,
  kB,
  localWrites,
  ms,
  paintCheck,
  roundChecks,
  roundName,
} from './budgets';
import type { BundleFigures, EntryBundle } from './bundle';
import type { MemoryFigures } from './memory';
import type { PaintFigures } from './popup-paint';
import type { MeasuredRun, RoundFigures } from './round';

export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  environment: { node: string; platform: string; cpus: number; chromium?: string };
  round?: RoundFigures[];
  /** The same 200-account round with no added latency: its own cost. */
  roundNoLatency?: MeasuredRun;
  paint?: PaintFigures[];
  bundle?: BundleFigures;
  memory?: MemoryFigures;
  budgets: typeof BUDGETS;
  checks: BudgetCheck[];
}

export function allChecks(
  results: Pick<BenchResults, 'round' | 'paint' | 'bundle'>,
): BudgetCheck[] {
  return [
    ...(results.round ?? []).flatMap(roundChecks),
    ...(results.paint ?? []).flatMap((paint) => paintCheck(paint) ?? []),
    ...(results.bundle ? bundleChecks(results.bundle) : []),
  ];
}

type Row = [string, string, string, string];

const MB = (bytes: number) => `${(bytes / 1_000_000).toFixed(2)} MB`;

function checkRow(check: BudgetCheck): Row {
  return [check.name, check.actual, check.budget, check.pass ? 'pass' : 'FAIL'];
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

function paintRow(paint: PaintFigures): Row {
  const figure = `${ms(paint.medianMs)} (DOMContentLoaded at ${ms(paint.domContentLoadedMs)})`;
  const check = paintCheck(paint);
  if (check) return [check.name, figure, check.budget, check.pass ? 'pass' : 'FAIL'];
  const what = paint.page === 'popup' ? 'Popup paint' : 'Options list painted';
  return [`${what}, ${paint.accounts} accounts (median)`, figure, '-', ''];
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

export function renderTable(results: BenchResults): string {
  const own = results.roundNoLatency;
  const rows: Row[] = [
    ...(own
      ? [
          [
            `Round (${own.succeeded} accounts, no added latency): wall`,
            `${ms(own.wallMs)} (the round's own cost)`,
            '-',
            '',
          ] as Row,
        ]
      : []),
    ...(results.round ?? []).flatMap(roundRows),
    ...(results.paint ?? []).map(paintRow),
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
