import type { HistoryPoint, Trend } from '@/lib/state';

/**
 * The run-out forecast: how fast a balance is being spent, from its recent history, and when
 * that spend takes it below its threshold and to zero. The engine fits the rate after each good
 * reading (Snapshot.trend); lib/status.ts projects it against the threshold in force; the
 * dashboard fits it on the series it draws. Numbers, not decimals: this is an estimate, and the
 * stored values stay decimal strings.
 *
 * How, and why:
 * - Window: the last FORECAST_WINDOW_MS (3 days). Recent enough that a change in spending shows
 *   within a day, long enough to cover whole days of a spend that runs by day and stops at night;
 *   and it lies within the history's raw tier (every reading for 7 days), one small read.
 * - Top-ups are cut off: only the points since the last top-up count, since a line fitted across
 *   one says the balance is flat or rising while it is being spent. A top-up is a rise at least
 *   TOP_UP_FACTOR times the median fall between two readings in the window (any rise when nothing
 *   fell) that holds: the next reading, if any, is still above the one before the rise. Smaller
 *   rises (a refund, rounding) and a single wild reading that comes straight back are noise and
 *   stay in the fit.
 * - The rate is the Theil–Sen estimate: the median of the slopes between every two points. A
 *   median ignores up to about 29% wild points, where a least-squares line is tilted by a single
 *   one; it needs no tuning (least squares with outlier trimming needs a cut-off), and on at most
 *   FIT_MAX_POINTS points (a long series is thinned evenly first) it costs next to nothing.
 * - Confidence: at least FORECAST_MIN_POINTS points spanning at least FORECAST_MIN_SPAN_MS since
 *   the last top-up, else no forecast. Three points is the fewest in which one bad reading is
 *   outvoted; two hours keeps the readings' own timing jitter (a round takes seconds to minutes)
 *   from passing as a fast spend. A rate under MIN_PER_DAY a day is a flat balance.
 * - Projected from the newest reading, the balance the user sees, not from the fitted line.
 */

const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;

export const FORECAST_WINDOW_MS = 3 * DAY_MS;
export const FORECAST_MIN_POINTS = 3;
export const FORECAST_MIN_SPAN_MS = 2 * HOUR_MS;
const TOP_UP_FACTOR = 1.5;
const FIT_MAX_POINTS = 64;
const MIN_PER_DAY = 0.01;

/** A spend rate projected against a threshold: what the status and the dashboard show. */
export interface RunOut {
  /** Units spent per day, > 0. */
  perDay: number;
  /** epoch ms when the balance goes below the threshold; null without one, or already below. */
  thresholdAt: number | null;
  /** epoch ms when the balance reaches zero; null when it is already there. */
  zeroAt: number | null;
}

interface NumericPoint {
  t: number;
  v: number;
}

function median(sorted: readonly number[]): number {
  const mid = sorted.length >>> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Where the run since the last top-up starts (see the rule above). */
function lastTopUp(points: readonly NumericPoint[]): number {
  const steps = points.slice(1).map((point, i) => point.v - (points[i] as NumericPoint).v);
  const falls = steps.filter((step) => step < 0).map((step) => -step);
  const bar = falls.length > 0 ? TOP_UP_FACTOR * median(falls.sort((a, b) => a - b)) : 0;
  for (let i = points.length - 1; i > 0; i--) {
    const rise = steps[i - 1] as number;
    const before = (points[i - 1] as NumericPoint).v;
    const next = points[i + 1];
    if (rise > 0 && rise >= bar && (next === undefined || next.v > before)) return i;
  }
  return 0;
}

/** At most `max` points, evenly spread, the first and the newest always among them. */
function thinned(points: readonly NumericPoint[], max: number): readonly NumericPoint[] {
  if (points.length <= max) return points;
  const step = (points.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => points[Math.round(i * step)] as NumericPoint);
}

/** Theil–Sen: the median of the slopes between every two points, in units per ms. */
function theilSenSlope(points: readonly NumericPoint[]): number {
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i++) {
    const a = points[i] as NumericPoint;
    for (let j = i + 1; j < points.length; j++) {
      const b = points[j] as NumericPoint;
      if (b.t !== a.t) slopes.push((b.v - a.v) / (b.t - a.t));
    }
  }
  return slopes.length === 0 ? 0 : median(slopes.sort((x, y) => x - y));
}

/**
 * The spend rate of a series (HistoryPoint, ascending times) and its newest point; null when the
 * history gives no confident forecast or the balance is not falling.
 */
export function spendTrend(series: readonly HistoryPoint[], now: number): Trend | null {
  const recent = series
    .filter((point) => point.t <= now && point.t >= now - FORECAST_WINDOW_MS)
    .map((point) => ({ t: point.t, v: Number(point.v) }))
    .filter((point) => Number.isFinite(point.v));
  const run = recent.slice(lastTopUp(recent));
  const first = run[0];
  const last = run.at(-1);
  if (!first || !last || run.length < FORECAST_MIN_POINTS) return null;
  if (last.t - first.t < FORECAST_MIN_SPAN_MS) return null;
  const perDay = -theilSenSlope(thinned(run, FIT_MAX_POINTS)) * DAY_MS;
  if (!(perDay >= MIN_PER_DAY)) return null;
  return { perDay, at: last.t, value: last.v };
}

/** When a trend takes the balance below `threshold` and to zero. */
export function projectTrend(trend: Trend, threshold: string | null): RunOut {
  const reach = (level: number) =>
    trend.value > level
      ? Math.round(trend.at + ((trend.value - level) / trend.perDay) * DAY_MS)
      : null;
  const limit = threshold === null ? Number.NaN : Number(threshold);
  return {
    perDay: trend.perDay,
    thresholdAt: Number.isFinite(limit) ? reach(limit) : null,
    zeroAt: reach(0),
  };
}

/** The forecast of a series against a threshold; null when there is no confident one. */
export function forecast(
  series: readonly HistoryPoint[],
  threshold: string | null,
  now: number,
): RunOut | null {
  const trend = spendTrend(series, now);
  return trend ? projectTrend(trend, threshold) : null;
}
