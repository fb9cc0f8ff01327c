import type { Trend } from '@/components/popup/AccountItem';
import type { HistoryData } from '@/components/popup/use-stores';
import { formatAmount, toDecimal } from '@/lib/money';
import { type AccountRow, sparklineValues } from '@/lib/view/popup-view';

/**
 * Sparkline points per account, computed once per history or rows change. The run-out words
 * come from the status (AccountRow.runOut), not from here: the popup needs no history to say them.
 */
export function trendsByAccount(
  rows: readonly AccountRow[],
  { history }: HistoryData,
): Map<string, Trend> {
  const trends = new Map<string, Trend>();
  for (const row of rows) {
    const series = history[row.id];
    if (!series || series.length === 0) continue;
    const values = sparklineValues(series);
    const unit = row.amount?.unit;
    const text = (value: number) => (unit ? formatAmount({ value: toDecimal(value), unit }) : '');
    trends.set(row.id, {
      values,
      scale:
        unit && values.length > 1
          ? { low: text(Math.min(...values)), high: text(Math.max(...values)) }
          : null,
    });
  }
  return trends;
}
