import type { SimProviderId } from '../data/schema';
import type { ProviderErrors, Route } from '../route';
import { capillaryErrors, capillaryRoutes } from './capillary';
import { onlinesalesErrors, onlinesalesRoutes } from './onlinesales';
import { wixErrors, wixRoutes } from './wix';
import { xoxodayErrors, xoxodayRoutes } from './xoxoday';

export const ROUTES: Route[] = [
  ...xoxodayRoutes,
  ...capillaryRoutes,
  ...wixRoutes,
  ...onlinesalesRoutes,
];

export const PROVIDER_ERRORS: Record<SimProviderId, ProviderErrors> = {
  xoxoday: xoxodayErrors,
  capillary: capillaryErrors,
  wix: wixErrors,
  onlinesales: onlinesalesErrors,
};
