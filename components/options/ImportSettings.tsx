import { useRef, useState } from 'preact/hooks';
import { useAnnounce } from '@/components/options/announce';
import { ImportErrors } from '@/components/options/ImportErrors';
import { ImportPreviewView } from '@/components/options/ImportPreviewView';
import { doneText } from '@/components/options/import-text';
import { sendMessage } from '@/components/shared/send-message';
import { t } from '@/lib/i18n';
import type { FieldError, ImportPreview } from '@/lib/messages';
import { plural } from '@/lib/plural';

type ImportState =
  | { state: 'idle' }
  | { state: 'preview'; fileName: string; text: string; preview: ImportPreview }
  | {
      state: 'refused';
      fileName: string;
      errors: FieldError[];
      /** Only accounts are wrong: the file's text and what importing the rest would do. */
      validOnly?: { text: string; preview: ImportPreview };
    };

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
    if (result.ok) return { state: 'preview', fileName: file.name, text, preview: result.preview };
    const validOnly = result.validOnly ? { text, preview: result.validOnly } : undefined;
    return { state: 'refused', fileName: file.name, errors: result.errors, validOnly };
  } catch (error) {
    return { state: 'refused', fileName: file.name, errors: failure(error) };
  }
}

/**
 * Import: pick a file, see what it would add, change and skip, confirm; the background applies
 * all or nothing. When only some accounts are wrong, the user may import the rest.
 */
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

  const confirm = async (fileName: string, text: string, onlyValid: boolean) => {
    if (busy) return;
    setBusy(true);
    try {
      // Validated again by the background: the file is applied whole or not at all.
      const result = await sendMessage('importSettings', { text, onlyValid });
      if (result.ok) {
        announce(doneText(result.added, result.channels));
        reset();
        fileInput.current?.focus();
      } else {
        setImportState({ state: 'refused', fileName, errors: result.errors });
      }
    } catch (error) {
      setImportState({ state: 'refused', fileName, errors: failure(error) });
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
          onConfirm={() => void confirm(importState.fileName, importState.text, false)}
          onCancel={reset}
        />
      ) : null}
      {importState.state === 'refused' ? (
        <>
          <ImportErrors fileName={importState.fileName} errors={importState.errors} />
          {importState.validOnly ? (
            <ValidOnly
              fileName={importState.fileName}
              validOnly={importState.validOnly}
              busy={busy}
              onConfirm={(text) => void confirm(importState.fileName, text, true)}
              onCancel={reset}
            />
          ) : null}
        </>
      ) : null}
    </>
  );
}

interface ValidOnlyProps {
  fileName: string;
  validOnly: { text: string; preview: ImportPreview };
  busy: boolean;
  onConfirm: (text: string) => void;
  onCancel: () => void;
}

/** The choice to import the settings and the valid accounts when some accounts are wrong. */
function ValidOnly({ fileName, validOnly, busy, onConfirm, onCancel }: ValidOnlyProps) {
  return (
    <div class="import-valid-only">
      <p>
        {plural(validOnly.preview.invalid, {
          one: 'options_import_only_valid_one',
          other: 'options_import_only_valid_other',
        })}
      </p>
      <ImportPreviewView
        fileName={fileName}
        preview={validOnly.preview}
        busy={busy}
        confirmLabel={t('options_import_only_valid')}
        onConfirm={() => onConfirm(validOnly.text)}
        onCancel={onCancel}
      />
    </div>
  );
}
