import { AmountText } from '@/components/shared/AmountText';
import { t } from '@/lib/i18n';
import { detailLabel } from '@/lib/providers/names';
import type { AccountRow } from '@/lib/view/popup-view';

/** Rendered only while expanded, so 500 collapsed rows cost nothing here. */
export function AccountDetails({ row }: { row: AccountRow }) {
  if (row.details.length === 0 && row.warnings.length === 0) {
    return <p class="details-empty">{t('popup_noDetails')}</p>;
  }
  return (
    <div class="details">
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
