// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Popup } from '@/components/popup/Popup';
import { sendMessage } from '@/lib/messages';
import { account, DAY, type Seed, seed, snapshot } from './seed';

/**
 * A row's alert controls: "Snooze" (1 hour, 1 day, 1 week, until topped up) in its details,
 * "Snoozed until 14:00" / "Snoozed until topped up" with Unsnooze on the row, and "Top up" (the
 * account's top-up page, in a new tab) while it is low or running out.
 */

vi.mock('@/lib/messages', () => ({ sendMessage: vi.fn() }));

const HOUR = DAY / 24;
const usd = (value: string) => ({ value, unit: 'USD' });

beforeEach(() => {
  fakeBrowser.reset();
  vi.mocked(sendMessage).mockReset();
});

afterEach(() => {
  cleanup();
});

async function show(data: Seed): Promise<HTMLElement> {
  await seed(data);
  render(<Popup />);
  await screen.findByRole('main');
  const [row] = within(screen.getByRole('list', { name: 'Accounts' })).getAllByRole('listitem');
  if (!row) throw new Error('no row');
  return row;
}

function lowAds(overrides: Parameters<typeof snapshot>[2] = {}): Seed {
  return {
    accounts: [
      account('a', {
        name: 'Ads',
        lowThreshold: '100',
        topUpUrl: 'https://pay.example.com/ads',
      }),
    ],
    snapshots: { a: snapshot(usd('80'), Date.now(), overrides) },
  };
}

describe('the top-up link', () => {
  it('is offered on a low row and opens the page in a new tab', async () => {
    const row = await show(lowAds());

    const link = within(row).getByRole('link', { name: 'Top up' });
    expect(link.getAttribute('href')).toBe('https://pay.example.com/ads');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toContain('noopener');
  });

  it('is offered on a row running out: below its threshold within the lead', async () => {
    const now = Date.now();
    const data = lowAds();
    // 150 left, threshold 100, 100 a day: below it in 12 hours, within the default 24 h lead.
    const trend = { perDay: 100, at: now, value: 150 };
    const row = await show({ ...data, snapshots: { a: snapshot(usd('150'), now, { trend }) } });

    expect(row.getAttribute('data-state')).toBe('running-out');
    expect(within(row).getByRole('link', { name: 'Top up' }).getAttribute('href')).toBe(
      'https://pay.example.com/ads',
    );
  });

  it('is not offered while the balance is fine', async () => {
    const data = lowAds();
    const row = await show({ ...data, snapshots: { a: snapshot(usd('500'), Date.now()) } });

    expect(within(row).queryByRole('link', { name: 'Top up' })).toBeNull();
  });
});

describe('snooze', () => {
  it('offers 1 hour, 1 day, 1 week and until topped up in the row’s details, by keyboard', async () => {
    vi.mocked(sendMessage).mockResolvedValue({ ok: true, snooze: {} } as never);
    const row = await show(lowAds());
    fireEvent.click(within(row).getByRole('button', { name: /Ads/ }));

    const menu = (await within(row).findByRole('combobox', {
      name: 'Snooze alerts',
    })) as HTMLSelectElement;
    expect([...menu.options].map((option) => option.text)).toEqual([
      'Choose…',
      '1 hour',
      '1 day',
      '1 week',
      'Until topped up',
    ]);
    fireEvent.change(menu, { target: { value: '1d' } });

    await waitFor(() =>
      expect(sendMessage).toHaveBeenCalledWith('snoozeAccount', { id: 'a', choice: '1d' }),
    );
  });

  it('says until when the row is snoozed, and Unsnooze ends it', async () => {
    vi.mocked(sendMessage).mockResolvedValue({ ok: true } as never);
    const until = Date.now() + 2 * HOUR;
    const row = await show(lowAds({ snooze: { at: Date.now(), until, from: '80' } }));
    const clock = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

    expect(row.textContent).toContain(`Snoozed until ${clock.format(until)}`);
    fireEvent.click(within(row).getByRole('button', { name: 'Unsnooze' }));

    await waitFor(() => expect(sendMessage).toHaveBeenCalledWith('unsnoozeAccount', { id: 'a' }));
  });

  it('says "until topped up" for that kind of snooze, and nothing once a timed one is over', async () => {
    let row = await show(lowAds({ snooze: { at: 1, until: null, from: '80' } }));
    expect(row.textContent).toContain('Snoozed until topped up');
    cleanup();

    row = await show(lowAds({ snooze: { at: 1, until: Date.now() - 1, from: '80' } }));
    expect(row.textContent).not.toContain('Snoozed');
    expect(within(row).queryByRole('button', { name: 'Unsnooze' })).toBeNull();
  });

  it('says why when the account was deleted meanwhile', async () => {
    vi.mocked(sendMessage).mockResolvedValue({
      ok: false,
      message: 'This account no longer exists.',
    } as never);
    const row = await show(lowAds());
    fireEvent.click(within(row).getByRole('button', { name: /Ads/ }));
    const menu = await within(row).findByRole('combobox', { name: 'Snooze alerts' });

    fireEvent.change(menu, { target: { value: '1h' } });

    expect(await within(row).findByRole('alert')).toHaveProperty(
      'textContent',
      'This account no longer exists.',
    );
  });
});
