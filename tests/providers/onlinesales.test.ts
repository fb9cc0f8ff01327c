import { describe, expect, it } from 'vitest';
import { t } from '@/lib/i18n';
import { CATALOG } from '@/lib/providers/catalog';
import { onlinesales } from '@/lib/providers/onlinesales';
import { seed, serverPerTest } from '../support/http-server';
import { failure, providerAccount, testContext } from '../support/provider-context';

const serve = serverPerTest();

const TOKEN = '376eae4b770b0efe50b6242bfd4aac47';

const account = (baseUrl: string) =>
  providerAccount(
    'os-1',
    baseUrl,
    { token: TOKEN },
    { merchantId: 'TOQ-15126', merchantType: 'seller' as const, marketplaceClientId: 110600 },
  );

describe('onlinesales balance', () => {
  it('reads the docs example: 200 USD, credit 1000, spend 800', async () => {
    const server = await serve(() => ({ body: seed('004-onlinesales-balance.json') }));
    const reading = await onlinesales.fetchBalance(account(server.baseUrl), testContext());
    expect(reading).toEqual({
      primary: { value: '200', unit: 'USD' },
      details: [
        { key: 'totalCredit', label: 'Total credit', amount: { value: '1000', unit: 'USD' } },
        { key: 'totalSpend', label: 'Total spend', amount: { value: '800', unit: 'USD' } },
      ],
      warnings: [],
    });
  });

  it('sends GET osBillingServiceV2/marketplace/balance with the four query parameters', async () => {
    const server = await serve(() => ({ body: seed('004-onlinesales-balance.json') }));
    await onlinesales.fetchBalance(account(`${server.baseUrl}/`), testContext());
    const [request] = server.requests;
    expect(request?.method).toBe('GET');
    const url = new URL(request?.url ?? '', 'http://x');
    expect(url.pathname).toBe('/osBillingServiceV2/marketplace/balance');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      token: TOKEN,
      merchantId: 'TOQ-15126',
      merchantType: 'seller',
      marketplaceClientId: '110600',
    });
    expect(request?.body).toBe('');
  });

  it('keeps two-decimal amounts exact', async () => {
    const server = await serve(() => ({
      body: { balanceAmount: 0.3, totalCredit: 1000.1, totalSpend: 999.8, currency: 'inr' },
    }));
    const reading = await onlinesales.fetchBalance(account(server.baseUrl), testContext());
    expect(reading.primary).toEqual({ value: '0.3', unit: 'INR' });
    expect(reading.details.map((detail) => detail.amount.value)).toEqual(['1000.1', '999.8']);
  });

  it.each([
    [401, 'auth'],
    [403, 'auth'],
    [404, 'not-found'],
    [400, 'config'],
    [500, 'server'],
  ] as const)('maps HTTP %i to %s by status alone', async (status, kind) => {
    const server = await serve(() => ({ status, body: '<html><body>Error</body></html>' }));
    const error = await failure(onlinesales.fetchBalance(account(server.baseUrl), testContext()));
    expect(error).toMatchObject({ kind, status });
  });

  it('reports a body without currency as invalid-response', async () => {
    const server = await serve(() => ({ body: { balanceAmount: 200 } }));
    const error = await failure(onlinesales.fetchBalance(account(server.baseUrl), testContext()));
    expect(error).toMatchObject({
      kind: 'invalid-response',
      message: expect.stringContaining('currency'),
    });
  });
});

describe('onlinesales settings schema', () => {
  it('accepts the settings-file example and a numeric string client id', () => {
    const parsed = onlinesales.schema.parse({
      credentials: { token: TOKEN },
      params: { merchantId: 'TOQ-15126', merchantType: 'seller', marketplaceClientId: '110600' },
    });
    expect(parsed.params.marketplaceClientId).toBe(110600);
  });

  it('says what is wrong in words the form can show', () => {
    const result = onlinesales.schema.safeParse({
      credentials: {},
      params: { merchantId: 'm', merchantType: 'buyer', marketplaceClientId: '11.5' },
    });
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['credentials.token', 'Enter the app token'],
      ['params.merchantType', 'Choose brand or seller'],
      ['params.marketplaceClientId', 'Enter the marketplace client id (a whole number)'],
    ]);
  });
});

describe('onlinesales: an answer is judged by its status (no error body is documented)', () => {
  it.each([
    [400, 'config', { balanceAmount: 5, currency: 'USD' }],
    [403, 'auth', { error: 'Merchant not found' }],
    [404, 'not-found', 'Not here'],
    [502, 'server', '<html><body>Bad gateway</body></html>'],
  ] as const)('a %i is %s, whatever its body says', async (status, kind, body) => {
    const server = await serve(() => ({ status, body }));
    const error = await failure(onlinesales.fetchBalance(account(server.baseUrl), testContext()));
    expect(error).toMatchObject({
      kind,
      status,
      message: expect.stringContaining(`(HTTP ${status})`),
    });
  });

  it('a 429 is rate-limited for its Retry-After', async () => {
    const server = await serve(() => ({
      status: 429,
      body: 'Too Many Requests',
      headers: { 'retry-after': '120' },
    }));
    const error = await failure(onlinesales.fetchBalance(account(server.baseUrl), testContext()));
    expect(error).toMatchObject({ kind: 'rate-limited', status: 429, retryAfterMs: 120_000 });
  });

  it.each([
    ['a web page', '<!doctype html><p>Sign in</p>'],
    ['an empty body', undefined],
  ])('a 200 with %s is no reading', async (_case, body) => {
    const server = await serve(() => ({ body }));
    const error = await failure(onlinesales.fetchBalance(account(server.baseUrl), testContext()));
    expect(error).toMatchObject({ kind: 'invalid-response' });
  });
});

describe('onlinesales: only the amount and its currency are required', () => {
  it.each([
    ['credit and spend missing', {}],
    ['credit and spend null', { totalCredit: null, totalSpend: null }],
    ['credit and spend odd', { totalCredit: 'n/a', totalSpend: {} }],
  ])('%s: the balance is read without them', async (_case, extra) => {
    const server = await serve(() => ({
      body: { balanceAmount: '42.5', currency: 'USD', ...extra, walletStatus: 'ACTIVE' },
    }));
    const reading = await onlinesales.fetchBalance(account(server.baseUrl), testContext());
    expect(reading).toEqual({ primary: { value: '42.5', unit: 'USD' }, details: [], warnings: [] });
  });
});

describe('onlinesales token field', () => {
  it('says where the token is kept and what it grants, so the user decides knowingly', () => {
    const field = CATALOG.onlinesales.fields.find((spec) => spec.key === 'token');
    const help = t(field?.helpKey ?? 'extName');
    expect(help).toContain("this browser's local storage");
    expect(help).toContain('never synced');
    expect(help).toContain('client-side');
    expect(help).toContain("OnlineSales' APIs");
  });
});
