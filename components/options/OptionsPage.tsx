import { t } from '../../lib/i18n';
import { AccountsSection } from './AccountsSection';
import { AnnounceProvider } from './announce';
import { BackupSection } from './BackupSection';
import { SettingsSection } from './SettingsSection';
import { useOptionsData } from './use-options-data';

export function OptionsPage() {
  const data = useOptionsData();
  return (
    <AnnounceProvider>
      <main class="options">
        <h1>{t('options_title')}</h1>
        {data ? (
          <>
            <AccountsSection data={data} />
            <SettingsSection settings={data.settings} />
            <BackupSection />
          </>
        ) : (
          <p aria-busy="true">{t('options_loading')}</p>
        )}
      </main>
    </AnnounceProvider>
  );
}
