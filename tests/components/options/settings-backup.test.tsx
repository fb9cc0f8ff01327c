// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '@/lib/state';
import {
  accountsItem,
  destinationsItem,
  destinationUrlsItem,
  secretsItem,
  settingsItem,
} from '@/lib/storage/items';
import { storedDestination } from '../../support/destinations';
import { account, seedStores } from './harness';
import { optionsPageTests } from './page';

const openPage = optionsPageTests('Settings');

/** A team channel's webhook URL: a secret, which no page may show. */
const SLACK_URL = 'https://hooks.slack.com/services/T000/B000/secretXYZ9';

/** The polite live region's text once it has announced something. */
async function announced(text: string) {
  await waitFor(() => expect(screen.getByRole('status', { name: '' }).textContent).toBe(text));
}

const fixture = (name: string) =>
  readFileSync(join(process.cwd(), 'tests/fixtures/settings', name), 'utf8');

describe('settings', () => {
  it('saves each change at once and says so', async () => {
    await openPage();
    const interval = screen.getByLabelText('Refresh every');
    expect((interval as HTMLSelectElement).value).toBe('15');
    expect(
      within(interval)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['1 minute', '5 minutes', '15 minutes', '30 minutes', '1 hour', '3 hours']);
    fireEvent.change(interval, { target: { value: '60' } });
    await waitFor(async () => expect((await settingsItem.getValue()).refreshMinutes).toBe(60));
    await announced('Saved');

    fireEvent.click(screen.getByLabelText('Show notifications'));
    await waitFor(async () => expect((await settingsItem.getValue()).notifications).toBe(false));

    fireEvent.change(screen.getByLabelText('Toolbar badge'), { target: { value: 'off' } });
    await waitFor(async () => expect((await settingsItem.getValue()).badge).toBe('off'));
  });

  it('checks the default threshold before saving it', async () => {
    await openPage();
    const threshold = screen.getByLabelText('Default low threshold');
    fireEvent.input(threshold, { target: { value: 'lots' } });
    fireEvent.change(threshold);
    expect(threshold.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/Enter the threshold as a number/)).toBeTruthy();
    expect((await settingsItem.getValue()).defaultLowThreshold).toBeNull();

    fireEvent.input(threshold, { target: { value: '250.75' } });
    fireEvent.change(threshold);
    await waitFor(async () =>
      expect((await settingsItem.getValue()).defaultLowThreshold).toBe('250.75'),
    );
    await announced('Saved');
    expect(threshold.getAttribute('aria-invalid')).toBeNull();
  });
});

describe('export', () => {
  async function exportFile(withCredentials: boolean) {
    await seedStores({
      accounts: [account({ id: 'a1' })],
      secrets: { a1: { token: 'very-secret-token' } },
      settings: { refreshMinutes: 30 },
    });
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:settings';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const downloads: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      downloads.push(this.download);
    });
    await openPage();
    if (withCredentials) {
      fireEvent.click(screen.getByLabelText('Include credentials (tokens, keys and passwords)'));
    }
    fireEvent.click(screen.getByRole('button', { name: 'Export settings' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    await announced('Settings exported');
    const [blob] = blobs;
    if (!blob) throw new Error('nothing was downloaded');
    return { name: downloads[0], text: await blob.text() };
  }

  it('downloads the settings file without credentials by default', async () => {
    const { name, text } = await exportFile(false);
    expect(name).toMatch(/^balance-watch-settings-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(text);
    expect(file).toMatchObject({ format: 'balance-watch.settings', version: 1 });
    expect(file.settings.refreshMinutes).toBe(30);
    expect(file.accounts[0]).toMatchObject({
      name: 'Ads wallet',
      params: { merchantId: 'TOQ-15126' },
    });
    expect(file.accounts[0]).not.toHaveProperty('credentials');
    expect(text).not.toContain('very-secret-token');
  });

  it('includes credentials when the checkbox asks for them', async () => {
    const { text } = await exportFile(true);
    expect(JSON.parse(text).accounts[0].credentials).toEqual({ token: 'very-secret-token' });
  });
});

describe('import', () => {
  function choose(text: string, name: string) {
    const input = screen.getByLabelText('Import settings') as HTMLInputElement;
    const file = new File([text], name, { type: 'application/json' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    fireEvent.change(input);
  }

  it('previews what the file adds and imports it on confirm', async () => {
    await seedStores({ accounts: [account({ id: 'a1' })], secrets: { a1: { token: 't' } } });
    await openPage();
    choose(fixture('good.json'), 'backup.json');
    const preview = within(
      await screen.findByRole('region', { name: 'Importing backup.json will:' }),
    );
    // Issue 14: added, changed and skipped (with why), each counted in the right plural.
    expect(preview.getAllByRole('heading').map((h) => h.textContent)).toEqual([
      'Add 3 accounts:',
      'Change 3 settings:',
      'Skip 1 account:',
    ]);
    const lines = preview.getAllByRole('listitem').map((li) => li.textContent);
    expect(lines).toEqual([
      'Add Rewards (Xoxoday Plum, https://accounts.xoxoday.com/chef) (with credentials)',
      'Add Loyalty points (Capillary, https://eu.api.capillarytech.com) (with credentials)',
      'Add Gift credits (Wix Benefit Programs, https://www.wixapis.com) (with credentials)',
      // Only what changes: the badge is already "Number of low accounts".
      'Refresh every: 15 minutes → 30 minutes',
      'Default low threshold: None → 50',
      'Show notifications: On → Off',
      // "Ads wallet" is already here (same provider, URL and merchant): not added twice.
      'Ads wallet (OnlineSales.ai): already watched as “Ads wallet”',
    ]);
    // A preview changes nothing.
    expect(await accountsItem.getValue()).toHaveLength(1);
    expect((await settingsItem.getValue()).refreshMinutes).toBe(15);

    fireEvent.click(preview.getByRole('button', { name: 'Import' }));
    await announced('Imported 3 accounts');
    const accounts = await accountsItem.getValue();
    expect(accounts.map((a) => a.name)).toEqual([
      'Ads wallet',
      'Rewards',
      'Loyalty points',
      'Gift credits',
    ]);
    expect((await settingsItem.getValue()).refreshMinutes).toBe(30);
    expect(screen.queryByRole('region', { name: /will:/ })).toBeNull();
  });

  it('says an account without credentials needs them', async () => {
    await openPage();
    choose(fixture('no-credentials.json'), 'plain.json');
    const preview = await screen.findByRole('region', { name: 'Importing plain.json will:' });
    expect(preview.textContent).toContain(
      'Add Ads wallet (OnlineSales.ai, https://services.onlinesales.ai) (without credentials: type them in before it can be checked)',
    );
  });

  it('refuses a bad file, naming account and field, and changes nothing', async () => {
    await seedStores({
      accounts: [account({ id: 'a1', name: 'Keep me' })],
      secrets: { a1: { token: 't' } },
      settings: { refreshMinutes: 5 },
    });
    const before = {
      accounts: await accountsItem.getValue(),
      secrets: await secretsItem.getValue(),
      settings: await settingsItem.getValue(),
    };
    await openPage();
    choose(fixture('bad-field.json'), 'bad.json');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('bad.json was not imported and nothing was changed');
    expect(
      within(alert)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Brand wallet, Merchant type: Choose brand or seller']);
    expect(screen.queryByRole('button', { name: 'Import' })).toBeNull();
    // The rest of the file may still be imported, by choice.
    expect(screen.getByText(/^1 account has errors and would be left out/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Import only the valid accounts' })).toBeTruthy();
    expect({
      accounts: await accountsItem.getValue(),
      secrets: await secretsItem.getValue(),
      settings: await settingsItem.getValue(),
    }).toEqual(before);
    expect(before.settings).not.toEqual(DEFAULT_SETTINGS);
  });

  it('imports only the valid accounts when the user chooses to', async () => {
    await openPage();
    choose(fixture('bad-field.json'), 'bad.json');
    fireEvent.click(await screen.findByRole('button', { name: 'Import only the valid accounts' }));
    await announced('Imported 1 account');
    expect((await accountsItem.getValue()).map((a) => a.name)).toEqual(['Ads wallet']);
  });

  it('lists nothing to do and offers no Import when a backup is imported again', async () => {
    await seedStores({ accounts: [account({ id: 'a1' })], settings: { refreshMinutes: 15 } });
    await openPage();
    const again = JSON.stringify({
      format: 'balance-watch.settings',
      version: 1,
      settings: { refreshMinutes: 15 },
      accounts: [
        {
          provider: 'onlinesales',
          name: 'Ads wallet',
          baseUrl: 'https://services.onlinesales.ai',
          params: { merchantId: 'TOQ-15126', merchantType: 'seller', marketplaceClientId: 110600 },
        },
      ],
    });
    choose(again, 'again.json');
    const preview = within(
      await screen.findByRole('region', { name: 'Importing again.json will:' }),
    );
    expect(preview.getAllByRole('heading').map((h) => h.textContent)).toEqual(['Skip 1 account:']);
    expect(
      preview.getByText(/^Nothing to import: every account in it is already watched/),
    ).toBeTruthy();
    expect(preview.queryByRole('button', { name: 'Import' })).toBeNull();
  });

  it('lists the team channels the file brings, with what happens to each, and never their URLs', async () => {
    await destinationsItem.setValue([storedDestination()]);
    await destinationUrlsItem.setValue({ d1: SLACK_URL });
    await openPage();
    const teams =
      'https://prod-01.westus.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?sig=secretT3MS';
    const channels = JSON.stringify({
      format: 'balance-watch.settings',
      version: 1,
      settings: {},
      accounts: [],
      destinations: [
        { name: 'Ops', type: 'teams', events: ['low'], url: teams },
        { name: 'Money', type: 'slack', events: ['low'], url: SLACK_URL },
        { name: 'Ops again', type: 'teams', events: ['digest'], url: teams },
      ],
    });
    choose(channels, 'channels.json');
    const region = await screen.findByRole('region', { name: 'Importing channels.json will:' });
    const preview = within(region);
    expect(preview.getAllByRole('heading').map((h) => h.textContent)).toEqual([
      'Add 1 team channel:',
      'Skip 2 team channels:',
    ]);
    expect(preview.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Add Ops (Microsoft Teams, prod-01.westus.logic.azure.com/…/T3MS)',
      'Money (Slack, hooks.slack.com/…/XYZ9): already a team channel as “Finance”, kept as it is',
      'Ops again (Microsoft Teams, prod-01.westus.logic.azure.com/…/T3MS): in the file twice, also as “Ops”',
    ]);
    expect(region.textContent).not.toContain('secret');
    expect(region.textContent).not.toContain('/workflows/');
    // A new channel is something to import, even without accounts or settings.
    fireEvent.click(preview.getByRole('button', { name: 'Import' }));
    await waitFor(async () =>
      expect((await destinationsItem.getValue()).map((d) => d.name)).toEqual(['Finance', 'Ops']),
    );
    // Says what it added, not "no account added" as if nothing had come in (the channels list
    // has a status line of its own now, so the announcement is one of two).
    await waitFor(() =>
      expect(screen.getAllByRole('status').map((status) => status.textContent)).toContain(
        'Imported 1 team channel',
      ),
    );
  });

  it('names a field by its label, never its key', async () => {
    await openPage();
    const file = JSON.parse(fixture('good.json'));
    file.accounts[0].lowThreshold = '-5';
    file.accounts[1].lowThreshold = '1,5';
    choose(JSON.stringify(file), 'typo.json');
    const alert = await screen.findByRole('alert');
    const items = within(alert)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toEqual([
      'Ads wallet, Low threshold: The threshold must be 0 or more',
      'Rewards, Low threshold: Use a dot for decimals, such as 1.5',
    ]);
    expect(alert.textContent).not.toContain('lowThreshold');
  });

  it('refuses a file that is not JSON', async () => {
    await openPage();
    choose('not json at all', 'notes.txt');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The file: This file is not valid JSON');
    expect(screen.queryByRole('button', { name: 'Import only the valid accounts' })).toBeNull();
    expect(await accountsItem.getValue()).toEqual([]);
  });
});
