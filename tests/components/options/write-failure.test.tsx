// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsPage } from '@/components/options/OptionsPage';
import { accountsItem, settingsItem } from '@/lib/storage/items';
import { account, installBrowserStubs, seedStores, startEngine } from './harness';

/**
 * A change the browser refuses to store (storage.local.set rejects) is reported on the options
 * page in the background's words, and the page shows the stores as they still are.
 */

const REFUSED =
  'That did not work: The browser did not save this change (QUOTA_BYTES quota exceeded), so nothing was changed. Try again; if it keeps failing, the browser’s storage may be full or damaged.';

let stopEngine: () => void = () => {};

function refuseEveryWrite(): void {
  vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(
    new Error('QUOTA_BYTES quota exceeded'),
  );
}

async function openPage() {
  installBrowserStubs();
  await seedStores({ accounts: [account({ id: 'os-1' })], settings: {} });
  stopEngine = startEngine().stop;
  render(<OptionsPage />);
  await screen.findByText('Ads wallet');
  vi.spyOn(console, 'error').mockImplementation(() => {});
}

beforeEach(() => {
  fakeBrowser.reset();
});

afterEach(() => {
  cleanup();
  stopEngine();
});

describe('a change the browser does not store', () => {
  it('says so when an account cannot be deleted, and keeps it listed', async () => {
    await openPage();
    refuseEveryWrite();

    const row = within(
      (screen.getByText('Ads wallet').closest('li') ?? document.body) as HTMLElement,
    );
    fireEvent.click(row.getByRole('button', { name: 'Delete Ads wallet' }));
    const confirm = within(row.getByText(/^Delete Ads wallet\?/).parentElement as HTMLElement);
    fireEvent.click(confirm.getByRole('button', { name: 'Delete' }));

    expect((await screen.findByRole('alert')).textContent).toBe(REFUSED);
    expect(screen.getByText('Ads wallet')).toBeTruthy();
    expect(await accountsItem.getValue()).toHaveLength(1);
  });

  it('says so when a setting cannot be saved', async () => {
    await openPage();
    refuseEveryWrite();

    fireEvent.change(screen.getByLabelText('Refresh every'), { target: { value: '60' } });

    expect((await screen.findByRole('alert')).textContent).toBe(REFUSED);
    expect((await settingsItem.getValue()).refreshMinutes).toBe(15);
  });
});
