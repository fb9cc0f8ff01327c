import { useCallback, useId, useMemo } from 'preact/hooks';
import type uPlot from 'uplot';
import {
  balanceSeries,
  baseOptions,
  type ChartColors,
  forecastSeries,
  thresholdSeries,
  topUpSeries,
} from '@/components/dashboard/chart-options';
import { TimeChart } from '@/components/dashboard/TimeChart';
import { ValuesTable } from '@/components/dashboard/ValuesTable';
import { downloadText } from '@/components/options/download';
import { t } from '@/lib/i18n';
import { formatAmount, formatExact, unitLabel } from '@/lib/money';
import { RANGE_MS, type RangeId, rangeLabel, type SeriesView } from '@/lib/view/dashboard';
import { chartData, runSummary } from '@/lib/view/dashboard-chart';
import { csvFileName, historyCsv } from '@/lib/view/dashboard-csv';

interface Props {
  view: SeriesView;
  range: RangeId;
  now: number;
  eager: boolean;
}

/** The chart's lines and their legend values, built when the chart is drawn. */
function useBuild(view: SeriesView, range: RangeId, now: number) {
  return useCallback(
    (width: number, colors: ChartColors) => {
      const chart = chartData(view, now, RANGE_MS[range]);
      const exact = (i: number) =>
        i < chart.points
          ? formatExact({ value: view.points.v[i] as string, unit: view.unit })
          : null;
      const approx = (values: (number | null)[]) => (i: number) => {
        const value = values[i];
        return value === null || value === undefined
          ? null
          : formatAmount({ value: String(value), unit: view.unit });
      };
      const series: uPlot.Series[] = [balanceSeries(t('dashboard_series_balance'), colors, exact)];
      const data: (number | null)[][] = [chart.balance];
      if (chart.threshold && view.threshold !== null) {
        const threshold = formatExact({ value: view.threshold, unit: view.unit });
        series.push(thresholdSeries(colors, () => threshold));
        data.push(chart.threshold);
      }
      if (chart.forecast) {
        series.push(forecastSeries(colors, approx(chart.forecast)));
        data.push(chart.forecast);
      }
      series.push(topUpSeries(colors, (i) => (chart.topUps[i] === null ? null : exact(i))));
      data.push(chart.topUps);
      const options = baseOptions(width, colors);
      options.series.push(...series);
      return { options, data: [chart.x, ...data] as uPlot.AlignedData };
    },
    [view, range, now],
  );
}

/** One account's balance in one unit over the range: chart, values table and CSV download. */
export function SeriesCard({ view, range, now, eager }: Props) {
  const build = useBuild(view, range, now);
  const headingId = useId();
  const summary = useMemo(() => runSummary(view.points.v), [view]);
  const amount = (value: string) => formatExact({ value, unit: view.unit });
  const over = rangeLabel(range);
  const label = summary
    ? t('dashboard_chart_label', [
        view.name,
        over,
        amount(summary.first),
        amount(summary.last),
        amount(summary.low),
        amount(summary.high),
      ])
    : view.name;
  const download = () =>
    downloadText(
      historyCsv(view.name, view.unit, view.points),
      csvFileName(view.name, view.unit, range),
      'text/csv',
    );
  return (
    <article class="series" aria-labelledby={headingId}>
      <header>
        <h3 id={headingId}>{view.name}</h3>
        <p class="latest">
          {view.current
            ? summary && t('dashboard_latest', amount(summary.last))
            : t('dashboard_old_unit', unitLabel(view.unit))}
        </p>
      </header>
      <TimeChart build={build} label={label} eager={eager} />
      <div class="series-actions">
        <button
          type="button"
          onClick={download}
          aria-label={t('dashboard_download_csv_label', [view.name, over])}
        >
          {t('dashboard_download_csv')}
        </button>
      </div>
      <ValuesTable
        caption={t('dashboard_table_caption', [view.name, over])}
        times={view.points.t}
        value={(i) => amount(view.points.v[i] as string)}
        valueHeading={t('dashboard_series_balance')}
      />
    </article>
  );
}
