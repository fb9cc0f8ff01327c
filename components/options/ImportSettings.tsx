import { useRef, useState } from 'preact/hooks';
import { useAnnounce } from '@/components/options/announce';
import { ImportErrors } from '@/components/options/ImportErrors';
import { ImportPreviewView } from '@/components/options/ImportPreviewView';
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

/** What the background says of a chosen file: a preview to confirm, or why it is refused. */
async function checkFile(file: File): Promise<ImportState> {
  let text: string;
  try {
    text = await file.text();
  } catch {
    const errors = [{ field: 'file', message: t('options_import_read_failed') }];
    return { state: 'refused', fileName: file.name, errors };
  }
  try {
    const result = await sendMessage('previewImport', { text });
    return result.ok
      ? { state: 'preview', fileName: file.name, text, preview: result.preview }
      : { state: 'refused', fileName: file.name, errors: result.errors };
  } catch (error) {
    return { state: 'refused', fileName: file.name, errors: failure(error) };
  }
}

/** Import: pick a file, see what it would change, confirm; the background applies all or nothing. */
export function ImportSettings() {
  const announce = useAnnounce();
  const [importState, setImportState] = useState<ImportState>({ state: 'idle' });
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const onFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (file) setImportState(await checkFile(file));
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
    <>
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
    </>
  );
}
