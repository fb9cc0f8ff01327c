// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsPage } from '@/components/options/OptionsPage';
import { account, installBrowserStubs, seedStores, startEngine } from './harness';

/**
 * A provider host from the manifest that the user switched off (Firefox lets them, per site):
 * the account cannot be checked until access is granted again, and its row offers that.
 */

let stopEngine: () => void = () => {};

beforeEach(() => {
  fakeBrowser.reset();
});

afterEach(() => {
  cleanup();
  stopEngine();
});

describe('a revoked provider host', () => {
  it('offers Grant access in the account’s row; a granted one does not', async () => {
    const { granted } = installBrowserStubs();
    granted.delete('https://services.onlinesales.ai/*');
    await seedStores({
      accounts: [
        account({ id: 'os', name: 'Ads wallet', baseUrl: 'https://services.onlinesales.ai' }),
        account({
          id: 'wix',
          provider: 'wix',
          name: 'Gift credits',
          baseUrl: 'https://www.wixapis.com',
          params: { siteId: 'site-1', poolId: 'pool-1' },
        }),
      ],
    });
    stopEngine = startEngine().stop;
    render(<OptionsPage />);

    const row = within((await screen.findByText('Ads wallet')).closest('li') ?? document.body);
    expect(
      await row.findByRole('button', { name: 'Grant access to services.onlinesales.ai' }),
    ).toBeTruthy();
    expect(row.getByText('Unreachable: no access to services.onlinesales.ai')).toBeTruthy();
    const other = within((await screen.findByText('Gift credits')).closest('li') ?? document.body);
    expect(other.queryByRole('button', { name: /^Grant access/ })).toBeNull();
  });
});
