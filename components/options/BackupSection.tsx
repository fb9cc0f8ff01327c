import { ExportSettings } from '@/components/options/ExportSettings';
import { ImportSettings } from '@/components/options/ImportSettings';
import { t } from '@/lib/i18n';

/** The settings file: export it, or import one (lib/engine/settings-file.ts checks it). */
export function BackupSection() {
  return (
    <section aria-labelledby="backup-heading">
      <h2 id="backup-heading">{t('options_backup_heading')}</h2>
      <ExportSettings />
      <ImportSettings />
    </section>
  );
}
