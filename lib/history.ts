import type { HistoryPoint } from '@/lib/state';

/**
 * Balance history: its tiers of resolution, the pure maths of keeping a series in them, and the
 * run-out forecast. The store itself is IndexedDB (lib/storage/history-db.ts, written only by
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

/** The same points as a list, for the forecast and the sparkline. */
export function toPoints(columns: PointColumns): HistoryPoint[] {
  return columns.t.map((t, i) => ({ t, v: columns.v[i] as string }));
}

export const FORECAST_WINDOW_MS = 7 * 24 * 60 * 60_000;
export const FORECAST_MIN_SPAN_MS = 60 * 60_000;

export interface Forecast {
  /** epoch ms when the balance is expected to go below the threshold; absent if already there. */
  reachesThresholdAt?: number;
  /** epoch ms when the balance is expected to reach zero; absent if already there. */
  reachesZeroAt?: number;
  /** How much the balance falls per day, a positive decimal string rounded to 2 places. */
  perDay: string;
}

/**
 * Estimates when a falling balance runs out, from the burn rate: the least-squares slope over
 * the last 7 days of points, projected from the newest point. Only the points since the last
 * top-up count (a top-up is any rise), since a line fitted across a top-up says the balance is
 * flat or rising while it is in fact being spent. Returns null when the balance is not falling or
 * when fewer than 2 points spanning at least an hour remain.
 *
 * Numbers, not decimals: this is an estimate, and the stored values stay decimal strings.
 */
export function forecast(
  series: readonly HistoryPoint[],
  threshold: string | null,
  now: number,
): Forecast | null {
  const recent = series
    .filter((point) => point.t <= now && point.t >= now - FORECAST_WINDOW_MS)
    .map((point) => ({ t: point.t, v: Number(point.v) }))
    .filter((point) => Number.isFinite(point.v));
  const run = sinceLastRise(recent);
  const first = run[0];
  const last = run.at(-1);
  if (!first || !last || run.length < 2 || last.t - first.t < FORECAST_MIN_SPAN_MS) return null;

  const slopePerMs = leastSquaresSlope(run);
  if (!(slopePerMs < 0)) return null;
  const burnPerMs = -slopePerMs;

  const perDay = roundedDecimal(burnPerMs * DAY_MS);
  // Less than 0.01 a day is float noise on a flat series, not spending.
  if (perDay === '0') return null;
  const result: Forecast = { perDay };
  const thresholdValue = threshold === null ? Number.NaN : Number(threshold);
  if (Number.isFinite(thresholdValue) && last.v > thresholdValue) {
    result.reachesThresholdAt = Math.round(last.t + (last.v - thresholdValue) / burnPerMs);
  }
  if (last.v > 0) result.reachesZeroAt = Math.round(last.t + last.v / burnPerMs);
  return result;
}

interface NumericPoint {
  t: number;
  v: number;
}

function sinceLastRise(points: readonly NumericPoint[]): NumericPoint[] {
  let start = 0;
  for (let i = 1; i < points.length; i++) {
    const previous = points[i - 1];
    const current = points[i];
    if (previous && current && current.v > previous.v) start = i;
  }
  return points.slice(start);
}

/**
 * Units per ms. Times and values are taken relative to the first point, so a flat series gives
 * exactly 0 and the squares of epoch-ms times do not lose precision.
 */
function leastSquaresSlope(points: readonly NumericPoint[]): number {
  const originT = points[0]?.t ?? 0;
  const originV = points[0]?.v ?? 0;
  const n = points.length;
  let sumT = 0;
  let sumV = 0;
  for (const point of points) {
    sumT += point.t - originT;
    sumV += point.v - originV;
  }
  const meanT = sumT / n;
  const meanV = sumV / n;
  let covariance = 0;
  let variance = 0;
  for (const point of points) {
    const dt = point.t - originT - meanT;
    covariance += dt * (point.v - originV - meanV);
    variance += dt * dt;
  }
  return variance === 0 ? 0 : covariance / variance;
}

function roundedDecimal(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  // toFixed avoids exponent notation for small numbers; trailing zeros are trimmed.
  return rounded.toFixed(2).replace(/\.?0+$/, '') || '0';
}
