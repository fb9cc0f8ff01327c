import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTeamChannelThroughOptions, TEAM_CHANNELS } from '../../scripts/lib/add-team-channel';
import type { ExtensionPage } from '../../scripts/lib/extension-page';
import { importSettingsThroughOptions } from '../../scripts/lib/import-settings';
import type { Query } from '../../scripts/lib/page-query';
import type { ReceivedWebhook } from '../sim/webhooks';
import { type Harness, settingsFileOf, startHarness } from './support/harness';
import { refreshNow } from './support/popup';

/**
 * Team channels end to end (issue 15 items 5 and 7): a channel added in Options, pointed at the
 * simulator's webhook receiver over loopback, gets the Test message and a real low crossing, and
 * a receiver that keeps answering 404 gets the channel turned off with the reason shown.
 */

const GOLD = 'Member credits (Gold)';
const ROW: Query = { role: 'listitem', text: 'Team room', within: TEAM_CHANNELS };
const STATUS: Query = { role: 'status', within: ROW };

describe('team channels', () => {
  let h: Harness;
  let options: ExtensionPage;
  let popup: ExtensionPage;

  const received = (): ReceivedWebhook[] => h.sim.control.webhooks.list('team-room');

  async function until<T>(what: string, find: () => T | undefined, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = find();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function statusBecomes(text: RegExp) {
    await options.waitFor({ role: 'status', text, within: ROW });
    return options.text(STATUS);
  }

  beforeAll(async () => {
    h = await startHarness({ suite: 'webhooks' });
    options = await h.open('options.html');
    await importSettingsThroughOptions(options, settingsFileOf(h.sim));
    popup = await h.open('popup.html');
    await refreshNow(popup);
  });
  afterAll(async () => h?.close());

  it('adds a Generic channel on loopback, and Test delivers to it', async () => {
    await options.bringToFront();
    await addTeamChannelThroughOptions(options, {
      name: 'Team room',
      type: 'Generic JSON',
      url: `${h.sim.url}/webhooks/team-room`,
    });

    expect(await options.text(ROW)).toContain('127.0.0.1');
    expect(await options.text(ROW)).not.toContain('/webhooks/team-room');
    expect(await options.text(STATUS)).toBe('Nothing sent yet');

    await options.click({ role: 'button', name: 'Send a test message to Team room' });

    expect(await statusBecomes(/^Delivered /)).toMatch(/^Delivered \d/);
    expect(received().map((entry) => entry.body)).toEqual([
      expect.objectContaining({ version: 1, event: 'test' }),
    ]);
  });

  it('a real low crossing delivers a message with account, amount and threshold', async () => {
    h.sim.control.setBalance('wix-gold', '40');
    await refreshNow(popup);

    const message = await until('the low message', () =>
      received().find((entry) => (entry.body as { event?: string }).event === 'low'),
    );
    expect(message.body).toMatchObject({
      version: 1,
      event: 'low',
      account: { name: GOLD, amount: { value: '40' }, threshold: expect.any(String) },
    });
    expect((message.body as { text: string }).text).toMatch(/40 credits left · threshold/);
  });

  it('a channel answering 404 three times is turned off, with the reason shown', async () => {
    h.sim.control.webhooks.failNext({ name: 'team-room', status: 404, times: 3 });
    await options.bringToFront();
    const test = { role: 'button', name: 'Send a test message to Team room' } as const;

    await options.click(test);
    expect(await statusBecomes(/^Failing/)).toBe('Failing: 404 Not Found (1 of 3)');
    await options.click(test);
    expect(await statusBecomes(/\(2 of 3\)/)).toBe('Failing: 404 Not Found (2 of 3)');
    await options.click(test);

    expect(await statusBecomes(/^Turned off/)).toBe('Turned off after 3 failures: 404 Not Found');
    await options.waitFor({ role: 'button', name: 'Turn on again', within: ROW });
    await h.screenshot(options, 'turned-off');
  });
});
