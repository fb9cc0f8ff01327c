import { z } from 'zod/mini';
import { currencyUnit } from '@/lib/money';
import { defineAdapter } from '@/lib/providers/adapter';
import { parseAccountInput } from '@/lib/providers/form-schema';
import { requestJson } from '@/lib/providers/http';
import {
  amount,
  currencyCode,
  decimal,
  details,
  parseResponse,
  secondary,
} from '@/lib/providers/response';
import type { AccountRequest, ProviderContext, Reading } from '@/lib/providers/types';
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

/** The amount and its currency are required; credit and spend are details, left out when odd. */
const balanceSchema = z.object({
  balanceAmount: decimal,
  totalCredit: secondary(decimal),
  totalSpend: secondary(decimal),
  currency: currencyCode,
});

/**
 * No error body is documented, so a non-2xx answer is judged by its HTTP status alone, whatever
 * it holds (a web page, text, JSON); a 2xx that is not JSON is not a balance.
 */
const byStatusOnly = () => ({});

async function fetchBalance(
  input: AccountRequest<OnlineSalesCredentials, OnlineSalesParams>,
  ctx: ProviderContext,
): Promise<Reading> {
  const { baseUrl, credentials, params } = parseAccountInput(onlinesales.schema, input);
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

export const onlinesales = defineAdapter<OnlineSalesCredentials, OnlineSalesParams>('onlinesales', {
  fetchBalance,
});
