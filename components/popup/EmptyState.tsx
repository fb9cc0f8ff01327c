import { openOptionsAt } from '@/components/popup/open-options';
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
      {/* Opens the new account form itself, not only the Settings page. */}
      <button type="button" class="primary" onClick={() => void openOptionsAt({ adding: true })}>
        {t('popup_addAccount')}
      </button>
    </div>
  );
}
