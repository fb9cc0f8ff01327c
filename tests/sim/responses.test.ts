import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from './server';
import { DEMO, HOUR, raw, startTestSim } from './test-helpers';

let sim: Simulator & { clock: { now: number } };
beforeEach(async () => {
  sim = await startTestSim();
});
afterEach(() => sim.close());

describe('balance responses in each documented form', () => {
  it('Xoxoday with points, as the older docs show', async () => {
    const res = await raw.xoxoday(sim.url, DEMO.xoxoInr.token);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      data: { getBalance: { status: 1, data: { points: 109970, value: 109970, currency: 'INR' } } },
    });
  });

  it('Xoxoday without points, as the newer docs show, keeping the decimals exactly', async () => {
    const res = await raw.xoxoday(sim.url, DEMO.xoxoUsd.token);
    const text = await res.text();
    expect(text).toBe(
      '{"data":{"getBalance":{"status":1,"data":{"value":420.5,"currency":"USD"}}}}',
    );
  });

  it('Xoxoday answers on the preset path without /chef too', async () => {
    const res = await fetch(`${sim.url}/v1/oauth/api`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${DEMO.xoxoUsd.token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        query: 'plumProAPI.query.getBalance',
        tag: 'plumProAPI',
        variables: { data: {} },
      }),
    });
    expect(res.status).toBe(200);
  });

  it('Xoxoday rejects a body that is not the getBalance query', async () => {
    const res = await raw.xoxoday(sim.url, DEMO.xoxoUsd.token, {
      body: JSON.stringify({ query: 'plumProAPI.query.getOrders', tag: 'plumProAPI' }),
    });
    expect(res.status).toBe(400);
  });

  it('Capillary with promised points, numbers written with three decimals like the docs', async () => {
    const { key, secret, userId } = DEMO.capOAuth;
    const token = (await (await raw.capillaryToken(sim.url, key, secret)).json()).data.accessToken;
    const res = await raw.capillaryOAuth(sim.url, userId, token);
    const text = await res.text();
    expect(text).toContain('"mainPoints":1240.500');
    expect(JSON.parse(text)).toEqual({
      entityId: 565039777,
      entityType: 'CUSTOMER',
      totalPoints: 1615.75,
      mainPoints: 1240.5,
      promisedPoints: 375.25,
      promisedPointsBreakup: { delayedAccrualPoints: 300, externalTriggerBasedPoints: 75.25 },
      warnings: [],
    });
  });

  it('Wix with decimal strings for available and reserved', async () => {
    const { poolId, apiKey, siteId } = DEMO.wixGold;
    const res = await raw.wix(sim.url, poolId, apiKey, siteId);
    const body = await res.json();
    expect(body.balance.id).toBe(poolId);
    expect(body.balance.amount).toEqual({ available: '150.75', reserved: '20' });
    expect(body.balance.poolInfo).toMatchObject({ id: poolId, status: 'ACTIVE' });
    expect(body.balance.beneficiary).toEqual({ memberId: '5b7c1f0e-0000-4000-8000-0000000000aa' });
  });

  it('OnlineSales in two currencies with credit and spend', async () => {
    const usd = await (await raw.onlinesales(sim.url, DEMO.osUsd.params)).json();
    const inr = await (await raw.onlinesales(sim.url, DEMO.osInr.params)).json();
    expect(usd).toEqual({
      balanceAmount: 200,
      marketplaceClientId: 110600,
      totalCredit: 1000,
      totalSpend: 800,
      currency: 'USD',
    });
    expect(inr).toMatchObject({ balanceAmount: 850.25, totalSpend: 4149.75, currency: 'INR' });
  });

  it('OnlineSales refuses a request missing a required parameter', async () => {
    const { merchantType: _omitted, ...rest } = DEMO.osUsd.params;
    const res = await raw.onlinesales(sim.url, rest);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('merchantType');
  });
});

describe('balances falling over simulator time', () => {
  it('falls by ratePerHour, exactly, and never below zero', async () => {
    sim.clock.now += 2 * HOUR;
    const usd = await (await raw.onlinesales(sim.url, DEMO.osUsd.params)).json();
    // 200 - 1.5 * 2, with spend rising by what the balance lost.
    expect(usd).toMatchObject({ balanceAmount: 197, totalCredit: 1000, totalSpend: 803 });
    sim.clock.now += 1000 * HOUR;
    const empty = await (await raw.onlinesales(sim.url, DEMO.osUsd.params)).json();
    expect(empty.balanceAmount).toBe(0);
  });

  it('keeps decimal strings exact as they fall (Wix 12.5 - 0.1 * 3 = 12.2)', async () => {
    sim.clock.now += 3 * HOUR;
    const { apiKey, siteId } = DEMO.wixGold;
    const body = await (await raw.wix(sim.url, DEMO.wixSilver.poolId, apiKey, siteId)).json();
    expect(body.balance.amount.available).toBe('12.2');
  });

  it('moves with advanceTime as well as with the injected clock', async () => {
    sim.control.advanceTime(HOUR);
    expect(sim.control.balance(DEMO.xoxoInr.id)).toBe('109720');
    const res = await raw.xoxoday(sim.url, DEMO.xoxoInr.token);
    expect((await res.json()).data.getBalance.data).toEqual({
      points: 109720,
      value: 109720,
      currency: 'INR',
    });
  });
});

describe('Wix Query Balances', () => {
  it('lists the site’s pools with cursor paging', async () => {
    const { apiKey, siteId } = DEMO.wixGold;
    const first = await (await raw.wixQuery(sim.url, apiKey, siteId, { limit: 1 })).json();
    expect(first.balances.map((b: { id: string }) => b.id)).toEqual([DEMO.wixGold.poolId]);
    expect(first.pagingMetadata).toMatchObject({ count: 1, hasNext: true });
    const next = first.pagingMetadata.cursors.next;
    expect(typeof next).toBe('string');
    const second = await (
      await raw.wixQuery(sim.url, apiKey, siteId, { limit: 1, cursor: next })
    ).json();
    expect(second.balances.map((b: { id: string }) => b.id)).toEqual([DEMO.wixSilver.poolId]);
    expect(second.pagingMetadata).toEqual({ count: 1, cursors: {}, hasNext: false });
  });

  it('refuses a cursor it did not issue', async () => {
    const { apiKey, siteId } = DEMO.wixGold;
    const res = await raw.wixQuery(sim.url, apiKey, siteId, { cursor: 'not-a-cursor' });
    expect(res.status).toBe(400);
    expect((await res.json()).details.applicationError.code).toBe('INVALID_CURSOR');
  });
});
