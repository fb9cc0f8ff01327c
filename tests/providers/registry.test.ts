import { describe, expect, it } from 'vitest';
import { t } from '@/lib/i18n';
import { getProvider, isProviderId, PROVIDER_IDS, PROVIDERS } from '@/lib/providers';

describe('provider registry', () => {
  it('lists the four providers under their own ids', () => {
    expect(PROVIDER_IDS).toEqual(['xoxoday', 'capillary', 'wix', 'onlinesales']);
    for (const id of PROVIDER_IDS) expect(PROVIDERS[id].id).toBe(id);
  });

  it('finds a provider by id and nothing for an unknown id', () => {
    expect(getProvider('wix')?.displayName).toBe('Wix Benefit Programs');
    expect(getProvider('paypal')).toBeUndefined();
    expect(getProvider('toString')).toBeUndefined();
    expect(isProviderId('constructor')).toBe(false);
  });

  it.each(PROVIDER_IDS)('%s declares presets and a form the schema agrees with', (id) => {
    const provider = PROVIDERS[id];
    expect(provider.baseUrlPresets.length).toBeGreaterThan(0);
    for (const preset of provider.baseUrlPresets)
      expect(new URL(preset.url).protocol).toBe('https:');
    for (const field of provider.fields) {
      expect(t(field.helpKey).length).toBeGreaterThan(10);
      expect(t(field.labelKey)).not.toBe('');
      // Whatever is secret must be typed into a masked input.
      if (field.secret) expect(field.input).toBe('password');
    }
    // An empty form fails on every required field, naming it.
    const result = provider.schema.safeParse({ credentials: {}, params: {} });
    const failing = new Set(result.error?.issues.map((issue) => issue.path.join('.')));
    for (const field of provider.fields.filter((f) => f.required)) {
      expect(failing).toContain(`${field.group}.${field.key}`);
    }
  });
});
