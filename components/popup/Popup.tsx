import { useEffect, useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import { AccountItem } from '@/components/popup/AccountItem';
import { EmptyState } from '@/components/popup/EmptyState';
import { markIfInTab } from '@/components/popup/fit-width';
import type { StoresSource } from '@/components/popup/stores';
import { Toolbar } from '@/components/popup/Toolbar';
import { Totals } from '@/components/popup/Totals';
import { trendsByAccount } from '@/components/popup/trends';
import { useHistory, useNow, useProgressiveCount, useStores } from '@/components/popup/use-stores';
import { t } from '@/lib/i18n';
import { buildPopupView } from '@/lib/view/popup-view';

/** Marked once, after the first paint that shows stored balances; the benchmark reads it. */
export const PAINTED_MARK = 'balances-painted';

interface Props {
  /** The stores read the page started before rendering; without it the popup reads them. */
  source?: StoresSource;
}

export function Popup({ source }: Props = {}) {
  const stores = useStores(source);
  const now = useNow(30_000);
  const painted = useRef(false);
  const loaded = stores !== null;
  useLayoutEffect(markIfInTab, []);

  // Effects run after the browser painted, so the mark and the history read both follow paint.
  useEffect(() => {
    if (!loaded || painted.current) return;
    painted.current = true;
    performance.mark(PAINTED_MARK);
  }, [loaded]);
  const history = useHistory(loaded);

  const view = useMemo(
    () =>
      stores &&
      buildPopupView({
        accounts: stores.accounts,
        snapshots: stores.snapshots,
        settings: stores.settings,
        now,
      }),
    [stores, now],
  );
  const shown = useProgressiveCount(loaded, view?.rows.length ?? 0);
  const trends = useMemo(
    () => (view && history ? trendsByAccount(view.rows, history, now) : null),
    [view, history, now],
  );

  if (!stores || !view) return null;
  return (
    <div class="popup">
      {/* With no account at all there is nothing to total or refresh: only the empty state. */}
      {view.accountCount > 0 && (
        <header class="top">
          {view.rows.length > 0 && (
            <Totals
              totals={view.totals}
              note={view.totalsNote}
              headline={view.headline}
              alarming={view.lowCount + view.failingCount > 0}
            />
          )}
          <Toolbar roundRunning={stores.engine.roundRunning} online={stores.engine.online} />
        </header>
      )}
      <main class="list-area">
        {view.rows.length === 0 ? (
          <EmptyState allDisabled={view.accountCount > 0} />
        ) : (
          <ul class="accounts" aria-label={t('popup_accounts')}>
            {view.rows.slice(0, shown).map((row) => (
              <AccountItem key={row.id} row={row} now={now} trend={trends?.get(row.id)} />
            ))}
          </ul>
        )}
        {history?.fault && (
          <p class="history-note">
            {t('dashboard_unavailable', t(`history_unavailable_${history.fault}`))}
          </p>
        )}
      </main>
    </div>
  );
}
