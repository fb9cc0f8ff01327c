import { capillary } from './capillary';
import { onlinesales } from './onlinesales';
import type { Provider, ProviderId } from './types';
import { wix } from './wix';
import { xoxoday } from './xoxoday';

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
