import { useState } from 'preact/hooks';
import { useAnnounce } from '@/components/options/announce';
import { downloadText } from '@/components/options/download';
import { settingsFileName } from '@/components/options/settings-file-name';
import { sendMessage } from '@/components/shared/send-message';
import { t } from '@/lib/i18n';

/** Export: the background writes the settings file (credentials only if asked); the page saves it. */
export function ExportSettings() {
  const announce = useAnnounce();
  const [withCredentials, setWithCredentials] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);

  const onExport = async () => {
    try {
      const { text } = await sendMessage('exportSettings', { includeCredentials: withCredentials });
      downloadText(text, settingsFileName(new Date()));
      setExportError(null);
      announce(t('options_exported'));
    } catch (error) {
      setExportError(
        t('options_action_failed', error instanceof Error ? error.message : String(error)),
      );
    }
  };

  return (
    <>
      <div class="field field-check">
        <input
          id="export-credentials"
          type="checkbox"
          checked={withCredentials}
          aria-describedby="export-credentials-help"
          onChange={(e) => setWithCredentials(e.currentTarget.checked)}
        />
        <label for="export-credentials">{t('options_export_credentials')}</label>
        <p class="field-help" id="export-credentials-help">
          {t('options_export_credentials_help')}
        </p>
      </div>
      <div class="actions">
        <button type="button" onClick={onExport}>
          {t('options_export')}
        </button>
      </div>
      {exportError ? (
        <p class="notice" role="alert">
          {exportError}
        </p>
      ) : null}
    </>
  );
}
