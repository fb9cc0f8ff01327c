import { AccountsSection } from '@/components/options/AccountsSection';
import { AnnounceProvider } from '@/components/options/announce';
import { BackupSection } from '@/components/options/BackupSection';
import { SettingsSection } from '@/components/options/SettingsSection';
import { useOptionsData } from '@/components/options/use-options-data';
import { t } from '@/lib/i18n';

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
