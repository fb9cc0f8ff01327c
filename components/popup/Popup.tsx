import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { AccountItem } from '@/components/popup/AccountItem';
import { EmptyState } from '@/components/popup/EmptyState';
import { markIfInTab } from '@/components/popup/fit-width';
import type { FirstSource, FirstStores, Stores } from '@/components/popup/stores';
import { Toolbar } from '@/components/popup/Toolbar';
import { Totals } from '@/components/popup/Totals';
import { trendsByAccount } from '@/components/popup/trends';
import {
  useFirstStores,
  useHistory,
  useNow,
  useProgressiveCount,
  useStores,
} from '@/components/popup/use-stores';
import { t } from '@/lib/i18n';
import { buildPopupView, buildSummaryView, type PopupView } from '@/lib/view/popup-view';

/** Marked once, after the first paint that shows stored balances; the benchmark reads it. */
export const PAINTED_MARK = 'balances-painted';

interface Props {
  /** The first read the page started before rendering; without it the popup starts it. */
  first?: FirstSource;
}

/**
 * The view from every store once they are read; until then from the summary (its first screen
 * of rows, the totals and counts over all), which is all the first paint reads.
 */
function viewOf(stores: Stores | null, first: FirstStores | null, now: number): PopupView | null {
  if (stores) return buildPopupView({ ...stores, now });
  return first?.summary ? buildSummaryView(first.summary, now) : null;
}

export function Popup({ first: firstSource }: Props = {}) {
  const first = useFirstStores(firstSource);
  const now = useNow(30_000);
  const [painted, setPainted] = useState(false);
  // The stores themselves after the first paint, or at once when there is no summary yet.
  const stores = useStores(painted || (first !== null && first.summary === null));
  const view = useMemo(() => viewOf(stores, first, now), [stores, first, now]);
  const loaded = view !== null;
  const marked = useRef(false);
  useLayoutEffect(markIfInTab, []);

  // Effects run after the browser painted, so the mark and the reads they start follow paint.
  useEffect(() => {
    if (!loaded || marked.current) return;
    marked.current = true;
    performance.mark(PAINTED_MARK);
    setPainted(true);
  }, [loaded]);
  const history = useHistory(loaded);
  const engine = stores?.engine ?? first?.engine;
  // Painted from the stores themselves (no summary yet): the first screen first, then the rest.
  const shown = useProgressiveCount(loaded, view?.rows.length ?? 0);
  const trends = useMemo(
    () => (view && history ? trendsByAccount(view.rows, history) : null),
    [view, history],
  );

  if (!view || !engine) return null;
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
          <Toolbar roundRunning={engine.roundRunning} online={engine.online} />
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
