// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Popup } from '@/components/popup/Popup';
import { sendMessage } from '@/lib/messages';
import { engineStatusItem, snapshotsItem } from '@/lib/storage/items';
import { account, DAY, failure, MINUTE, type Seed, seed, snapshot } from './seed';

vi.mock('@/lib/messages', () => ({ sendMessage: vi.fn() }));

beforeEach(() => {
  fakeBrowser.reset();
  vi.mocked(sendMessage).mockReset();
});

afterEach(() => {
  cleanup();
});

async function show(data: Seed) {
  await seed(data);
  render(<Popup />);
  // Nothing renders until the stores are read; then the list or the empty state is there.
  await screen.findByRole('main');
}

function items(): HTMLElement[] {
  return within(screen.getByRole('list', { name: 'Accounts' })).getAllByRole('listitem');
}

function item(name: string): HTMLElement {
  const found = items().find((li) => li.querySelector('.name')?.textContent === name);
  if (!found) throw new Error(`no list item named ${name}`);
  return found;
}

const usd = (value: string) => ({ value, unit: 'USD' });

describe('Popup', () => {
  it('shows one total per unit in a stable order, each labelled by its providers, and the low count', async () => {
    const now = Date.now();
    await show({
      accounts: [
        account('a', { name: 'Ads US', lowThreshold: '1' }),
        account('b', { name: 'Ads US 2' }),
        account('c', { name: 'Ads IN' }),
        account('d', { name: 'Loyalty', provider: 'capillary' }),
        account('e', { name: 'Benefits', provider: 'wix' }),
      ],
      snapshots: {
        a: snapshot(usd('0.10'), now),
        b: snapshot(usd('1234.20'), now),
        c: snapshot({ value: '109970', unit: 'INR' }, now),
        d: snapshot({ value: '1200', unit: 'points:capillary' }, now),
        e: snapshot({ value: '40.5', unit: 'credits' }, now),
      },
    });
    const totals = within(screen.getByRole('region', { name: 'Totals' }));
    // Issue 14: currencies by code, then points, then credits; every unit labelled alike.
    expect(totals.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '₹109,970.00OnlineSales.ai',
      '$1,234.30OnlineSales.ai',
      '1,200 pointsCapillary',
      '40.5 creditsWix Benefit Programs',
    ]);
    expect(totals.getByText('1 low')).toBeTruthy();
  });

  it('says none is low when no account is below its threshold', async () => {
    await show({
      accounts: [account('a', { lowThreshold: '5' })],
      snapshots: { a: snapshot(usd('5'), Date.now()) },
    });
    expect(screen.getByText('None low')).toBeTruthy();
    expect(screen.queryByText('Low')).toBeNull();
  });

  it('lists low accounts first, then failing ones, then the rest by name', async () => {
    const now = Date.now();
    await show({
      accounts: [
        account('1', { name: 'Charlie' }),
        account('2', { name: 'alpha' }),
        account('3', { name: 'Broken', provider: 'wix' }),
        account('4', { name: 'Zulu', lowThreshold: '10' }),
      ],
      snapshots: {
        1: snapshot(usd('50'), now),
        2: snapshot(usd('50'), now),
        3: snapshot(null, null, { lastAttemptAt: now, error: failure('server', 'boom') }),
        4: snapshot(usd('9.99'), now),
      },
    });
    expect(items().map((li) => li.querySelector('.name')?.textContent)).toEqual([
      'Zulu',
      'Broken',
      'alpha',
      'Charlie',
    ]);
  });

  it('flags a low account with its threshold and names the provider', async () => {
    await show({
      accounts: [account('a', { name: 'Ads wallet', lowThreshold: '500' })],
      snapshots: { a: snapshot(usd('120.5'), Date.now() - 5 * MINUTE - 1000) },
    });
    const row = within(item('Ads wallet'));
    expect(row.getByText('OnlineSales.ai')).toBeTruthy();
    expect(row.getByText('$120.50')).toBeTruthy();
    expect(row.getByText('Low')).toBeTruthy();
    expect(row.getByText('below $500.00')).toBeTruthy();
    expect(row.getByText('Updated 5 min ago')).toBeTruthy();
    expect(row.queryByText('Stale')).toBeNull();
  });

  it('shows a failed attempt with the provider message, a fix link and a stale mark', async () => {
    await show({
      accounts: [account('acc-1', { name: 'Plum', provider: 'xoxoday' })],
      snapshots: {
        'acc-1': snapshot(usd('80'), Date.now() - 2 * 60 * MINUTE, {
          lastAttemptAt: Date.now(),
          error: failure('auth', 'Invalid authorization header', 'PIPE10013'),
        }),
      },
    });
    const row = within(item('Plum'));
    expect(row.getByText('$80.00')).toBeTruthy();
    // One visual state: one tag, one line of when; no "Updated" beside a failure.
    expect(row.getByText("Can't be read")).toBeTruthy();
    expect(row.queryByText('Stale')).toBeNull();
    expect(row.queryByText(/^Updated/)).toBeNull();
    expect(
      row.getByText(
        /^Last good 2 h ago · last try .+ failed · no retry until the account is fixed$/,
      ),
    ).toBeTruthy();
    const note = row.getByText('Sign-in failed').parentElement;
    expect(note?.textContent).toBe('Sign-in failed: Invalid authorization header (code PIPE10013)');
    // What it means for Xoxoday, and the field that fixes it.
    expect(note?.nextElementSibling?.textContent).toMatch(
      /^Xoxoday refused the access token\. Most likely it has expired .+ Make a new access token in the Xoxoday dashboard and paste it in Settings\. Fix in Settings$/,
    );
    const fix = row.getByRole('link', { name: 'Fix in Settings' });
    expect(fix.getAttribute('href')).toBe(
      '/options.html#account=acc-1&field=credentials.accessToken',
    );
  });

  it('marks an old reading stale even when nothing failed', async () => {
    await show({
      accounts: [account('a', { name: 'Quiet' })],
      settings: { refreshMinutes: 5 },
      snapshots: { a: snapshot(usd('80'), Date.now() - 30 * MINUTE) },
    });
    const row = within(item('Quiet'));
    expect(row.getByText('Out of date')).toBeTruthy();
    expect(row.getByText('Updated 30 min ago')).toBeTruthy();
    expect(row.queryByRole('link', { name: 'Fix in Settings' })).toBeNull();
  });

  it('shows an account that never had a balance with its error only', async () => {
    await show({
      accounts: [account('a', { name: 'New pool', provider: 'wix' })],
      snapshots: {
        a: snapshot(null, null, { lastAttemptAt: Date.now(), error: failure('timeout', '') }),
      },
    });
    const row = within(item('New pool'));
    expect(row.getByText('No balance yet')).toBeTruthy();
    expect(row.getByText('Timed out').parentElement?.textContent).toBe('Timed out');
    // Nothing in Settings fixes a timeout: no link, but what happens next.
    expect(row.queryByRole('link', { name: 'Fix in Settings' })).toBeNull();
    expect(
      row.getByText(/^Wix Benefit Programs took too long to answer\. Nothing to do/),
    ).toBeTruthy();
    expect(row.getByText(/^Last try .+ failed · next try /)).toBeTruthy();
    // Stale means "an old balance is shown"; with no balance there is nothing stale.
    expect(row.queryByText('Stale')).toBeNull();
  });

  it('explains the empty state and opens the new account form in a new options tab', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({} as never);
    await show({});
    expect(screen.getByRole('heading', { name: 'No accounts yet' })).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Accounts' })).toBeNull();
    // With nothing to refresh, the only action is adding an account.
    expect(screen.queryByRole('button', { name: 'Refresh now' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Add account' }));
    await waitFor(() => expect(create).toHaveBeenCalledOnce());
    expect(create.mock.calls[0]?.[0].url).toMatch(/\/options\.html#new$/);
  });

  it('opens the form in the options tab already open, at the field to fix', async () => {
    // The options tab is one of the extension's views: the popup sets its address (the page then
    // brings itself forward); no second options tab.
    const optionsTab = { location: { pathname: '/options.html', hash: '' } };
    vi.spyOn(fakeBrowser.extension, 'getViews').mockReturnValue([optionsTab] as never);
    const focus = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue();
    const create = vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({} as never);
    await show({
      accounts: [account('w', { name: 'Pool', provider: 'wix' })],
      snapshots: {
        w: snapshot(null, null, {
          lastAttemptAt: Date.now(),
          error: { ...failure('auth', 'Permission denied', 'PERMISSION_DENIED'), status: 403 },
        }),
      },
    });
    const row = within(item('Pool'));
    expect(
      row.getByText(/Benefit Programs read permission \(SCOPE\.BENEFIT_PROGRAMS\.READ\)/),
    ).toBeTruthy();
    fireEvent.click(row.getByRole('link', { name: 'Fix in Settings' }));
    await waitFor(() =>
      expect(optionsTab.location.hash).toBe('#account=w&field=credentials.apiKey'),
    );
    expect(create).not.toHaveBeenCalled();
    expect(focus).not.toHaveBeenCalled();
  });

  it('opens the options page from Settings', async () => {
    const open = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue();
    await show({ accounts: [account('a')], snapshots: {} });
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(open).toHaveBeenCalledOnce();
  });

  it('shows the details behind a disclosure button', async () => {
    await show({
      accounts: [account('w', { name: 'Benefits', provider: 'wix' })],
      snapshots: {
        w: snapshot({ value: '40', unit: 'credits' }, Date.now(), {
          details: [
            { key: 'reserved', label: 'Reserved', amount: { value: '12.5', unit: 'credits' } },
            { key: 'custom', label: 'Adapter label', amount: usd('3') },
          ],
          warnings: ['Program is paused'],
        }),
      },
    });
    const toggle = screen.getByRole('button', { name: /Benefits/ });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByText('Reserved credits')).toBeNull();

    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const region = document.getElementById(toggle.getAttribute('aria-controls') ?? '');
    if (!region) throw new Error('aria-controls names no element');
    const details = within(region);
    expect(details.getByText('Reserved credits').nextElementSibling?.textContent).toBe(
      '12.5 credits',
    );
    expect(details.getByText('Adapter label').nextElementSibling?.textContent).toBe('$3.00');
    expect(details.getByText('Program is paused')).toBeTruthy();

    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByText('Reserved credits')).toBeNull();
  });

  it('draws history, and says when the balance runs out from the engine’s fitted trend', async () => {
    const now = Date.now();
    // 100 a day from 1000: 600 left after 4 days, so about 6 more days.
    const history = Array.from({ length: 5 }, (_, i) => ({
      t: now - (4 - i) * DAY,
      v: String(1000 - 100 * i),
    }));
    const trend = { perDay: 100, at: now, value: 600 };
    await show({
      accounts: [
        account('a', { name: 'Burning' }),
        account('b', { name: 'Flat' }),
        account('c', { name: 'Near', lowThreshold: '550' }),
      ],
      snapshots: {
        a: snapshot(usd('600'), now, { trend }),
        b: snapshot(usd('600'), now),
        c: snapshot(usd('600'), now, { trend }),
      },
      history: { a: history, b: history.map((point) => ({ ...point, v: '600' })) },
    });
    const burning = within(item('Burning'));
    expect(await burning.findByRole('img', { name: 'Balance history' })).toBeTruthy();
    expect(burning.getByText('Empty in ~6d').className).toBe('runs-out');
    const flat = within(item('Flat'));
    expect(flat.getByRole('img', { name: 'Balance history' })).toBeTruthy();
    expect(flat.queryByText(/Empty in|Below threshold/)).toBeNull();
    // Below 550 in 12 hours, within the default 24-hour lead: a warning, history or not.
    const near = within(item('Near'));
    expect(near.getByText('Below threshold in ~12h · empty in ~6d').className).toBe(
      'runs-out warning',
    );
    expect(item('Near').dataset.state).toBe('running-out');
  });

  it('warns when a token expires within three days', async () => {
    const now = Date.now();
    await show({
      accounts: [
        account('x', { name: 'Plum', provider: 'xoxoday' }),
        account('y', { name: 'Plum later', provider: 'xoxoday' }),
      ],
      snapshots: {
        x: { ...snapshot(usd('10'), now), tokenExpiresAt: now + 2 * DAY + MINUTE },
        y: { ...snapshot(usd('10'), now), tokenExpiresAt: now + 10 * DAY },
      } as never,
    });
    const plum = within(item('Plum'));
    expect(
      plum.getByText(/Sign-in expires in 2 days: renew the Xoxoday token in Settings\./),
    ).toBeTruthy();
    expect(plum.getByRole('link', { name: 'Renew it in Settings' }).getAttribute('href')).toBe(
      '/options.html#account=x&field=credentials.accessToken',
    );
    expect(within(item('Plum later')).queryByText(/access token/)).toBeNull();
  });

  it('updates live when a round writes new snapshots', async () => {
    await show({
      accounts: [account('a', { name: 'Ads', lowThreshold: '100' })],
      snapshots: { a: snapshot(usd('500'), Date.now() - 10 * MINUTE) },
    });
    expect(within(item('Ads')).getByText('$500.00')).toBeTruthy();
    expect(screen.getByText('None low')).toBeTruthy();

    await snapshotsItem.setValue({ a: snapshot(usd('42'), Date.now()) });

    await waitFor(() => expect(within(item('Ads')).getByText('$42.00')).toBeTruthy());
    expect(within(item('Ads')).getByText('below $100.00')).toBeTruthy();
    expect(screen.getByText('1 low')).toBeTruthy();
    expect(within(item('Ads')).getByText('Updated just now')).toBeTruthy();
  });

  it('disables Refresh now while a round runs and enables it when the round ends', async () => {
    await show({ accounts: [account('a')], engine: { roundRunning: true } });
    const button = screen.getByRole('button', { name: 'Refresh now' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(screen.getByRole('status').textContent).toBe('Refreshing…');

    await engineStatusItem.setValue({
      roundRunning: false,
      firstRound: false,
      online: true,
      lastRoundAt: Date.now(),
    });
    await waitFor(() => expect(button.disabled).toBe(false));
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('asks the background for a round and stays busy until it answers', async () => {
    let finish: (value: { refreshed: number }) => void = () => {};
    vi.mocked(sendMessage).mockReturnValue(
      new Promise((resolve) => {
        finish = resolve;
      }) as never,
    );
    await show({ accounts: [account('a')] });
    const button = screen.getByRole('button', { name: 'Refresh now' }) as HTMLButtonElement;
    expect(button.disabled).toBe(false);

    fireEvent.click(button);
    await waitFor(() => expect(button.disabled).toBe(true));
    await waitFor(() => expect(sendMessage).toHaveBeenCalledWith('refreshNow', {}));
    expect(screen.getByRole('status').textContent).toBe('Refreshing…');

    finish({ refreshed: 1 });
    await waitFor(() => expect(button.disabled).toBe(false));
  });

  it('says so when the background could not be reached, and lets the user retry', async () => {
    vi.mocked(sendMessage).mockRejectedValue(new Error('Could not establish connection'));
    await show({ accounts: [account('a')] });
    const button = screen.getByRole('button', { name: 'Refresh now' }) as HTMLButtonElement;
    fireEvent.click(button);
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('Could not start a refresh. Try again.'),
    );
    expect(button.disabled).toBe(false);
  });

  it('tells the user the balances are the last known ones while offline', async () => {
    await show({
      accounts: [account('a', { name: 'Ads' })],
      snapshots: { a: snapshot(usd('7'), Date.now()) },
      engine: { online: false },
    });
    expect(screen.getByRole('status').textContent).toBe(
      'Offline: showing the last known balances.',
    );
    expect(within(item('Ads')).getByText('$7.00')).toBeTruthy();
  });

  it('lists all of 500 accounts in order, low ones first', async () => {
    const now = Date.now();
    const accounts = Array.from({ length: 500 }, (_, i) =>
      account(`a${i}`, { name: `Wallet ${String(i).padStart(3, '0')}`, lowThreshold: '10' }),
    );
    const snapshots = Object.fromEntries(
      accounts.map((a, i) => [a.id, snapshot(usd(i === 420 ? '5' : '100'), now)]),
    );
    await show({ accounts, snapshots });
    await waitFor(() => expect(items()).toHaveLength(500));
    const names = items().map((li) => li.querySelector('.name')?.textContent);
    expect(names.slice(0, 3)).toEqual(['Wallet 420', 'Wallet 000', 'Wallet 001']);
    expect(names.at(-1)).toBe('Wallet 499');
    expect(screen.getByText('$49,905.00')).toBeTruthy();
  });

  it('marks the first paint with balances for the benchmark', async () => {
    const mark = vi.spyOn(performance, 'mark');
    await show({
      accounts: [account('a', { name: 'Ads' })],
      snapshots: { a: snapshot(usd('1'), Date.now()) },
    });
    await waitFor(() => expect(mark).toHaveBeenCalledWith('balances-painted'));
    expect(mark.mock.calls.filter(([name]) => name === 'balances-painted')).toHaveLength(1);
  });
});

describe('Popup: truth at a glance (issue 14)', () => {
  it('never says "None low" while accounts fail, and says what the totals leave out', async () => {
    const now = Date.now();
    await show({
      accounts: [
        account('a', { name: 'Fine' }),
        account('b', { name: 'Broken' }),
        account('c', { name: 'Old one' }),
      ],
      snapshots: {
        a: snapshot(usd('10'), now),
        b: snapshot(null, null, { lastAttemptAt: now, error: failure('server', 'boom') }),
        c: snapshot(usd('5'), now - 3 * 60 * MINUTE, {
          lastAttemptAt: now,
          error: failure('timeout', ''),
        }),
      },
    });
    const totals = within(screen.getByRole('region', { name: 'Totals' }));
    expect(totals.getByText("2 can't be read")).toBeTruthy();
    expect(totals.queryByText('None low')).toBeNull();
    expect(
      totals.getByText('Excludes 1 account without a balance · 1 balance is 3 h old'),
    ).toBeTruthy();
  });

  it('shows one precision per unit, and the exact value once expanded', async () => {
    await show({
      accounts: [account('p', { name: 'Loyalty', provider: 'capillary', lowThreshold: '10' })],
      snapshots: { p: snapshot({ value: '8391.276', unit: 'points:capillary' }, Date.now()) },
    });
    const row = within(item('Loyalty'));
    expect(row.getByText('8,391.28 points')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /Loyalty/ }));
    expect(row.getByText('Exact: 8,391.276 points')).toBeTruthy();
    // The threshold in force shows even when the balance is above it.
    expect(row.getByText('Warns below 10 points')).toBeTruthy();
  });

  it('cuts a long name to one line, with the whole name on hover', async () => {
    const long = 'Wallet '.repeat(75).trim();
    await show({ accounts: [account('l', { name: long })], snapshots: {} });
    const name = document.querySelector('li.account .name');
    expect(name?.getAttribute('title')).toBe(long);
  });

  it('shows the wait a provider asked for', async () => {
    const now = Date.now();
    await show({
      accounts: [account('w', { name: 'Busy' })],
      snapshots: {
        w: snapshot(usd('50'), now - 10 * MINUTE, {
          lastAttemptAt: now - MINUTE,
          error: { kind: 'rate-limited', message: '', retryAfterMs: 30 * MINUTE },
          nextAttemptAt: now + 29 * MINUTE,
        }),
      },
    });
    const row = within(item('Busy'));
    expect(
      row.getByText(
        /^Last good 10 min ago · waiting until .+: the provider asked us to slow down$/,
      ),
    ).toBeTruthy();
    expect(row.queryByRole('link', { name: 'Fix in Settings' })).toBeNull();
  });
});

describe('Popup totals of one provider in two units', () => {
  it('name their accounts, so two programs’ points never read alike', async () => {
    const now = Date.now();
    await show({
      accounts: [
        account('a', { name: 'India', provider: 'capillary' }),
        account('b', { name: 'EU store', provider: 'capillary' }),
      ],
      snapshots: {
        a: snapshot({ value: '10', unit: 'points:capillary#apac/1' }, now),
        b: snapshot({ value: '20', unit: 'points:capillary#eu/2' }, now),
      },
    });
    const totals = within(screen.getByRole('region', { name: 'Totals' }));
    expect(totals.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '10 pointsCapillary · India',
      '20 pointsCapillary · EU store',
    ]);
  });
});
