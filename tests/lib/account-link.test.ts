import { describe, expect, it } from 'vitest';
import { accountIdFromHash, accountOptionsPath } from '@/lib/account-link';

describe('the options page address of one account', () => {
  it('is read back as the same id, whatever characters the id holds', () => {
    for (const id of ['acc-1', 'a/b c', 'ä#&=?']) {
      const url = new URL(accountOptionsPath(id), 'chrome-extension://balance-watch');
      expect(url.pathname).toBe('/options.html');
      expect(accountIdFromHash(url.hash)).toBe(id);
    }
  });

  it('names no account when the hash has none', () => {
    expect(accountIdFromHash('')).toBeNull();
    expect(accountIdFromHash('#account=')).toBeNull();
    expect(accountIdFromHash('#other=1')).toBeNull();
  });
});
