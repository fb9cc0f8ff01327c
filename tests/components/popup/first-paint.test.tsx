// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PAINTED_MARK, Popup } from '@/components/popup/Popup';
import { FIRST_SCREEN_ROWS } from '@/lib/popup-summary';
import { account, seed, snapshot } from './seed';

/**
 * Issue 17: the popup's first paint reads only what it shows, the summary the background keeps
 * (local:popupSummary), whatever the number of accounts; the rest of the rows come right after.
 */

vi.mock('@/lib/messages', () => ({ sendMessage: vi.fn() }));

beforeEach(() => {
  fakeBrowser.reset();
});

afterEach(() => {
  cleanup();
});

/** The storage.local keys each get asked for, in order. */
function watchLocalGets(): string[][] {
  const asked: string[][] = [];
  const get = fakeBrowser.storage.local.get.bind(fakeBrowser.storage.local);
  vi.spyOn(fakeBrowser.storage.local, 'get').mockImplementation(async (keys) => {
    asked.push(keys == null ? ['(all)'] : [keys].flat().map(String));
    return get(keys);
  });
  return asked;
}

const rows = () =>
  within(screen.getByRole('list', { name: 'Accounts' })).getAllByRole('listitem').length;

describe('the popup first paint', () => {
  it('reads the summary alone, paints its first screen, then lists every account', async () => {
    const now = Date.now();
    const ids = Array.from({ length: 40 }, (_, i) => `a${String(i + 1).padStart(2, '0')}`);
    await seed({
      accounts: ids.map((id) => account(id, { name: `Wallet ${id}` })),
      snapshots: Object.fromEntries(
        ids.map((id) => [id, snapshot({ value: '10', unit: 'USD' }, now)]),
      ),
    });
    const asked = watchLocalGets();
    const mark = performance.mark.bind(performance);
    vi.spyOn(performance, 'mark').mockImplementation((name, options) => {
      if (name === PAINTED_MARK) asked.push([PAINTED_MARK]);
      return mark(name, options);
    });

    render(<Popup />);
    await screen.findByRole('main');

    expect(asked[0]).toEqual(['popupSummary']);
    expect(rows()).toBe(FIRST_SCREEN_ROWS);
    // The totals are over every account, not only the rows painted.
    expect(screen.getByRole('region', { name: 'Totals' }).textContent).toContain('400');

    await waitFor(() => expect(rows()).toBe(40));
    // Only after the paint: the accounts, the settings and the accounts' snapshots.
    const keys = asked.flat();
    expect(keys.indexOf(PAINTED_MARK)).toBeGreaterThan(0);
    expect(keys.indexOf('snapshot:a40')).toBeGreaterThan(keys.indexOf(PAINTED_MARK));
  });

  it('with no summary yet (a background not started since the update), reads the stores', async () => {
    const now = Date.now();
    await seed({
      accounts: [account('a', { name: 'Wallet a' })],
      snapshots: { a: snapshot({ value: '10', unit: 'USD' }, now) },
    });
    await fakeBrowser.storage.local.remove('popupSummary');

    render(<Popup />);
    await screen.findByRole('main');
    await waitFor(() => expect(rows()).toBe(1));
  });
});
