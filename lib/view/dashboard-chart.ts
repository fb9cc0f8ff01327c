import { forecast } from '@/lib/forecast';
import { sliceColumns, toPoints } from '@/lib/history';
import type { SeriesView } from '@/lib/view/dashboard';

/**
 * What one account's chart draws, as uPlot's aligned columns: the balance, its threshold as a
 * flat line, the top-ups (any rise) as marks, and the forecast as a dashed line from the newest
 * point. Numbers are for drawing only; the exact decimal of each point stays in the series.
 */

const DAY = 24 * 60 * 60_000;
const WEEK = 7 * DAY;

export interface ChartData {
  /** epoch ms; one more than the points when a forecast reaches past the newest */
  x: number[];
  balance: (number | null)[];
  threshold: (number | null)[] | null;
  /** The balance where it rose (a top-up), else null. */
  topUps: (number | null)[];
  forecast: (number | null)[] | null;
  /** How many of the columns are points (the rest is the forecast's end). */
  points: number;
}

/** Where the forecast line ends: zero, or a quarter of the range on, whichever comes first. */
function forecastEnd(view: SeriesView, now: number, rangeMs: number) {
  const { t, v } = view.points;
  const lastT = t.at(-1);
  const lastV = Number(v.at(-1));
  if (!view.current || lastT === undefined || now - lastT > WEEK) return null;
  const recent = toPoints(sliceColumns(view.points, now - WEEK, now));
  const burn = forecast(recent, view.threshold, now);
  if (!burn) return null;
  const perMs = burn.perDay / DAY;
  const end = Math.min(burn.zeroAt ?? Number.POSITIVE_INFINITY, now + rangeMs / 4);
  if (!(end > lastT)) return null;
  return { t: end, v: Math.max(0, lastV - perMs * (end - lastT)) };
}

export function chartData(view: SeriesView, now: number, rangeMs: number): ChartData {
  const { t, v } = view.points;
  const balance = v.map(Number);
  const topUps = balance.map((value, i) =>
    i > 0 && value > (balance[i - 1] as number) ? value : null,
  );
  const end = forecastEnd(view, now, rangeMs);
  const x = end ? [...t, end.t] : [...t];
  const column = (fill: (i: number) => number | null) => x.map((_, i) => fill(i));
  const threshold = view.threshold === null ? null : Number(view.threshold);
  return {
    x,
    balance: column((i) => balance[i] ?? null),
    threshold: threshold === null ? null : column(() => threshold),
    topUps: column((i) => topUps[i] ?? null),
    forecast: end
      ? column((i) => (i === t.length - 1 ? (balance[i] as number) : i === t.length ? end.v : null))
      : null,
    points: t.length,
  };
}

/** First, last, lowest and highest value of a run, as the exact strings stored. */
export interface RunSummary {
  first: string;
  last: string;
  low: string;
  high: string;
}

export function runSummary(values: readonly string[]): RunSummary | null {
  const first = values[0];
  const last = values.at(-1);
  if (first === undefined || last === undefined) return null;
  let low = first;
  let high = first;
  let lowNumber = Number(first);
  let highNumber = lowNumber;
  for (const value of values) {
    const number = Number(value);
    if (number < lowNumber) [low, lowNumber] = [value, number];
    if (number > highNumber) [high, highNumber] = [value, number];
  }
  return { first, last, low, high };
}
