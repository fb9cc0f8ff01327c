import { describe, expect, it } from 'vitest';
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
