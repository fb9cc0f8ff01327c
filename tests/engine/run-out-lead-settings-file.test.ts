import { describe, expect, it } from 'vitest';
import { applyImport, importPlan, parseSettingsFile } from '@/lib/engine/settings-file';
import { type Account, DEFAULT_SETTINGS } from '@/lib/state';
import { account } from '../support/accounts';
import { exportedFile, fileWithFirst } from '../support/settings-file';

/** An account's own run-out lead travels in the settings file: absent or null is the default. */

const { params } = account({ id: 'x' });
const accounts: Account[] = [
  account({ id: 'a1', name: 'Ads EU', runOutLeadHours: 6 }),
  account({ id: 'a2', name: 'Ads IN', params: { ...params, merchantId: 'IN-1' } }),
];

const fileWith = (runOutLeadHours: unknown) => fileWithFirst(accounts, { runOutLeadHours });

describe('the settings file’s run-out leads', () => {
  it('exports an account’s own lead and imports it back; the default stays absent', () => {
    const text = exportedFile(accounts);
    const exported = JSON.parse(text).accounts as { runOutLeadHours?: unknown }[];
    expect(exported.map((a) => a.runOutLeadHours)).toEqual([6, undefined]);

    const result = parseSettingsFile(text);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const restored = applyImport(
      importPlan(result.file, []),
      { accounts: [], secrets: {}, settings: DEFAULT_SETTINGS },
      { newId: () => 'new', now: 1 },
    );
    expect(restored.accounts.map((a) => a.runOutLeadHours)).toEqual([6, undefined]);
  });

  it('accepts null as the default, and refuses a lead that is not a positive number', () => {
    expect(parseSettingsFile(fileWith(null)).ok).toBe(true);
    for (const bad of [0, -3, '24', true]) {
      const result = parseSettingsFile(fileWith(bad));
      if (result.ok) throw new Error(`accepted ${JSON.stringify(bad)}`);
      expect(result.errors).toContainEqual(
        expect.objectContaining({
          field: 'runOutLeadHours',
          message:
            'Enter how many hours ahead to warn, like 24, or leave it empty for the default.',
        }),
      );
    }
  });
});
