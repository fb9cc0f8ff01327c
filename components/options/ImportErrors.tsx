import { importErrorText } from '@/components/options/import-text';
import { t } from '@/lib/i18n';
import type { FieldError } from '@/lib/messages';

/** Why a file was refused: each problem names its account (or #position) and field's label. */
export function ImportErrors({ fileName, errors }: { fileName: string; errors: FieldError[] }) {
  return (
    <div class="import-errors" role="alert">
      <p>{t('options_import_refused', fileName)}</p>
      <ul>
        {errors.map((error) => (
          <li key={`${error.account ?? ''}|${error.field}|${error.message}`}>
            {importErrorText(error)}
          </li>
        ))}
      </ul>
    </div>
  );
}
