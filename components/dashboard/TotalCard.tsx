import { useCallback, useId } from 'preact/hooks';
import type uPlot from 'uplot';
import { balanceSeries, baseOptions, type ChartColors } from '@/components/dashboard/chart-options';
import { TimeChart } from '@/components/dashboard/TimeChart';
import { ValuesTable } from '@/components/dashboard/ValuesTable';
import { t } from '@/lib/i18n';
import { formatExact } from '@/lib/money';
import { type RangeId, rangeLabel } from '@/lib/view/dashboard';
import type { UnitTotal } from '@/lib/view/dashboard-totals';

/** One unit's total over the range: the sum of its accounts' balances, exact on hover and in the table. */
export function TotalCard({ total, range }: { total: UnitTotal; range: RangeId }) {
  const headingId = useId();
  const exact = (i: number) => {
    const value = total.exact(i);
    return value === null ? null : formatExact({ value, unit: total.unit });
  };
  const build = useCallback(
    (width: number, colors: ChartColors) => {
      const options = baseOptions(width, colors);
      options.series.push(balanceSeries(t('dashboard_series_balance'), colors, exact));
      return { options, data: [total.t, total.values] as uPlot.AlignedData };
    },
    [total],
  );
  const heading = t('dashboard_total_of', total.label);
  const known = total.t.flatMap((time, i) => (total.values[i] === null ? [] : [{ time, i }]));
  return (
    <article class="series total" aria-labelledby={headingId}>
      <header>
        <h3 id={headingId}>{heading}</h3>
        <p class="latest">{t('dashboard_total_accounts', String(total.series))}</p>
      </header>
      <TimeChart build={build} label={`${heading}, ${rangeLabel(range)}`} eager />
      <ValuesTable
        caption={`${heading}, ${rangeLabel(range)}`}
        times={known.map(({ time }) => time)}
        value={(row) => exact(known[row]?.i ?? -1) ?? ''}
        valueHeading={t('dashboard_series_balance')}
      />
    </article>
  );
}
