import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatAmount, pointsOwner, totalsByUnit, unitLabel } from '@/lib/money';
import {
  type CapillaryCredentials,
  type CapillaryParams,
  capillary,
  capillaryBasicAuth,
  capillaryUnit,
  md5Hex,
} from '@/lib/providers/capillary';
import { createHttp } from '@/lib/providers/http';
import { inOrder, seed, serverPerTest } from '../support/http-server';
import {
  failure,
  memoryTokenCache,
  providerAccount,
  testContext,
} from '../support/provider-context';

const serve = serverPerTest();

const BASIC = { username: 'till.apac', password: 'password' };
/** The org part of a default unit: the sign-in's SHA-256, as an independent implementation. */
const orgOf = (signIn: string) => createHash('sha256').update(signIn).digest('hex').slice(0, 12);
/** The default unit of a Basic account without a program id, on a test server. */
const pointsAt = (baseUrl: string) =>
  `points:capillary#${new URL(baseUrl).host}/default/${orgOf(BASIC.username)}`;
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
    const POINTS = pointsAt(server.baseUrl);
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

describe('capillary status codes (api-documentation, "Status codes")', () => {
  const balance = seed('002-capillary-balance.json') as Record<string, unknown>;

  it('201 with a balance is a reading; the items that failed alongside become notes', async () => {
    const server = await serve(() => ({
      status: 201,
      body: {
        ...balance,
        errors: [{ status: false, code: 8069, message: 'Points expiry could not be read' }],
      },
    }));
    const reading = await capillary.fetchBalance(account(server.baseUrl), testContext());
    expect(reading.primary.value).toBe('8500');
    expect(reading.warnings).toEqual(['Points expiry could not be read']);
  });

  it('201 without a balance fails by its error item {status:false, code, message}', async () => {
    const server = await serve(() => ({
      status: 201,
      body: {
        errors: [
          { status: false, code: 8015, message: 'Customer not found for the given identifiers' },
        ],
      },
    }));
    const error = await failure(capillary.fetchBalance(account(server.baseUrl), testContext()));
    expect(error).toMatchObject({
      kind: 'not-found',
      providerCode: '8015',
      message: 'Customer not found for the given identifiers',
    });
  });

  it('201 with neither a balance nor an error item is no reading', async () => {
    const server = await serve(() => ({ status: 201, body: { entityId: 1, warnings: [] } }));
    const error = await failure(capillary.fetchBalance(account(server.baseUrl), testContext()));
    expect(error).toMatchObject({ kind: 'invalid-response' });
  });

  it('reads an error item sent on its own, not in errors[]', async () => {
    const server = await serve(() => ({
      status: 400,
      body: { status: false, code: 1632, message: 'primary userId passed is not valid' },
    }));
    const error = await failure(capillary.fetchBalance(account(server.baseUrl), testContext()));
    expect(error).toMatchObject({ kind: 'config', providerCode: '1632' });
  });

  it.each([
    [461, 'search is busy'],
    [521, 'other actions for this customer'],
  ])('%i means try later: a server error that says so, empty body or not', async (status, says) => {
    const server = await serve(
      inOrder({ status, body: { errors: [{ status: false, code: status, message: 'x' }] } }),
    );
    const error = await failure(capillary.fetchBalance(account(server.baseUrl), testContext()));
    expect(error).toMatchObject({ kind: 'server', status });
    expect((error as Error).message).toContain(says);
    const bare = await serve(() => ({ status }));
    const bareError = await failure(capillary.fetchBalance(account(bare.baseUrl), testContext()));
    expect(bareError).toMatchObject({ kind: 'server', status });
  });

  it.each([461, 521])('%i is retried like a 5xx, into a reading', async (status) => {
    const server = await serve(inOrder({ status }, { body: balance }));
    const http = createHttp({ retries: 2, timeoutMs: 5_000, backoffLimitMs: 10 });
    const reading = await capillary.fetchBalance(account(server.baseUrl), testContext({ http }));
    expect(reading.primary.value).toBe('8500');
    expect(server.requests).toHaveLength(2);
  });
});

describe('capillary points units: one per org and program, or the user’s name', () => {
  const EU = 'https://eu.api.capillarytech.com';
  const unit = (params: Partial<CapillaryParams>, credentials: CapillaryCredentials = BASIC) =>
    capillaryUnit({ baseUrl: EU, credentials }, { userId: '1', ...params });

  it('a program id names the program on its cluster', async () => {
    expect(await unit({ programId: '973' })).toBe('points:capillary#eu.api.capillarytech.com/973');
    expect(await unit({ programId: '973' }, OAUTH)).toBe(await unit({ programId: '973' }));
    expect(await unit({ programId: '974' })).not.toBe(await unit({ programId: '973' }));
    expect(
      await capillaryUnit(
        { baseUrl: 'https://api.capillarytech.cn.com', credentials: BASIC },
        { userId: '1', programId: '973' },
      ),
    ).toBe('points:capillary#api.capillarytech.cn.com/973');
  });

  it('the default program and the sum of all programs depend on the org: its sign-in', async () => {
    expect(await unit({})).toBe(
      `points:capillary#eu.api.capillarytech.com/default/${orgOf('till.apac')}`,
    );
    expect(await unit({}, OAUTH)).toBe(
      `points:capillary#eu.api.capillarytech.com/default/${orgOf('ck-123')}`,
    );
    expect(await unit({ fetchDataForAllPrograms: true, programId: '973' })).toBe(
      `points:capillary#eu.api.capillarytech.com/all/${orgOf('till.apac')}`,
    );
    // The unit is shown to the pages: no sign-in in it as typed.
    expect(await unit({})).not.toContain('till.apac');
  });

  it('a name the user gave wins, and equal names add up', async () => {
    expect(await unit({ programId: '973', pointsUnit: ' Acme points ' })).toBe(
      'points:capillary:Acme points',
    );
    expect(await unit({ pointsUnit: 'Acme points' }, OAUTH)).toBe(
      await unit({ pointsUnit: 'Acme points' }),
    );
  });

  it('two programs’ points are two totals; the same program’s add up', async () => {
    const amounts = [
      { value: '100', unit: await unit({ programId: '973' }) },
      { value: '50', unit: await unit({ programId: '974' }) },
      { value: '1', unit: await unit({ programId: '973' }, OAUTH) },
    ];
    expect(totalsByUnit(amounts).map((total) => total.value)).toEqual(['101', '50']);
  });

  it('shows a named unit as the user typed it, and any program’s default as points', async () => {
    const named = await unit({ pointsUnit: 'Acme points' });
    expect(formatAmount({ value: '1200', unit: named }, 'en-US')).toBe('1,200 Acme points');
    expect(unitLabel(named)).toBe('Acme points');
    expect(formatAmount({ value: '1200', unit: await unit({ programId: '973' }) }, 'en-US')).toBe(
      '1,200 points',
    );
    expect(unitLabel(await unit({}))).toBe('points');
    expect(pointsOwner(await unit({}))).toEqual({ provider: 'capillary', name: null });
    expect(pointsOwner(named)).toEqual({ provider: 'capillary', name: 'Acme points' });
    expect(pointsOwner('points:capillary')).toEqual({ provider: 'capillary', name: null });
    expect(pointsOwner('USD')).toBeNull();
  });

  it('a reading carries its account’s unit in the amount and every detail', async () => {
    const server = await serve(() => ({ body: seed('002-capillary-balance.json') }));
    const reading = await capillary.fetchBalance(
      account(server.baseUrl, BASIC, { pointsUnit: 'Acme points' }),
      testContext(),
    );
    const units = new Set(
      [reading.primary, ...reading.details.map((d) => d.amount)].map((a) => a.unit),
    );
    expect([...units]).toEqual(['points:capillary:Acme points']);
  });

  it('an account stored before the unit field still parses, with the default unit', () => {
    const parsed = capillary.schema.parse({
      credentials: BASIC,
      params: { userId: '1', programId: 973 },
    });
    expect(parsed.params).toEqual({ userId: '1', programId: '973' });
  });
});

describe('capillary OAuth token lifetime (docs.capillarytech.com, "oauth")', () => {
  it('lives ttlSeconds (as sent, number or text), less a tenth as a margin', async () => {
    let issued = 0;
    const server = await serve((request) =>
      request.url.startsWith('/v3/')
        ? { body: { data: { accessToken: `tok-${++issued}`, ttlSeconds: '300' } } }
        : { body: seed('002-capillary-balance.json') },
    );
    let now = Date.UTC(2025, 0, 1);
    const tokenCache = memoryTokenCache();
    const ctx = testContext({ now: () => now, tokenCache });
    await capillary.fetchBalance(account(server.baseUrl, OAUTH), ctx);
    // 300 s: cached until 270 s, so it is never sent in its last moments.
    expect(tokenCache.entries.get('cap-1')?.expiresAt).toBe(now + 270_000);
    now += 269_000;
    await capillary.fetchBalance(account(server.baseUrl, OAUTH), ctx);
    now += 2_000;
    await capillary.fetchBalance(account(server.baseUrl, OAUTH), ctx);
    const sent = server.requests.map((r) => r.headers['x-cap-api-oauth-token']).filter(Boolean);
    expect(sent).toEqual(['tok-1', 'tok-1', 'tok-2']);
  });
});

describe('capillary: only mainPoints is required', () => {
  it.each([
    ['every other figure missing', { mainPoints: 70 }],
    [
      'every other figure null',
      {
        mainPoints: 70,
        totalPoints: null,
        promisedPoints: null,
        promisedPointsBreakup: null,
        warnings: null,
        errors: null,
      },
    ],
    [
      'odd figures and unknown fields',
      {
        mainPoints: 70,
        totalPoints: 'lots',
        promisedPointsBreakup: { delayedAccrualPoints: null, somethingNew: 3 },
        warnings: [null, 42, { code: 1 }],
        tierName: 'Gold',
      },
    ],
  ])('%s: the balance is read, the missing details left out', async (_case, body) => {
    const server = await serve(() => ({ body }));
    const reading = await capillary.fetchBalance(account(server.baseUrl), testContext());
    expect(reading).toEqual({
      primary: { value: '70', unit: pointsAt(server.baseUrl) },
      details: [],
      warnings: [],
    });
  });
});

describe('capillary warnings kept with a reading', () => {
  it('are scrubbed of the secrets they echo, as error messages are', async () => {
    const server = await serve((request) => {
      if (request.url.startsWith('/v3/')) {
        return { body: { data: { accessToken: 'cap-oauth-token-secret', ttlSeconds: 3600 } } };
      }
      return {
        body: {
          mainPoints: 5,
          warnings: [
            { code: 1, message: `client ${OAUTH.clientSecret} token cap-oauth-token-secret` },
          ],
        },
      };
    });
    const reading = await capillary.fetchBalance(account(server.baseUrl, OAUTH), testContext());
    expect(reading.warnings).toEqual(['client ••• token •••']);

    const basic = await serve((request) => ({
      body: {
        mainPoints: 5,
        warnings: [
          `bad ${BASIC.password} ${md5Hex(BASIC.password)} ${request.headers.authorization}`,
        ],
      },
    }));
    const basicReading = await capillary.fetchBalance(account(basic.baseUrl), testContext());
    expect(basicReading.warnings).toEqual(['bad ••• ••• Basic •••']);
  });
});
