import { addDecimals } from '@/lib/money';
import type { ChartGroup, SeriesView } from '@/lib/view/dashboard';

/**
 * One chart per unit of the total over time: at each of a fixed number of times across the range,
 * the sum of every series of that unit's last value at or before that time. Units are never
 * added together. The chart draws numbers; the exact decimal of a time is summed only when asked
 * (hover, table), since summing 500 accounts exactly at every step would slow the first paint.
 */

const STEPS = 120;

export interface UnitTotal {
  unit: string;
  label: string;
  /** epoch ms of each step */
  t: number[];
  /** The total at each step as a number for drawing; null where no series had a value yet. */
  values: (number | null)[];
  /** The exact total at step i, a decimal string; null where values[i] is null. */
  exact(i: number): string | null;
  /** How many series are summed. */
  series: number;
}

/** For each step, the index of the series' last point at or before it (-1: none yet or ended). */
function indexAtSteps(view: SeriesView, steps: readonly number[]): Int32Array {
  const { t } = view.points;
  const at = new Int32Array(steps.length).fill(-1);
  // An old unit's series (the account changed unit) counts only up to its last point.
  const end = view.current ? Number.POSITIVE_INFINITY : (t.at(-1) ?? 0);
  let i = -1;
  steps.forEach((step, s) => {
    while (i + 1 < t.length && (t[i + 1] as number) <= step) i++;
    if (step <= end) at[s] = i;
  });
  return at;
}

function totalOf({ key: unit, label, series: views }: ChartGroup, steps: number[]): UnitTotal {
  const indexes = views.map((view) => indexAtSteps(view, steps));
  const values = steps.map((_, s) => {
    let sum: number | null = null;
    views.forEach((view, n) => {
      const i = indexes[n]?.[s] ?? -1;
      if (i >= 0) sum = (sum ?? 0) + Number(view.points.v[i]);
    });
    return sum;
  });
  return {
    unit,
    label,
    t: steps,
    values,
    exact(s) {
      let sum: string | null = null;
      views.forEach((view, n) => {
        const i = indexes[n]?.[s] ?? -1;
        if (i >= 0) sum = addDecimals(sum ?? '0', view.points.v[i] as string);
      });
      return sum;
    },
    series: views.length,
  };
}

/** One total per unit (chartGroups by unit), in their order, over `from` to `to`. */
export function unitTotals(byUnit: readonly ChartGroup[], from: number, to: number): UnitTotal[] {
  const step = (to - from) / STEPS;
  const steps = Array.from({ length: STEPS }, (_, i) => Math.round(from + (i + 1) * step));
  return byUnit.map((group) => totalOf(group, steps));
}
