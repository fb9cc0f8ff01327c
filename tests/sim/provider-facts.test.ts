import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BalanceError } from '../../lib/errors';
import { PROVIDERS } from '../../lib/providers';
import { createHttp } from '../../lib/providers/http';
import type { AccountRequest, ProviderContext, Reading } from '../../lib/providers/types';
import type { SimProviderId } from './data/schema';
import type { Simulator } from './server';
import { accountKeys } from './settings';
import { DEMO, raw, startTestSim } from './test-helpers';

/**
 * Issue 19: each provider fact from DESIGN.md's "Provider facts beyond the seeds" as a simulator
 * mode, checked on the wire (what the simulator sends) and through the adapter (what the user
 * gets). The fault names are the modes the README lists.
 */

let sim: Simulator & { clock: { now: number } };
let tokens: Map<string, { token: string; expiresAt: number }>;

beforeEach(async () => {
  sim = await startTestSim();
  tokens = new Map();
});
afterEach(() => sim.close());

function context(retries = 0): ProviderContext {
  return {
    http: createHttp({ retries, timeoutMs: 2_000, backoffLimitMs: 10 }),
    now: () => sim.clock.now,
    tokenCache: {
      get: async (key) => tokens.get(key),
      set: async (key, value) => void tokens.set(key, value),
      delete: async (key) => void tokens.delete(key),
    },
  };
}

function request(id: string, params: Record<string, unknown> = {}): AccountRequest {
  const keys = accountKeys(sim.control.account(id));
  return {
    id,
    baseUrl: sim.url,
    credentials: keys.credentials,
    params: { ...keys.params, ...params },
  };
}

function read(id: string, ctx = context()): Promise<Reading> {
  return PROVIDERS[sim.control.account(id).provider].fetchBalance(request(id), ctx);
}

async function failure(promise: Promise<unknown>): Promise<BalanceError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof BalanceError)) throw new Error(`expected a BalanceError: ${outcome}`);
  return outcome;
}

describe('request-limit: Xoxoday’s 10 getBalance calls a minute', () => {
  const account = DEMO.xoxoUsd.id;

  it('lets 10 through, then answers errors[] auth.request_limit_exceeded with penaltySeconds', async () => {
    sim.control.setFault({ provider: 'xoxoday' }, { type: 'request-limit' });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await raw.xoxoday(sim.url, DEMO.xoxoUsd.token)).status);
    }
    expect(statuses).toEqual([...Array(10).fill(200), 429]);
    const over = await raw.xoxoday(sim.url, DEMO.xoxoUsd.token);
    expect(await over.json()).toEqual({
      errors: [{ message: 'auth.request_limit_exceeded', penaltySeconds: 60 }],
    });
  });

  it('holds the penalty, and counts the window again after it', async () => {
    sim.control.setFault({ account }, { type: 'request-limit', calls: 1, penaltySeconds: 30 });
    expect((await raw.xoxoday(sim.url, DEMO.xoxoUsd.token)).status).toBe(200);
    expect((await raw.xoxoday(sim.url, DEMO.xoxoUsd.token)).status).toBe(429);
    sim.clock.now += 20_000;
    const during = await raw.xoxoday(sim.url, DEMO.xoxoUsd.token);
    expect(await during.json()).toEqual({
      errors: [{ message: 'auth.request_limit_exceeded', penaltySeconds: 10 }],
    });
    // The penalty is over, but the first call is still in its minute.
    sim.clock.now += 10_000;
    expect((await raw.xoxoday(sim.url, DEMO.xoxoUsd.token)).status).toBe(429);
    sim.clock.now += 60_000;
    expect((await raw.xoxoday(sim.url, DEMO.xoxoUsd.token)).status).toBe(200);
  });

  it.each([200, 400, 429, 500])(
    'over the limit with HTTP %i, the adapter waits penaltySeconds and asks once',
    async (status) => {
      sim.control.setFault({ account }, { type: 'request-limit', calls: 0, status });
      const error = await failure(read(account, context(2)));
      expect(error.toJSON()).toMatchObject({
        kind: 'rate-limited',
        retryAfterMs: 60_000,
        providerCode: 'auth.request_limit_exceeded',
      });
      expect(sim.control.requests({ account })).toHaveLength(1);
    },
  );

  it('the other providers answer their 429 with Retry-After', async () => {
    sim.control.setFault({ provider: 'wix' }, { type: 'request-limit', calls: 0 });
    const error = await failure(read(DEMO.wixGold.id));
    expect(error.toJSON()).toMatchObject({
      kind: 'rate-limited',
      status: 429,
      retryAfterMs: 60_000,
    });
  });
});

describe('documented: Xoxoday tokens it no longer accepts', () => {
  const account = DEMO.xoxoUsd.id;

  it.each([
    ['password-reset', 200, 'auth.token_error', 'password was reset'],
    ['token-replaced', 401, 'invalid_token', 'another admin created a new token'],
    ['invalid-header', 400, 'invalid_request', 'sign-in header is missing or invalid'],
  ])('%s (HTTP %i) is an auth error naming the case', async (name, status, code, says) => {
    sim.control.setFault({ account }, { type: 'documented', name });
    expect((await raw.xoxoday(sim.url, DEMO.xoxoUsd.token)).status).toBe(status);
    const error = await failure(read(account));
    expect(error).toMatchObject({ kind: 'auth', providerCode: code });
    expect(error.message).toContain(says);
  });
});

describe('Xoxoday expiries as the renewal sends them (expiryFormat, token lifetimes)', () => {
  it.each(['string', 'number', 'mixed'] as const)(
    'epoch ms as %s, with lifetimes of 7 and 20 days, are read as sent',
    async (expiryFormat) => {
      sim.control.updateAccount(DEMO.xoxoInr.id, {
        expiryFormat,
        accessTokenTtlSeconds: 7 * 86_400,
        refreshTokenTtlSeconds: 20 * 86_400,
      });
      const renewed = await PROVIDERS.xoxoday.renewCredentials?.(
        request(DEMO.xoxoInr.id),
        context(),
      );
      const body = sim.control.requests({ endpoint: 'token' });
      expect(body).toHaveLength(1);
      expect(renewed).toMatchObject({
        accessTokenExpiresAt: sim.clock.now + 7 * 86_400_000,
        refreshTokenExpiresAt: sim.clock.now + 20 * 86_400_000,
      });
    },
  );

  it('the wire carries them in the form asked for', async () => {
    sim.control.updateAccount(DEMO.xoxoInr.id, { expiryFormat: 'string' });
    const res = await raw.xoxodayRenew(sim.url, {
      grant_type: 'refresh_token',
      refresh_token: DEMO.xoxoInr.refresh,
      ...DEMO.xoxoClient,
    });
    const body = (await res.json()) as Record<string, unknown>;
    expect(typeof body.access_token_expiry).toBe('string');
    expect(typeof body.refresh_token_expiry).toBe('string');
  });
});

describe('documented: Capillary status codes', () => {
  const account = DEMO.capBasic.id;

  it('partial-success: 201 with a balance reads, the failed item kept as a note', async () => {
    sim.control.setFault({ account }, { type: 'documented', name: 'partial-success' });
    const reading = await read(account);
    expect(reading.primary.value).toBe('8500');
    expect(reading.warnings).toEqual(['Points expiry could not be read']);
    expect(sim.control.requests({ account }).at(-1)?.status).toBe(201);
  });

  it('partial-failure: 201 without a balance fails by its {status:false, code, message}', async () => {
    sim.control.setFault({ account }, { type: 'documented', name: 'partial-failure' });
    const error = await failure(read(account));
    expect(error).toMatchObject({ kind: 'not-found', providerCode: '8015' });
  });

  it.each([
    ['search-busy', 461],
    ['concurrent-actions', 521],
  ])('%s (%i) is retried like a 5xx, then reads', async (name, status) => {
    sim.control.setFault({ account }, { type: 'documented', name, times: 1 });
    const reading = await read(account, context(1));
    expect(reading.primary.value).toBe('8500');
    expect(sim.control.requests({ account }).map((r) => r.status)).toEqual([status, 200]);
  });

  it.each([
    ['search-busy', 461],
    ['concurrent-actions', 521],
  ])('%s (%i) that lasts is a server error that says try later', async (name, status) => {
    sim.control.setFault({ account }, { type: 'documented', name });
    const error = await failure(read(account));
    expect(error).toMatchObject({ kind: 'server', status });
    expect(error.message).toContain('tries again later');
  });
});

describe('Capillary points units and warnings', () => {
  it('two programs on one cluster are two units; the user’s name joins them', async () => {
    const basic = await read(DEMO.capBasic.id);
    const oauth = await read(DEMO.capOAuth.id);
    expect(basic.primary.unit).not.toBe(oauth.primary.unit);
    const named = (id: string) =>
      PROVIDERS.capillary.fetchBalance(request(id, { pointsUnit: 'Demo points' }), context());
    expect((await named(DEMO.capBasic.id)).primary.unit).toBe('points:capillary:Demo points');
    expect((await named(DEMO.capOAuth.id)).primary.unit).toBe('points:capillary:Demo points');
  });

  it('warnings that echo a credential are kept without it', async () => {
    const { password } = DEMO.capBasic;
    sim.control.updateAccount(DEMO.capBasic.id, {
      warnings: [{ code: 8069, message: `Till password ${password} expires soon` }],
    });
    const reading = await read(DEMO.capBasic.id);
    expect(reading.warnings).toEqual(['Till password ••• expires soon']);
  });
});

describe('Capillary OAuth: ttlSeconds and X-CAP-API-OAUTH-TOKEN', () => {
  it('the token is sent in the header until its ttlSeconds run out, then a new one', async () => {
    sim.control.updateAccount(DEMO.capOAuth.id, {
      auth: {
        type: 'oauth',
        clientKey: DEMO.capOAuth.key,
        clientSecret: DEMO.capOAuth.secret,
        ttlSeconds: 300,
      },
    });
    await read(DEMO.capOAuth.id);
    sim.clock.now += 260_000;
    await read(DEMO.capOAuth.id);
    sim.clock.now += 20_000;
    await read(DEMO.capOAuth.id);
    const log = sim.control.requests();
    expect(log.map((r) => r.endpoint)).toEqual(['token', 'balance', 'balance', 'token', 'balance']);
    const sent = log
      .filter((r) => r.endpoint === 'balance')
      .map((r) => r.headers['x-cap-api-oauth-token']);
    expect(sent[0]).toMatch(/^sim-cap-oauth-/);
    expect(sent[1]).toBe(sent[0]);
    expect(sent[2]).not.toBe(sent[0]);
    expect(log.every((r) => r.status === 200)).toBe(true);
  });
});

describe('documented: Wix errors', () => {
  const account = DEMO.wixGold.id;

  it.each([
    ['missing-scope', 403, 'auth', 'Benefit Programs read permission'],
    ['no-pricing-plans', 428, 'config', 'does not have the Pricing Plans app'],
    [
      'precondition',
      428,
      'config',
      'condition for this request is not met: The pool is not active',
    ],
    ['validation', 400, 'config', 'poolId: must be a valid GUID'],
  ])('%s (%i) is %s and says what to do', async (name, status, kind, says) => {
    sim.control.setFault({ account }, { type: 'documented', name });
    const error = await failure(read(account));
    expect(error).toMatchObject({ kind, status });
    expect(error.message).toContain(says);
  });

  it('429 with Retry-After is rate-limited for that long', async () => {
    sim.control.setFault({ account }, { type: 'rate-limit', retryAfterSeconds: 90 });
    const error = await failure(read(account));
    expect(error).toMatchObject({ kind: 'rate-limited', status: 429, retryAfterMs: 90_000 });
  });
});

describe('documented: OnlineSales answers judged by status', () => {
  const account = DEMO.osUsd.id;

  it.each([
    ['forbidden-page', 403, 'auth'],
    ['error-with-balance', 400, 'config'],
  ])('%s (%i) is %s, whatever the body holds', async (name, status, kind) => {
    sim.control.setFault({ account }, { type: 'documented', name });
    const error = await failure(read(account));
    expect(error).toMatchObject({ kind, status });
  });
});

describe('sparse: only the primary amount and its unit', () => {
  const ACCOUNTS: Record<SimProviderId, [string, string, string]> = {
    xoxoday: [DEMO.xoxoInr.id, '109970', 'INR'],
    capillary: [DEMO.capOAuth.id, '1240.5', 'points'],
    wix: [DEMO.wixGold.id, '150.75', 'credits'],
    onlinesales: [DEMO.osUsd.id, '200', 'USD'],
  };

  describe.each(Object.keys(ACCOUNTS) as SimProviderId[])('%s', (provider) => {
    const [account, value, unit] = ACCOUNTS[provider];

    it.each([false, true])(
      'secondary fields absent (nulls: %s): the balance, no details',
      async (nulls) => {
        sim.control.setFault({ account }, { type: 'sparse', nulls });
        const reading = await read(account);
        expect(reading.primary.value).toBe(value);
        expect(reading.primary.unit.startsWith(unit === 'points' ? 'points:capillary' : unit)).toBe(
          true,
        );
        expect(reading.details).toEqual([]);
        expect(reading.warnings).toEqual([]);
      },
    );
  });

  it('documented names belong to their provider', () => {
    expect(() =>
      sim.control.setFault({ provider: 'wix' }, { type: 'documented', name: 'search-busy' }),
    ).toThrow('wix documents no search-busy');
    expect(() => sim.control.setFault({}, { type: 'documented', name: 'search-busy' })).toThrow();
  });
});
