import { describe, expect, it } from 'vitest';
import { quarantinedWhat } from '@/components/options/quarantine-text';
import { account } from '../../support/accounts';

const accounts = [account({ id: 'a1', name: 'Ads US' })];
const what = (key: string, path: string) =>
  quarantinedWhat({ key, path, at: 0, issues: [] }, accounts);

describe('the words for a set-aside value', () => {
  it('names the store and the entry the guard set aside', () => {
    expect(what('local:accounts', '')).toBe('Accounts (all of it)');
    expect(what('local:accounts', '[2]')).toBe('Accounts, entry 3');
    expect(what('local:secrets', '["a1"]')).toBe('Saved sign-in of Ads US');
    expect(what('local:snapshots', '["a1"]')).toBe('Latest balances of Ads US');
    expect(what('local:history', '["a1"][3]')).toBe('Balance history of Ads US, entry 4');
    expect(what('local:settings', '.defaultLowThreshold')).toBe('Settings: Default low threshold');
  });

  it('shows an account id when the account is gone, and the path when its shape is unknown', () => {
    expect(what('local:secrets', '["gone \\"1\\""]')).toBe('Saved sign-in of gone "1"');
    expect(what('local:accounts', '[2].params')).toBe('Accounts at [2].params');
    expect(what('local:accounts', '[2')).toBe('Accounts at [2');
    expect(what('local:other', '.x')).toBe('local:other: x');
  });
});
