import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Destination } from '@/lib/alerts/destination';
import type { AccountAlert } from '@/lib/alerts/event';
import { deliverAlerts, deliverAll, type WebhookDeps } from '@/lib/engine/webhooks';
import { destinationsItem, destinationUrlsItem } from '@/lib/storage/items';
import { type Simulator, startSimulator } from '../sim/server';

/**
 * Delivery to the simulator's receiver over real HTTP: what the team channel gets, and what
 * Options is told (the delivery state on the stored destination).
 */

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

const NOW = Date.UTC(2026, 11, 1, 14, 2);

const deps = (overrides: Partial<WebhookDeps> = {}): WebhookDeps => ({
  now: () => NOW,
  retries: 2,
  timeoutMs: 2_000,
  hasAccess: async () => true,
  ...overrides,
});

function destination(overrides: Partial<Destination> = {}): Destination {
  return {
    id: 'd1',
    name: 'Finance',
    type: 'generic',
    events: ['low', 'run-out', 'sign-in', 'digest'],
    enabled: true,
    urlHint: '127.0.0.1/…/ance',
    lastOkAt: null,
    failures: 0,
    lastError: null,
    disabledReason: null,
    ...overrides,
  };
}

const low: AccountAlert = {
  kind: 'low',
  at: NOW,
  account: {
    accountId: 'a1',
    name: 'Ads wallet',
    provider: 'onlinesales',
    amount: { value: '80', unit: 'USD' },
    threshold: '100',
    thresholdAt: null,
    zeroAt: null,
    problem: null,
    topUpUrl: null,
  },
};

async function store(...destinations: Destination[]): Promise<void> {
  await destinationsItem.setValue(destinations);
  await destinationUrlsItem.setValue(
    Object.fromEntries(destinations.map((d) => [d.id, `${sim.url}/webhooks/${d.name}`])),
  );
}

const stored = async (id = 'd1') => (await destinationsItem.getValue()).find((d) => d.id === id);

beforeEach(() => {
  fakeBrowser.reset();
  sim.control.webhooks.clear();
});

describe('delivering alerts to team channels', () => {
  it('posts the event in the destination’s format and records the success', async () => {
    await store(destination({ failures: 2, lastError: '503 Service Unavailable' }));

    await deliverAll([low], deps());

    const [received] = sim.control.webhooks.list('Finance');
    expect(received?.body).toMatchObject({
      version: 1,
      event: 'low',
      account: { name: 'Ads wallet', amount: { value: '80', unit: 'USD' }, threshold: '100' },
    });
    expect(received?.headers['content-type']).toBe('application/json');
    expect(await stored()).toMatchObject({ lastOkAt: NOW, failures: 0, lastError: null });
  });

  it('sends only the events a destination subscribed to, and none to one turned off', async () => {
    await store(
      destination({ id: 'd1', name: 'digest-only', events: ['digest'] }),
      destination({ id: 'd2', name: 'off', enabled: false }),
      destination({ id: 'd3', name: 'slack', type: 'slack', events: ['low'] }),
    );

    await deliverAll([low], deps());

    expect(sim.control.webhooks.list().map((entry) => entry.name)).toEqual(['slack']);
    expect(sim.control.webhooks.list('slack')[0]?.body).toMatchObject({
      text: expect.stringContaining('Ads wallet is low'),
      blocks: expect.any(Array),
    });
  });

  it('retries a 503 and a 429 (after its Retry-After) and then succeeds', async () => {
    await store(destination());
    sim.control.webhooks.failNext({ status: 503, times: 1 });
    await deliverAll([low], deps());
    sim.control.webhooks.failNext({ status: 429, times: 1, retryAfterSeconds: 1 });
    await deliverAll([low], deps());

    expect(sim.control.webhooks.list().map((entry) => entry.status)).toEqual([503, 200, 429, 200]);
    expect(await stored()).toMatchObject({ failures: 0, lastError: null, enabled: true });
  });

  it('counts a 404 as a failure and turns the destination off after three in a row', async () => {
    await store(destination());
    sim.control.webhooks.failNext({ status: 404, times: 3 });

    await deliverAll([low], deps());
    expect(await stored()).toMatchObject({
      failures: 1,
      lastError: '404 Not Found',
      enabled: true,
      disabledReason: null,
    });
    await deliverAll([low], deps());
    await deliverAll([low], deps());

    expect(await stored()).toMatchObject({
      failures: 3,
      enabled: false,
      disabledReason: '404 Not Found',
    });
    // A 404 is not retried; once off, nothing more is sent.
    await deliverAll([low], deps());
    expect(sim.control.webhooks.list()).toHaveLength(3);
  });

  it('sends nothing without the host permission, and says so without counting a failure', async () => {
    await destinationsItem.setValue([destination({ type: 'slack' })]);
    await destinationUrlsItem.setValue({ d1: 'https://hooks.slack.com/services/T/B/x' });
    const hasAccess = vi.fn(async () => false);

    await deliverAll([low], deps({ hasAccess }));

    expect(hasAccess).toHaveBeenCalledWith('https://hooks.slack.com/*');
    expect(await stored()).toMatchObject({
      failures: 0,
      lastError: 'Access to hooks.slack.com was not granted',
      enabled: true,
    });
  });

  it('never throws into the caller or makes it wait', async () => {
    await store(destination());
    sim.control.webhooks.failNext({ status: 500, times: 10 });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});

    const started = Date.now();
    expect(deliverAlerts([low], deps({ retries: 1 }))).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(50);

    await vi.waitFor(async () => expect((await stored())?.failures).toBe(1), { timeout: 5_000 });
    expect((await stored())?.lastError).toBe('500 Internal Server Error');
    expect(errors).not.toHaveBeenCalled();
  });
});
