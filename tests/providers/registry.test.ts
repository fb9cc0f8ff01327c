import { describe, expect, it } from 'vitest';
import { t } from '@/lib/i18n';
import { getProvider, PROVIDERS } from '@/lib/providers';
import { CATALOG, isProviderId, PROVIDER_IDS } from '@/lib/providers/catalog';
import { accountSchema } from '@/lib/providers/form-schema';
import { BASE_URL_PRESETS } from '@/lib/providers/presets';

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

describe('catalog and registry', () => {
  it('have the same providers, and the presets too', () => {
    expect(Object.keys(PROVIDERS)).toEqual(PROVIDER_IDS);
    expect(Object.keys(BASE_URL_PRESETS)).toEqual(PROVIDER_IDS);
  });

  it.each(PROVIDER_IDS)('%s: the adapter is its catalog entry plus its methods', (id) => {
    const provider = PROVIDERS[id];
    const entry = CATALOG[id];
    expect(provider.fields).toBe(entry.fields);
    expect(provider.baseUrlPresets).toBe(entry.baseUrlPresets);
    expect(provider.fixedUnit).toBe(entry.fixedUnit);
    expect(provider.replaces).toBe(entry.replaces);
    // Discovery is declared in the catalog exactly when the adapter can do it.
    expect(typeof provider.discover === 'function').toBe(entry.discovery !== undefined);
    // A batch read needs both halves: the key that groups accounts and the call that reads them.
    expect(typeof provider.batchKey).toBe(typeof provider.fetchBalances);
  });

  it('an adapter that reshapes its schema (Capillary) refuses what the form refuses', () => {
    const samples = [
      {},
      { username: 'u' },
      { username: 'u', password: 'p', clientKey: 'k' },
      { clientSecret: 's' },
    ];
    const issues = (schema: typeof PROVIDERS.capillary.schema, credentials: object) =>
      schema
        .safeParse({ credentials, params: { userId: '1', programId: 'x' } })
        .error?.issues.map((issue) => [issue.path.join('.'), issue.message]);
    expect(PROVIDERS.capillary.schema).not.toBe(accountSchema(CATALOG.capillary));
    for (const credentials of samples) {
      expect(issues(PROVIDERS.capillary.schema, credentials)).toEqual(
        issues(accountSchema(CATALOG.capillary), credentials),
      );
    }
  });

  it('discovery names fields of its own entry', () => {
    for (const entry of Object.values(CATALOG)) {
      const keys = entry.fields.map((field) => field.key);
      for (const key of entry.discovery?.needs ?? []) expect(keys).toContain(key);
    }
  });
});
