import { useRef, useState } from 'preact/hooks';
import { useAnnounce } from '@/components/options/announce';
import { downloadText } from '@/components/options/download';
import { ImportErrors } from '@/components/options/ImportErrors';
import { ImportPreviewView } from '@/components/options/ImportPreviewView';
import { settingsFileName } from '@/components/options/settings-file-name';
import { t } from '@/lib/i18n';
import { type FieldError, type ImportPreview, sendMessage } from '@/lib/messages';

type ImportState =
  | { state: 'idle' }
  | { state: 'preview'; fileName: string; text: string; preview: ImportPreview }
  | { state: 'refused'; fileName: string; errors: FieldError[] };

function failure(error: unknown): FieldError[] {
  const text = error instanceof Error ? error.message : String(error);
  return [{ field: 'file', message: t('options_action_failed', text) }];
}

export function BackupSection() {
  const announce = useAnnounce();
  const [withCredentials, setWithCredentials] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const [importState, setImportState] = useState<ImportState>({ state: 'idle' });
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

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

  const onFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    let text: string;
    try {
      text = await file.text();
    } catch {
      setImportState({
        state: 'refused',
        fileName: file.name,
        errors: [{ field: 'file', message: t('options_import_read_failed') }],
      });
      return;
    }
    try {
      const result = await sendMessage('previewImport', { text });
      setImportState(
        result.ok
          ? { state: 'preview', fileName: file.name, text, preview: result.preview }
          : { state: 'refused', fileName: file.name, errors: result.errors },
      );
    } catch (error) {
      setImportState({ state: 'refused', fileName: file.name, errors: failure(error) });
    }
  };

  const reset = () => {
    setImportState({ state: 'idle' });
    if (fileInput.current) fileInput.current.value = '';
  };

  const onConfirm = async () => {
    if (importState.state !== 'preview' || busy) return;
    setBusy(true);
    try {
      // Validated again by the background: the file is applied whole or not at all.
      const result = await sendMessage('importSettings', { text: importState.text });
      if (result.ok) {
        announce(t('options_import_done', String(result.added)));
        reset();
        fileInput.current?.focus();
      } else {
        setImportState({ state: 'refused', fileName: importState.fileName, errors: result.errors });
      }
    } catch (error) {
      setImportState({ state: 'refused', fileName: importState.fileName, errors: failure(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="backup-heading">
      <h2 id="backup-heading">{t('options_backup_heading')}</h2>
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

      <div class="field import">
        <label for="import-file">{t('options_import')}</label>
        <input
          id="import-file"
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          aria-describedby="import-file-help"
          onChange={(e) => void onFile(e.currentTarget)}
        />
        <p class="field-help" id="import-file-help">
          {t('options_import_help')}
        </p>
      </div>
      {importState.state === 'preview' ? (
        <ImportPreviewView
          fileName={importState.fileName}
          preview={importState.preview}
          busy={busy}
          onConfirm={onConfirm}
          onCancel={reset}
        />
      ) : null}
      {importState.state === 'refused' ? (
        <ImportErrors fileName={importState.fileName} errors={importState.errors} />
      ) : null}
    </section>
  );
}
