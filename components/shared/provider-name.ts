import { t } from '../../lib/i18n';
import type { ProviderId } from '../../lib/providers/types';

/**
 * Display names without importing the provider registry, which would pull ky and zod into the
 * pages' bundles.
 */
export function providerName(id: ProviderId): string {
  switch (id) {
    case 'xoxoday':
      return t('common_provider_xoxoday');
    case 'capillary':
      return t('common_provider_capillary');
    case 'wix':
      return t('common_provider_wix');
    case 'onlinesales':
      return t('common_provider_onlinesales');
  }
}
