import type { MessageKey } from '../../lib/i18n';
import { t } from '../../lib/i18n';
import type { AccountRow } from '../../lib/popup-view';
import type { ReadingDetail } from '../../lib/providers/types';
import { AmountText } from '../shared/AmountText';

/** Translated labels for the detail keys the adapters send; unknown keys keep the adapter's. */
const DETAIL_LABELS: Record<string, MessageKey> = {
  points: 'common_detail_points',
  totalPoints: 'common_detail_totalPoints',
  promisedPoints: 'common_detail_promisedPoints',
  delayedAccrualPoints: 'common_detail_delayedAccrualPoints',
  externalTriggerBasedPoints: 'common_detail_externalTriggerBasedPoints',
  reserved: 'common_detail_reserved',
  totalCredit: 'common_detail_totalCredit',
  totalSpend: 'common_detail_totalSpend',
};

function detailLabel(detail: ReadingDetail): string {
  const key = DETAIL_LABELS[detail.key];
  return key ? t(key) : detail.label;
}

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
