import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BalanceError, type BalanceErrorKind } from '../../lib/errors';
import { PROVIDERS } from '../../lib/providers';
import { createHttp } from '../../lib/providers/http';
import type {
  AccountRequest,
  ProviderContext,
  Reading,
  TokenCache,
} from '../../lib/providers/types';
import { listWixPools } from '../../lib/providers/wix';
import type { SimDataInput, SimProviderId } from './data/schema';
import type { FaultInput } from './faults';
import { md5Hex } from './providers/capillary';
import type { Simulator } from './server';
import { startSimulator } from './server';
import { accountKeys } from './settings';
import { DEMO, HOUR, startTestSim, T0, XOXODAY_QUERY } from './test-helpers';

let sim: Simulator & { clock: { now: number } };
let cache: Map<string, { token: string; expiresAt: number }>;
let ctx: ProviderContext;

function memoryCache(entries: Map<string, { token: string; expiresAt: number }>): TokenCache {
  return {
    get: async (key) => entries.get(key),
    set: async (key, value) => {
      entries.set(key, value);
    },
    delete: async (key) => {
      entries.delete(key);
    },
  };
}

/** Short timeouts and no retries, so each fault shows as the error it maps to. */
function context(options: { retries?: number } = {}): ProviderContext {
  return {
    http: createHttp({ retries: options.retries ?? 0, timeoutMs: 300, backoffLimitMs: 20 }),
    now: () => sim.clock.now,
    tokenCache: memoryCache(cache),
  };
}

beforeEach(async () => {
  sim = await startTestSim();
  cache = new Map();
  ctx = context();
});
afterEach(() => sim.close());

/** The adapter's view of a simulated account, in the settings-file keys. */
function request(id: string): AccountRequest {
  return { id, baseUrl: sim.url, ...accountKeys(sim.control.account(id)) };
}

function fetchReading(id: string, context = ctx): Promise<Reading> {
  const provider = PROVIDERS[sim.control.account(id).provider];
  return provider.fetchBalance(request(id), context);
}

async function failure(promise: Promise<unknown>): Promise<BalanceError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof BalanceError)) {
    throw new Error(`expected a BalanceError, got ${String(outcome)}`);
  }
  return outcome;
}

const ACCOUNT: Record<SimProviderId, string> = {
  xoxoday: DEMO.xoxoUsd.id,
  capillary: DEMO.capBasic.id,
  wix: DEMO.wixGold.id,
  onlinesales: DEMO.osUsd.id,
};

describe('successful readings', () => {
  it('Xoxoday with points', async () => {
    expect(await fetchReading(DEMO.xoxoInr.id)).toEqual({
      primary: { value: '109970', unit: 'INR' },
      details: [
        { key: 'points', label: 'Points', amount: { value: '109970', unit: 'points:xoxoday' } },
      ],
      warnings: [],
    });
  });

  it('Xoxoday without points, decimals exact', async () => {
    expect(await fetchReading(DEMO.xoxoUsd.id)).toEqual({
      primary: { value: '420.5', unit: 'USD' },
      details: [],
      warnings: [],
    });
  });

  it('Capillary Basic: main points, with the promised breakup as details', async () => {
    const reading = await fetchReading(DEMO.capBasic.id);
    // No program id: the org's default program, told apart by the sign-in (hashed).
    const org = createHash('sha256').update(DEMO.capBasic.username).digest('hex').slice(0, 12);
    const unit = `points:capillary#${new URL(sim.url).host}/default/${org}`;
    expect(reading.primary).toEqual({ value: '8500', unit });
    expect(reading.details.map((d) => [d.key, d.amount.value])).toEqual([
      ['totalPoints', '8500'],
      ['promisedPoints', '0'],
      ['delayedAccrualPoints', '0'],
      ['externalTriggerBasedPoints', '0'],
    ]);
  });

  it('Capillary OAuth with promised points', async () => {
    const reading = await fetchReading(DEMO.capOAuth.id);
    // Program 973 on this cluster.
    const unit = `points:capillary#${new URL(sim.url).host}/973`;
    expect(reading.primary).toEqual({ value: '1240.5', unit });
    expect(reading.details.map((d) => [d.key, d.amount.value])).toEqual([
      ['totalPoints', '1615.75'],
      ['promisedPoints', '375.25'],
      ['delayedAccrualPoints', '300'],
      ['externalTriggerBasedPoints', '75.25'],
    ]);
  });

  it('Wix credits from decimal strings', async () => {
    expect(await fetchReading(DEMO.wixSilver.id)).toEqual({
      primary: { value: '12.5', unit: 'credits' },
      details: [
        { key: 'reserved', label: 'Reserved credits', amount: { value: '2.25', unit: 'credits' } },
      ],
      warnings: [],
    });
  });

  it('OnlineSales in two currencies', async () => {
    const usd = await fetchReading(DEMO.osUsd.id);
    const inr = await fetchReading(DEMO.osInr.id);
    expect(usd).toEqual({
      primary: { value: '200', unit: 'USD' },
      details: [
        { key: 'totalCredit', label: 'Total credit', amount: { value: '1000', unit: 'USD' } },
        { key: 'totalSpend', label: 'Total spend', amount: { value: '800', unit: 'USD' } },
      ],
      warnings: [],
    });
    expect(inr.primary).toEqual({ value: '850.25', unit: 'INR' });
  });

  it('follows a falling balance', async () => {
    sim.clock.now += 10 * HOUR;
    expect((await fetchReading(DEMO.osInr.id)).primary.value).toBe('650.25');
  });

  it('a latency fault shorter than the timeout still reads', async () => {
    sim.control.setFault({}, { type: 'latency', ms: 10, jitterMs: 10 });
    expect((await fetchReading(DEMO.wixGold.id)).primary.value).toBe('150.75');
  });
});

describe('requests in the documented shape', () => {
  it('Xoxoday: POST /v1/oauth/api with the bearer token and the getBalance query', async () => {
    await fetchReading(DEMO.xoxoUsd.id);
    const [sent] = sim.control.requests();
    expect(sent).toMatchObject({
      method: 'POST',
      path: '/v1/oauth/api',
      query: {},
      headers: { authorization: `Bearer ${DEMO.xoxoUsd.token}` },
      body: XOXODAY_QUERY,
    });
    expect(sent?.headers['content-type']).toMatch(/^application\/json/);
  });

  it('Capillary Basic: GET /v2/customers/{userId}/points/balance with base64(user:md5(password))', async () => {
    await fetchReading(DEMO.capBasic.id);
    const { username, password, userId } = DEMO.capBasic;
    expect(sim.control.requests()).toMatchObject([
      {
        method: 'GET',
        path: `/v2/customers/${userId}/points/balance`,
        headers: {
          authorization: `Basic ${Buffer.from(`${username}:${md5Hex(password)}`).toString('base64')}`,
        },
      },
    ]);
  });

  it('Capillary OAuth: token from {key, secret}, then the balance with X-CAP-API-OAUTH-TOKEN and programId', async () => {
    await fetchReading(DEMO.capOAuth.id);
    const [token, balance] = sim.control.requests();
    expect(token).toMatchObject({
      method: 'POST',
      path: '/v3/oauth/token/generate',
      body: { key: DEMO.capOAuth.key, secret: DEMO.capOAuth.secret },
      status: 200,
    });
    expect(balance).toMatchObject({
      method: 'GET',
      path: `/v2/customers/${DEMO.capOAuth.userId}/points/balance`,
      query: { programId: '973' },
      status: 200,
    });
    expect(balance?.headers['x-cap-api-oauth-token']).toMatch(/^sim-cap-oauth-/);
    expect(balance?.headers.authorization).toBeUndefined();
  });

  it('Wix: GET the pool with the bare API key and wix-site-id', async () => {
    await fetchReading(DEMO.wixGold.id);
    expect(sim.control.requests()).toMatchObject([
      {
        method: 'GET',
        path: `/benefit-programs/v1/balances/${DEMO.wixGold.poolId}`,
        headers: { authorization: DEMO.wixGold.apiKey, 'wix-site-id': DEMO.wixGold.siteId },
      },
    ]);
  });

  it('OnlineSales: GET with token, merchantId, merchantType and marketplaceClientId', async () => {
    await fetchReading(DEMO.osUsd.id);
    expect(sim.control.requests()).toMatchObject([
      {
        method: 'GET',
        path: '/osBillingServiceV2/marketplace/balance',
        query: { ...DEMO.osUsd.params, marketplaceClientId: '110600' },
      },
    ]);
  });
});

interface Expected {
  kind: BalanceErrorKind;
  message: string;
  status?: number;
  providerCode?: string;
  retryAfterMs?: number;
}

/** What each fault must become, per provider, from the error bodies DESIGN.md describes. */
const FAULTS: { fault: FaultInput; expect: Record<SimProviderId, Expected> }[] = [
  {
    fault: { type: 'server-error' },
    expect: {
      xoxoday: {
        kind: 'server',
        status: 502,
        providerCode: 'PLE10023',
        message: "Failed to get client's balance",
      },
      capillary: {
        kind: 'server',
        status: 500,
        providerCode: '500',
        message: 'Internal server error',
      },
      wix: {
        kind: 'server',
        status: 500,
        providerCode: 'INTERNAL',
        message: 'Internal server error',
      },
      onlinesales: {
        kind: 'server',
        status: 500,
        message: 'The provider reported a server error (HTTP 500)',
      },
    },
  },
  {
    fault: { type: 'rate-limit', retryAfterSeconds: 30 },
    expect: {
      xoxoday: {
        kind: 'rate-limited',
        status: 429,
        retryAfterMs: 30_000,
        message: 'Too Many Requests',
      },
      capillary: {
        kind: 'rate-limited',
        status: 429,
        retryAfterMs: 30_000,
        providerCode: '429',
        message: 'Too many requests',
      },
      wix: {
        kind: 'rate-limited',
        status: 429,
        retryAfterMs: 30_000,
        providerCode: 'RESOURCE_EXHAUSTED',
        message: 'Too many requests',
      },
      onlinesales: {
        kind: 'rate-limited',
        status: 429,
        retryAfterMs: 30_000,
        message: 'The provider is limiting requests (HTTP 429)',
      },
    },
  },
  {
    fault: { type: 'not-found' },
    expect: {
      xoxoday: { kind: 'not-found', status: 404, message: 'Not Found' },
      capillary: {
        kind: 'not-found',
        status: 400,
        providerCode: '8015',
        message: 'Customer not found for the given identifiers',
      },
      wix: {
        kind: 'not-found',
        status: 404,
        providerCode: 'BALANCE_NOT_FOUND',
        message: `Balance with id ${DEMO.wixGold.poolId} was not found`,
      },
      onlinesales: {
        kind: 'not-found',
        status: 404,
        message: 'The provider does not know this account (HTTP 404)',
      },
    },
  },
  {
    fault: { type: 'unauthorized' },
    expect: {
      xoxoday: {
        kind: 'auth',
        status: 401,
        providerCode: 'PIPE10013',
        message: 'Invalid authorization header',
      },
      capillary: {
        kind: 'auth',
        status: 401,
        providerCode: '401',
        message: 'Unauthorized: invalid credentials',
      },
      wix: {
        kind: 'auth',
        status: 401,
        providerCode: 'UNAUTHENTICATED',
        message: 'The API key is missing or not valid',
      },
      onlinesales: {
        kind: 'auth',
        status: 401,
        message: 'The provider rejected the credentials (HTTP 401)',
      },
    },
  },
  ...(['html', 'malformed-json'] as const).map((type) => ({
    fault: { type },
    expect: {
      xoxoday: {
        kind: 'invalid-response',
        message: 'The provider answered with something that is not JSON.',
      },
      capillary: {
        kind: 'invalid-response',
        message: 'The provider answered with something that is not JSON.',
      },
      wix: {
        kind: 'invalid-response',
        message: 'The provider answered with something that is not JSON.',
      },
      onlinesales: {
        kind: 'invalid-response',
        message: 'The provider answered with something that is not JSON.',
      },
    } satisfies Record<SimProviderId, Expected>,
  })),
  {
    fault: { type: 'wrong-shape' },
    expect: {
      xoxoday: {
        kind: 'invalid-response',
        message: 'Xoxoday answered in an unexpected form (at data.getBalance).',
      },
      capillary: {
        kind: 'invalid-response',
        message: 'Capillary answered in an unexpected form (at mainPoints).',
      },
      wix: {
        kind: 'invalid-response',
        message: 'Wix answered in an unexpected form (at balance).',
      },
      onlinesales: {
        kind: 'invalid-response',
        message: 'OnlineSales answered in an unexpected form (at balanceAmount).',
      },
    },
  },
  {
    fault: { type: 'timeout' },
    expect: {
      xoxoday: { kind: 'timeout', message: 'The provider did not answer in time' },
      capillary: { kind: 'timeout', message: 'The provider did not answer in time' },
      wix: { kind: 'timeout', message: 'The provider did not answer in time' },
      onlinesales: { kind: 'timeout', message: 'The provider did not answer in time' },
    },
  },
  {
    fault: { type: 'latency', ms: 2_000 },
    expect: {
      xoxoday: { kind: 'timeout', message: 'The provider did not answer in time' },
      capillary: { kind: 'timeout', message: 'The provider did not answer in time' },
      wix: { kind: 'timeout', message: 'The provider did not answer in time' },
      onlinesales: { kind: 'timeout', message: 'The provider did not answer in time' },
    },
  },
  {
    fault: { type: 'reset' },
    expect: {
      xoxoday: { kind: 'network', message: 'The provider could not be reached' },
      capillary: { kind: 'network', message: 'The provider could not be reached' },
      wix: { kind: 'network', message: 'The provider could not be reached' },
      onlinesales: { kind: 'network', message: 'The provider could not be reached' },
    },
  },
];

describe.each(Object.keys(ACCOUNT) as SimProviderId[])('%s adapter against faults', (provider) => {
  it.each(FAULTS.map(({ fault, expect }) => [fault.type, fault, expect[provider]] as const))(
    '%s',
    async (_type, fault, expected) => {
      sim.control.setFault({ account: ACCOUNT[provider] }, fault);
      const error = await failure(fetchReading(ACCOUNT[provider]));
      expect(error.toJSON()).toEqual({
        status: undefined,
        providerCode: undefined,
        retryAfterMs: undefined,
        ...expected,
      });
    },
  );
});

describe('auth failures against the simulator’s real checks', () => {
  async function withCredentials(id: string, credentials: Record<string, unknown>) {
    const account = request(id);
    const provider = PROVIDERS[sim.control.account(id).provider];
    return failure(provider.fetchBalance({ ...account, credentials }, ctx));
  }

  it('Xoxoday: a wrong access token', async () => {
    const error = await withCredentials(DEMO.xoxoUsd.id, { accessToken: 'wrong-token' });
    expect(error).toMatchObject({ kind: 'auth', status: 401, providerCode: 'PIPE10013' });
  });

  it('Capillary Basic: a wrong password', async () => {
    const { username } = DEMO.capBasic;
    const error = await withCredentials(DEMO.capBasic.id, { username, password: 'wrong' });
    expect(error).toMatchObject({
      kind: 'auth',
      status: 401,
      message: 'Unauthorized: invalid credentials',
    });
  });

  it('Capillary OAuth: a wrong client secret fails at token generation', async () => {
    const error = await withCredentials(DEMO.capOAuth.id, {
      clientKey: DEMO.capOAuth.key,
      clientSecret: 'no',
    });
    expect(error).toMatchObject({ kind: 'auth', status: 401 });
    expect(sim.control.requests().map((r) => r.endpoint)).toEqual(['token']);
  });

  it('Wix: a wrong API key', async () => {
    const error = await withCredentials(DEMO.wixGold.id, { apiKey: 'wrong' });
    expect(error).toMatchObject({ kind: 'auth', status: 401, providerCode: 'UNAUTHENTICATED' });
  });

  it('OnlineSales: a wrong token', async () => {
    const error = await withCredentials(DEMO.osUsd.id, { token: 'wrong-token' });
    expect(error).toMatchObject({ kind: 'auth', status: 401 });
  });
});

describe('Capillary OAuth token lifecycle', () => {
  const tokenCalls = () => sim.control.requests({ endpoint: 'token' }).length;

  it('reuses the cached token, and fetches a new one once its ttl has run out', async () => {
    await fetchReading(DEMO.capOAuth.id);
    await fetchReading(DEMO.capOAuth.id);
    expect(tokenCalls()).toBe(1);
    sim.clock.now += 1800 * 1000;
    await fetchReading(DEMO.capOAuth.id);
    expect(tokenCalls()).toBe(2);
    expect(sim.control.requests({ endpoint: 'balance' }).map((r) => r.status)).toEqual([
      200, 200, 200,
    ]);
  });

  it('a cached token the server no longer accepts is replaced once, transparently', async () => {
    await fetchReading(DEMO.capOAuth.id);
    // Capillary forgets every token it issued (as after a key rotation on its side).
    sim.control.reset();
    const reading = await fetchReading(DEMO.capOAuth.id);
    expect(reading.primary.value).toBe('1240.5');
    expect(sim.control.requests().map((r) => [r.endpoint, r.status])).toEqual([
      ['balance', 401],
      ['token', 200],
      ['balance', 200],
    ]);
  });

  it('a failing token endpoint surfaces as that failure', async () => {
    sim.control.setFault(
      { account: DEMO.capOAuth.id },
      { type: 'server-error', endpoints: ['token'] },
    );
    const error = await failure(fetchReading(DEMO.capOAuth.id));
    expect(error).toMatchObject({ kind: 'server', status: 500 });
  });
});

describe('Xoxoday token renewal', () => {
  it('renews, the new access token reads, and the old refresh token is dead', async () => {
    const { xoxoday } = PROVIDERS;
    const before = request(DEMO.xoxoInr.id);
    const renewed = await xoxoday.renewCredentials?.(before, ctx);
    expect(renewed).toMatchObject({
      accessToken: expect.stringMatching(/^sim-xoxo-access-/),
      refreshToken: expect.stringMatching(/^sim-xoxo-refresh-/),
      accessTokenExpiresAt: T0 + 15 * 24 * HOUR,
      refreshTokenExpiresAt: expect.any(Number),
    });
    expect(sim.control.requests()).toMatchObject([
      {
        method: 'POST',
        path: '/v1/oauth/token/user',
        body: {
          grant_type: 'refresh_token',
          refresh_token: DEMO.xoxoInr.refresh,
          client_id: DEMO.xoxoClient.client_id,
          client_secret: DEMO.xoxoClient.client_secret,
        },
        status: 200,
      },
    ]);
    const after = { ...before, credentials: { ...before.credentials, ...renewed } };
    expect((await xoxoday.fetchBalance(after, ctx)).primary.unit).toBe('INR');
    const again = await failure(xoxoday.renewCredentials?.(before, ctx) ?? Promise.resolve());
    expect(again).toMatchObject({ kind: 'auth', status: 401 });
  });

  it('wants renewal when the access token is near expiry, not long before', () => {
    const { xoxoday } = PROVIDERS;
    const credentials = request(DEMO.xoxoInr.id).credentials;
    expect(
      xoxoday.shouldRenew?.({ ...credentials, accessTokenExpiresAt: T0 + 10 * 24 * HOUR }, T0),
    ).toBe(false);
    expect(xoxoday.shouldRenew?.({ ...credentials, accessTokenExpiresAt: T0 + HOUR }, T0)).toBe(
      true,
    );
  });
});

describe('retries through createHttp', () => {
  it('a single 503 is retried into a reading', async () => {
    sim.control.setFault(
      { account: DEMO.osUsd.id },
      { type: 'server-error', status: 503, times: 1 },
    );
    const reading = await fetchReading(DEMO.osUsd.id, context({ retries: 1 }));
    expect(reading.primary.value).toBe('200');
    expect(sim.control.requests().map((r) => r.status)).toEqual([503, 200]);
  });

  it('a 429 asking for longer than we wait is not retried', async () => {
    sim.control.setFault({ provider: 'wix' }, { type: 'rate-limit', retryAfterSeconds: 3600 });
    const error = await failure(fetchReading(DEMO.wixGold.id, context({ retries: 2 })));
    expect(error).toMatchObject({ kind: 'rate-limited', retryAfterMs: 3_600_000 });
    expect(sim.control.requests()).toHaveLength(1);
  });
});

describe('Wix pool discovery (Query Balances)', () => {
  it('pages through every pool of a site', async () => {
    const site = { apiKey: 'FAKE.key', siteId: 'site-1' };
    const pools = Array.from({ length: 130 }, (_, i) => ({
      provider: 'wix' as const,
      id: `pool-${i}`,
      name: `Pool ${i}`,
      balance: String(i),
      poolId: `pool-${String(i).padStart(3, '0')}`,
      ...site,
    }));
    const data: SimDataInput = { accounts: pools };
    const big = await startSimulator({ data, now: () => T0 });
    try {
      const found = await listWixPools(
        {
          id: 'discovery',
          baseUrl: big.url,
          credentials: { apiKey: site.apiKey },
          params: { siteId: site.siteId },
        },
        ctx,
      );
      expect(found).toHaveLength(130);
      expect(found[129]).toMatchObject({ poolId: 'pool-129', available: '129', reserved: '0' });
      const pages = big.control.requests({ endpoint: 'query' });
      expect(pages).toHaveLength(2);
      expect(pages[0]?.body).toEqual({ query: { cursorPaging: { limit: 100 } } });
      expect(pages[1]?.body).toMatchObject({
        query: { cursorPaging: { limit: 100, cursor: expect.any(String) } },
      });
    } finally {
      await big.close();
    }
  });
});
