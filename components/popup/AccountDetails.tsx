import { useEffect, useState } from 'preact/hooks';
import type { SnoozeMenu as SnoozeMenuType } from '@/components/popup/SnoozeMenu';
import { AmountText } from '@/components/shared/AmountText';
import { t } from '@/lib/i18n';
import { formatAmount, formatExact, isRounded } from '@/lib/money';
import { detailLabel } from '@/lib/providers/names';
import type { AccountRow } from '@/lib/view/popup-view';

/** Rendered only while expanded, so 500 collapsed rows cost nothing here. */
export function AccountDetails({ row }: { row: AccountRow }) {
  const SnoozeMenu = useSnoozeMenu();
  return (
    <div class="details">
      <AccountFacts row={row} />
      {SnoozeMenu && <SnoozeMenu accountId={row.id} />}
      {row.details.length === 0 && row.warnings.length === 0 ? (
        <p class="details-empty">{t('popup_noDetails')}</p>
      ) : null}
      {row.details.length > 0 && (
        <dl>
          {row.details.map((detail) => (
            <div key={detail.key}>
              <dt>{detailLabel(detail)}</dt>
              <dd>
                <AmountText amount={detail.amount} />
              </dd>
            </div>
          ))}
        </dl>
      )}
      {row.warnings.length > 0 && (
        <>
          <p class="details-heading">{t('popup_providerNotes')}</p>
          <ul class="provider-notes">
            {row.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/**
 * The snooze menu, loaded when a row's details first open: the popup's first paint has a byte
 * budget (tests/bundle-budget.test.ts) and most opens never snooze.
 */
function useSnoozeMenu(): typeof SnoozeMenuType | null {
  const [menu, setMenu] = useState<typeof SnoozeMenuType | null>(null);
  useEffect(() => {
    let live = true;
    import('@/components/popup/SnoozeMenu')
      .then((module) => live && setMenu(() => module.SnoozeMenu))
      .catch((error) => console.error('[balance-watch] snooze menu', error));
    return () => {
      live = false;
    };
  }, []);
  return menu;
}

/** The exact amount when the row rounds it, and the threshold in force. */
function AccountFacts({ row }: { row: AccountRow }) {
  const exact = row.amount && isRounded(row.amount) ? formatExact(row.amount) : null;
  if (!exact && !row.threshold) return null;
  return (
    <p class="details-facts">
      {exact && <span>{t('popup_exact', exact)}</span>}
      {row.threshold && <span>{t('popup_threshold', formatAmount(row.threshold))}</span>}
    </p>
  );
}
