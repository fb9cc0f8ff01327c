import { t } from '@/lib/i18n';
import type { FieldError } from '@/lib/messages';

/** Why a file was refused: each problem names its account (or #position) and field. */
export function ImportErrors({ fileName, errors }: { fileName: string; errors: FieldError[] }) {
  return (
    <div class="import-errors" role="alert">
      <p>{t('options_import_refused', fileName)}</p>
      <ul>
        {errors.map((error) => (
          <li key={`${error.account ?? ''}|${error.field}|${error.message}`}>
            {error.account
              ? t('options_import_error_account', [error.account, error.field, error.message])
              : t('options_import_error_field', [error.field, error.message])}
          </li>
        ))}
      </ul>
    </div>
  );
}
