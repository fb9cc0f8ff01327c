import { capillary } from '@/lib/providers/capillary';
import { isProviderId, type ProviderId } from '@/lib/providers/catalog';
import { onlinesales } from '@/lib/providers/onlinesales';
import type { Provider } from '@/lib/providers/types';
import { wix } from '@/lib/providers/wix';
import { xoxoday } from '@/lib/providers/xoxoday';

/**
 * The adapters, for the background only (they bring ky and each provider's code); pages read
 * lib/providers/catalog.ts. Typed by the catalog's ids, so a catalog entry without its adapter
 * here is a type error.
 */
export const PROVIDERS: Record<ProviderId, Provider> = {
  xoxoday,
  capillary,
  wix,
  onlinesales,
};

export function getProvider(id: ProviderId): Provider;
export function getProvider(id: string): Provider | undefined;
export function getProvider(id: string): Provider | undefined {
  return isProviderId(id) ? PROVIDERS[id] : undefined;
}
