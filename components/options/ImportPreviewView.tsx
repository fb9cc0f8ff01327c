import { settingsLines } from '@/components/options/settings-text';
import { t } from '@/lib/i18n';
import type { ImportPreview } from '@/lib/messages';
import { providerName } from '@/lib/providers/names';

interface Props {
  fileName: string;
  preview: ImportPreview;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** What the import will change, before anything does. */
export function ImportPreviewView({ fileName, preview, busy, onConfirm, onCancel }: Props) {
  const headingId = 'import-preview-heading';
  const lines = settingsLines(preview.settings);
  return (
    <section class="import-preview" aria-labelledby={headingId}>
      <p id={headingId}>{t('options_import_preview', fileName)}</p>
      <ul>
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
        {preview.accounts.map((account, index) => (
          <li key={`${index}-${account.name}`}>
            {t('options_import_add', [
              account.name,
              providerName(account.provider),
              account.baseUrl,
            ])}{' '}
            <span class={account.hasCredentials ? 'muted' : 'warning'}>
              (
              {account.hasCredentials
                ? t('options_import_with_credentials')
                : t('options_import_without_credentials')}
              )
            </span>
          </li>
        ))}
        {preview.accounts.length === 0 && lines.length === 0 ? (
          <li>{t('options_import_nothing')}</li>
        ) : null}
      </ul>
      <div class="actions">
        <button type="button" aria-disabled={busy} onClick={onConfirm}>
          {t('options_import_confirm')}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('common_cancel')}
        </button>
      </div>
    </section>
  );
}
