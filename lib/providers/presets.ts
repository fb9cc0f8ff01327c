import type { MessageKey } from '@/lib/i18n';

/**
 * A documented base URL. Its label is a message key the page looks up when it renders, never text
 * built at module load (the background imports the catalog too, before i18n is reachable).
 */
export interface BaseUrlPreset {
  labelKey: MessageKey;
  url: string;
}

/**
 * Each provider's documented base URLs (DESIGN.md's Providers table), the catalog's data. Plain
 * data with type-only imports, because wxt.config.ts reads it at build time: the manifest's host
 * permissions are exactly these hosts, so a new preset cannot be added without its permission or
 * the reverse. lib/providers/catalog.ts gives each entry its list; a test checks both have the
 * same providers.
 */
export const BASE_URL_PRESETS = {
  xoxoday: [
    { labelKey: 'provider_preset_production', url: 'https://accounts.xoxoday.com/chef' },
    { labelKey: 'provider_preset_staging', url: 'https://stagingaccount.xoxoday.com/chef' },
    { labelKey: 'provider_preset_sandbox', url: 'https://stagingstores.xoxoday.com/chef' },
    { labelKey: 'provider_preset_testing', url: 'https://canvas.xoxoday.com/chef' },
  ],
  capillary: [
    { labelKey: 'provider_capillary_preset_india', url: 'https://apac.api.capillarytech.com' },
    { labelKey: 'provider_capillary_preset_apac2', url: 'https://apac2.api.capillarytech.com' },
    { labelKey: 'provider_capillary_preset_eu', url: 'https://eu.api.capillarytech.com' },
    { labelKey: 'provider_capillary_preset_us', url: 'https://us.api.capillarytech.com' },
    { labelKey: 'provider_capillary_preset_china', url: 'https://api.capillarytech.cn.com' },
  ],
  wix: [{ labelKey: 'provider_wix_preset_apis', url: 'https://www.wixapis.com' }],
  onlinesales: [{ labelKey: 'provider_preset_production', url: 'https://services.onlinesales.ai' }],
} as const satisfies Record<string, readonly BaseUrlPreset[]>;

/** Match patterns for the manifest's host_permissions: one per documented host. */
export function presetHostPermissions(): string[] {
  const origins = Object.values(BASE_URL_PRESETS).flatMap((presets) =>
    presets.map((preset) => `${new URL(preset.url).origin}/*`),
  );
  return [...new Set(origins)];
}
