import { openOptionsPage } from '@/components/shared/options-link';
import { t } from '@/lib/i18n';

/** `allDisabled`: accounts exist but none is turned on, so there is nothing to list. */
export function EmptyState({ allDisabled }: { allDisabled: boolean }) {
  if (allDisabled) {
    return (
      <div class="empty">
        <p>{t('popup_allDisabled')}</p>
      </div>
    );
  }
  return (
    <div class="empty">
      <h2>{t('popup_emptyTitle')}</h2>
      <p>{t('popup_emptyBody')}</p>
      <button type="button" class="primary" onClick={() => void openOptionsPage()}>
        {t('popup_addAccount')}
      </button>
    </div>
  );
}
