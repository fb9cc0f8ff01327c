import { describe, expect, it } from 'vitest';
import { applyImport, importPlan, parseSettingsFile } from '@/lib/engine/settings-file';
import { type Account, DEFAULT_SETTINGS } from '@/lib/state';
import { account } from '../support/accounts';
import { exportedFile, fileWithFirst } from '../support/settings-file';

/** An account's top-up page travels in the settings file: absent, a page, or null (no link). */

const { params } = account({ id: 'x' });
const accounts: Account[] = [
  account({ id: 'a1', name: 'Ads EU', topUpUrl: 'https://pay.example.com/eu' }),
  account({ id: 'a2', name: 'Ads US', params: { ...params, merchantId: 'US-1' }, topUpUrl: null }),
  account({ id: 'a3', name: 'Ads IN', params: { ...params, merchantId: 'IN-1' } }),
];

const fileWith = (topUpUrl: unknown) => fileWithFirst(accounts, { topUpUrl });

describe('the settings file’s top-up pages', () => {
  it('exports each account’s own link and imports it back as it was', () => {
    const text = exportedFile(accounts);
    expect(JSON.parse(text).accounts.map((a: { topUpUrl?: unknown }) => a.topUpUrl)).toEqual([
      'https://pay.example.com/eu',
      null,
      undefined,
    ]);

    const result = parseSettingsFile(text);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const restored = applyImport(
      importPlan(result.file, []),
      { accounts: [], secrets: {}, settings: DEFAULT_SETTINGS },
      { newId: () => 'new', now: 1 },
    );
    expect(restored.accounts.map((a) => a.topUpUrl)).toEqual([
      'https://pay.example.com/eu',
      null,
      undefined,
    ]);
    expect(restored.accounts[2]).not.toHaveProperty('topUpUrl');
  });

  it('names the account and the field when a top-up page is not one', () => {
    for (const [value, message] of [
      [
        'http://pay.example.com',
        'Use https:// for the top-up page. Plain http:// is only allowed for localhost.',
      ],
      [
        'pay.example.com',
        'Enter the full address of the top-up page, such as https://pay.example.com',
      ],
      [42, 'Enter the full address of the top-up page, such as https://pay.example.com'],
    ] as const) {
      const result = parseSettingsFile(fileWith(value));
      expect(result.ok).toBe(false);
      expect(result.ok ? [] : result.errors).toEqual([
        { account: 'Ads EU', field: 'topUpUrl', message },
      ]);
    }
  });
});
