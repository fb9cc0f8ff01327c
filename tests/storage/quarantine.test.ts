import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { QuarantineEntry } from '@/lib/storage/keys';
import { readAccounts } from '@/lib/storage/writers/accounts';
import {
  addToQuarantine,
  clearQuarantine,
  findQuarantined,
  readQuarantine,
} from '@/lib/storage/writers/quarantine';

/**
 * Quarantine is where a damaged stored value goes instead of being dropped: it may be the only
 * copy of a user's credentials. It keeps every one until the user dismisses them, and stays
 * bounded by keeping a value that keeps coming back only once.
 */

function damaged(n: number, at = n): QuarantineEntry {
  return {
    key: 'local:secrets',
    path: `["acct-${n}"]`,
    at,
    issues: ['(value): expected an object'],
    raw: `FAKE-only-copy-${n}`,
  };
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('quarantine', () => {
  it('keeps every damaged value, not only the newest ones, until the user dismisses them', async () => {
    for (let n = 1; n <= 120; n++) await addToQuarantine([damaged(n)]);

    const notices = await readQuarantine();
    expect(notices).toHaveLength(120);
    expect(notices[0]?.path).toBe('["acct-1"]');
    expect((await findQuarantined(notices[0] ?? damaged(0)))?.raw).toBe('FAKE-only-copy-1');

    await clearQuarantine();
    expect(await readQuarantine()).toEqual([]);
  });

  it('keeps a value that is set aside again only once, as first found', async () => {
    await addToQuarantine([damaged(1, 100), damaged(2, 100)]);
    await addToQuarantine([damaged(1, 200)]);
    await addToQuarantine([damaged(1, 300), damaged(3, 300)]);

    expect((await readQuarantine()).map(({ path, at }) => ({ path, at }))).toEqual([
      { path: '["acct-1"]', at: 100 },
      { path: '["acct-2"]', at: 100 },
      { path: '["acct-3"]', at: 300 },
    ]);
  });

  it('keeps two different values found at the same place', async () => {
    await addToQuarantine([damaged(1)]);
    await addToQuarantine([{ ...damaged(1), raw: 'FAKE-another-value' }]);

    expect(await readQuarantine()).toHaveLength(2);
  });

  it('sets a value aside once when its repair cannot be written and every read finds it again', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await fakeBrowser.storage.local.set({ accounts: [42] });
    const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items) => {
      if ('accounts' in items) throw new Error('QUOTA_BYTES quota exceeded');
      return set(items);
    });

    for (let n = 0; n < 60; n++) await readAccounts();

    expect(await readQuarantine()).toEqual([
      expect.objectContaining({ key: 'local:accounts', path: '[0]' }),
    ]);
  });
});
