import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from './server';
import { startTestSim } from './test-helpers';

let sim: Simulator;
beforeEach(async () => {
  sim = await startTestSim();
});
afterEach(() => sim.close());

const deliver = (name: string, body: unknown) =>
  fetch(`${sim.url}/webhooks/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'chrome-extension://abc' },
    body: JSON.stringify(body),
  });

const control = (method: string, path: string, body?: unknown) =>
  fetch(`${sim.url}/__sim/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('webhook receiver', () => {
  it('records each POST with its name, body and headers, and lists them by name', async () => {
    expect((await deliver('team-a', { text: 'hello' })).status).toBe(200);
    await deliver('team-b', { text: 'other' });

    const res = await control('GET', 'webhooks?name=team-a');
    const { received } = (await res.json()) as { received: unknown[] };
    expect(received).toEqual([
      {
        name: 'team-a',
        headers: {
          'content-type': 'application/json',
          origin: 'chrome-extension://abc',
          'user-agent': 'node',
        },
        body: { text: 'hello' },
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        status: 200,
      },
    ]);
    expect(sim.control.webhooks.list()).toHaveLength(2);
    // Deliveries are not provider calls: the request log stays as it was.
    expect(sim.control.requests()).toEqual([]);
  });

  it('answers the next N deliveries with the status asked for, then 200 again', async () => {
    const set = await control('POST', 'webhooks/fail', { name: 'team-a', status: 404, times: 2 });
    expect(set.status).toBe(200);

    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await deliver('team-a', { n: i })).status);
    expect(statuses).toEqual([404, 404, 200]);
    // Another receiver was not told to fail.
    expect((await deliver('team-b', {})).status).toBe(200);
    expect(sim.control.webhooks.list('team-a').map((entry) => entry.status)).toEqual([
      404, 404, 200,
    ]);
  });

  it('can fail every name, with a Retry-After', async () => {
    await control('POST', 'webhooks/fail', { status: 429, retryAfterSeconds: 2 });
    const res = await deliver('any', {});
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
  });

  it('refuses a status that is not one', async () => {
    const res = await control('POST', 'webhooks/fail', { status: 42 });
    expect(res.status).toBe(400);
  });

  it('is cleared over HTTP and by reset', async () => {
    await deliver('team-a', {});
    await control('DELETE', 'webhooks');
    expect(sim.control.webhooks.list()).toEqual([]);

    await deliver('team-a', {});
    sim.control.webhooks.failNext({ status: 500 });
    sim.control.reset();
    expect(sim.control.webhooks.list()).toEqual([]);
    expect((await deliver('team-a', {})).status).toBe(200);
  });

  it('tells a listener of each delivery as it arrives', async () => {
    const heard: string[] = [];
    const stop = sim.control.webhooks.onReceive((entry) => heard.push(entry.name));
    await deliver('team-a', {});
    stop();
    await deliver('team-b', {});
    expect(heard).toEqual(['team-a']);
  });

  it('takes POST only', async () => {
    expect((await fetch(`${sim.url}/webhooks/team-a`)).status).toBe(405);
  });
});
