import { type MessageKey, t } from '@/lib/i18n';
import type { ProviderId, ReadingDetail } from '@/lib/providers/types';

/**
 * Provider names and reading-detail labels, kept apart from the adapters so the pages can show
 * them without importing the registry (which would pull ky and zod into their bundles). Provider
 * names are brands, but go through the messages like every other visible string so a language
 * may transliterate them.
 */

export function providerName(id: ProviderId): string {
  // Fails to compile when messages.json lacks a provider's name.
  return t(`common_provider_${id}` satisfies MessageKey);
}

/**
 * Each provider's documented page where its wallet is funded: an account's top-up link when it
 * has none of its own (Account.topUpUrl absent). None of the four documents one (their API pages,
 * DESIGN.md), so none is listed; a provider that does gets its line here, beside its name rather
 * than in the catalog, so the popup's status (lib/status.ts) does not load the catalog.
 */
export const TOP_UP_PAGES: Partial<Record<ProviderId, string>> = {};

/** Every detail an adapter reports, with its label's message key. */
export const DETAIL_LABELS = {
  points: 'common_detail_points',
  totalPoints: 'common_detail_totalPoints',
  promisedPoints: 'common_detail_promisedPoints',
  delayedAccrualPoints: 'common_detail_delayedAccrualPoints',
  externalTriggerBasedPoints: 'common_detail_externalTriggerBasedPoints',
  reserved: 'common_detail_reserved',
  totalCredit: 'common_detail_totalCredit',
  totalSpend: 'common_detail_totalSpend',
} as const satisfies Record<string, MessageKey>;

export type DetailKey = keyof typeof DETAIL_LABELS;

function isDetailKey(key: string): key is DetailKey {
  return Object.hasOwn(DETAIL_LABELS, key);
}

/**
 * A detail's label in the current language. The label stored with a reading was looked up when it
 * was read, perhaps in another language; it is only used for a key this version does not know.
 */
export function detailLabel(detail: Pick<ReadingDetail, 'key' | 'label'>): string {
  return isDetailKey(detail.key) ? t(DETAIL_LABELS[detail.key]) : detail.label;
}
