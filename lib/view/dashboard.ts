import type { PointColumns } from '@/lib/history';
import { t } from '@/lib/i18n';
import { compareUnits, unitLabel } from '@/lib/money';
import { providerName } from '@/lib/providers/names';
import type { ProviderId } from '@/lib/providers/types';
import type { AccountStatus } from '@/lib/status';

/**
 * The dashboard's view model: which charts it shows, grouped how, over which range. Pure: the
 * page reads the stores and history (lib/storage/history-read.ts) and hands them here.
 */

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

export const RANGES = ['24h', '7d', '30d', '90d', '1y'] as const;
export type RangeId = (typeof RANGES)[number];
export const RANGE_MS: Record<RangeId, number> = {
  '24h': DAY,
  '7d': 7 * DAY,
  '30d': 30 * DAY,
  '90d': 90 * DAY,
  '1y': 365 * DAY,
};
/** A month: long enough to see spending, short enough to open fast with 500 accounts. */
export const DEFAULT_RANGE: RangeId = '30d';

export type Grouping = 'unit' | 'provider';

/** History as read, one account in one unit (lib/storage/history-read.ts StoredSeries). */
export interface SeriesInput {
  accountId: string;
  unit: string;
  points: PointColumns;
}

/** One chart: an account's balance in one unit. */
export interface SeriesView {
  /** Unique on the page: account and unit. */
  key: string;
  accountId: string;
  name: string;
  provider: ProviderId;
  unit: string;
  /** The threshold in force, drawn as a line; only on the series of the account's current unit. */
  threshold: string | null;
  /** The forecast continues only the account's current series. */
  current: boolean;
  points: PointColumns;
}

export interface ChartGroup {
  key: string;
  label: string;
  series: SeriesView[];
}

/** The accounts watched or not, whose history is listed (a deleted account's is not). */
function viewsOf(
  statuses: readonly AccountStatus[],
  history: readonly SeriesInput[],
): SeriesView[] {
  const byId = new Map(statuses.map((status) => [status.account.id, status]));
  const views: SeriesView[] = [];
  for (const series of history) {
    const status = byId.get(series.accountId);
    if (!status || series.points.t.length === 0) continue;
    const currentUnit = status.reading?.primary.unit;
    const current = currentUnit === undefined || currentUnit === series.unit;
    views.push({
      key: `${series.accountId}\u001f${series.unit}`,
      accountId: series.accountId,
      name: status.account.name,
      provider: status.account.provider,
      unit: series.unit,
      threshold: current ? status.threshold : null,
      current,
      points: series.points,
    });
  }
  return views;
}

function groupKey(view: SeriesView, grouping: Grouping): string {
  return grouping === 'unit' ? view.unit : view.provider;
}

function groupLabel(key: string, grouping: Grouping): string {
  return grouping === 'unit' ? unitLabel(key) : providerName(key as ProviderId);
}

/** Every series with points in the range, grouped by unit or provider, groups and charts sorted. */
export function chartGroups(
  statuses: readonly AccountStatus[],
  history: readonly SeriesInput[],
  grouping: Grouping,
): ChartGroup[] {
  const groups = new Map<string, SeriesView[]>();
  for (const view of viewsOf(statuses, history)) {
    const key = groupKey(view, grouping);
    const group = groups.get(key);
    if (group) group.push(view);
    else groups.set(key, [view]);
  }
  const order = grouping === 'unit' ? compareUnits : (a: string, b: string) => a.localeCompare(b);
  return distinctLabels(
    [...groups.keys()].sort(order).map((key) => ({
      key,
      label: groupLabel(key, grouping),
      series: (groups.get(key) ?? []).sort(
        (a, b) =>
          a.name.localeCompare(b.name) ||
          a.accountId.localeCompare(b.accountId) ||
          Number(b.current) - Number(a.current) ||
          compareUnits(a.unit, b.unit),
      ),
    })),
  );
}

/**
 * Two programs' points both read "points": such groups add the names of their accounts, as the
 * popup's totals do, so each heading says which it is.
 */
function distinctLabels(groups: ChartGroup[]): ChartGroup[] {
  const seen = new Map<string, number>();
  for (const { label } of groups) seen.set(label, (seen.get(label) ?? 0) + 1);
  return groups.map((group) => {
    if ((seen.get(group.label) ?? 0) < 2) return group;
    const names = [...new Set(group.series.map((view) => view.name))].join(', ');
    return { ...group, label: `${group.label} (${names})` };
  });
}

/** "30 days": a range in words. */
export function rangeLabel(range: RangeId): string {
  return t(`dashboard_range_${range}`);
}
