import { AmountText } from '@/components/shared/AmountText';
import { t } from '@/lib/i18n';
import { formatAmount, formatExact, isRounded } from '@/lib/money';
import { detailLabel } from '@/lib/providers/names';
import type { AccountRow } from '@/lib/view/popup-view';

/** Rendered only while expanded, so 500 collapsed rows cost nothing here. */
export function AccountDetails({ row }: { row: AccountRow }) {
  return (
    <div class="details">
      <AccountFacts row={row} />
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
