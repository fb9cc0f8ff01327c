import type { History, HistoryPoint } from '@/lib/state';

/**
 * The per-account balance series behind the sparkline and the run-out forecast. Pure functions:
 * the caller reads local:history once, appends a whole round's readings and writes it once.
 */

export const HISTORY_MIN_GAP_MS = 10 * 60_000;
export const HISTORY_MAX_POINTS = 500;

/**
 * Points kept across all accounts. history lives in storage.local (10 MiB in Chrome) beside the
 * accounts, secrets and snapshots, so it gets a fixed share: 30,000 points of about 40 bytes,
 * some 1.2 MiB, however many accounts and however long they are watched.
 */
const HISTORY_TOTAL_POINTS = 30_000;
/** Fewest points an account keeps, however many accounts share the total. */
const HISTORY_MIN_POINTS = 24;

export interface AppendOptions {
  /** A reading less than this long after the last kept point is not kept. */
  minGapMs?: number;
  /** The oldest points are dropped beyond this many. */
  max?: number;
}

export interface HistoryReading {
  accountId: string;
  /** epoch ms */
  t: number;
  /** primary amount, decimal string */
  v: string;
}

/**
 * Appends one point, keeping at most one point per `minGapMs` and at most `max` points.
 *
 * A reading inside the gap is skipped rather than replacing the last point: every kept point is a
 * real (time, value) pair, which the forecast's slope depends on, and the snapshot always has the
 * newest balance for display. Replacing the last point instead would let a 1-minute refresh slide
 * that point forward forever and never add a new one. Readings at or before the last point's time
 * (clock changes, out-of-order batches) are skipped too, so the series stays sorted.
 *
 * Returns `series` itself when nothing changed, so callers can tell whether to write.
 */
export function appendHistory(
  series: readonly HistoryPoint[],
  point: HistoryPoint,
  { minGapMs = HISTORY_MIN_GAP_MS, max = HISTORY_MAX_POINTS }: AppendOptions = {},
): HistoryPoint[] {
  const last = series.at(-1);
  if (!Number.isFinite(point.t)) return series as HistoryPoint[];
  if (last && (point.t <= last.t || point.t - last.t < minGapMs)) return series as HistoryPoint[];
  const next = [...series, { t: point.t, v: point.v }];
  return next.length > max ? next.slice(next.length - max) : next;
}

/**
 * How much history each of `accounts` accounts keeps: up to 500 points one per 10 minutes (three
 * and a half days) while they fit in HISTORY_TOTAL_POINTS; past 60 accounts, fewer points each,
 * spaced further apart so they still cover the same three and a half days.
 */
export function historyLimits(accounts: number): Required<AppendOptions> {
  const share = Math.floor(HISTORY_TOTAL_POINTS / Math.max(1, accounts));
  const max = Math.max(HISTORY_MIN_POINTS, Math.min(HISTORY_MAX_POINTS, share));
  const minGapMs = Math.ceil((HISTORY_MIN_GAP_MS * HISTORY_MAX_POINTS) / max);
  return { max, minGapMs };
}

/**
 * Every series cut to its newest `max` points: one that got no reading this round (a disabled
 * account) is cut too when the number of accounts grows. A series is never dropped here: a
 * deleted account's goes with it (lib/storage/writers/account-removal.ts), and an account list
 * that failed to read must not cost anyone their history. Returns `history` itself when nothing
 * changes.
 */
export function boundHistory(history: History, max: number): History {
  let next = history;
  for (const [id, series] of Object.entries(history)) {
    if (series.length <= max) continue;
    if (next === history) next = { ...history };
    next[id] = series.slice(series.length - max);
  }
  return next;
}

/** Appends a whole round's readings; returns `history` itself when nothing was kept. */
export function appendReadings(
  history: History,
  readings: readonly HistoryReading[],
  options: AppendOptions = {},
): History {
  // Oldest first, so several readings of one account in a batch are all considered in order.
  const ordered = [...readings].sort((a, b) => a.t - b.t);
  let next = history;
  for (const { accountId, t, v } of ordered) {
    const series = next[accountId] ?? [];
    const appended = appendHistory(series, { t, v }, options);
    if (appended === series) continue;
    if (next === history) next = { ...history };
    next[accountId] = appended;
  }
  return next;
}

export const FORECAST_WINDOW_MS = 7 * 24 * 60 * 60_000;
export const FORECAST_MIN_SPAN_MS = 60 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

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
