import ky from 'ky';
import { describe, expect, it } from 'vitest';
import { BalanceError } from '@/lib/errors';
import {
  createHttp,
  type ProviderErrorParser,
  parseRetryAfter,
  redact,
  requestJson,
} from '@/lib/providers/http';
import { closedBaseUrl, inOrder, serverPerTest } from '../support/http-server';
import { failure } from '../support/provider-context';

const serve = serverPerTest();

const messageField: ProviderErrorParser = (body) =>
  typeof body === 'object' && body !== null && 'message' in body
    ? { message: String(body.message), code: 'E1' }
    : {};
const noDetail: ProviderErrorParser = () => ({});

/** Fast retries so the suite does not wait out real backoff. */
const quick = { backoffLimitMs: 20, timeoutMs: 2_000 };

describe('requestJson', () => {
  it('returns the parsed JSON body', async () => {
    const server = await serve(() => ({ body: { ok: true } }));
    const body = await requestJson(
      createHttp(),
      { method: 'get', url: `${server.baseUrl}/x`, searchParams: { a: 'b c' } },
      noDetail,
      [],
    );
    expect(body).toEqual({ ok: true });
    expect(server.requests[0]?.url).toBe('/x?a=b+c');
  });

  it.each([
    [400, 'config'],
    [401, 'auth'],
    [403, 'auth'],
    [404, 'not-found'],
    [408, 'timeout'],
    [409, 'config'],
    [422, 'config'],
    [429, 'rate-limited'],
    [500, 'server'],
    [502, 'server'],
    [503, 'server'],
    [504, 'server'],
  ] as const)('maps HTTP %i to %s with the status kept', async (status, kind) => {
    const server = await serve(() => ({ status, body: '<html>nope</html>' }));
    const error = await failure(
      requestJson(createHttp({ retries: 0 }), { method: 'get', url: server.baseUrl }, noDetail, []),
    );
    expect(error).toBeInstanceOf(BalanceError);
    expect(error).toMatchObject({ kind, status });
    expect((error as BalanceError).message).toContain(`HTTP ${status}`);
  });

  it("uses the provider's own message and code when its parser finds them", async () => {
    const server = await serve(() => ({ status: 400, body: { message: 'Pool id is malformed' } }));
    const error = await failure(
      requestJson(
        createHttp({ retries: 0 }),
        { method: 'get', url: server.baseUrl },
        messageField,
        [],
      ),
    );
    expect(error).toMatchObject({
      kind: 'config',
      message: 'Pool id is malformed',
      providerCode: 'E1',
    });
  });

  it('lets the provider parser pick a more precise kind than the status', async () => {
    const server = await serve(() => ({ status: 400, body: {} }));
    const error = await failure(
      requestJson(
        createHttp({ retries: 0 }),
        { method: 'get', url: server.baseUrl },
        () => ({ kind: 'not-found', message: 'Customer not found' }),
        [],
      ),
    );
    expect(error).toMatchObject({ kind: 'not-found', message: 'Customer not found', status: 400 });
  });

  it('falls back to the status when the provider parser throws on an odd body', async () => {
    const server = await serve(() => ({ status: 401, body: [1, 2] }));
    const error = await failure(
      requestJson(
        createHttp({ retries: 0 }),
        { method: 'get', url: server.baseUrl },
        () => {
          throw new TypeError('cannot read');
        },
        [],
      ),
    );
    expect(error).toMatchObject({ kind: 'auth', status: 401 });
  });

  it('reports an HTML page on 200 as invalid-response', async () => {
    const server = await serve(() => ({ body: '<!doctype html><p>Sign in</p>' }));
    const error = await failure(
      requestJson(createHttp(), { method: 'get', url: server.baseUrl }, noDetail, []),
    );
    expect(error).toMatchObject({ kind: 'invalid-response' });
  });

  it('reports an empty 200 body as invalid-response', async () => {
    const server = await serve(() => ({ status: 200 }));
    const error = await failure(
      requestJson(createHttp(), { method: 'get', url: server.baseUrl }, noDetail, []),
    );
    expect(error).toMatchObject({ kind: 'invalid-response' });
  });

  it('scrubs secrets, raw and URL-encoded, from provider messages and codes', async () => {
    const secret = "tok/en+secret=1 (it's)";
    const server = await serve(() => ({
      status: 401,
      body: {
        message: `bad token ${secret} in ?token=${encodeURIComponent(secret)}&t=${new URLSearchParams({ t: secret }).toString().slice(2)}`,
      },
    }));
    const error = await failure(
      requestJson(
        createHttp({ retries: 0 }),
        { method: 'get', url: server.baseUrl },
        (body) => ({ ...messageField(body, 401), code: `code-${secret}` }),
        [secret],
      ),
    );
    const text = JSON.stringify(error) + String((error as Error).message);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(encodeURIComponent(secret));
    expect((error as BalanceError).message).toBe('bad token ••• in ?token=•••&t=•••');
  });
});

describe('retries', () => {
  it.each(['get', 'post'] as const)('retries a %s after a 503 and succeeds', async (method) => {
    const server = await serve(inOrder({ status: 503 }, { status: 502 }, { body: { ok: 1 } }));
    const body = await requestJson(
      createHttp({ ...quick, retries: 2 }),
      { method, url: server.baseUrl, json: method === 'post' ? { q: 1 } : undefined },
      noDetail,
      [],
    );
    expect(body).toEqual({ ok: 1 });
    expect(server.requests.map((request) => request.method)).toEqual(
      Array(3).fill(method.toUpperCase()),
    );
    expect(server.requests[2]?.body).toBe(method === 'post' ? '{"q":1}' : '');
  });

  it('retries a POST after the connection drops', async () => {
    const server = await serve(inOrder({ hangUp: true }, { body: { ok: 2 } }));
    const body = await requestJson(
      createHttp({ ...quick, retries: 1 }),
      { method: 'post', url: server.baseUrl, json: {} },
      noDetail,
      [],
    );
    expect(body).toEqual({ ok: 2 });
    expect(server.requests).toHaveLength(2);
  });

  it('gives up after the retry limit with the last status', async () => {
    const server = await serve(() => ({ status: 500 }));
    const error = await failure(
      requestJson(
        createHttp({ ...quick, retries: 2 }),
        { method: 'get', url: server.baseUrl },
        noDetail,
        [],
      ),
    );
    expect(error).toMatchObject({ kind: 'server', status: 500 });
    expect(server.requests).toHaveLength(3);
  });

  it('does not retry a 4xx other than 408 and 429', async () => {
    const server = await serve(() => ({ status: 401 }));
    await failure(
      requestJson(
        createHttp({ ...quick, retries: 2 }),
        { method: 'get', url: server.baseUrl },
        noDetail,
        [],
      ),
    );
    expect(server.requests).toHaveLength(1);
  });

  it('waits out a short Retry-After on 429, then retries', async () => {
    const server = await serve(
      inOrder({ status: 429, headers: { 'retry-after': '1' } }, { body: { ok: 3 } }),
    );
    const started = Date.now();
    const body = await requestJson(
      createHttp({ ...quick, retries: 1 }),
      { method: 'post', url: server.baseUrl, json: {} },
      noDetail,
      [],
    );
    expect(body).toEqual({ ok: 3 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.requests).toHaveLength(2);
  });

  it('does not wait out a Retry-After above the cap: rate-limited with retryAfterMs', async () => {
    const server = await serve(() => ({ status: 429, headers: { 'retry-after': '3600' } }));
    const started = Date.now();
    const error = await failure(
      requestJson(
        createHttp({ ...quick, retries: 2, maxRetryAfterMs: 10_000 }),
        { method: 'get', url: server.baseUrl },
        noDetail,
        [],
      ),
    );
    expect(error).toMatchObject({ kind: 'rate-limited', status: 429, retryAfterMs: 3_600_000 });
    expect(server.requests).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('reports retryAfterMs on a 429 that ran out of retries', async () => {
    const server = await serve(() => ({ status: 429, headers: { 'retry-after': '0' } }));
    const error = await failure(
      requestJson(
        createHttp({ ...quick, retries: 1 }),
        { method: 'get', url: server.baseUrl },
        noDetail,
        [],
      ),
    );
    expect(error).toMatchObject({ kind: 'rate-limited', retryAfterMs: 0 });
    expect(server.requests).toHaveLength(2);
  });
});

describe('redirects', () => {
  it('never follows one: the target gets nothing, the call fails saying the provider redirected', async () => {
    const target = await serve(() => ({ body: { ok: true } }));
    const redirecting = await serve(() => ({
      status: 302,
      headers: { location: `${target.baseUrl}/balance?token=FAKE-moved` },
    }));
    const call = requestJson(
      createHttp({ ...quick, retries: 0 }),
      {
        method: 'get',
        url: `${redirecting.baseUrl}/balance`,
        headers: { 'X-CAP-API-OAUTH-TOKEN': 'FAKE-cap-token', 'wix-site-id': 'FAKE-site' },
        searchParams: { token: 'FAKE-os-token' },
      },
      noDetail,
      ['FAKE-os-token'],
    );

    const error = await failure(call);
    expect(error).toBeInstanceOf(BalanceError);
    expect(error).toMatchObject({ kind: 'config', message: expect.stringMatching(/redirect/i) });
    expect(redirecting.requests).toHaveLength(1);
    expect(target.requests).toEqual([]);
  });
});

describe('failures without an answer', () => {
  it('turns a slow answer into timeout', async () => {
    const server = await serve(() => ({ delayMs: 1_000, body: {} }));
    const error = await failure(
      requestJson(
        createHttp({ retries: 0, timeoutMs: 100 }),
        { method: 'get', url: server.baseUrl },
        noDetail,
        [],
      ),
    );
    expect(error).toMatchObject({ kind: 'timeout' });
  });

  it('turns a refused connection into network', async () => {
    const error = await failure(
      requestJson(
        createHttp({ retries: 0 }),
        { method: 'get', url: await closedBaseUrl() },
        noDetail,
        [],
      ),
    );
    expect(error).toMatchObject({ kind: 'network' });
  });
});

describe('a token in the URL', () => {
  const token = 'secret-token-4711';

  it("appears in ky's own error text, which is why requestJson never passes that text on", async () => {
    const server = await serve(() => ({ status: 500 }));
    const raw = await failure(ky.get(`${server.baseUrl}/b?token=${token}`, { retry: 0 }));
    expect(String(raw)).toContain(token);
  });

  it.each([
    ['an error status', { status: 500, body: '<h1>oops</h1>' }, 'server'],
    [
      'an error status whose body echoes the URL',
      { status: 400, body: { message: `bad /b?token=${token}` } },
      'config',
    ],
    ['a slow answer', { delayMs: 1_000, body: {} }, 'timeout'],
    ['a dropped connection', { hangUp: true }, 'network'],
  ] as const)('stays out of the error after %s', async (_case, reply, kind) => {
    const server = await serve(() => reply);
    const error = await failure(
      requestJson(
        createHttp({ retries: 0, timeoutMs: 150 }),
        { method: 'get', url: `${server.baseUrl}/b`, searchParams: { token } },
        messageField,
        [token],
      ),
    );
    expect(error).toMatchObject({ kind });
    expect(`${(error as Error).message} ${JSON.stringify(error)}`).not.toContain(token);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('redact', () => {
  it('leaves very short values alone so it does not shred ordinary text', () => {
    expect(redact('a 1 b', ['1'])).toBe('a 1 b');
    expect(redact('key=abcd', ['abcd'])).toBe('key=•••');
  });
});
