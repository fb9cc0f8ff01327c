import type { HistoryPoint } from '@/lib/state';

/**
 * Balance history: its tiers of resolution and the pure maths of keeping a series in them (the
 * run-out forecast on it is lib/forecast.ts). The store itself is IndexedDB (lib/storage/history-db.ts, written only by
 * lib/storage/writers/history.ts, read by pages through lib/storage/history-read.ts).
 */

const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * One tier of a series: points younger than `keepMs` stay in it; older ones move to the next tier
 * one per `bucketMs` of that tier (the last reading of each bucket, a real time and value), and
 * leave the last tier for good. A tier is stored in chunks of `chunkMs` (aligned to the epoch),
 * so an append rewrites one small chunk and a compaction moves whole chunks.
 */
export interface Tier {
  /** 0 for every reading, else one point per this many ms. */
  bucketMs: number;
  keepMs: number;
  chunkMs: number;
}

/** Every reading for 7 days, hourly for 90 days, daily for 2 years. */
export const TIERS: readonly Tier[] = [
  { bucketMs: 0, keepMs: 7 * DAY_MS, chunkMs: DAY_MS },
  { bucketMs: HOUR_MS, keepMs: 90 * DAY_MS, chunkMs: 16 * DAY_MS },
  { bucketMs: DAY_MS, keepMs: 730 * DAY_MS, chunkMs: 256 * DAY_MS },
];

/** A run of points in time order, as columns: what a chunk stores and a chart draws. */
export interface PointColumns {
  /** epoch ms, ascending, no two equal */
  t: number[];
  /** exact decimal strings, as the provider sent them */
  v: string[];
}

/** Where a chunk of `tier` holding time `t` starts. */
export function chunkStart(t: number, tier: Tier): number {
  return Math.floor(t / tier.chunkMs) * tier.chunkMs;
}

/** Index of the first time in `t` that is >= `time` (binary search). */
function lowerBound(t: readonly number[], time: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((t[mid] as number) < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Puts a point in its place in time, in place. A clock that jumped back gives a reading older
 * than the newest point: it goes where its time says, so the series stays sorted and nothing is
 * lost. A second reading at the very same time replaces the first.
 */
export function insertPoint(columns: PointColumns, time: number, value: string): void {
  const at = lowerBound(columns.t, time);
  if (columns.t[at] === time) {
    columns.v[at] = value;
    return;
  }
  columns.t.splice(at, 0, time);
  columns.v.splice(at, 0, value);
}

/** Merges runs (each sorted) into one sorted run; at equal times the later run wins. */
export function mergeColumns(runs: readonly PointColumns[]): PointColumns {
  const nonEmpty = runs.filter((run) => run.t.length > 0);
  if (nonEmpty.length === 1) return nonEmpty[0] as PointColumns;
  const merged: PointColumns = { t: [], v: [] };
  for (const run of nonEmpty) {
    const sorted = merged.t.length === 0 || (run.t[0] as number) > (merged.t.at(-1) as number);
    if (sorted) {
      merged.t.push(...run.t);
      merged.v.push(...run.v);
      continue;
    }
    for (let i = 0; i < run.t.length; i++)
      insertPoint(merged, run.t[i] as number, run.v[i] as string);
  }
  return merged;
}

/** One point per `bucketMs`: the last of each bucket, at its own time. */
export function lastPerBucket(columns: PointColumns, bucketMs: number): PointColumns {
  const out: PointColumns = { t: [], v: [] };
  for (let i = 0; i < columns.t.length; i++) {
    const time = columns.t[i] as number;
    const next = columns.t[i + 1];
    if (next !== undefined && Math.floor(next / bucketMs) === Math.floor(time / bucketMs)) continue;
    out.t.push(time);
    out.v.push(columns.v[i] as string);
  }
  return out;
}

/** The points of `columns` with from <= t <= to. */
export function sliceColumns(columns: PointColumns, from: number, to: number): PointColumns {
  const start = lowerBound(columns.t, from);
  const end = lowerBound(columns.t, to + 1);
  if (start === 0 && end === columns.t.length) return columns;
  return { t: columns.t.slice(start, end), v: columns.v.slice(start, end) };
}

/** The same points as a list, for the forecast (lib/forecast.ts) and the sparkline. */
export function toPoints(columns: PointColumns): HistoryPoint[] {
  return columns.t.map((t, i) => ({ t, v: columns.v[i] as string }));
}
