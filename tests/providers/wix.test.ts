import { describe, expect, it } from 'vitest';
import { CREDITS } from '@/lib/money';
import { createHttp } from '@/lib/providers/http';
import { listWixPools, WIX_MAX_POOL_PAGES, wix } from '@/lib/providers/wix';
import { seed, serverPerTest } from '../support/http-server';
import { failure, providerAccount, testContext } from '../support/provider-context';

const serve = serverPerTest();

const API_KEY = 'IST.eyJraWQiOiJQb3pIX2FDMiIsImFsZyI6IlJTMjU2In0.wix-api-key';
const SITE = '0a1b2c3d-site';
const POOL = '09010c62-181e-49b9-909c-099f4574c0f2';

const account = (baseUrl: string, poolId = POOL) =>
  providerAccount('wix-1', baseUrl, { apiKey: API_KEY }, { siteId: SITE, poolId });

function balance(id: string, available: string, reserved?: string) {
  return { id, amount: reserved === undefined ? { available } : { available, reserved } };
}

describe('wix balance', () => {
  it('keeps the decimal strings exact: no float rounding of available or reserved', async () => {
    const server = await serve(() => ({ body: seed('003-wix-balance.json') }));
    const reading = await wix.fetchBalance(account(server.baseUrl), testContext());
    expect(reading).toEqual({
      primary: { value: '98765432109876543210.123456789', unit: CREDITS },
      details: [
        { key: 'reserved', label: 'Reserved credits', amount: { value: '0.1', unit: CREDITS } },
      ],
      warnings: [],
    });
  });

  it('sends GET benefit-programs/v1/balances/{poolId} with the API key and site id', async () => {
    const server = await serve(() => ({ body: seed('003-wix-balance.json') }));
    await wix.fetchBalance(account(`${server.baseUrl}///`), testContext());
    const [request] = server.requests;
    expect(request?.method).toBe('GET');
    expect(request?.url).toBe(`/benefit-programs/v1/balances/${POOL}`);
    // Wix API keys go in Authorization as they are, without a scheme.
    expect(request?.headers.authorization).toBe(API_KEY);
    expect(request?.headers['wix-site-id']).toBe(SITE);
  });

  it('maps a Wix error body to its applicationError code and description', async () => {
    const server = await serve(() => ({
      status: 404,
      body: {
        message: 'Balance not found',
        details: {
          applicationError: { code: 'BALANCE_NOT_FOUND', description: 'No balance for pool' },
        },
      },
    }));
    const error = await failure(wix.fetchBalance(account(server.baseUrl), testContext()));
    expect(error).toMatchObject({
      kind: 'not-found',
      status: 404,
      providerCode: 'BALANCE_NOT_FOUND',
      message: 'No balance for pool',
    });
  });

  it('maps 429 "Resource exhausted" to rate-limited with the message', async () => {
    const server = await serve(() => ({
      status: 429,
      headers: { 'retry-after': '60' },
      body: { message: 'Resource exhausted', details: {} },
    }));
    const error = await failure(wix.fetchBalance(account(server.baseUrl), testContext()));
    expect(error).toMatchObject({
      kind: 'rate-limited',
      message: 'Resource exhausted',
      retryAfterMs: 60_000,
    });
  });

  it('maps 403 to auth', async () => {
    const server = await serve(() => ({
      status: 403,
      body: { message: 'Missing permission', details: {} },
    }));
    const error = await failure(wix.fetchBalance(account(server.baseUrl), testContext()));
    expect(error).toMatchObject({ kind: 'auth', message: 'Missing permission' });
  });

  it('reports an amount sent as a non-decimal string as invalid-response', async () => {
    const server = await serve(() => ({ body: { balance: balance(POOL, '1e3') } }));
    const error = await failure(wix.fetchBalance(account(server.baseUrl), testContext()));
    expect(error).toMatchObject({ kind: 'invalid-response' });
  });
});

describe('listWixPools', () => {
  it('follows pagingMetadata.cursors.next until it is absent', async () => {
    const server = await serve((_request, index) =>
      index === 0
        ? {
            body: {
              balances: [
                {
                  ...balance('pool-aaaaaaaa-1', '10.50', '1'),
                  beneficiary: { memberId: 'mem12345-xyz' },
                },
              ],
              pagingMetadata: { count: 1, cursors: { next: 'cursor-2' } },
            },
          }
        : {
            body: {
              balances: [{ ...balance('pool-bbbbbbbb-2', '0'), poolInfo: { status: 'PAUSED' } }],
              pagingMetadata: { count: 1, cursors: {} },
            },
          },
    );
    const pools = await listWixPools(
      {
        id: 'wix-1',
        baseUrl: server.baseUrl,
        credentials: { apiKey: API_KEY },
        params: { siteId: SITE },
      },
      testContext(),
    );
    expect(pools).toEqual([
      {
        poolId: 'pool-aaaaaaaa-1',
        available: '10.5',
        reserved: '1',
        label: 'Member mem12345',
        beneficiary: 'Member mem12345',
      },
      {
        poolId: 'pool-bbbbbbbb-2',
        available: '0',
        reserved: undefined,
        label: 'Pool pool-bbb (paused)',
        status: 'PAUSED',
      },
    ]);
    expect(server.requests.map((r) => [r.method, r.url, JSON.parse(r.body)])).toEqual([
      ['POST', '/benefit-programs/v1/balances/query', { query: { cursorPaging: { limit: 100 } } }],
      [
        'POST',
        '/benefit-programs/v1/balances/query',
        { query: { cursorPaging: { limit: 100, cursor: 'cursor-2' } } },
      ],
    ]);
    expect(server.requests[0]?.headers.authorization).toBe(API_KEY);
    expect(server.requests[0]?.headers['wix-site-id']).toBe(SITE);
  });

  it('stops after a bounded number of pages when the cursor never ends', async () => {
    const server = await serve((_request, index) => ({
      body: {
        balances: [balance(`pool-${index}`, '1')],
        pagingMetadata: { cursors: { next: `cursor-${index + 1}` } },
      },
    }));
    const pools = await listWixPools(
      {
        id: 'wix-1',
        baseUrl: server.baseUrl,
        credentials: { apiKey: API_KEY },
        params: { siteId: SITE },
      },
      testContext(),
    );
    expect(server.requests).toHaveLength(WIX_MAX_POOL_PAGES);
    expect(pools).toHaveLength(WIX_MAX_POOL_PAGES);
  });

  it('stops when the server repeats a cursor', async () => {
    const server = await serve(() => ({
      body: { balances: [], pagingMetadata: { cursors: { next: 'same' } } },
    }));
    await listWixPools(
      {
        id: 'wix-1',
        baseUrl: server.baseUrl,
        credentials: { apiKey: API_KEY },
        params: { siteId: SITE },
      },
      testContext(),
    );
    expect(server.requests).toHaveLength(2);
  });
});

describe('wix discovery', () => {
  it('offers each pool as a target whose params fill the pool id', async () => {
    const server = await serve(() => ({
      body: {
        balances: [
          {
            ...balance('pool-aaaaaaaa-1', '10.50', '1'),
            beneficiary: { memberId: 'mem12345' },
            poolInfo: { status: 'ACTIVE', poolDefinitionId: 'def-1', programId: 'prog-1' },
          },
        ],
      },
    }));
    const targets = await wix.discover?.(
      {
        id: 'draft',
        baseUrl: server.baseUrl,
        credentials: { apiKey: API_KEY },
        // A pool is what discovery finds, so none is needed yet.
        params: { siteId: SITE, poolId: '' },
      },
      testContext(),
    );
    expect(targets).toEqual([
      {
        id: 'pool-aaaaaaaa-1',
        label: 'Member mem12345',
        params: { poolId: 'pool-aaaaaaaa-1' },
        available: '10.5',
        // What tells look-alike pools apart in the picker (issue 14).
        reserved: '1',
        beneficiary: 'Member mem12345',
        program: 'def-1',
        status: 'ACTIVE',
      },
    ]);
  });

  it('asks for the site id before calling anyone', async () => {
    const server = await serve(() => ({ body: { balances: [] } }));
    const error = await failure(
      Promise.resolve(
        wix.discover?.(
          { id: 'draft', baseUrl: server.baseUrl, credentials: { apiKey: API_KEY }, params: {} },
          testContext(),
        ),
      ),
    );
    expect(error).toMatchObject({ kind: 'config', message: 'Enter the site id' });
    expect(server.requests).toHaveLength(0);
  });
});

describe('wix settings schema', () => {
  it('says which field is missing', () => {
    const result = wix.schema.safeParse({ credentials: { apiKey: ' ' }, params: { siteId: SITE } });
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['credentials.apiKey', 'Enter the API key'],
      ['params.poolId', 'Enter the pool id'],
    ]);
  });
});

describe('wix errors (dev.wix.com, "About errors")', () => {
  const wixError = (status: number, body: unknown, headers?: Record<string, string>) =>
    serve(() => ({ status, body, headers }));

  it('reads a validationError’s field violation', async () => {
    const server = await wixError(400, {
      message: 'INVALID_ARGUMENT',
      details: {
        validationError: {
          fieldViolations: [
            { field: 'poolId', description: 'must be a GUID', ruleName: 'INVALID_GUID' },
          ],
        },
      },
    });
    const error = await failure(wix.fetchBalance(account(server.baseUrl), testContext()));
    expect(error).toMatchObject({
      kind: 'config',
      status: 400,
      providerCode: 'INVALID_GUID',
      message: 'poolId: must be a GUID',
    });
  });

  it('a 403 naming the Benefit Programs scope says the key lacks it, and where to add it', async () => {
    const server = await wixError(403, {
      message: 'Missing scope SCOPE.BENEFIT_PROGRAMS.READ',
      details: { applicationError: { code: 'PERMISSION_DENIED', description: 'Forbidden' } },
    });
    const error = await failure(wix.fetchBalance(account(server.baseUrl), testContext()));
    expect(error).toMatchObject({ kind: 'auth', status: 403, providerCode: 'PERMISSION_DENIED' });
    expect((error as Error).message).toContain('Benefit Programs read permission');
    expect((error as Error).message).toContain('API Keys Manager');
  });

  it('a 428 "App not installed" says the site needs the Pricing Plans app', async () => {
    const server = await wixError(428, {
      message: 'App not installed',
      details: {
        applicationError: { code: 'APP_NOT_INSTALLED', description: 'App not installed' },
      },
    });
    const error = await failure(wix.fetchBalance(account(server.baseUrl), testContext()));
    expect(error).toMatchObject({ kind: 'config', status: 428, providerCode: 'APP_NOT_INSTALLED' });
    expect((error as Error).message).toContain('does not have the Pricing Plans app');
  });

  it('another 428 is a precondition, in Wix’s words', async () => {
    const server = await wixError(428, {
      message: 'Precondition required',
      details: { applicationError: { code: 'POOL_NOT_ACTIVE', description: 'The pool is paused' } },
    });
    const error = await failure(wix.fetchBalance(account(server.baseUrl), testContext()));
    expect(error).toMatchObject({ kind: 'config', status: 428, providerCode: 'POOL_NOT_ACTIVE' });
    expect((error as Error).message).toBe(
      'Wix says a condition for this request is not met: The pool is paused. Check the site and the pool in the Wix dashboard, then press Refresh now.',
    );
  });

  it('a 429 without Retry-After is rate-limited and not asked again at once', async () => {
    const server = await wixError(429, {
      message: 'Resource exhausted',
      details: { applicationError: { code: 'RESOURCE_EXHAUSTED', description: 'Too many' } },
    });
    const http = createHttp({ retries: 2, timeoutMs: 5_000, backoffLimitMs: 10 });
    const error = await failure(wix.fetchBalance(account(server.baseUrl), testContext({ http })));
    expect(error).toMatchObject({ kind: 'rate-limited', retryAfterMs: undefined });
    expect(server.requests).toHaveLength(1);
  });
});

describe('wix: only the available amount is required', () => {
  it.each([
    ['reserved missing', { available: '7.5' }],
    ['reserved null', { available: '7.5', reserved: null }],
    ['reserved odd', { available: '7.5', reserved: 'n/a' }],
  ])('%s: the balance is read without the detail', async (_case, amount) => {
    const server = await serve(() => ({
      body: { balance: { id: POOL, amount, beneficiary: null, poolInfo: 'x', revision: '9' } },
    }));
    const reading = await wix.fetchBalance(account(server.baseUrl), testContext());
    expect(reading).toEqual({
      primary: { value: '7.5', unit: CREDITS },
      details: [],
      warnings: [],
    });
  });

  it('lists pools whose beneficiary, pool info or paging are missing or null', async () => {
    const server = await serve(() => ({
      body: {
        balances: [
          { ...balance('pool-cccccccc-3', '1'), beneficiary: null, poolInfo: null },
          { ...balance('pool-dddddddd-4', '2'), beneficiary: { memberId: null } },
        ],
        pagingMetadata: null,
      },
    }));
    const pools = await listWixPools(
      {
        id: 'w',
        baseUrl: server.baseUrl,
        credentials: { apiKey: API_KEY },
        params: { siteId: SITE },
      },
      testContext(),
    );
    expect(pools.map((pool) => [pool.poolId, pool.label])).toEqual([
      ['pool-cccccccc-3', 'Pool pool-ccc'],
      ['pool-dddddddd-4', 'Pool pool-ddd'],
    ]);
  });
});
