// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Popup } from '@/components/popup/Popup';
import { account, DAY, seed, snapshot } from './seed';

/**
 * The popup reads balance history from IndexedDB after its first paint: the sparkline says its
 * scale, and a history it cannot read is said, never in the way of the balances.
 */

beforeEach(() => {
  fakeBrowser.reset();
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const usd = (value: string) => ({ value, unit: 'USD' });

function item(name: string): HTMLElement {
  const heading = screen.getByText(name);
  return heading.closest('li') as HTMLElement;
}

describe('the popup’s history', () => {
  it('shows each sparkline’s lowest and highest value beside it, so a small dip looks small', async () => {
    const now = Date.now();
    const points = ['1000', '990', '970', '985'].map((v, i) => ({ t: now - (3 - i) * DAY, v }));
    await seed({
      accounts: [account('a', { name: 'Ads wallet' })],
      snapshots: { a: snapshot(usd('985'), now) },
      history: { a: points },
    });
    render(<Popup />);
    await screen.findByRole('main');

    const row = within(item('Ads wallet'));
    await row.findByRole('img', { name: 'Balance history' });
    const scale = row.getByText('$1,000.00').parentElement as HTMLElement;
    expect([...scale.children].map((c) => c.textContent)).toEqual(['$1,000.00', '$970.00']);
  });

  it('shows the balances and says why history is unavailable when IndexedDB is missing', async () => {
    const now = Date.now();
    await seed({
      accounts: [account('a', { name: 'Ads wallet' })],
      snapshots: { a: snapshot(usd('985'), now) },
    });
    vi.stubGlobal('indexedDB', undefined);
    render(<Popup />);

    expect(
      await screen.findByText(
        'History unavailable: this browser gives the extension no database here.',
      ),
    ).toBeTruthy();
    expect(within(item('Ads wallet')).getByText('$985.00')).toBeTruthy();
  });
});
