import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  applyImport,
  exportSettingsFile,
  importPlan,
  parseSettingsFile,
  type SettingsFile,
  toImportPreview,
} from '@/lib/engine/settings-file';
import { type Account, DEFAULT_SETTINGS, type Secrets, type Settings } from '@/lib/state';
import { account } from '../support/accounts';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/settings/${name}`, import.meta.url), 'utf8');

function parsed(text: string): SettingsFile {
  const result = parseSettingsFile(text);
  if (!result.ok) throw new Error(`expected a valid file: ${JSON.stringify(result.errors)}`);
  return result.file;
}

const accounts: Account[] = [
  account({ id: 'a1' }),
  {
    id: 'a2',
    provider: 'xoxoday',
    name: 'Rewards',
    baseUrl: 'https://stagingaccount.xoxoday.com/chef',
    params: {},
    lowThreshold: null,
    enabled: false,
    createdAt: 2,
  },
];
const secrets: Secrets = {
  a1: { token: 'os-secret-token' },
  a2: { accessToken: 'xo-secret', refreshToken: 'xo-refresh', clientId: 'cid', clientSecret: 'cs' },
};
const settings: Settings = {
  refreshMinutes: 60,
  badge: 'off',
  notifications: false,
  defaultLowThreshold: '25.5',
  runOutLeadHours: 12,
  digestTime: '08:30',
};

describe('exportSettingsFile', () => {
  it('leaves credentials out unless asked', () => {
    const text = exportSettingsFile({ accounts, secrets, settings, includeCredentials: false });
    expect(text).not.toContain('os-secret-token');
    expect(text).not.toContain('xo-secret');
    const json = JSON.parse(text);
    expect(json.format).toBe('balance-watch.settings');
    expect(json.version).toBe(1);
    expect(json.accounts.map((a: Record<string, unknown>) => 'credentials' in a)).toEqual([
      false,
      false,
    ]);
    // Ids and timestamps are this browser's; a file carries none.
    expect(text).not.toContain('"id"');
    expect(text).not.toContain('createdAt');
  });

  it('round-trips accounts, settings and (when asked) credentials', () => {
    const text = exportSettingsFile({ accounts, secrets, settings, includeCredentials: true });
    const file = parsed(text);
    expect(file.settings).toEqual(settings);
    expect(file.accounts).toHaveLength(2);
    expect(file.accounts[0]).toMatchObject({
      provider: 'onlinesales',
      name: 'Ads wallet',
      baseUrl: 'https://services.onlinesales.ai',
      lowThreshold: '100',
      enabled: true,
      credentials: { token: 'os-secret-token' },
      params: { merchantId: 'TOQ-15126', merchantType: 'seller', marketplaceClientId: 110600 },
    });
    expect(file.accounts[1]).toMatchObject({
      provider: 'xoxoday',
      enabled: false,
      lowThreshold: null,
      credentials: secrets.a2,
    });

    const restored = applyImport(
      importPlan(file, []),
      { accounts: [], secrets: {}, settings: DEFAULT_SETTINGS },
      {
        newId: (() => {
          let n = 0;
          return () => `new${++n}`;
        })(),
        now: 99,
      },
    );
    expect(restored.added).toBe(2);
    expect(restored.settings).toEqual(settings);
    expect(restored.accounts.map(({ id, createdAt, ...rest }) => rest)).toEqual(
      accounts.map(({ id, createdAt, ...rest }) => rest),
    );
    expect(restored.secrets).toEqual({ new1: secrets.a1, new2: secrets.a2 });
  });
});

describe('parseSettingsFile', () => {
  it('accepts the documented example with every provider', () => {
    const file = parsed(fixture('good.json'));
    expect(file.accounts.map((a) => a.provider)).toEqual([
      'onlinesales',
      'xoxoday',
      'capillary',
      'wix',
    ]);
    expect(file.settings).toEqual({
      refreshMinutes: 30,
      badge: 'low-count',
      notifications: false,
      defaultLowThreshold: '50',
    });
  });

  it('accepts accounts without credentials; they are added without secrets', () => {
    const file = parsed(fixture('no-credentials.json'));
    expect(file.accounts[0]?.credentials).toBeUndefined();
    const result = applyImport(
      importPlan(file, []),
      { accounts: [], secrets: {}, settings: DEFAULT_SETTINGS },
      { newId: () => 'x', now: 1 },
    );
    expect(result.accounts).toHaveLength(1);
    expect(result.secrets).toEqual({});
  });

  it('refuses a bad account field, naming the account and the field', () => {
    const result = parseSettingsFile(fixture('bad-field.json'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { account: 'Brand wallet', field: 'params.merchantType', message: 'Choose brand or seller' },
    ]);
  });

  it('reports every problem at once, naming unnamed accounts by position', () => {
    const result = parseSettingsFile(fixture('many-errors.json'));
    if (result.ok) throw new Error('expected errors');
    const where = result.errors.map((e) => `${e.account ?? ''}|${e.field}`);
    expect(where).toEqual(
      expect.arrayContaining([
        '|settings.refreshMinutes',
        '|settings.badge',
        'account #1|name',
        'account #1|baseUrl',
        'account #1|params.poolId',
        'Rewards|lowThreshold',
        'Rewards|colour',
        'Rewards|credentials.accessToken',
      ]),
    );
    const baseUrl = result.errors.find((e) => e.field === 'baseUrl');
    expect(baseUrl?.message).toMatch(/https/);
  });

  it('refuses an unknown provider, listing the known ones', () => {
    const result = parseSettingsFile(fixture('unknown-provider.json'));
    if (result.ok) throw new Error('expected errors');
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ account: 'PayPal', field: 'provider' });
    expect(result.errors[0]?.message).toContain('"paypal"');
    expect(result.errors[0]?.message).toContain('xoxoday, capillary, wix, onlinesales');
  });

  it('refuses another format', () => {
    const result = parseSettingsFile(fixture('wrong-format.json'));
    if (result.ok) throw new Error('expected errors');
    expect(result.errors[0]?.field).toBe('format');
    expect(result.errors[0]?.message).toContain('not a Balance Watch settings file');
  });

  it('refuses another version', () => {
    const result = parseSettingsFile(fixture('wrong-version.json'));
    if (result.ok) throw new Error('expected errors');
    expect(result.errors).toEqual([
      {
        field: 'version',
        message: 'This settings file has version 2; this Balance Watch reads version 1',
      },
    ]);
  });

  it('refuses text that is not JSON, and JSON that is not an object', () => {
    for (const text of [fixture('not-json.txt'), '', '[1,2]', 'null']) {
      const result = parseSettingsFile(text);
      expect(result.ok, text).toBe(false);
      if (result.ok) continue;
      expect(result.errors[0]?.field).toBe('file');
      expect(result.errors[0]?.message).toMatch(/not (valid JSON|a Balance Watch settings file)/);
    }
  });
});

describe('importPlan', () => {
  it('adds new wallets and skips ones already watched or listed twice', () => {
    const file = parsed(fixture('good.json'));
    const wix = file.accounts.find((a) => a.provider === 'wix');
    if (!wix) throw new Error('fixture lost its wix account');
    const twice = { ...file, accounts: [...file.accounts, { ...wix, name: 'Dup' }] };
    const existing: Account[] = [
      {
        id: 'a1',
        provider: 'onlinesales',
        name: 'Ads',
        lowThreshold: null,
        enabled: true,
        createdAt: 1,
        // Stored as typed in the form: a string, trailing slash; still the same wallet.
        baseUrl: 'https://services.onlinesales.ai/',
        params: { merchantId: 'TOQ-15126', merchantType: 'seller', marketplaceClientId: '110600' },
      },
    ];
    const plan = importPlan(twice, existing);
    expect(plan.add.map((a) => a.name)).toEqual(['Rewards', 'Loyalty points', 'Gift credits']);
    expect(plan.skip.map((a) => a.name)).toEqual(['Ads wallet', 'Dup']);
    expect(toImportPreview(plan, existing)).toEqual({
      settings: file.settings,
      settingsBefore: {},
      accounts: [
        {
          provider: 'xoxoday',
          name: 'Rewards',
          baseUrl: 'https://accounts.xoxoday.com/chef',
          hasCredentials: true,
        },
        {
          provider: 'capillary',
          name: 'Loyalty points',
          baseUrl: 'https://eu.api.capillarytech.com',
          hasCredentials: true,
        },
        {
          provider: 'wix',
          name: 'Gift credits',
          baseUrl: 'https://www.wixapis.com',
          hasCredentials: true,
        },
      ],
      // Issue 14: why each is left out, and which watched account or entry it repeats.
      skipped: [
        { provider: 'onlinesales', name: 'Ads wallet', reason: 'already-watched', same: 'Ads' },
        { provider: 'wix', name: 'Dup', reason: 'twice-in-file', same: 'Gift credits' },
      ],
      invalid: 0,
      // A file without team channels brings none.
      channels: [],
      skippedChannels: [],
    });
    // Against the settings in use, only what changes is listed, with what it is now.
    const current = { ...DEFAULT_SETTINGS, refreshMinutes: 30 } as const;
    const preview = toImportPreview(plan, existing, current);
    expect(preview.settings).not.toHaveProperty('refreshMinutes');
    expect(preview.settingsBefore).toEqual(
      Object.fromEntries(Object.keys(preview.settings).map((key) => [key, current[key as never]])),
    );
  });
});

describe('parseSettingsFile with some wrong accounts', () => {
  it('keeps the valid part aside, for an import of only the valid accounts', () => {
    const file = JSON.parse(fixture('good.json'));
    file.accounts[1].baseUrl = 'https://exa mple.com';
    file.accounts[2].name = 'x'.repeat(81);
    const result = parseSettingsFile(JSON.stringify(file));
    if (result.ok) throw new Error('a wrong account passed');
    expect(result.errors.map((e) => [e.field, e.message])).toEqual([
      ['baseUrl', 'A web address has no spaces: check the base URL for a typo'],
      ['name', 'Use at most 80 characters (this name has 81)'],
    ]);
    expect(result.validPart?.invalid).toBe(2);
    expect(result.validPart?.file.accounts.map((a) => a.name)).toEqual([
      file.accounts[0].name,
      file.accounts[3].name,
    ]);
  });

  it('keeps nothing aside when the settings themselves are wrong', () => {
    const file = JSON.parse(fixture('good.json'));
    file.settings.refreshMinutes = 7;
    file.accounts[0].baseUrl = 'nope';
    const result = parseSettingsFile(JSON.stringify(file));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.validPart).toBeUndefined();
  });
});

describe('importPlan for providers without params', () => {
  it('keeps two Xoxoday wallets on one host apart by name, and skips a re-import', () => {
    const file = parsed(fixture('good.json'));
    const xoxoday = file.accounts.find((a) => a.provider === 'xoxoday');
    if (!xoxoday) throw new Error('fixture lost its xoxoday account');
    const second = { ...xoxoday, name: 'Gift cards (USD)' };
    const plan = importPlan({ ...file, accounts: [xoxoday, second] }, []);
    expect(plan.add.map((a) => a.name)).toEqual([xoxoday.name, 'Gift cards (USD)']);

    const existing: Account[] = [
      { ...xoxoday, id: 'x1', lowThreshold: null, enabled: true, createdAt: 1, params: {} },
    ];
    const again = importPlan({ ...file, accounts: [xoxoday, second] }, existing);
    expect(again.add.map((a) => a.name)).toEqual(['Gift cards (USD)']);
    expect(again.skip.map((a) => a.name)).toEqual([xoxoday.name]);
  });
});
