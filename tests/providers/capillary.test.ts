import { describe, expect, it } from 'vitest';
import { pointsUnit } from '@/lib/money';
import {
  type CapillaryCredentials,
  type CapillaryParams,
  capillary,
  capillaryBasicAuth,
  md5Hex,
} from '@/lib/providers/capillary';
import { inOrder, seed, serverPerTest } from '../support/http-server';
import {
  failure,
  memoryTokenCache,
  providerAccount,
  testContext,
} from '../support/provider-context';

const serve = serverPerTest();

const POINTS = pointsUnit('capillary');
const BASIC = { username: 'till.apac', password: 'password' };
const OAUTH = { clientKey: 'ck-123', clientSecret: 'cs-very-secret' };

const account = (
  baseUrl: string,
  credentials: CapillaryCredentials = BASIC,
  params: Partial<CapillaryParams> = {},
) => providerAccount('cap-1', baseUrl, credentials, { userId: '565039505', ...params });

const tokenReply = (token: string, ttlSeconds = 3600) => ({
  body: { data: { accessToken: token, ttlSeconds } },
});

describe('capillary balance', () => {
  it('reads the docs example: 8500 main points of 8500 total', async () => {
    const server = await serve(() => ({ body: seed('002-capillary-balance.json') }));
    const reading = await capillary.fetchBalance(account(server.baseUrl), testContext());
    expect(reading.primary).toEqual({ value: '8500', unit: POINTS });
    expect(reading.details).toEqual([
      { key: 'totalPoints', label: 'Total points', amount: { value: '8500', unit: POINTS } },
      { key: 'promisedPoints', label: 'Promised points', amount: { value: '0', unit: POINTS } },
      {
        key: 'delayedAccrualPoints',
        label: 'Delayed accrual points',
        amount: { value: '0', unit: POINTS },
      },
      {
        key: 'externalTriggerBasedPoints',
        label: 'Externally triggered points',
        amount: { value: '0', unit: POINTS },
      },
    ]);
    expect(reading.warnings).toEqual([]);
  });

  it('sends GET v2/customers/{userId}/points/balance with Basic base64(user:md5(password))', async () => {
    const server = await serve(() => ({ body: seed('002-capillary-balance.json') }));
    await capillary.fetchBalance(
      account(`${server.baseUrl}/`, BASIC, { programId: '973', fetchDataForAllPrograms: false }),
      testContext(),
    );
    const [request] = server.requests;
    expect(request?.method).toBe('GET');
    expect(request?.url).toBe(
      '/v2/customers/565039505/points/balance?programId=973&fetchDataForAllPrograms=false',
    );
    // md5("password") is the well-known 5f4dcc3b5aa765d61d8327deb882cf99.
    const expected = Buffer.from('till.apac:5f4dcc3b5aa765d61d8327deb882cf99').toString('base64');
    expect(request?.headers.authorization).toBe(`Basic ${expected}`);
    expect(request?.body).toBe('');
  });

  it('leaves optional query parameters out when not set', async () => {
    const server = await serve(() => ({ body: seed('002-capillary-balance.json') }));
    await capillary.fetchBalance(account(server.baseUrl), testContext());
    expect(server.requests[0]?.url).toBe('/v2/customers/565039505/points/balance');
  });

  it('encodes the user id as one path segment', async () => {
    const server = await serve(() => ({ body: seed('002-capillary-balance.json') }));
    await capillary.fetchBalance(
      account(server.baseUrl, BASIC, { userId: '12/../34' }),
      testContext(),
    );
    expect(server.requests[0]?.url).toBe('/v2/customers/12%2F..%2F34/points/balance');
  });

  it('hashes the password with MD5 in hex, UTF-8 included', () => {
    expect(md5Hex('password')).toBe('5f4dcc3b5aa765d61d8327deb882cf99');
    expect(md5Hex('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(capillaryBasicAuth('josé', 'password')).toBe(
      `Basic ${Buffer.from('josé:5f4dcc3b5aa765d61d8327deb882cf99', 'utf8').toString('base64')}`,
    );
  });

  it('keeps warnings as messages', async () => {
    const body = {
      ...(seed('002-capillary-balance.json') as object),
      warnings: [{ code: 8069, message: 'Points expiry is being recalculated' }],
    };
    const server = await serve(() => ({ body }));
    const reading = await capillary.fetchBalance(account(server.baseUrl), testContext());
    expect(reading.warnings).toEqual(['Points expiry is being recalculated']);
  });

  it.each([
    [8015, 'not-found', 'Customer not found for the given identifiers'],
    [1212, 'config', 'Entity type passed is not valid'],
    [1632, 'config', 'group id/externalId/primary userId passed is not valid'],
  ] as const)('maps error %i sent with HTTP 200 to %s', async (code, kind, message) => {
    const server = await serve(() => ({ body: { errors: [{ code, message }], warnings: [] } }));
    const error = await failure(capillary.fetchBalance(account(server.baseUrl), testContext()));
    expect(error).toMatchObject({ kind, message, providerCode: String(code) });
  });

  it('maps error 8015 to not-found with an error status too', async () => {
    const server = await serve(() => ({
      status: 400,
      body: { errors: [{ code: 8015, message: 'Customer not found for the given identifiers' }] },
    }));
    const error = await failure(capillary.fetchBalance(account(server.baseUrl), testContext()));
    expect(error).toMatchObject({
      kind: 'not-found',
      status: 400,
      providerCode: '8015',
      message: 'Customer not found for the given identifiers',
    });
  });

  it('maps 401 to auth and 403 (v2 not enabled) to auth', async () => {
    const server = await serve(
      inOrder(
        { status: 401, body: { errors: [{ code: 401, message: 'Unauthorized' }] } },
        {
          status: 403,
          body: { errors: [{ code: 403, message: 'Access to v2 APIs is not enabled' }] },
        },
      ),
    );
    const first = await failure(capillary.fetchBalance(account(server.baseUrl), testContext()));
    const second = await failure(capillary.fetchBalance(account(server.baseUrl), testContext()));
    expect(first).toMatchObject({ kind: 'auth', status: 401, message: 'Unauthorized' });
    expect(second).toMatchObject({
      kind: 'auth',
      status: 403,
      message: 'Access to v2 APIs is not enabled',
    });
  });

  it('reports a body without mainPoints as invalid-response', async () => {
    const server = await serve(() => ({ body: { entityId: 1, totalPoints: 5 } }));
    const error = await failure(capillary.fetchBalance(account(server.baseUrl), testContext()));
    expect(error).toMatchObject({ kind: 'invalid-response' });
  });
});

describe('capillary OAuth', () => {
  /** Issues `token` and accepts only it. */
  function oauthServer(token: string) {
    return serve((request) => {
      if (request.url === '/v3/oauth/token/generate') return tokenReply(token, 3600);
      return request.headers['x-cap-api-oauth-token'] === token
        ? { body: seed('002-capillary-balance.json') }
        : { status: 401, body: { errors: [{ code: 401, message: 'Token revoked' }] } };
    });
  }

  it('generates a token with {key, secret} and sends it as X-CAP-API-OAUTH-TOKEN', async () => {
    const server = await oauthServer('tok-A1');
    const reading = await capillary.fetchBalance(account(server.baseUrl, OAUTH), testContext());
    expect(reading.primary.value).toBe('8500');
    const [generate, balance] = server.requests;
    expect(generate?.method).toBe('POST');
    expect(generate?.url).toBe('/v3/oauth/token/generate');
    expect(JSON.parse(generate?.body ?? '')).toEqual({ key: 'ck-123', secret: 'cs-very-secret' });
    expect(balance?.headers['x-cap-api-oauth-token']).toBe('tok-A1');
    expect(balance?.headers.authorization).toBeUndefined();
  });

  it('reuses the cached token until its ttl (minus a margin), then fetches a new one', async () => {
    const server = await oauthServer('tok-A1');
    let now = Date.UTC(2025, 0, 1);
    const tokenCache = memoryTokenCache();
    const ctx = testContext({ now: () => now, tokenCache });
    const generated = () => server.requests.filter((r) => r.url.startsWith('/v3/')).length;

    await capillary.fetchBalance(account(server.baseUrl, OAUTH), ctx);
    expect(tokenCache.entries.get('cap-1')?.token).toBe('tok-A1');
    now += 30 * 60 * 1000;
    await capillary.fetchBalance(account(server.baseUrl, OAUTH), ctx);
    expect(generated()).toBe(1);
    now += 30 * 60 * 1000; // exactly the ttl: inside the safety margin
    await capillary.fetchBalance(account(server.baseUrl, OAUTH), ctx);
    expect(generated()).toBe(2);
  });

  it('drops a cached token that gets 401 and retries once with a fresh one', async () => {
    const server = await serve((request) => {
      if (request.url.startsWith('/v3/')) return tokenReply('tok-new');
      return request.headers['x-cap-api-oauth-token'] === 'tok-new'
        ? { body: seed('002-capillary-balance.json') }
        : { status: 401, body: { errors: [{ code: 401, message: 'Token revoked' }] } };
    });
    const tokenCache = memoryTokenCache();
    const ctx = testContext({ tokenCache });
    await tokenCache.set('cap-1', { token: 'tok-old', expiresAt: ctx.now() + 3_600_000 });

    const reading = await capillary.fetchBalance(account(server.baseUrl, OAUTH), ctx);

    expect(reading.primary.value).toBe('8500');
    expect(server.requests.map((r) => [r.url, r.headers['x-cap-api-oauth-token']])).toEqual([
      ['/v2/customers/565039505/points/balance', 'tok-old'],
      ['/v3/oauth/token/generate', undefined],
      ['/v2/customers/565039505/points/balance', 'tok-new'],
    ]);
    expect(tokenCache.entries.get('cap-1')?.token).toBe('tok-new');
  });

  it('does not loop: a fresh token that gets 401 is an auth error', async () => {
    const server = await serve((request) =>
      request.url.startsWith('/v3/')
        ? tokenReply('tok-bad')
        : { status: 401, body: { errors: [{ code: 401, message: 'Invalid token' }] } },
    );
    const error = await failure(
      capillary.fetchBalance(account(server.baseUrl, OAUTH), testContext()),
    );
    expect(error).toMatchObject({ kind: 'auth', message: 'Invalid token' });
    expect(server.requests).toHaveLength(2);
  });

  it('reports a refused key and secret as auth', async () => {
    const server = await serve(() => ({
      status: 401,
      body: { errors: [{ code: 401, message: 'Invalid client key or secret' }] },
    }));
    const error = await failure(
      capillary.fetchBalance(account(server.baseUrl, OAUTH), testContext()),
    );
    expect(error).toMatchObject({ kind: 'auth', message: 'Invalid client key or secret' });
  });
});

describe('capillary settings schema', () => {
  it('accepts user name and password, or client key and secret', () => {
    const basic = capillary.schema.parse({ credentials: BASIC, params: { userId: '1' } });
    const oauth = capillary.schema.parse({ credentials: OAUTH, params: { userId: '1' } });
    expect(basic.credentials).toEqual(BASIC);
    expect(oauth.credentials).toEqual(OAUTH);
  });

  it('says what is missing', () => {
    const messages = (credentials: object, params: object = { userId: '1' }) =>
      capillary.schema
        .safeParse({ credentials, params })
        .error?.issues.map((issue) => issue.message);
    expect(messages({})).toEqual(['Enter a user name and password, or a client key and secret']);
    expect(messages({ username: 'u' })).toEqual(['Enter the password']);
    expect(messages({ clientSecret: 's' })).toEqual(['Enter the client key']);
    expect(messages(BASIC, {})).toEqual(['Enter the customer’s user id']);
    expect(messages(BASIC, { userId: '1', programId: 'abc' })).toEqual([
      'Enter the program id as a number, or leave it empty',
    ]);
  });

  it('accepts a numeric program id and a string boolean from a settings file', () => {
    const parsed = capillary.schema.parse({
      credentials: BASIC,
      params: { userId: '1', programId: 973, fetchDataForAllPrograms: 'true' },
    });
    expect(parsed.params).toEqual({ userId: '1', programId: '973', fetchDataForAllPrograms: true });
  });
});
