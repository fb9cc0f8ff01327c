// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Dashboard } from '@/components/dashboard/Dashboard';
import { DEFAULT_SETTINGS, emptySnapshot } from '@/lib/state';
import { accountsItem, settingsItem, snapshotsItem } from '@/lib/storage/items';
import { appendHistory } from '@/lib/storage/writers/history';
import { account } from '../../support/accounts';
import { freshHistoryDb } from '../../support/history-db';

const HOUR = 60 * 60_000;
const NOW = Date.now();

const snapshot = (value: string, unit: string) => ({
  ...emptySnapshot(),
  reading: { primary: { value, unit }, details: [], warnings: [] },
  readingAt: NOW,
});

async function seed() {
  await accountsItem.setValue([
    account({ id: 'ads', name: 'Ads wallet' }),
    account({ id: 'gifts', name: 'Gift credits', provider: 'xoxoday', lowThreshold: null }),
  ]);
  await settingsItem.setValue(DEFAULT_SETTINGS);
  await snapshotsItem.setValue({ ads: snapshot('480.25', 'USD'), gifts: snapshot('12', 'INR') });
  await appendHistory(
    [
      { accountId: 'ads', unit: 'USD', t: NOW - 3 * HOUR, v: '500.10' },
      { accountId: 'ads', unit: 'USD', t: NOW - HOUR, v: '480.25' },
      { accountId: 'gifts', unit: 'INR', t: NOW - HOUR, v: '12' },
    ],
    NOW,
  );
}

beforeEach(() => {
  fakeBrowser.reset();
  freshHistoryDb();
  // happy-dom draws no canvas: the charts say so and step aside; the tables are what is tested.
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterEach(() => {
  cleanup();
});

describe('the dashboard', () => {
  it('shows each account in its unit’s group, with a table of its exact values', async () => {
    await seed();
    render(<Dashboard />);

    const usd = await screen.findByRole('region', { name: 'USD' });
    const ads = within(usd).getByRole('article', { name: 'Ads wallet' });
    expect(within(ads).getByText('Latest: $480.25')).toBeTruthy();
    expect(within(ads).getByRole('img').getAttribute('aria-label')).toBe(
      'Ads wallet over 30 days: from $500.10 to $480.25, lowest $480.25, highest $500.10. The table below has every value.',
    );
    const details = within(ads)
      .getByText('Table of values')
      .closest('details') as HTMLDetailsElement;
    details.open = true;
    fireEvent(details, new Event('toggle'));
    const table = await within(ads).findByRole('table', { name: 'Ads wallet over 30 days' });
    expect(
      within(table)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['$500.10', '$480.25']);
    expect(screen.getByRole('region', { name: 'INR' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Total in USD' })).toBeTruthy();
  });

  it('groups by provider when asked', async () => {
    await seed();
    render(<Dashboard />);
    await screen.findByRole('region', { name: 'USD' });

    fireEvent.change(screen.getByRole('combobox', { name: 'Group by' }), {
      target: { value: 'provider' },
    });

    expect(await screen.findByRole('region', { name: 'Xoxoday Plum' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'OnlineSales.ai' })).toBeTruthy();
  });

  it('says history is unavailable, and why, when there is no IndexedDB', async () => {
    await seed();
    vi.stubGlobal('indexedDB', undefined);
    render(<Dashboard />);

    expect((await screen.findByRole('alert')).textContent).toBe(
      'History unavailable: this browser gives the extension no database here.',
    );
  });

  it('offers the five ranges and reads again for the one picked', async () => {
    await seed();
    render(<Dashboard />);
    await screen.findByRole('region', { name: 'USD' });
    const ranges = screen.getByRole('group', { name: 'Range' });
    expect(
      within(ranges)
        .getAllByRole('radio')
        .map((r) => r.parentElement?.textContent),
    ).toEqual(['24 hours', '7 days', '30 days', '90 days', '1 year']);

    fireEvent.click(within(ranges).getByRole('radio', { name: '24 hours' }));

    await waitFor(() =>
      expect(
        screen
          .getByRole('article', { name: 'Ads wallet' })
          .querySelector('[role=img]')
          ?.getAttribute('aria-label'),
      ).toContain('over 24 hours'),
    );
  });
});
