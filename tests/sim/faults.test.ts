import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SimProviderId } from './data/schema';
import type { Simulator } from './server';
import { DEMO, raw, startTestSim } from './test-helpers';

let sim: Simulator & { clock: { now: number } };
beforeEach(async () => {
  sim = await startTestSim();
});
afterEach(() => sim.close());

/** One good balance call per provider, and the account it reads. */
const CALLS: Record<
  SimProviderId,
  { account: string; call: (url: string, init?: RequestInit) => Promise<Response> }
> = {
  xoxoday: {
    account: DEMO.xoxoUsd.id,
    call: (url, init) => raw.xoxoday(url, DEMO.xoxoUsd.token, init),
  },
  capillary: {
    account: DEMO.capBasic.id,
    call: (url) =>
      raw.capillaryBasic(url, DEMO.capBasic.userId, DEMO.capBasic.username, DEMO.capBasic.password),
  },
  wix: {
    account: DEMO.wixGold.id,
    call: (url) => raw.wix(url, DEMO.wixGold.poolId, DEMO.wixGold.apiKey, DEMO.wixGold.siteId),
  },
  onlinesales: { account: DEMO.osUsd.id, call: (url) => raw.onlinesales(url, DEMO.osUsd.params) },
};

const PROVIDERS = Object.keys(CALLS) as SimProviderId[];

/** What each provider's fault replies must be, from DESIGN.md's provider facts. */
const EXPECTED = {
  server: {
    xoxoday: [
      502,
      {
        code: 502,
        errorId: 'PLE10023',
        errorInfo: "Failed to get client's balance",
        error: 'Bad Gateway',
      },
    ],
    capillary: [500, { warnings: [], errors: [{ code: 500, message: 'Internal server error' }] }],
    wix: [
      500,
      {
        message: 'Internal error',
        details: { applicationError: { code: 'INTERNAL', description: 'Internal server error' } },
      },
    ],
    onlinesales: [500, 'Internal Server Error'],
  },
  notFound: {
    xoxoday: [404, { code: 404, error: 'Not Found' }],
    capillary: [
      400,
      {
        entityId: DEMO.capBasic.userId,
        warnings: [],
        errors: [{ code: 8015, message: 'Customer not found for the given identifiers' }],
      },
    ],
    wix: [
      404,
      {
        message: 'Balance not found',
        details: {
          applicationError: {
            code: 'BALANCE_NOT_FOUND',
            description: `Balance with id ${DEMO.wixGold.poolId} was not found`,
          },
        },
      },
    ],
    onlinesales: [404, { error: 'Merchant not found' }],
  },
} as const;

async function bodyOf(res: Response): Promise<unknown> {
  const text = await res.text();
  return res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
}

describe.each(PROVIDERS)('%s faults', (provider) => {
  const { account, call } = CALLS[provider];

  it('server-error sends the provider’s 5xx body', async () => {
    sim.control.setFault({ account }, { type: 'server-error' });
    const res = await call(sim.url);
    const [status, body] = EXPECTED.server[provider];
    expect(res.status).toBe(status);
    expect(await bodyOf(res)).toEqual(body);
  });

  it('server-error takes another 5xx status', async () => {
    sim.control.setFault({ account }, { type: 'server-error', status: 503 });
    expect((await call(sim.url)).status).toBe(503);
  });

  it('rate-limit sends 429 with Retry-After, readable across origins', async () => {
    sim.control.setFault({ provider }, { type: 'rate-limit', retryAfterSeconds: 7 });
    const res = await call(sim.url);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(res.headers.get('access-control-expose-headers')).toContain('retry-after');
    if (provider === 'wix')
      expect(((await res.json()) as { message: string }).message).toBe('Resource exhausted');
  });

  it('not-found sends the provider’s documented not-found error', async () => {
    sim.control.setFault({ account }, { type: 'not-found' });
    const res = await call(sim.url);
    const [status, body] = EXPECTED.notFound[provider];
    expect(res.status).toBe(status);
    expect(await bodyOf(res)).toEqual(body);
  });

  it('unauthorized sends the provider’s 401 even with good credentials', async () => {
    sim.control.setFault({ account }, { type: 'unauthorized' });
    expect((await call(sim.url)).status).toBe(401);
  });

  it('html is a 200 web page', async () => {
    sim.control.setFault({ account }, { type: 'html' });
    const res = await call(sim.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toMatch(/^<!doctype html>/);
  });

  it('malformed-json is a 200 labelled JSON that does not parse', async () => {
    sim.control.setFault({ account }, { type: 'malformed-json' });
    const res = await call(sim.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const text = await res.text();
    expect(() => JSON.parse(text)).toThrow();
  });

  it('wrong-shape is valid JSON without the balance fields', async () => {
    sim.control.setFault({ account }, { type: 'wrong-shape' });
    const res = await call(sim.url);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    const balancePath = {
      xoxoday: 'data.getBalance',
      capillary: 'mainPoints',
      wix: 'balance',
      onlinesales: 'balanceAmount',
    }[provider];
    expect(body).not.toHaveProperty(balancePath);
  });

  it('reset drops the connection', async () => {
    sim.control.setFault({ account }, { type: 'reset' });
    const error = await call(sim.url).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TypeError);
    expect((error as { cause?: { code?: string } }).cause?.code).toBe('ECONNRESET');
    expect(sim.control.requests({ account }).at(-1)).toMatchObject({
      outcome: 'reset',
      fault: 'reset',
    });
  });
});

describe('faults that hold the answer', () => {
  it('timeout never answers, so the client’s own timeout fires', async () => {
    sim.control.setFault({}, { type: 'timeout' });
    const call = raw.xoxoday(sim.url, DEMO.xoxoUsd.token, { signal: AbortSignal.timeout(100) });
    await expect(call).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(sim.control.requests().at(-1)).toMatchObject({ outcome: 'no-answer', fault: 'timeout' });
  });

  it('latency answers normally after the delay', async () => {
    sim.control.setFault({ provider: 'wix' }, { type: 'latency', ms: 20, jitterMs: 10 });
    const res = await CALLS.wix.call(sim.url);
    expect(res.status).toBe(200);
    expect(sim.control.requests().at(-1)).toMatchObject({ status: 200, fault: 'latency' });
  });

  it('latency longer than the client waits looks like a timeout', async () => {
    sim.control.setFault({}, { type: 'latency', ms: 5_000 });
    const call = raw.xoxoday(sim.url, DEMO.xoxoUsd.token, { signal: AbortSignal.timeout(50) });
    await expect(call).rejects.toMatchObject({ name: 'TimeoutError' });
  });
});

describe('fault targeting', () => {
  it('an account fault beats a provider fault, which beats a global one', async () => {
    sim.control.setFault({}, { type: 'server-error', status: 503 });
    sim.control.setFault({ provider: 'onlinesales' }, { type: 'server-error', status: 502 });
    sim.control.setFault({ account: DEMO.osUsd.id }, { type: 'server-error', status: 500 });
    expect((await raw.onlinesales(sim.url, DEMO.osUsd.params)).status).toBe(500);
    expect((await raw.onlinesales(sim.url, DEMO.osInr.params)).status).toBe(502);
    expect((await CALLS.wix.call(sim.url)).status).toBe(503);
  });

  it('times: the fault clears itself after that many requests', async () => {
    sim.control.setFault({ account: DEMO.osUsd.id }, { type: 'server-error', times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await raw.onlinesales(sim.url, DEMO.osUsd.params)).status);
    expect(statuses).toEqual([500, 500, 200]);
    expect(sim.control.faults()).toEqual([]);
  });

  it('token endpoints are spared unless the fault names them', async () => {
    const { key, secret } = DEMO.capOAuth;
    sim.control.setFault({ provider: 'capillary' }, { type: 'server-error' });
    expect((await raw.capillaryToken(sim.url, key, secret)).status).toBe(200);
    sim.control.setFault({ provider: 'capillary' }, { type: 'server-error', endpoints: ['token'] });
    expect((await raw.capillaryToken(sim.url, key, secret)).status).toBe(500);
    expect((await CALLS.capillary.call(sim.url)).status).toBe(200);
  });

  it('null clears a fault', async () => {
    sim.control.setFault({ account: DEMO.osUsd.id }, { type: 'html' });
    sim.control.setFault({ account: DEMO.osUsd.id }, null);
    expect(
      (await raw.onlinesales(sim.url, DEMO.osUsd.params)).headers.get('content-type'),
    ).toContain('json');
  });

  it('refuses an unknown fault type or account', () => {
    expect(() => sim.control.setFault({}, { type: 'explode' } as never)).toThrow();
    expect(() => sim.control.setFault({ account: 'nobody' }, { type: 'html' })).toThrow('nobody');
  });
});
