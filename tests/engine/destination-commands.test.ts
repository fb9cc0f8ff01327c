import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { CommandDeps } from '@/lib/engine/commands/deps';
import { destinationHandlers } from '@/lib/engine/commands/destinations';
import type { WebhookDeps } from '@/lib/engine/webhooks';
import type { DestinationDraft } from '@/lib/messages';
import { destinationsItem, destinationUrlsItem } from '@/lib/storage/items';
import { type Simulator, startSimulator } from '../sim/server';

/** The team channels' commands: what Options sends, what is stored, what comes back. */

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

const NOW = Date.UTC(2026, 11, 1, 14, 2);
let ids = 0;
const webhooks = (): WebhookDeps => ({
  now: () => NOW,
  retries: 2,
  timeoutMs: 2_000,
  hasAccess: async () => true,
});
const handlers = () =>
  destinationHandlers({ now: () => NOW, newId: () => `d${++ids}` } as CommandDeps, webhooks);

const SLACK = 'https://hooks.slack.com/services/T000/B000/secretXYZ9';
const draft = (overrides: Partial<DestinationDraft> = {}): DestinationDraft => ({
  name: 'Finance',
  type: 'slack',
  events: ['low', 'run-out'],
  url: SLACK,
  ...overrides,
});

beforeEach(() => {
  fakeBrowser.reset();
  sim.control.webhooks.clear();
  ids = 0;
});

describe('saving a team channel', () => {
  it('stores the URL apart and answers with the destination and a hint, never the URL', async () => {
    const reply = await handlers().saveDestination(draft());

    expect(reply).toEqual({
      ok: true,
      destination: {
        id: 'd1',
        name: 'Finance',
        type: 'slack',
        events: ['low', 'run-out'],
        enabled: true,
        urlHint: 'hooks.slack.com/…/XYZ9',
        lastOkAt: null,
        failures: 0,
        lastError: null,
        disabledReason: null,
      },
    });
    expect(JSON.stringify(reply)).not.toContain('secret');
    expect(JSON.stringify(await destinationsItem.getValue())).not.toContain('secret');
    expect(await destinationUrlsItem.getValue()).toEqual({ d1: SLACK });
  });

  it('refuses a Slack URL saved as Teams, and stores nothing', async () => {
    const reply = await handlers().saveDestination(draft({ type: 'teams' }));

    expect(reply).toEqual({
      ok: false,
      errors: [{ field: 'url', message: 'This is a Slack webhook URL; choose Slack as the type.' }],
    });
    expect(await destinationsItem.getValue()).toEqual([]);
    expect(await destinationUrlsItem.getValue()).toEqual({});
  });

  it('refuses plain http to another computer', async () => {
    const reply = await handlers().saveDestination(
      draft({ type: 'generic', url: 'http://example.com/hook' }),
    );
    expect(reply.ok).toBe(false);
    expect(await destinationUrlsItem.getValue()).toEqual({});
  });

  it('keeps the stored URL and delivery record when an edit leaves the URL blank', async () => {
    const { saveDestination } = handlers();
    await saveDestination(draft());
    await destinationsItem.setValue(
      (await destinationsItem.getValue()).map((d) => ({ ...d, lastOkAt: 5 })),
    );

    const reply = await saveDestination(draft({ id: 'd1', name: 'Ops', url: '' }));

    expect(reply).toMatchObject({ ok: true, destination: { name: 'Ops', lastOkAt: 5 } });
    expect(await destinationUrlsItem.getValue()).toEqual({ d1: SLACK });
  });

  it('refuses a new type that the stored URL does not fit', async () => {
    const { saveDestination } = handlers();
    await saveDestination(draft());

    const reply = await saveDestination(draft({ id: 'd1', type: 'teams', url: '' }));

    expect(reply).toEqual({
      ok: false,
      errors: [{ field: 'url', message: 'This is a Slack webhook URL; choose Slack as the type.' }],
    });
    expect((await destinationsItem.getValue())[0]?.type).toBe('slack');
  });

  it('says a destination removed meanwhile is gone, instead of adding it again', async () => {
    const reply = await handlers().saveDestination(draft({ id: 'nope' }));
    expect(reply).toEqual({
      ok: false,
      errors: [{ field: 'form', message: 'This channel was removed meanwhile.' }],
    });
    expect(await destinationsItem.getValue()).toEqual([]);
  });
});

describe('the other buttons', () => {
  it('Remove deletes the destination and its URL', async () => {
    const { saveDestination, deleteDestination } = handlers();
    await saveDestination(draft());
    await saveDestination(draft({ name: 'Other' }));

    await deleteDestination({ id: 'd1' });

    expect((await destinationsItem.getValue()).map((d) => d.id)).toEqual(['d2']);
    expect(Object.keys(await destinationUrlsItem.getValue())).toEqual(['d2']);
  });

  it('Test sends a test message and records the delivery', async () => {
    const { saveDestination, testDestination } = handlers();
    await saveDestination(draft({ type: 'generic', url: `${sim.url}/webhooks/finance` }));

    expect(await testDestination({ id: 'd1' })).toEqual({ ok: true });
    expect(sim.control.webhooks.list('finance')[0]?.body).toMatchObject({ event: 'test' });
    expect((await destinationsItem.getValue())[0]?.lastOkAt).toBe(NOW);
  });

  it('Test reports the failure in words, once (no retries)', async () => {
    const { saveDestination, testDestination } = handlers();
    await saveDestination(draft({ type: 'generic', url: `${sim.url}/webhooks/finance` }));
    sim.control.webhooks.failNext({ status: 503, times: 5 });

    expect(await testDestination({ id: 'd1' })).toEqual({
      ok: false,
      error: '503 Service Unavailable',
    });
    expect(sim.control.webhooks.list()).toHaveLength(1);
  });

  it('Turn on again clears the failures and the reason', async () => {
    const { saveDestination, setDestinationEnabled } = handlers();
    await saveDestination(draft());
    await destinationsItem.setValue(
      (await destinationsItem.getValue()).map((d) => ({
        ...d,
        enabled: false,
        failures: 3,
        lastError: '404 Not Found',
        disabledReason: '404 Not Found',
      })),
    );

    expect(await setDestinationEnabled({ id: 'd1', enabled: true })).toEqual({ ok: true });

    expect((await destinationsItem.getValue())[0]).toMatchObject({
      enabled: true,
      failures: 0,
      lastError: null,
      disabledReason: null,
    });
  });
});
