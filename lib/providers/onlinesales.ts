import { z } from 'zod/mini';
import { currencyUnit } from '@/lib/money';
import { message, parseAccountInput, requiredText, wholeNumber } from '@/lib/providers/form-schema';
import { requestJson } from '@/lib/providers/http';
import { providerName } from '@/lib/providers/names';
import { BASE_URL_PRESETS } from '@/lib/providers/presets';
import { amount, currencyCode, decimal, details, parseResponse } from '@/lib/providers/response';
import type { AccountRequest, Provider, ProviderContext, Reading } from '@/lib/providers/types';
import { joinUrl } from '@/lib/providers/url';

export interface OnlineSalesCredentials {
  token: string;
}

export interface OnlineSalesParams {
  merchantId: string;
  merchantType: 'brand' | 'seller';
  marketplaceClientId: number;
}

/** The brand as it appears inside error messages; a name, not translated. */
const NAME = 'OnlineSales';

const schema = z.object({
  credentials: z.object({ token: requiredText('provider_onlinesales_need_token') }),
  params: z.object({
    merchantId: requiredText('provider_onlinesales_need_merchantId'),
    merchantType: z.enum(['brand', 'seller'], message('provider_onlinesales_need_merchantType')),
    marketplaceClientId: wholeNumber('provider_onlinesales_need_marketplaceClientId'),
  }),
});

const balanceSchema = z.object({
  balanceAmount: decimal,
  totalCredit: z.optional(decimal),
  totalSpend: z.optional(decimal),
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
      { key: 'totalCredit', value: balance.totalCredit, unit },
      { key: 'totalSpend', value: balance.totalSpend, unit },
    ]),
    warnings: [],
  };
}

export const onlinesales: Provider<OnlineSalesCredentials, OnlineSalesParams> = {
  id: 'onlinesales',
  get displayName() {
    return providerName('onlinesales');
  },
  baseUrlPresets: [...BASE_URL_PRESETS.onlinesales],
  fields: [
    {
      key: 'token',
      group: 'credentials',
      labelKey: 'provider_onlinesales_token_label',
      helpKey: 'provider_onlinesales_token_help',
      required: true,
      secret: true,
      input: 'password',
    },
    {
      key: 'merchantId',
      group: 'params',
      labelKey: 'provider_onlinesales_merchantId_label',
      helpKey: 'provider_onlinesales_merchantId_help',
      required: true,
      secret: false,
      input: 'text',
    },
    {
      key: 'merchantType',
      group: 'params',
      labelKey: 'provider_onlinesales_merchantType_label',
      helpKey: 'provider_onlinesales_merchantType_help',
      required: true,
      secret: false,
      input: 'select',
      options: [
        { value: 'seller', labelKey: 'provider_onlinesales_merchantType_seller' },
        { value: 'brand', labelKey: 'provider_onlinesales_merchantType_brand' },
      ],
    },
    {
      key: 'marketplaceClientId',
      group: 'params',
      labelKey: 'provider_onlinesales_marketplaceClientId_label',
      helpKey: 'provider_onlinesales_marketplaceClientId_help',
      required: true,
      secret: false,
      input: 'number',
    },
  ],
  schema,
  fetchBalance,
};
