import type uPlot from 'uplot';
import { t } from '@/lib/i18n';

/**
 * uPlot options for the dashboard's charts. Colours come from the page's CSS variables, so a
 * chart follows light and dark mode (it is drawn again when the scheme changes). Times are epoch
 * ms (`ms: 1`); the legend under each chart shows, while the pointer is over it, the exact time
 * and the exact decimal of each line.
 */

export const CHART_HEIGHT = 180;

export interface ChartColors {
  text: string;
  grid: string;
  balance: string;
  threshold: string;
  forecast: string;
  topUp: string;
}

export function chartColors(element: Element): ChartColors {
  const style = getComputedStyle(element);
  const color = (name: string) => style.getPropertyValue(name).trim() || 'currentColor';
  return {
    text: color('--text'),
    grid: color('--chart-grid'),
    balance: color('--chart-balance'),
    threshold: color('--chart-threshold'),
    forecast: color('--chart-forecast'),
    topUp: color('--chart-topup'),
  };
}

/** A legend value: the exact text for point `idx`, or nothing where the pointer is not. */
export type ExactValue = (idx: number) => string | null;

const shown =
  (exact: ExactValue) =>
  (_: uPlot, raw: number | null, __: number, idx: number | null): string =>
    idx === null || raw === null ? '–' : (exact(idx) ?? '–');

const timeText = (_: uPlot, raw: number | null) =>
  raw === null
    ? '–'
    : new Date(raw).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function axes(colors: ChartColors): uPlot.Axis[] {
  const axis = {
    stroke: colors.text,
    grid: { stroke: colors.grid, width: 1 },
    ticks: { stroke: colors.grid },
  };
  // Wide enough for "1,850,000.00" beside the chart.
  return [axis, { ...axis, size: 90 }];
}

export function baseOptions(width: number, colors: ChartColors): uPlot.Options {
  return {
    width,
    height: CHART_HEIGHT,
    ms: 1,
    scales: { x: { time: true } },
    axes: axes(colors),
    cursor: { points: { size: 7 } },
    legend: { live: true },
    series: [{ label: t('dashboard_series_time'), value: timeText }],
  };
}

export function balanceSeries(label: string, colors: ChartColors, exact: ExactValue): uPlot.Series {
  return { label, stroke: colors.balance, width: 2, value: shown(exact), spanGaps: false };
}

export function thresholdSeries(colors: ChartColors, exact: ExactValue): uPlot.Series {
  return {
    label: t('dashboard_series_threshold'),
    stroke: colors.threshold,
    width: 1,
    dash: [2, 3],
    points: { show: false },
    value: shown(exact),
  };
}

export function forecastSeries(colors: ChartColors, exact: ExactValue): uPlot.Series {
  return {
    label: t('dashboard_series_forecast'),
    stroke: colors.forecast,
    width: 2,
    dash: [8, 5],
    spanGaps: true,
    points: { show: false },
    value: shown(exact),
  };
}

/** Marks only: no line between top-ups. */
export function topUpSeries(colors: ChartColors, exact: ExactValue): uPlot.Series {
  return {
    label: t('dashboard_series_topup'),
    stroke: colors.topUp,
    paths: () => null,
    points: { show: true, size: 9, fill: colors.topUp, stroke: colors.topUp },
    value: shown(exact),
  };
}
