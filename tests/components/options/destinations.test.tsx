// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsPage } from '@/components/options/OptionsPage';
import type { Destination } from '@/lib/alerts/destination';
import { destinationsItem, destinationUrlsItem } from '@/lib/storage/items';
import { storedDestination } from '../../support/destinations';
import { installBrowserStubs, startEngine } from './harness';

/** Options' Team channels: add with the permission asked in the click, refuse bad input, state. */

const SLACK = 'https://hooks.slack.com/services/T000/B000/secretXYZ9';
let stopEngine: () => void = () => {};

afterEach(() => {
  cleanup();
  stopEngine();
});

beforeEach(() => {
  fakeBrowser.reset();
});

async function openPage() {
  stopEngine = startEngine().stop;
  render(<OptionsPage />);
  const section = await screen.findByRole('region', { name: 'Team channels' });
  return within(section);
}

function type(input: HTMLElement, value: string) {
  fireEvent.input(input, { target: { value } });
}

async function fillNew(section: ReturnType<typeof within>, kind: string, url: string) {
  fireEvent.click(section.getByRole('button', { name: 'Add a channel' }));
  type(await section.findByLabelText(/^Name/), 'Finance');
  fireEvent.change(section.getByLabelText(/^Type/), { target: { value: kind } });
  type(section.getByLabelText(/^Webhook URL/), url);
}

describe('Team channels in Options', () => {
  it('adds a Slack channel, asking for its host in the click that saves, and shows it masked', async () => {
    const { request } = installBrowserStubs({ grant: true });
    const section = await openPage();
    await fillNew(section, 'slack', SLACK);

    fireEvent.click(section.getByRole('button', { name: 'Save channel' }));

    expect(request).toHaveBeenCalledWith({ origins: ['https://hooks.slack.com/*'] });
    const row = await section.findByRole('listitem');
    expect(row.textContent).toContain('Finance');
    expect(row.textContent).toContain('hooks.slack.com/…/XYZ9');
    expect(row.textContent).toContain('Low balance, Running out soon');
    expect(row.textContent).toContain('Nothing sent yet');
    expect(document.body.innerHTML).not.toContain('secretXYZ9');
    expect(await destinationUrlsItem.getValue()).toEqual({ 'acc-1': SLACK });
  });

  it('refuses a Slack URL entered as Teams, asks for nothing and saves nothing', async () => {
    const { request } = installBrowserStubs({ grant: true });
    const section = await openPage();
    await fillNew(section, 'teams', SLACK);

    fireEvent.click(section.getByRole('button', { name: 'Save channel' }));

    await section.findByText('This is a Slack webhook URL; choose Slack as the type.');
    expect(section.getByLabelText(/^Webhook URL/).getAttribute('aria-invalid')).toBe('true');
    expect(request).not.toHaveBeenCalled();
    expect(await destinationsItem.getValue()).toEqual([]);
  });

  it('saves nothing when the permission prompt is refused', async () => {
    installBrowserStubs({ grant: false });
    const section = await openPage();
    await fillNew(section, 'slack', SLACK);

    fireEvent.click(section.getByRole('button', { name: 'Save channel' }));

    await section.findByText(
      'Without access to hooks.slack.com the messages cannot be sent; nothing was saved.',
    );
    expect(await destinationsItem.getValue()).toEqual([]);
  });

  it('shows why failures turned a channel off, and Turn on again clears it', async () => {
    installBrowserStubs();
    const off: Destination = {
      id: 'd1',
      name: 'Finance',
      type: 'generic',
      events: ['low'],
      enabled: false,
      urlHint: 'example.com/…/hook',
      lastOkAt: null,
      failures: 3,
      lastError: '404 Not Found',
      disabledReason: '404 Not Found',
    };
    await destinationsItem.setValue([off]);
    await destinationUrlsItem.setValue({ d1: 'https://example.com/hook' });
    const section = await openPage();

    await section.findByText('Turned off after 3 failures: 404 Not Found');
    fireEvent.click(section.getByRole('button', { name: 'Turn on again' }));

    await section.findByText('Nothing sent yet');
    expect((await destinationsItem.getValue())[0]).toMatchObject({ enabled: true, failures: 0 });
  });

  it('offers Grant access for a channel whose site is not granted (an imported one)', async () => {
    const { request } = installBrowserStubs({ grant: true });
    await destinationsItem.setValue([
      storedDestination({ lastError: 'Access to hooks.slack.com was not granted' }),
    ]);
    const section = await openPage();
    await section.findByText('Not sent: Access to hooks.slack.com was not granted');

    fireEvent.click(await section.findByRole('button', { name: 'Grant access' }));

    expect(request).toHaveBeenCalledWith({ origins: ['https://hooks.slack.com/*'] });
  });

  it('says how a failing channel is doing, out of the three that turn it off', async () => {
    installBrowserStubs();
    await destinationsItem.setValue([
      {
        id: 'd1',
        name: 'Finance',
        type: 'discord',
        events: ['low'],
        enabled: true,
        urlHint: 'discord.com/…/abcd',
        lastOkAt: 1,
        failures: 2,
        lastError: '404 Not Found',
        disabledReason: null,
      },
    ]);
    const section = await openPage();
    await section.findByText('Failing: 404 Not Found (2 of 3)');
  });
});
