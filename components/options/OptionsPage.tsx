import { AccountsSection } from '@/components/options/AccountsSection';
import { AnnounceProvider } from '@/components/options/announce';
import { BackupSection } from '@/components/options/BackupSection';
import { DestinationsSection } from '@/components/options/DestinationsSection';
import { QuarantineSection } from '@/components/options/QuarantineSection';
import { SettingsSection } from '@/components/options/SettingsSection';
import type { KeyedStoresSource } from '@/components/shared/stores';
import { type AccountStores, useAccountStores } from '@/components/shared/use-account-stores';
import { t } from '@/lib/i18n';

/** `stores`: the read the page started before it rendered (entrypoints/options/main.tsx). */
export function OptionsPage({ stores }: { stores?: KeyedStoresSource<AccountStores> } = {}) {
  const data = useAccountStores(stores);
  return (
    <AnnounceProvider>
      <main class="options">
        {/* Focusable so focus has somewhere to go when a section it was in goes away. */}
        <h1 id="options-title" tabIndex={-1}>
          {t('options_title')}
        </h1>
        <p>
          <a href="/dashboard.html" target="_blank" rel="noopener">
            {t('dashboard_open')}
          </a>
        </p>
        {data ? (
          <>
            <QuarantineSection data={data} />
            <AccountsSection data={data} />
            <SettingsSection settings={data.settings} />
            <DestinationsSection />
            <BackupSection />
          </>
        ) : (
          <p aria-busy="true">{t('options_loading')}</p>
        )}
      </main>
    </AnnounceProvider>
  );
}
