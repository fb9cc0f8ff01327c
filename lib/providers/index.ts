import { capillary } from '@/lib/providers/capillary';
import { onlinesales } from '@/lib/providers/onlinesales';
import type { Provider, ProviderId } from '@/lib/providers/types';
import { wix } from '@/lib/providers/wix';
import { xoxoday } from '@/lib/providers/xoxoday';

/** The one list of providers: a new provider is one adapter file and one line here. */
export const PROVIDERS: Record<ProviderId, Provider> = {
  xoxoday,
  capillary,
  wix,
  onlinesales,
};

export const PROVIDER_IDS = Object.keys(PROVIDERS) as ProviderId[];

export function isProviderId(id: string): id is ProviderId {
  return Object.hasOwn(PROVIDERS, id);
}

export function getProvider(id: ProviderId): Provider;
export function getProvider(id: string): Provider | undefined;
export function getProvider(id: string): Provider | undefined {
  return isProviderId(id) ? PROVIDERS[id] : undefined;
}
