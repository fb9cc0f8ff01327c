import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from './server';
import { DEMO, HOUR, raw, startTestSim } from './test-helpers';

let sim: Simulator & { clock: { now: number } };
beforeEach(async () => {
  sim = await startTestSim();
});
afterEach(() => sim.close());

const post = (path: string, body: unknown) =>
  fetch(`${sim.url}/__sim/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('CORS', () => {
  it('answers a preflight for the providers’ auth headers from an extension origin', async () => {
    const origin = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
    const res = await fetch(`${sim.url}/benefit-programs/v1/balances/x`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization,wix-site-id',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    expect(res.headers.get('access-control-allow-headers')).toBe('authorization,wix-site-id');
    expect(res.headers.get('access-control-allow-methods')).toContain('GET');
    expect(res.headers.get('access-control-allow-private-network')).toBe('true');
    expect(sim.control.requests({ endpoint: 'preflight' })).toHaveLength(1);
    // Preflights stay out of the default listing so request-shape assertions see only calls.
    expect(sim.control.requests()).toHaveLength(0);
  });

  it('puts CORS headers on errors too, so a page can read a 401', async () => {
    const res = await raw.xoxoday(sim.url, 'bad', { headers: { origin: 'http://x.test' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://x.test');
  });
});

describe('request log', () => {
  it('records method, path, query, headers, body, account and status', async () => {
    await raw.onlinesales(sim.url, DEMO.osUsd.params);
    await raw.xoxoday(sim.url, DEMO.xoxoUsd.token);
    const [os, xoxo] = sim.control.requests();
    expect(os).toMatchObject({
      seq: 1,
      at: new Date(sim.clock.now).toISOString(),
      method: 'GET',
      path: '/osBillingServiceV2/marketplace/balance',
      query: { ...DEMO.osUsd.params, marketplaceClientId: '110600' },
      provider: 'onlinesales',
      endpoint: 'balance',
      accountId: DEMO.osUsd.id,
      status: 200,
      outcome: 'answered',
    });
    expect(xoxo).toMatchObject({
      method: 'POST',
      headers: { authorization: `Bearer ${DEMO.xoxoUsd.token}` },
      body: { query: 'plumProAPI.query.getBalance', tag: 'plumProAPI', variables: { data: {} } },
      accountId: DEMO.xoxoUsd.id,
    });
    expect(sim.control.requests({ provider: 'xoxoday' })).toHaveLength(1);
  });

  it('logs unknown paths with a 404', async () => {
    const res = await fetch(`${sim.url}/v9/nothing`);
    expect(res.status).toBe(404);
    expect(sim.control.requests()).toMatchObject([{ endpoint: 'unknown', status: 404 }]);
  });
});

describe('control over HTTP', () => {
  it('sets and clears a fault', async () => {
    const set = await post('fault', { account: DEMO.osUsd.id, fault: { type: 'server-error' } });
    expect(set.status).toBe(200);
    expect((await raw.onlinesales(sim.url, DEMO.osUsd.params)).status).toBe(500);
    await fetch(`${sim.url}/__sim/faults`, { method: 'DELETE' });
    expect((await raw.onlinesales(sim.url, DEMO.osUsd.params)).status).toBe(200);
  });

  it('refuses a fault it does not know, saying why', async () => {
    const res = await post('fault', { fault: { type: 'meteor' } });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBeTruthy();
  });

  it('changes a balance and its rate from now on', async () => {
    const res = await post('balance', {
      account: DEMO.osUsd.id,
      balance: '50.10',
      ratePerHour: '0.05',
    });
    expect(await res.json()).toEqual({ ok: true, balance: '50.1' });
    sim.clock.now += 2 * HOUR;
    const body = await (await raw.onlinesales(sim.url, DEMO.osUsd.params)).json();
    expect(body.balanceAmount).toBe(50);
  });

  it('refuses a balance that is not a decimal', async () => {
    const res = await post('balance', { account: DEMO.osUsd.id, balance: 'lots' });
    expect(res.status).toBe(400);
    expect(sim.control.balance(DEMO.osUsd.id)).toBe('200');
  });

  it('advances time so Capillary tokens expire', async () => {
    const { key, secret, userId } = DEMO.capOAuth;
    const { data } = await (await raw.capillaryToken(sim.url, key, secret)).json();
    const res = await post('time', { advanceMs: data.ttlSeconds * 1000 });
    expect((await res.json()).now).toBe(
      new Date(sim.clock.now + data.ttlSeconds * 1000).toISOString(),
    );
    expect((await raw.capillaryOAuth(sim.url, userId, data.accessToken)).status).toBe(401);
  });

  it('lists requests, filtered, and clears them', async () => {
    await raw.onlinesales(sim.url, DEMO.osUsd.params);
    await raw.onlinesales(sim.url, DEMO.osInr.params);
    const listed = await (await fetch(`${sim.url}/__sim/requests?account=os-inr`)).json();
    expect(listed.requests.map((r: { accountId: string }) => r.accountId)).toEqual(['os-inr']);
    await fetch(`${sim.url}/__sim/requests`, { method: 'DELETE' });
    expect((await (await fetch(`${sim.url}/__sim/requests`)).json()).requests).toEqual([]);
  });

  it('resets balances, faults, tokens and time', async () => {
    await post('balance', { account: DEMO.osUsd.id, balance: '1' });
    await post('fault', { fault: { type: 'html' } });
    await post('time', { advanceMs: HOUR });
    await raw.xoxodayRenew(sim.url, {
      grant_type: 'refresh_token',
      refresh_token: DEMO.xoxoInr.refresh,
      ...DEMO.xoxoClient,
    });
    await post('reset', {});
    const state = await (await fetch(`${sim.url}/__sim/state`)).json();
    expect(state.now).toBe(new Date(sim.clock.now).toISOString());
    expect(state.faults).toEqual([]);
    expect(state.accounts.find((a: { id: string }) => a.id === DEMO.osUsd.id).balance).toBe('200');
    expect(sim.control.requests()).toEqual([]);
    // The original refresh token is good again.
    const renewed = await raw.xoxodayRenew(sim.url, {
      grant_type: 'refresh_token',
      refresh_token: DEMO.xoxoInr.refresh,
      ...DEMO.xoxoClient,
    });
    expect(renewed.status).toBe(200);
  });

  it('serves the settings file pointing at itself', async () => {
    const file = await (await fetch(`${sim.url}/__sim/settings`)).json();
    expect(file.format).toBe('balance-watch.settings');
    expect(file.accounts.every((a: { baseUrl: string }) => a.baseUrl === sim.url)).toBe(true);
  });

  it('control calls are not logged as provider requests', async () => {
    await fetch(`${sim.url}/__sim/state`);
    expect(sim.control.requests({ includeAll: true })).toEqual([]);
  });
});
