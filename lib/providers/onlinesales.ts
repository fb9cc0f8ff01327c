import { z } from 'zod';
import { requestJson } from '../http';
import { currencyUnit } from '../money';
import { parseAccountInput, requiredText, wholeNumber } from './form-schema';
import { amount, currencyCode, decimal, details, parseResponse } from './response';
import type { AccountRequest, Provider, ProviderContext, Reading } from './types';
import { joinUrl } from './url';

export interface OnlineSalesCredentials {
  token: string;
}

export interface OnlineSalesParams {
  merchantId: string;
  merchantType: 'brand' | 'seller';
  marketplaceClientId: number;
}

const NAME = 'OnlineSales';

const schema = z.object({
  credentials: z.object({ token: requiredText('Enter the app token') }),
  params: z.object({
    merchantId: requiredText('Enter the merchant id'),
    merchantType: z.enum(['brand', 'seller'], { error: 'Choose brand or seller' }),
    marketplaceClientId: wholeNumber('Enter the marketplace client id (a whole number)'),
  }),
});

const balanceSchema = z.object({
  balanceAmount: decimal,
  totalCredit: decimal.optional(),
  totalSpend: decimal.optional(),
  currency: currencyCode,
});

/** No error body is documented, so failures are judged by HTTP status alone. */
const byStatusOnly = () => ({});

async function fetchBalance(
  input: AccountRequest<OnlineSalesCredentials, OnlineSalesParams>,
  ctx: ProviderContext,
): Promise<Reading> {
  const { baseUrl, credentials, params } = parseAccountInput(schema, input);
  const body = await requestJson(
    ctx.http,
    {
      method: 'get',
      url: joinUrl(baseUrl, 'osBillingServiceV2/marketplace/balance'),
      headers: { Accept: 'application/json' },
      // The API takes its token in the URL; requestJson never lets a URL into an error.
      searchParams: {
        token: credentials.token,
        merchantId: params.merchantId,
        merchantType: params.merchantType,
        marketplaceClientId: String(params.marketplaceClientId),
      },
    },
    byStatusOnly,
    [credentials.token],
  );
  const balance = parseResponse(balanceSchema, body, NAME);
  const unit = currencyUnit(balance.currency);
  return {
    primary: amount(balance.balanceAmount, unit),
    details: details([
      { key: 'totalCredit', label: 'Total credit', value: balance.totalCredit, unit },
      { key: 'totalSpend', label: 'Total spend', value: balance.totalSpend, unit },
    ]),
    warnings: [],
  };
}

export const onlinesales: Provider<OnlineSalesCredentials, OnlineSalesParams> = {
  id: 'onlinesales',
  displayName: 'OnlineSales.ai',
  baseUrlPresets: [{ label: 'Production', url: 'https://services.onlinesales.ai' }],
  fields: [
    {
      key: 'token',
      group: 'credentials',
      label: 'App token',
      help: 'The app token OnlineSales.ai shared with your marketplace (ask your OnlineSales account manager).',
      required: true,
      secret: true,
      input: 'password',
    },
    {
      key: 'merchantId',
      group: 'params',
      label: 'Merchant id',
      help: 'The seller or brand id in OnlineSales, e.g. TOQ-15126.',
      required: true,
      secret: false,
      input: 'text',
    },
    {
      key: 'merchantType',
      group: 'params',
      label: 'Merchant type',
      help: 'Whether that merchant is a seller or a brand.',
      required: true,
      secret: false,
      input: 'select',
      options: [
        { value: 'seller', label: 'Seller' },
        { value: 'brand', label: 'Brand' },
      ],
    },
    {
      key: 'marketplaceClientId',
      group: 'params',
      label: 'Marketplace client id',
      help: 'The number OnlineSales assigned to your marketplace; staging and production differ.',
      required: true,
      secret: false,
      input: 'number',
    },
  ],
  schema,
  fetchBalance,
};
