import { describe, expect, it } from 'vitest';
import { BalanceError } from '@/lib/errors';
import { pointsUnit } from '@/lib/money';
import { createHttp } from '@/lib/providers/http';
import { type XoxodayCredentials, xoxoday } from '@/lib/providers/xoxoday';
import { inOrder, seed, serverPerTest } from '../support/http-server';
import { failure, providerAccount, testContext } from '../support/provider-context';

const serve = serverPerTest();

const ACCESS = 'eyJ0b2tlbkNvbnRlbnQiOnsiaXNzdWVkRm9yIjoiRnJlc2h3b3JrcyJ9';
const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2025, 0, 1);

const account = (baseUrl: string, credentials: Partial<XoxodayCredentials> = {}) =>
  providerAccount('acc-1', baseUrl, { accessToken: ACCESS, ...credentials }, {});

describe('xoxoday balance', () => {
  it('reads the older docs example: 109970 INR plus 109970 points', async () => {
    const server = await serve(() => ({ body: seed('000-xoxoday-balance.json') }));
    const reading = await xoxoday.fetchBalance(account(server.baseUrl), testContext());
    expect(reading).toEqual({
      primary: { value: '109970', unit: 'INR' },
      details: [
        {
          key: 'points',
          label: 'Points',
          amount: { value: '109970', unit: pointsUnit('xoxoday') },
        },
      ],
      warnings: [],
    });
  });

  it('reads the newer docs example without points: 5000 USD and no details', async () => {
    const server = await serve(() => ({ body: seed('001-xoxoday-balance.json') }));
    const reading = await xoxoday.fetchBalance(account(server.baseUrl), testContext());
    expect(reading.primary).toEqual({ value: '5000', unit: 'USD' });
    expect(reading.details).toEqual([]);
  });

  it('sends the documented POST to {base}/v1/oauth/api, tolerating a trailing slash', async () => {
    const server = await serve(() => ({ body: seed('001-xoxoday-balance.json') }));
    await xoxoday.fetchBalance(account(`${server.baseUrl}/chef/`), testContext());
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/chef/v1/oauth/api');
    expect(request?.headers.authorization).toBe(`Bearer ${ACCESS}`);
    expect(request?.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(request?.body ?? '')).toEqual({
      query: 'plumProAPI.query.getBalance',
      tag: 'plumProAPI',
      variables: { data: {} },
    });
  });

  it('treats status 0 as a failure, not as a balance', async () => {
    const server = await serve(() => ({
      body: { data: { getBalance: { status: 0, data: { value: 0, currency: 'INR' } } } },
    }));
    const error = await failure(xoxoday.fetchBalance(account(server.baseUrl), testContext()));
    expect(error).toMatchObject({ kind: 'server', message: expect.stringContaining('status 0') });
  });

  it('maps the documented 502 body to a server error with its errorId and errorInfo', async () => {
    const server = await serve(() => ({ status: 502, body: seed('000-xoxoday-error-502.json') }));
    const error = await failure(xoxoday.fetchBalance(account(server.baseUrl), testContext()));
    expect(error).toBeInstanceOf(BalanceError);
    expect(error).toMatchObject({
      kind: 'server',
      status: 502,
      providerCode: 'PLE10023',
      message: "Failed to get client's balance",
    });
  });

  it('maps the documented 500 body, which has only `error`', async () => {
    const server = await serve(() => ({ status: 500, body: seed('000-xoxoday-error-500.json') }));
    const error = await failure(xoxoday.fetchBalance(account(server.baseUrl), testContext()));
    expect(error).toMatchObject({ kind: 'server', message: 'Eg: Internal server error' });
  });

  it('maps the documented 401 to auth', async () => {
    const server = await serve(() => ({ status: 401, body: seed('001-xoxoday-error-401.json') }));
    const error = await failure(xoxoday.fetchBalance(account(server.baseUrl), testContext()));
    expect(error).toMatchObject({ kind: 'auth', status: 401, message: 'Unauthorized' });
  });

  it('maps a 401 with errorId PIPE10013 to auth with that code', async () => {
    const server = await serve(() => ({
      status: 401,
      body: { code: 401, errorId: 'PIPE10013', errorInfo: 'Invalid authorization header' },
    }));
    const error = await failure(xoxoday.fetchBalance(account(server.baseUrl), testContext()));
    expect(error).toMatchObject({
      kind: 'auth',
      providerCode: 'PIPE10013',
      message: 'Invalid authorization header',
    });
  });

  it('maps an error body sent with HTTP 200 by its own code', async () => {
    const server = await serve(() => ({
      body: { code: 401, errorId: 'PIPE10013', errorInfo: 'Invalid authorization header' },
    }));
    const error = await failure(xoxoday.fetchBalance(account(server.baseUrl), testContext()));
    expect(error).toMatchObject({ kind: 'auth', providerCode: 'PIPE10013' });
  });

  it('reports a value that is not a number as invalid-response', async () => {
    const server = await serve(() => ({
      body: { data: { getBalance: { status: 1, data: { value: 'lots', currency: 'INR' } } } },
    }));
    const error = await failure(xoxoday.fetchBalance(account(server.baseUrl), testContext()));
    expect(error).toMatchObject({ kind: 'invalid-response' });
    expect((error as Error).message).toContain('data.getBalance.data.value');
  });
});

describe('xoxoday token renewal', () => {
  const renewable = {
    refreshToken: 'refresh-old-0001',
    clientId: 'client-42',
    clientSecret: 'client-secret-xyz',
  };

  it('posts the refresh grant and returns the rotated refresh token', async () => {
    const server = await serve(() => ({
      body: {
        access_token: 'access-new-0002',
        token_type: 'bearer',
        expires_in: 1296000,
        refresh_token: 'refresh-new-0002',
        access_token_expiry: String(NOW + 15 * DAY),
        refresh_token_expiry: NOW + 30 * DAY,
      },
    }));
    const renewed = await xoxoday.renewCredentials?.(
      account(`${server.baseUrl}/chef/`, renewable),
      testContext({ now: () => NOW }),
    );
    expect(renewed).toEqual({
      accessToken: 'access-new-0002',
      refreshToken: 'refresh-new-0002',
      accessTokenExpiresAt: NOW + 15 * DAY,
      refreshTokenExpiresAt: NOW + 30 * DAY,
    });
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/chef/v1/oauth/token/user');
    expect(JSON.parse(request?.body ?? '')).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'refresh-old-0001',
      client_id: 'client-42',
      client_secret: 'client-secret-xyz',
    });
  });

  it('derives the expiry from expires_in when no expiry timestamp is sent', async () => {
    const server = await serve(() => ({
      body: { access_token: 'a-new', refresh_token: 'r-new', expires_in: '3600' },
    }));
    const renewed = await xoxoday.renewCredentials?.(
      account(server.baseUrl, renewable),
      testContext({ now: () => NOW }),
    );
    expect(renewed?.accessTokenExpiresAt).toBe(NOW + 3_600_000);
    expect(renewed?.refreshToken).toBe('r-new');
  });

  it('refuses to renew without refresh token, client id and secret', async () => {
    const server = await serve(() => ({ body: {} }));
    const error = await failure(
      Promise.resolve(xoxoday.renewCredentials?.(account(server.baseUrl), testContext())),
    );
    expect(error).toMatchObject({ kind: 'config' });
    expect(server.requests).toHaveLength(0);
  });

  it('reports a rejected refresh token as auth, without echoing the secrets', async () => {
    const server = await serve(() => ({
      status: 401,
      body: { errorId: 'PIPE10013', errorInfo: `refresh token ${renewable.refreshToken} is dead` },
    }));
    const error = await failure(
      Promise.resolve(
        xoxoday.renewCredentials?.(account(server.baseUrl, renewable), testContext()),
      ),
    );
    expect(error).toMatchObject({ kind: 'auth', providerCode: 'PIPE10013' });
    expect(JSON.stringify(error)).not.toContain(renewable.refreshToken);
  });

  it('renews only when it can and the token expires within a day', () => {
    const shouldRenew = (credentials: Partial<XoxodayCredentials>) =>
      xoxoday.shouldRenew?.({ accessToken: ACCESS, ...credentials }, NOW);
    expect(shouldRenew({ ...renewable, accessTokenExpiresAt: NOW + 10 * DAY })).toBe(false);
    expect(shouldRenew({ ...renewable, accessTokenExpiresAt: NOW + DAY - 1 })).toBe(true);
    expect(shouldRenew({ ...renewable, accessTokenExpiresAt: NOW - 1 })).toBe(true);
    expect(shouldRenew({ accessTokenExpiresAt: NOW - 1 })).toBe(false);
    expect(shouldRenew({ ...renewable, clientSecret: undefined, accessTokenExpiresAt: NOW })).toBe(
      false,
    );
    // Unknown expiry: renew once to learn it rather than let the token die unnoticed.
    expect(shouldRenew(renewable)).toBe(true);
    // Stored by a form as text, the expiry still counts.
    expect(
      shouldRenew({
        ...renewable,
        accessTokenExpiresAt: String(NOW + 10 * DAY) as unknown as number,
      }),
    ).toBe(false);
    expect(
      shouldRenew({
        ...renewable,
        accessTokenExpiresAt: '2024-12-31T12:00:00Z' as unknown as number,
      }),
    ).toBe(true);
    // A refresh token known to be dead cannot renew anything.
    expect(
      shouldRenew({ ...renewable, accessTokenExpiresAt: NOW, refreshTokenExpiresAt: NOW - 1 }),
    ).toBe(false);
  });
});

describe('xoxoday lockout (when the user must act, for the token warning)', () => {
  const renewal = { refreshToken: 'r-1', clientId: 'c-1', clientSecret: 'cs-1' };
  const lockoutAt = (credentials: Record<string, unknown>) =>
    xoxoday.lockoutAt?.({ accessToken: ACCESS, ...credentials });

  it('with the renewal fields: the later of the two expiries, unknown with the refresh token’s', () => {
    const access = NOW + 10 * DAY;
    expect(
      lockoutAt({
        ...renewal,
        accessTokenExpiresAt: access,
        refreshTokenExpiresAt: NOW + 30 * DAY,
      }),
    ).toBe(NOW + 30 * DAY);
    // The access token in hand outlives a refresh token that dies first.
    expect(
      lockoutAt({ ...renewal, accessTokenExpiresAt: access, refreshTokenExpiresAt: NOW + DAY }),
    ).toBe(access);
    expect(lockoutAt({ ...renewal, refreshTokenExpiresAt: NOW + 30 * DAY })).toBe(NOW + 30 * DAY);
    // The extension renews the access token itself: an unknown refresh expiry is unknown.
    expect(lockoutAt({ ...renewal, accessTokenExpiresAt: access })).toBeNull();
  });

  it('without them: the access token’s expiry, read from text as well', () => {
    expect(lockoutAt({ accessTokenExpiresAt: NOW + DAY })).toBe(NOW + DAY);
    expect(lockoutAt({ accessTokenExpiresAt: ` ${NOW + DAY} ` })).toBe(NOW + DAY);
    expect(lockoutAt({ accessTokenExpiresAt: '2025-01-02T00:00:00Z' })).toBe(NOW + DAY);
    // Only some renewal fields: no renewal, so the access token counts.
    expect(lockoutAt({ refreshToken: 'r-1', accessTokenExpiresAt: NOW + DAY })).toBe(NOW + DAY);
    expect(lockoutAt({})).toBeNull();
    expect(lockoutAt({ accessTokenExpiresAt: 'soon' })).toBeNull();
  });
});

describe('xoxoday settings schema', () => {
  it('accepts an access token alone and trims it', () => {
    const parsed = xoxoday.schema.parse({
      credentials: { accessToken: `  ${ACCESS} ` },
      params: {},
    });
    expect(parsed.credentials.accessToken).toBe(ACCESS);
  });

  it('says what to enter when the access token is missing', () => {
    const result = xoxoday.schema.safeParse({ credentials: { accessToken: '' }, params: {} });
    expect(result.error?.issues[0]).toMatchObject({
      path: ['credentials', 'accessToken'],
      message: 'Enter the access token',
    });
  });

  it('names the missing renewal field when only some are given', () => {
    const result = xoxoday.schema.safeParse({
      credentials: { accessToken: ACCESS, refreshToken: 'r', clientId: 'c' },
      params: {},
    });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ['credentials', 'clientSecret'] }),
    ]);
  });

  it('accepts expiry as epoch ms, numeric string or ISO date', () => {
    const parsed = xoxoday.schema.parse({
      credentials: {
        accessToken: ACCESS,
        accessTokenExpiresAt: '2025-01-16T00:00:00Z',
        refreshTokenExpiresAt: String(NOW),
      },
      params: {},
    });
    expect(parsed.credentials.accessTokenExpiresAt).toBe(NOW + 15 * DAY);
    expect(parsed.credentials.refreshTokenExpiresAt).toBe(NOW);
  });

  it('fails a stored account without a token as config before calling anyone', async () => {
    const server = await serve(inOrder({ body: {} }));
    const error = await failure(
      xoxoday.fetchBalance(
        { id: 'a', baseUrl: server.baseUrl, credentials: {} as XoxodayCredentials, params: {} },
        testContext(),
      ),
    );
    expect(error).toMatchObject({ kind: 'config', message: 'Enter the access token' });
    expect(server.requests).toHaveLength(0);
  });
});

describe('xoxoday request limit (API guide, "Rate limiting")', () => {
  const overLimit = { errors: [{ message: 'auth.request_limit_exceeded', penaltySeconds: 45 }] };

  it.each([200, 400, 429, 500, 502])(
    'an errors[] body saying auth.request_limit_exceeded, sent with HTTP %i, is rate-limited for penaltySeconds and not retried',
    async (status) => {
      const server = await serve(() => ({ status, body: overLimit }));
      // Retries allowed: a request limit must still not be asked again at once.
      const http = createHttp({ retries: 2, timeoutMs: 5_000, backoffLimitMs: 10 });
      const error = await failure(
        xoxoday.fetchBalance(account(server.baseUrl), testContext({ http })),
      );
      expect(error).toMatchObject({
        kind: 'rate-limited',
        retryAfterMs: 45_000,
        providerCode: 'auth.request_limit_exceeded',
        message: expect.stringContaining('wait 45 seconds'),
      });
      expect(server.requests).toHaveLength(1);
    },
  );

  it('without penaltySeconds it is still rate-limited, and the scheduler’s backoff decides', async () => {
    const server = await serve(() => ({
      status: 429,
      body: { errors: [{ message: 'auth.request_limit_exceeded' }] },
    }));
    const error = await failure(xoxoday.fetchBalance(account(server.baseUrl), testContext()));
    expect(error).toMatchObject({ kind: 'rate-limited', retryAfterMs: undefined });
  });
});

describe('xoxoday tokens it no longer accepts (API guide, "refresh-token-access-token")', () => {
  it.each([
    [
      'a password reset',
      200,
      { success: 0, error_message_id: 'auth.token_error' },
      'auth.token_error',
      'password was reset',
    ],
    [
      'a token made by another admin',
      401,
      { error: 'invalid_token', error_description: 'Token is not active' },
      'invalid_token',
      'another admin created a new token',
    ],
    [
      'a header it cannot read',
      401,
      {
        error: 'invalid_request',
        error_description: 'missing/invalid parameters authorization header',
      },
      'invalid_request',
      'sign-in header is missing or invalid (missing/invalid parameters authorization header)',
    ],
  ] as const)(
    '%s is an auth error that says so and what to do',
    async (_case, status, body, code, says) => {
      const server = await serve(() => ({ status, body }));
      const error = await failure(xoxoday.fetchBalance(account(server.baseUrl), testContext()));
      expect(error).toMatchObject({ kind: 'auth', providerCode: code });
      expect((error as Error).message).toContain(says);
      expect((error as Error).message).toMatch(/Settings/);
    },
  );
});

describe('xoxoday expiries as sent', () => {
  const renewable = { refreshToken: 'r-old-1', clientId: 'c-1', clientSecret: 'cs-1' };

  it('reads epoch-ms strings and numbers, and a lifetime other than 15 days', async () => {
    const server = await serve(() => ({
      body: {
        access_token: 'a-new',
        refresh_token: 'r-new',
        expires_in: 604800,
        access_token_expiry: String(NOW + 7 * DAY),
        refresh_token_expiry: NOW + 20 * DAY,
      },
    }));
    const renewed = await xoxoday.renewCredentials?.(
      account(server.baseUrl, renewable),
      testContext({ now: () => NOW }),
    );
    expect(renewed).toMatchObject({
      accessTokenExpiresAt: NOW + 7 * DAY,
      refreshTokenExpiresAt: NOW + 20 * DAY,
    });
  });

  it('keeps the new tokens when an expiry comes in a form it cannot read', async () => {
    const server = await serve(() => ({
      body: {
        access_token: 'a-new',
        refresh_token: 'r-new',
        expires_in: 3600,
        access_token_expiry: 'soon',
        refresh_token_expiry: null,
      },
    }));
    const renewed = await xoxoday.renewCredentials?.(
      account(server.baseUrl, renewable),
      testContext({ now: () => NOW }),
    );
    // The old refresh token is dead by now: losing the new one would lock the user out.
    expect(renewed).toEqual({
      accessToken: 'a-new',
      refreshToken: 'r-new',
      accessTokenExpiresAt: NOW + 3_600_000,
      refreshTokenExpiresAt: undefined,
    });
  });

  it('renews before the refresh token’s own expiry, even with a long-lived access token', () => {
    const shouldRenew = (refreshTokenExpiresAt: number) =>
      xoxoday.shouldRenew?.(
        {
          accessToken: ACCESS,
          ...renewable,
          accessTokenExpiresAt: NOW + 10 * DAY,
          refreshTokenExpiresAt,
        },
        NOW,
      );
    expect(shouldRenew(NOW + 5 * DAY)).toBe(false);
    expect(shouldRenew(NOW + DAY - 1)).toBe(true);
  });
});

describe('xoxoday: only the amount and its currency are required', () => {
  it.each([
    ['points missing', {}],
    ['points null', { points: null }],
    ['points not a number', { points: 'n/a' }],
  ])('%s: the balance is read without the detail', async (_case, extra) => {
    const server = await serve(() => ({
      body: {
        data: {
          getBalance: {
            status: 1,
            data: { value: '250.75', currency: 'EUR', ...extra, walletId: 'w-1' },
          },
        },
        extensions: { cost: 1 },
      },
    }));
    const reading = await xoxoday.fetchBalance(account(server.baseUrl), testContext());
    expect(reading).toEqual({
      primary: { value: '250.75', unit: 'EUR' },
      details: [],
      warnings: [],
    });
  });
});
