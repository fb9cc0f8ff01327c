import Big from 'big.js';
import type { XoxodayAccount } from '../data/schema';
import { num } from '../json';
import { jsonReply, type Reply } from '../reply';
import { header, type ProviderErrors, type Route, type SimRequest } from '../route';
import type { IssuedXoxoday, RuntimeAccount, SimState } from '../state';

function xoxodayError(code: number, errorId: string, errorInfo: string, error: string): Reply {
  return jsonReply(code, { code, errorId, errorInfo, error });
}

export const xoxodayErrors: ProviderErrors = {
  unauthorized: () =>
    xoxodayError(401, 'PIPE10013', 'Invalid authorization header', 'Unauthorized'),
  defaultServerStatus: 502,
  server: (status) =>
    status === 502
      ? xoxodayError(502, 'PLE10023', "Failed to get client's balance", 'Bad Gateway')
      : jsonReply(status, { code: status, error: 'Internal server error' }),
  rateLimited: (retryAfterSeconds) => ({
    ...jsonReply(429, { code: 429, error: 'Too Many Requests' }),
    headers: { 'retry-after': String(retryAfterSeconds) },
  }),
  // API guide, "Rate limiting": the HTTP status is not stated; 429 unless a test picks another.
  overLimit: (penaltySeconds, status = 429) =>
    jsonReply(status, { errors: [{ message: 'auth.request_limit_exceeded', penaltySeconds }] }),
  // Xoxoday has no account id in the call, so it documents no not-found; a 404 in its own shape.
  notFound: () => jsonReply(404, { code: 404, error: 'Not Found' }),
  wrongShape: () => jsonReply(200, { data: { getOrders: { status: 1, data: [] } } }),
  sparse: (body, nulls) => {
    const { value, currency } = (
      body as { data: { getBalance: { data: Record<string, unknown> } } }
    ).data.getBalance.data;
    const data = nulls ? { value, currency, points: null } : { value, currency };
    return { data: { getBalance: { status: 1, data } } };
  },
  // API guide, "refresh-token-access-token" and developers.xoxoday.com, "error-handling".
  documented: {
    'password-reset': (_answer, status = 200) =>
      jsonReply(status, { success: 0, error_message_id: 'auth.token_error' }),
    'token-replaced': (_answer, status = 401) =>
      jsonReply(status, { error: 'invalid_token', error_description: 'Token is not active' }),
    'invalid-header': (_answer, status = 400) =>
      jsonReply(status, {
        error: 'invalid_request',
        error_description: 'missing/invalid parameters authorization header',
      }),
  },
};

/**
 * The renewal's expiries as the account's `expiryFormat` says: the API playground sends epoch-ms
 * strings, the company-token endpoint numbers; by default one of each.
 */
function expiries(issued: IssuedXoxoday, format: XoxodayAccount['expiryFormat'] = 'mixed') {
  const asSent = (at: number, other: 'string' | 'number') =>
    (format === 'mixed' ? other : format) === 'string' ? String(at) : at;
  return {
    access_token_expiry: asSent(issued.accessExpiresAt, 'number'),
    refresh_token_expiry: asSent(issued.refreshExpiresAt, 'string'),
  };
}

function bearer(req: SimRequest): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header(req, 'authorization') ?? '');
  return match?.[1];
}

function isBalanceQuery(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const { query, tag, variables } = body as Record<string, unknown>;
  const data = (variables as Record<string, unknown> | undefined)?.data;
  return (
    query === 'plumProAPI.query.getBalance' &&
    tag === 'plumProAPI' &&
    typeof data === 'object' &&
    data !== null &&
    !Array.isArray(data)
  );
}

function balanceBody(account: RuntimeAccount<XoxodayAccount>, state: SimState) {
  const value = state.primary(account);
  const { pointsPerValue, currency } = account.data;
  const points = pointsPerValue
    ? num(value.times(new Big(pointsPerValue)).round(0, Big.roundDown).toFixed())
    : undefined;
  return {
    data: { getBalance: { status: 1, data: { points, value: num(value.toFixed()), currency } } },
  };
}

const getBalance: Route = {
  provider: 'xoxoday',
  endpoint: 'balance',
  method: 'POST',
  // Presets carry a /chef path; the simulator answers with or without it.
  pattern: /^(?:\/chef)?\/v1\/oauth\/api$/,
  identify: (req, _params, state) => {
    const token = bearer(req);
    return token ? state.xoxodayAccount(token)?.data.id : undefined;
  },
  handle: (req, _params, state) => {
    const token = bearer(req);
    const account = token ? state.xoxodayAccount(token) : undefined;
    if (account?.data.provider !== 'xoxoday') return xoxodayErrors.unauthorized();
    if (!isBalanceQuery(req.json)) {
      return xoxodayError(400, 'PLE10001', 'Invalid query', 'Bad Request');
    }
    return jsonReply(200, balanceBody(account as RuntimeAccount<XoxodayAccount>, state));
  },
};

const renewToken: Route = {
  provider: 'xoxoday',
  endpoint: 'token',
  method: 'POST',
  pattern: /^(?:\/chef)?\/v1\/oauth\/token\/user$/,
  identify: (req, _params, state) => {
    const refresh = (req.json as Record<string, unknown> | undefined)?.refresh_token;
    return typeof refresh === 'string' ? state.xoxodayRefreshOwner(refresh)?.data.id : undefined;
  },
  handle: (req, _params, state) => {
    const body = (req.json ?? {}) as Record<string, unknown>;
    const refresh = body.refresh_token;
    if (body.grant_type !== 'refresh_token' || typeof refresh !== 'string') {
      return xoxodayError(400, 'PIPE10001', 'grant_type must be refresh_token', 'Bad Request');
    }
    const account = state.xoxodayRefreshOwner(refresh);
    if (
      account?.data.provider !== 'xoxoday' ||
      body.client_id !== account.data.clientId ||
      body.client_secret !== account.data.clientSecret
    ) {
      return xoxodayError(401, 'PIPE10013', 'Invalid refresh token or client', 'Unauthorized');
    }
    const issued = state.rotateXoxoday(account.data.id, refresh);
    const format = (account.data as XoxodayAccount).expiryFormat;
    return jsonReply(200, {
      access_token: issued.accessToken,
      token_type: 'bearer',
      expires_in: issued.expiresInSeconds,
      refresh_token: issued.refreshToken,
      ...expiries(issued, format),
    });
  },
};

export const xoxodayRoutes: Route[] = [getBalance, renewToken];
