import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Destination } from '@/lib/alerts/destination';
import { backupHandlers } from '@/lib/engine/commands/backup';
import type { CommandDeps } from '@/lib/engine/commands/deps';
import { destinationsItem, destinationUrlsItem } from '@/lib/storage/items';

/**
 * Team channels in the settings file: a channel's URL is a secret, so channels travel only in a
 * file exported with credentials; an import adds the channels not stored yet, or refuses the file
 * with what is wrong and stores nothing.
 */

const SLACK = 'https://hooks.slack.com/services/T000/B000/secretXYZ9';
let ids = 0;
const handlers = () =>
  backupHandlers({
    now: () => 1,
    newId: () => `n${++ids}`,
    refresher: { refresh: async () => ({}), running: () => undefined },
  } as unknown as CommandDeps);

const finance: Destination = {
  id: 'd1',
  name: 'Finance',
  type: 'slack',
  events: ['low', 'digest'],
  enabled: true,
  urlHint: 'hooks.slack.com/…/XYZ9',
  lastOkAt: 5,
  failures: 1,
  lastError: '503 Service Unavailable',
  disabledReason: null,
};

beforeEach(async () => {
  fakeBrowser.reset();
  ids = 0;
  await destinationsItem.setValue([finance]);
  await destinationUrlsItem.setValue({ d1: SLACK });
});

const file = (destinations: unknown) =>
  JSON.stringify({
    format: 'balance-watch.settings',
    version: 1,
    settings: {},
    accounts: [],
    destinations,
  });

describe('team channels in the settings file', () => {
  it('are left out of an export without credentials', async () => {
    const { text } = await handlers().exportSettings({ includeCredentials: false });
    expect(text).not.toContain('destinations');
    expect(text).not.toContain('secretXYZ9');
  });

  it('are exported with their URLs when credentials are asked for, and not doubled on re-import', async () => {
    const { text } = await handlers().exportSettings({ includeCredentials: true });
    expect(JSON.parse(text).destinations).toEqual([
      { name: 'Finance', type: 'slack', events: ['low', 'digest'], enabled: true, url: SLACK },
    ]);

    expect(await handlers().importSettings({ text })).toEqual({ ok: true, added: 0, channels: 0 });
    expect(await destinationsItem.getValue()).toEqual([finance]);
  });

  it('are added by an import, with a fresh delivery record', async () => {
    await destinationsItem.setValue([]);
    await destinationUrlsItem.setValue({});
    const discord = 'https://discord.com/api/webhooks/1/abcd';
    const text = file([
      { name: 'Finance', type: 'slack', events: ['low'], url: SLACK },
      { name: 'Ops', type: 'discord', events: ['sign-in'], enabled: false, url: discord },
    ]);

    // The reply counts them: the page says "Imported 2 team channels".
    expect(await handlers().importSettings({ text })).toEqual({ ok: true, added: 0, channels: 2 });

    expect(await destinationsItem.getValue()).toEqual([
      {
        id: 'n1',
        name: 'Finance',
        type: 'slack',
        events: ['low'],
        enabled: true,
        urlHint: 'hooks.slack.com/…/XYZ9',
        lastOkAt: null,
        failures: 0,
        lastError: null,
        disabledReason: null,
      },
      expect.objectContaining({ id: 'n2', name: 'Ops', enabled: false }),
    ]);
    expect(await destinationUrlsItem.getValue()).toEqual({ n1: SLACK, n2: discord });
  });

  it('are listed by the preview by name, type and URL hint, never their URLs, and change nothing', async () => {
    const discord = 'https://discord.com/api/webhooks/1/secretABCD';
    const text = file([
      { name: 'Ops', type: 'discord', events: ['sign-in'], url: discord },
      // The stored Finance channel's URL under another name: kept as it is.
      { name: 'Money', type: 'slack', events: ['low'], url: SLACK },
      { name: 'Ops again', type: 'discord', events: ['low'], url: discord },
    ]);

    const reply = await handlers().previewImport({ text });

    if (!reply.ok) throw new Error('the file was refused');
    expect(reply.preview.channels).toEqual([
      { name: 'Ops', type: 'discord', urlHint: 'discord.com/…/ABCD' },
    ]);
    expect(reply.preview.skippedChannels).toEqual([
      {
        name: 'Money',
        type: 'slack',
        urlHint: 'hooks.slack.com/…/XYZ9',
        reason: 'already-added',
        same: 'Finance',
      },
      {
        name: 'Ops again',
        type: 'discord',
        urlHint: 'discord.com/…/ABCD',
        reason: 'twice-in-file',
        same: 'Ops',
      },
    ]);
    // The URLs are secrets: no part of the reply the page gets carries them.
    const sent = JSON.stringify(reply);
    expect(sent).not.toContain('secretABCD');
    expect(sent).not.toContain('secretXYZ9');
    expect(await destinationsItem.getValue()).toEqual([finance]);
  });

  it('refuses a file whose channel breaks the form’s rules, naming it, and stores nothing', async () => {
    const text = file([{ name: 'Teams', type: 'teams', events: ['low'], url: SLACK }]);

    const reply = await handlers().importSettings({ text });

    expect(reply).toEqual({
      ok: false,
      errors: [
        {
          account: 'Teams',
          field: 'destinations.0.url',
          message: 'This is a Slack webhook URL; choose Slack as the type.',
        },
      ],
    });
    expect(await destinationsItem.getValue()).toEqual([finance]);
  });
});
