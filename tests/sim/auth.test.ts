import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from './server';
import { DEMO, HOUR, raw, startTestSim } from './test-helpers';

let sim: Simulator & { clock: { now: number } };
beforeEach(async () => {
  sim = await startTestSim();
});
afterEach(() => sim.close());

const XOXODAY_401 = {
  code: 401,
  errorId: 'PIPE10013',
  errorInfo: 'Invalid authorization header',
  error: 'Unauthorized',
};

describe('Xoxoday bearer auth', () => {
  it.each([
    ['missing', undefined],
    ['wrong', 'not-a-token'],
  ])('a %s token gets the documented 401 body', async (_label, token) => {
    const res = await raw.xoxoday(sim.url, token);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual(XOXODAY_401);
  });

  it('an access token past its expiry is refused', async () => {
    sim.control.updateAccount(DEMO.xoxoUsd.id, { accessTokenExpiresAt: sim.clock.now + HOUR });
    expect((await raw.xoxoday(sim.url, DEMO.xoxoUsd.token)).status).toBe(200);
    sim.clock.now += HOUR;
    const res = await raw.xoxoday(sim.url, DEMO.xoxoUsd.token);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual(XOXODAY_401);
  });
});

describe('Xoxoday token renewal', () => {
  const renew = (refresh_token: string) =>
    raw.xoxodayRenew(sim.url, { grant_type: 'refresh_token', refresh_token, ...DEMO.xoxoClient });

  it('rotates the refresh token and refuses the old one from then on', async () => {
    const res = await renew(DEMO.xoxoInr.refresh);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ expires_in: 15 * 24 * 3600 });
    expect(body.refresh_token).not.toBe(DEMO.xoxoInr.refresh);
    expect(body.access_token_expiry).toBe(sim.clock.now + 15 * 24 * HOUR);
    expect(typeof body.refresh_token_expiry).toBe('string');

    const again = await renew(DEMO.xoxoInr.refresh);
    expect(again.status).toBe(401);
    expect((await again.json()).errorId).toBe('PIPE10013');

    const balance = await raw.xoxoday(sim.url, body.access_token);
    expect(balance.status).toBe(200);
    expect(sim.control.accounts().find((a) => a.id === DEMO.xoxoInr.id)?.credentials).toMatchObject(
      { accessToken: body.access_token, refreshToken: body.refresh_token },
    );
    // The new refresh token works once, in turn.
    expect((await renew(body.refresh_token)).status).toBe(200);
  });

  it('refuses a wrong client secret and keeps the refresh token alive', async () => {
    const res = await raw.xoxodayRenew(sim.url, {
      grant_type: 'refresh_token',
      refresh_token: DEMO.xoxoInr.refresh,
      client_id: DEMO.xoxoClient.client_id,
      client_secret: 'wrong',
    });
    expect(res.status).toBe(401);
    expect((await renew(DEMO.xoxoInr.refresh)).status).toBe(200);
  });

  it('renewed access tokens expire after expires_in', async () => {
    const body = await (await renew(DEMO.xoxoInr.refresh)).json();
    sim.clock.now += body.expires_in * 1000;
    const res = await raw.xoxoday(sim.url, body.access_token);
    expect(res.status).toBe(401);
  });
});

describe('Capillary Basic auth checks the MD5 of the password', () => {
  const { userId, username, password } = DEMO.capBasic;

  it('accepts base64(username:md5(password))', async () => {
    expect((await raw.capillaryBasic(sim.url, userId, username, password)).status).toBe(200);
  });

  it('refuses the plain password in place of its MD5', async () => {
    const res = await fetch(`${sim.url}/v2/customers/${userId}/points/balance`, {
      headers: {
        authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
      },
    });
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body.errors).toEqual([{ code: 401, message: expect.any(String) }]);
  });

  it('refuses a missing Authorization header and a wrong password', async () => {
    const none = await fetch(`${sim.url}/v2/customers/${userId}/points/balance`);
    expect(none.status).toBe(401);
    expect((await raw.capillaryBasic(sim.url, userId, username, 'guess')).status).toBe(401);
  });

  it('answers 8015 for a customer the credentials cannot see', async () => {
    // The OAuth account's customer belongs to another API client.
    const res = await raw.capillaryBasic(sim.url, DEMO.capOAuth.userId, username, password);
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual([
      { code: 8015, message: 'Customer not found for the given identifiers' },
    ]);
  });
});

describe('Capillary OAuth', () => {
  const { userId, key, secret } = DEMO.capOAuth;

  it('generates a token with its ttl and refuses a wrong secret', async () => {
    const good = await (await raw.capillaryToken(sim.url, key, secret)).json();
    expect(good.data).toEqual({ accessToken: expect.any(String), ttlSeconds: 1800 });
    const bad = await raw.capillaryToken(sim.url, key, 'wrong');
    expect(bad.status).toBe(401);
    expect((await bad.json()).errors[0].code).toBe(401);
  });

  it('a token works until its ttl runs out, then gets the 401 body', async () => {
    const { data } = await (await raw.capillaryToken(sim.url, key, secret)).json();
    sim.clock.now += data.ttlSeconds * 1000 - 1;
    expect((await raw.capillaryOAuth(sim.url, userId, data.accessToken)).status).toBe(200);
    sim.clock.now += 1;
    const expired = await raw.capillaryOAuth(sim.url, userId, data.accessToken);
    expect(expired.status).toBe(401);
    expect((await expired.json()).errors[0].code).toBe(401);
  });

  it('refuses a token it never issued', async () => {
    expect((await raw.capillaryOAuth(sim.url, userId, 'made-up')).status).toBe(401);
  });
});

describe('Wix API key and site', () => {
  const { poolId, apiKey, siteId } = DEMO.wixGold;

  it.each([
    ['missing', undefined],
    ['wrong', 'wrong-key'],
  ])('a %s API key gets the Wix 401 body', async (_label, key) => {
    const res = await raw.wix(sim.url, poolId, key, siteId);
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body).toEqual({
      message: expect.any(String),
      details: { applicationError: { code: 'UNAUTHENTICATED', description: expect.any(String) } },
    });
  });

  it('a site the key cannot use is 403, a missing site header 400', async () => {
    expect((await raw.wix(sim.url, poolId, apiKey, 'other-site')).status).toBe(403);
    expect((await raw.wix(sim.url, poolId, apiKey, undefined)).status).toBe(400);
  });

  it('an unknown pool is the Wix 404', async () => {
    const res = await raw.wix(sim.url, 'no-such-pool', apiKey, siteId);
    expect(res.status).toBe(404);
    expect((await res.json()).details.applicationError.code).toBe('BALANCE_NOT_FOUND');
  });
});

describe('OnlineSales token', () => {
  it('a wrong token is 401 by status', async () => {
    const res = await raw.onlinesales(sim.url, { ...DEMO.osUsd.params, token: 'wrong' });
    expect(res.status).toBe(401);
  });

  it('one marketplace’s token cannot read another marketplace’s merchant', async () => {
    const res = await raw.onlinesales(sim.url, {
      ...DEMO.osInr.params,
      token: DEMO.osUsd.params.token,
    });
    expect(res.status).toBe(401);
  });

  it('an unknown merchant with a good token is 404', async () => {
    const res = await raw.onlinesales(sim.url, { ...DEMO.osUsd.params, merchantId: 'NOPE-1' });
    expect(res.status).toBe(404);
  });
});
