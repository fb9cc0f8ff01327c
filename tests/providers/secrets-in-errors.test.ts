import { afterEach, describe, expect, it } from 'vitest';
import { BalanceError } from '@/lib/errors';
import { capillary, md5Hex } from '@/lib/providers/capillary';
import { createHttp } from '@/lib/providers/http';
import { onlinesales } from '@/lib/providers/onlinesales';
import { wix } from '@/lib/providers/wix';
import { xoxoday } from '@/lib/providers/xoxoday';
import { closedBaseUrl, type Reply, startServer, type TestServer } from '../support/http-server';
import { failure, testContext } from '../support/provider-context';

/**
 * Every way we could think of to get a credential into what a user sees or what gets stored:
 * bodies that echo the request, amounts that hold the token, URLs with the token in them,
 * failures with no answer at all.
 */

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(reply: (echo: string) => Reply): Promise<string> {
  const server = await startServer((request) =>
    reply(`${request.method} ${request.url} ${JSON.stringify(request.headers)} ${request.body}`),
  );
  servers.push(server);
  return server.baseUrl;
}

const TOKEN = '376eae4b770b0efe50b6242bfd4aac47';
const ACCESS = 'xoxo-access-token-0123456789';
const REFRESH = 'xoxo-refresh-token-9876543210';
const CLIENT_SECRET = 'client-secret-abcdef';
const PASSWORD = 'hunter2-password';
const API_KEY = 'IST.wix-api-key-secret-value';
const CAP_TOKEN = 'cap-oauth-token-secret';
const SECRETS = [
  TOKEN,
  ACCESS,
  REFRESH,
  CLIENT_SECRET,
  PASSWORD,
  md5Hex(PASSWORD),
  API_KEY,
  CAP_TOKEN,
];

function expectNoSecret(error: unknown): void {
  expect(error).toBeInstanceOf(BalanceError);
  const balanceError = error as BalanceError;
  const seen = [
    balanceError.message,
    balanceError.providerCode ?? '',
    JSON.stringify(balanceError),
    String(balanceError),
    balanceError.stack ?? '',
  ].join('\n');
  for (const secret of SECRETS) {
    expect(seen).not.toContain(secret);
    expect(seen).not.toContain(encodeURIComponent(secret));
  }
  // The Basic header is a password equivalent too.
  expect(seen).not.toContain(Buffer.from(`till:${md5Hex(PASSWORD)}`).toString('base64'));
}

const onlinesalesAccount = (baseUrl: string) => ({
  id: 'os',
  baseUrl,
  credentials: { token: TOKEN },
  params: { merchantId: 'TOQ-15126', merchantType: 'seller' as const, marketplaceClientId: 110600 },
});

const xoxodayAccount = (baseUrl: string) => ({
  id: 'xo',
  baseUrl,
  credentials: {
    accessToken: ACCESS,
    refreshToken: REFRESH,
    clientId: 'cid',
    clientSecret: CLIENT_SECRET,
  },
  params: {},
});

const capillaryBasic = (baseUrl: string) => ({
  id: 'cap',
  baseUrl,
  credentials: { username: 'till', password: PASSWORD },
  params: { userId: '1' },
});

const capillaryOauth = (baseUrl: string) => ({
  id: 'cap',
  baseUrl,
  credentials: { clientKey: 'ck', clientSecret: CLIENT_SECRET },
  params: { userId: '1' },
});

const wixAccount = (baseUrl: string) => ({
  id: 'wix',
  baseUrl,
  credentials: { apiKey: API_KEY },
  params: { siteId: 'site', poolId: 'pool' },
});

describe('no credential ever reaches an error', () => {
  it.each([
    [
      'an error status echoing the URL',
      (echo: string) => ({ status: 400, body: { message: echo } }),
    ],
    [
      'an HTML error page echoing the URL',
      (echo: string) => ({ status: 502, body: `<pre>${echo}</pre>` }),
    ],
    [
      'the token where the amount should be',
      () => ({ body: { balanceAmount: TOKEN, currency: 'USD' } }),
    ],
    [
      'the token where the currency should be',
      () => ({ body: { balanceAmount: 1, currency: TOKEN } }),
    ],
    ['a 200 that is not JSON but echoes the URL', (echo: string) => ({ body: `oops ${echo}` })],
    ['a slow answer (timeout)', () => ({ delayMs: 1_000 })],
    ['a dropped connection', () => ({ hangUp: true })],
  ])('OnlineSales: %s', async (_case, reply) => {
    const baseUrl = await serve(reply);
    const ctx = testContext({ http: createHttp({ retries: 0, timeoutMs: 150 }) });
    expectNoSecret(await failure(onlinesales.fetchBalance(onlinesalesAccount(baseUrl), ctx)));
  });

  it('OnlineSales: nothing listening at the URL', async () => {
    const error = await failure(
      onlinesales.fetchBalance(onlinesalesAccount(await closedBaseUrl()), testContext()),
    );
    expect(error).toMatchObject({ kind: 'network' });
    expectNoSecret(error);
  });

  it.each([
    ['401 echoing the request', 401],
    ['502 echoing the request', 502],
    ['200 error body echoing the request', 200],
  ])('Xoxoday: %s in errorId and errorInfo', async (_case, status) => {
    const baseUrl = await serve((echo) => ({
      status,
      body: { code: status === 200 ? 401 : status, errorId: ACCESS, errorInfo: echo, error: echo },
    }));
    expectNoSecret(await failure(xoxoday.fetchBalance(xoxodayAccount(baseUrl), testContext())));
  });

  it('Xoxoday: renewal refused with a body echoing refresh token and secret', async () => {
    const baseUrl = await serve((echo) => ({
      status: 400,
      body: { errorId: REFRESH, errorInfo: echo },
    }));
    expectNoSecret(
      await failure(
        Promise.resolve(xoxoday.renewCredentials?.(xoxodayAccount(baseUrl), testContext())),
      ),
    );
  });

  it.each([
    [401, 'errors on an error status'],
    [200, 'errors on a 200'],
  ])('Capillary Basic: %i with %s echoing the Authorization header', async (status) => {
    const baseUrl = await serve((echo) => ({
      status,
      body: {
        errors: [{ code: `${PASSWORD}-${md5Hex(PASSWORD)}`, message: `${echo} ${PASSWORD}` }],
      },
    }));
    expectNoSecret(await failure(capillary.fetchBalance(capillaryBasic(baseUrl), testContext())));
  });

  it('Capillary OAuth: token and balance calls both echoing what they got', async () => {
    const baseUrl = await serve((echo) =>
      echo.startsWith('POST')
        ? { body: { data: { accessToken: CAP_TOKEN, ttlSeconds: 600 } } }
        : { status: 403, body: { errors: [{ code: CAP_TOKEN, message: echo }] } },
    );
    expectNoSecret(await failure(capillary.fetchBalance(capillaryOauth(baseUrl), testContext())));
  });

  it('Capillary OAuth: token endpoint echoing the client secret', async () => {
    const baseUrl = await serve((echo) => ({
      status: 401,
      body: { errors: [{ code: 1, message: echo }] },
    }));
    expectNoSecret(await failure(capillary.fetchBalance(capillaryOauth(baseUrl), testContext())));
  });

  it('Wix: error body echoing the API key in code, description and message', async () => {
    const baseUrl = await serve((echo) => ({
      status: 401,
      body: { message: echo, details: { applicationError: { code: API_KEY, description: echo } } },
    }));
    expectNoSecret(await failure(wix.fetchBalance(wixAccount(baseUrl), testContext())));
  });

  it('Wix: the API key where the amount should be', async () => {
    const baseUrl = await serve(() => ({
      body: { balance: { id: 'p', amount: { available: API_KEY } } },
    }));
    expectNoSecret(await failure(wix.fetchBalance(wixAccount(baseUrl), testContext())));
  });

  it('settings that fail validation: the message never quotes the value', async () => {
    const account = {
      ...onlinesalesAccount('http://127.0.0.1:9'),
      params: { merchantId: TOKEN, merchantType: TOKEN, marketplaceClientId: TOKEN },
    } as unknown as ReturnType<typeof onlinesalesAccount>;
    expectNoSecret(await failure(onlinesales.fetchBalance(account, testContext())));
    const result = onlinesales.schema.safeParse({
      credentials: { token: 5 },
      params: account.params,
    });
    expect(JSON.stringify(result.error?.issues.map((issue) => issue.message))).not.toContain(TOKEN);
  });

  it('a base URL with the token in it is refused without repeating it', async () => {
    expectNoSecret(
      await failure(
        onlinesales.fetchBalance(
          onlinesalesAccount(`https://u:${TOKEN}@example.test`),
          testContext(),
        ),
      ),
    );
    expectNoSecret(
      await failure(
        onlinesales.fetchBalance(onlinesalesAccount(`not a url ${TOKEN}`), testContext()),
      ),
    );
  });
});
