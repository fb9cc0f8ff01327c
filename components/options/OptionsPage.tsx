import { useEffect, useRef, useState } from 'preact/hooks';
import { AccountsSection } from '@/components/options/AccountsSection';
import { AnnounceProvider } from '@/components/options/announce';
import { BackupSection } from '@/components/options/BackupSection';
import { DestinationsSection } from '@/components/options/DestinationsSection';
import { QuarantineSection } from '@/components/options/QuarantineSection';
import { SettingsSection } from '@/components/options/SettingsSection';
import { FIRST_CARDS } from '@/components/options/use-progressive-cards';
import type { KeyedStoresSource } from '@/components/shared/stores';
import { type AccountStores, useAccountStores } from '@/components/shared/use-account-stores';
import { t } from '@/lib/i18n';

/**
 * Whether the sections under the account list are built yet. Under a list longer than a screen
 * they are out of sight at first: built in the task right after the list's first paint, so that
 * paint waits only for what it shows. Under a short list they come with it.
 */
function useSectionsBelowList(data: AccountStores | null): boolean {
  const [built, setBuilt] = useState(false);
  // Once shown they stay, whatever the list becomes (an import making it long).
  const shown = useRef(false);
  const long = data !== null && data.accounts.length > FIRST_CARDS;
  if (data !== null && !long) shown.current = true;
  useEffect(() => {
    if (built || !long) return;
    // Effects run after the paint; the timeout leaves that frame's work to finish first.
    const timer = setTimeout(() => setBuilt(true));
    return () => clearTimeout(timer);
  }, [built, long]);
  return built || shown.current;
}

/** `stores`: the read the page started before it rendered (entrypoints/options/main.tsx). */
export function OptionsPage({ stores }: { stores?: KeyedStoresSource<AccountStores> } = {}) {
  const data = useAccountStores(stores);
  const below = useSectionsBelowList(data);
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
            {below ? (
              <>
                <SettingsSection settings={data.settings} />
                <DestinationsSection />
                <BackupSection />
              </>
            ) : null}
          </>
        ) : (
          <p aria-busy="true">{t('options_loading')}</p>
        )}
      </main>
    </AnnounceProvider>
  );
}
