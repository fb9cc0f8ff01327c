import Big from 'big.js';
import type { OnlinesalesAccount } from '../data/schema';
import { num } from '../json';
import { htmlReply, jsonReply, type Reply, textReply } from '../reply';
import type { ProviderErrors, Route, SimRequest } from '../route';
import type { RuntimeAccount, SimState } from '../state';

type Account = RuntimeAccount<OnlinesalesAccount>;

const REQUIRED = ['token', 'merchantId', 'merchantType', 'marketplaceClientId'] as const;

/** OnlineSales documents no error body, so errors are a status with a short text. */
export const onlinesalesErrors: ProviderErrors = {
  unauthorized: () => textReply(401, 'Unauthorized'),
  defaultServerStatus: 500,
  server: (status) => textReply(status, 'Internal Server Error'),
  rateLimited: (retryAfterSeconds) =>
    textReply(429, 'Too Many Requests', { 'retry-after': String(retryAfterSeconds) }),
  overLimit: (penaltySeconds, status = 429) =>
    textReply(status, 'Too Many Requests', { 'retry-after': String(penaltySeconds) }),
  notFound: () => jsonReply(404, { error: 'Merchant not found' }),
  wrongShape: () => jsonReply(200, { status: 'ok', data: [] }),
  sparse: (body, nulls) => ({
    balanceAmount: body.balanceAmount,
    currency: body.currency,
    ...(nulls ? { totalCredit: null, totalSpend: null, marketplaceClientId: null } : {}),
  }),
  // No error body is documented: answers only an HTTP status can judge.
  documented: {
    // A gateway's page, not OnlineSales' JSON.
    'forbidden-page': (_answer, status = 403) =>
      htmlReply(status, '<!doctype html><title>403 Forbidden</title><h1>Forbidden</h1>'),
    // JSON on an error status that even looks like a balance: still an error.
    'error-with-balance': (_answer, status = 400) =>
      jsonReply(status, { error: 'Invalid merchant', balanceAmount: 0, currency: 'USD' }),
  },
};

function findMerchant(req: SimRequest, state: SimState): Account | undefined {
  const merchantId = req.query.get('merchantId');
  const clientId = req.query.get('marketplaceClientId');
  return state
    .ofProvider('onlinesales')
    .find(
      (a) => a.data.merchantId === merchantId && String(a.data.marketplaceClientId) === clientId,
    );
}

function badRequest(req: SimRequest): Reply | undefined {
  const missing = REQUIRED.filter((name) => !req.query.get(name));
  if (missing.length > 0) return textReply(400, `Missing parameter: ${missing.join(', ')}`);
  const type = req.query.get('merchantType');
  if (type !== 'brand' && type !== 'seller') {
    return textReply(400, 'merchantType must be brand or seller');
  }
  if (!/^\d+$/.test(req.query.get('marketplaceClientId') ?? '')) {
    return textReply(400, 'marketplaceClientId must be an integer');
  }
  return undefined;
}

const money = (value: Big) => num(value.toFixed());

const getBalance: Route = {
  provider: 'onlinesales',
  endpoint: 'balance',
  method: 'GET',
  pattern: /^\/osBillingServiceV2\/marketplace\/balance$/,
  identify: (req, _params, state) => findMerchant(req, state)?.data.id,
  handle: (req, params, state) => {
    const invalid = badRequest(req);
    if (invalid) return invalid;
    const token = req.query.get('token');
    const known = state.ofProvider('onlinesales').some((a) => a.data.token === token);
    if (!known) return onlinesalesErrors.unauthorized();
    const account = findMerchant(req, state);
    if (!account) return onlinesalesErrors.notFound(req, params);
    // A token is the marketplace's; another marketplace's merchant is not its to read.
    if (account.data.token !== token) return onlinesalesErrors.unauthorized();
    const balance = state.primary(account);
    const credit = new Big(account.data.totalCredit);
    return jsonReply(200, {
      balanceAmount: money(balance),
      marketplaceClientId: account.data.marketplaceClientId,
      totalCredit: money(credit),
      totalSpend: money(credit.minus(balance)),
      currency: account.data.currency,
    });
  },
};

export const onlinesalesRoutes: Route[] = [getBalance];
