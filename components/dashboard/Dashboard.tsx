import { useEffect, useMemo, useState } from 'preact/hooks';
import { Controls } from '@/components/dashboard/Controls';
import { SeriesCard } from '@/components/dashboard/SeriesCard';
import { TotalCard } from '@/components/dashboard/TotalCard';
import { type HistoryState, useHistoryRange } from '@/components/dashboard/use-dashboard-data';
import { useAccountStores } from '@/components/shared/use-account-stores';
import { t } from '@/lib/i18n';
import { accountStatus } from '@/lib/status';
import {
  type ChartGroup,
  chartGroups,
  DEFAULT_RANGE,
  type Grouping,
  RANGE_MS,
  type RangeId,
} from '@/lib/view/dashboard';
import { type UnitTotal, unitTotals } from '@/lib/view/dashboard-totals';

/** Charts drawn at once: about a screen's worth; the rest as they are scrolled near. */
const EAGER_CHARTS = 6;
/** Account cards in the first render (the rest follow in the next one). */
const FIRST_SCREEN_CARDS = 12;

interface Shown {
  totals: UnitTotal[];
  groups: ChartGroup[];
}

/** The charts for what was read, or null while something is still loading or failed. */
function useShown(
  stores: ReturnType<typeof useAccountStores>,
  history: HistoryState | null,
  grouping: Grouping,
): Shown | null {
  const statuses = useMemo(
    () =>
      stores && history
        ? // Every account, turned off ones too: their history is still theirs to see.
          stores.accounts.map((account) =>
            accountStatus(account, stores.snapshots[account.id], stores.settings, history.to),
          )
        : null,
    [stores, history],
  );
  const series = history?.result.ok ? history.result.value : null;
  const byUnit = useMemo(
    () => (statuses && series ? chartGroups(statuses, series, 'unit') : null),
    [statuses, series],
  );
  const totals = useMemo(
    () => (byUnit && history ? unitTotals(byUnit, history.from, history.to) : null),
    [byUnit, history],
  );
  const groups = useMemo(
    () =>
      grouping === 'unit' ? byUnit : statuses && series && chartGroups(statuses, series, grouping),
    [grouping, byUnit, statuses, series],
  );
  return totals && groups ? { totals, groups } : null;
}

/** Marks the first paint with charts, for the bench (scripts/bench/dashboard.ts). */
function usePaintedMark(painted: boolean): void {
  useEffect(() => {
    if (painted && performance.getEntriesByName('dashboard-painted').length === 0) {
      performance.mark('dashboard-painted');
    }
  }, [painted]);
}

/**
 * How many account cards to render: a first screen's worth for the first paint, then all of them
 * in the render right after it, so 500 cards never delay the first charts.
 */
function useFirstScreenThenAll(): number {
  const [all, setAll] = useState(false);
  useEffect(() => {
    if (!all) setAll(true);
  }, [all]);
  return all ? Number.POSITIVE_INFINITY : FIRST_SCREEN_CARDS;
}

function Charts({ shown, range, now }: { shown: Shown; range: RangeId; now: number }) {
  let room = useFirstScreenThenAll();
  const sections = shown.groups.map((group) => {
    const series = group.series.slice(0, Math.max(0, room));
    room -= series.length;
    return { group, series };
  });
  let drawn = 0;
  return (
    <>
      <section aria-labelledby="totals-heading">
        <h2 id="totals-heading">{t('dashboard_totals')}</h2>
        <div class="grid">
          {shown.totals.map((total) => (
            <TotalCard key={total.unit} total={total} range={range} />
          ))}
        </div>
      </section>
      {sections.map(
        ({ group, series }) =>
          series.length > 0 && (
            <section key={group.key} aria-label={group.label}>
              <h2>{group.label}</h2>
              <div class="grid">
                {series.map((view) => (
                  <SeriesCard
                    key={view.key}
                    view={view}
                    range={range}
                    now={now}
                    eager={drawn++ < EAGER_CHARTS}
                  />
                ))}
              </div>
            </section>
          ),
      )}
    </>
  );
}

/** The dashboard page: every account's history, grouped, over a chosen range. */
export function Dashboard() {
  const stores = useAccountStores();
  const [range, setRange] = useState<RangeId>(DEFAULT_RANGE);
  const [grouping, setGrouping] = useState<Grouping>('unit');
  const history = useHistoryRange(RANGE_MS[range]);
  const shown = useShown(stores, history, grouping);
  usePaintedMark(shown !== null);

  let body = <p role="status">{t('dashboard_loading')}</p>;
  if (history && !history.result.ok) {
    body = (
      <p role="alert" class="unavailable">
        {t('dashboard_unavailable', t(`history_unavailable_${history.result.fault}`))}
      </p>
    );
  } else if (shown && history && shown.groups.length === 0) {
    body = <p role="status">{t('dashboard_empty')}</p>;
  } else if (shown && history) {
    body = <Charts shown={shown} range={range} now={history.to} />;
  }
  return (
    <main class="dashboard">
      <h1>{t('dashboard_title')}</h1>
      <Controls range={range} onRange={setRange} grouping={grouping} onGrouping={setGrouping} />
      {body}
    </main>
  );
}
