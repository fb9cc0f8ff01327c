import { z } from 'zod/mini';
import { BalanceError } from '@/lib/errors';
import { t } from '@/lib/i18n';
import { currencyUnit, pointsUnit } from '@/lib/money';
import { defineAdapter } from '@/lib/providers/adapter';
import { parseAccountInput, valueSchema } from '@/lib/providers/form-schema';
import { kindForStatus, type ProviderErrorDetail, redact, requestJson } from '@/lib/providers/http';
import {
  amount,
  currencyCode,
  decimal,
  details,
  isRecord,
  nonBlank,
  numberOrDigits,
  parseResponse,
  secondary,
} from '@/lib/providers/response';
import type { AccountRequest, ProviderContext, Reading } from '@/lib/providers/types';
import { joinUrl } from '@/lib/providers/url';

export interface XoxodayCredentials {
  accessToken: string;
  refreshToken?: string;
  clientId?: string;
  clientSecret?: string;
  /** Epoch ms; unknown for a token pasted from the dashboard. */
  accessTokenExpiresAt?: number;
  refreshTokenExpiresAt?: number;
}

export type XoxodayParams = Record<string, never>;

/** The brand as it appears inside error messages; a name, not translated. */
const NAME = 'Xoxoday';
const DAY_MS = 24 * 60 * 60 * 1000;
/** Renew this long before expiry, so a day without refreshes does not lock the account out. */
const XOXODAY_RENEW_MARGIN_MS = DAY_MS;
/**
 * Public docs: access tokens last about 15 days. Used only when the answer gives neither
 * access_token_expiry nor expires_in: the expiries sent always win.
 */
const ACCESS_TOKEN_LIFETIME_MS = 15 * DAY_MS;

const XOXODAY_BALANCE_QUERY = {
  query: 'plumProAPI.query.getBalance',
  tag: 'plumProAPI',
  variables: { data: {} },
} as const;

const balanceSchema = z.object({
  data: z.object({
    getBalance: z.object({
      status: z.number(),
      data: z.object({
        value: decimal,
        currency: currencyCode,
        points: secondary(decimal),
      }),
    }),
  }),
});

const statusSchema = z.object({
  data: z.object({ getBalance: z.object({ status: z.number() }) }),
});

/**
 * Only the two tokens are required: the old refresh token is already dead when this answer
 * arrives, so an expiry in an odd form must not make us drop the new one.
 */
const tokenSchema = z.object({
  access_token: z.string().check(z.minLength(1)),
  refresh_token: z.string().check(z.minLength(1)),
  expires_in: secondary(numberOrDigits),
  access_token_expiry: secondary(numberOrDigits),
  refresh_token_expiry: secondary(numberOrDigits),
});

/** How long Xoxoday's over-limit answer says to wait, when it says. */
function penaltyMs(item: Record<string, unknown>): number | undefined {
  const seconds = Number(item.penaltySeconds);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/**
 * `{"errors":[{message, penaltySeconds?}]}`: the request limit (getBalance: 10 a minute) when the
 * message is auth.request_limit_exceeded, whatever the HTTP status.
 */
function parseErrorList(errors: unknown[]): ProviderErrorDetail {
  const item = errors.find(isRecord) ?? {};
  const message = nonBlank(item.message);
  if (message !== 'auth.request_limit_exceeded') return { message };
  const retryAfterMs = penaltyMs(item);
  return {
    kind: 'rate-limited',
    code: message,
    message: t('provider_xoxoday_error_request_limit', String((retryAfterMs ?? 60_000) / 1000)),
    retryAfterMs,
  };
}

/**
 * A token Xoxoday no longer accepts, in the three shapes its guides show; each says why, so the
 * message can say what to do.
 */
function parseTokenError(body: Record<string, unknown>): ProviderErrorDetail | undefined {
  if (body.error_message_id === 'auth.token_error') {
    return { kind: 'auth', code: 'auth.token_error', message: t('provider_xoxoday_error_reset') };
  }
  if (body.error === 'invalid_token') {
    return { kind: 'auth', code: 'invalid_token', message: t('provider_xoxoday_error_replaced') };
  }
  if (body.error === 'invalid_request') {
    const said = nonBlank(body.error_description) ?? 'invalid_request';
    return {
      kind: 'auth',
      code: 'invalid_request',
      message: t('provider_xoxoday_error_header', said),
    };
  }
  return undefined;
}

/**
 * Application errors are {code, errorId, errorInfo, error} (a 401 may carry only
 * {"error":"Unauthorized"}); the request limit and revoked tokens have shapes of their own.
 */
function parseXoxodayError(body: unknown): ProviderErrorDetail {
  if (!isRecord(body)) return {};
  if (Array.isArray(body.errors)) return parseErrorList(body.errors);
  const token = parseTokenError(body);
  if (token) return token;
  return {
    code: nonBlank(body.errorId),
    message: nonBlank(body.errorInfo) ?? nonBlank(body.error),
  };
}

/** Xoxoday has been seen to answer 200 with an error body; its own `code` then says what failed. */
function throwIfErrorBody(body: unknown, secrets: readonly string[]): void {
  if (!isRecord(body) || 'data' in body) return;
  const detail = parseXoxodayError(body);
  if (!detail.code && !detail.message) return;
  const status = typeof body.code === 'number' ? body.code : undefined;
  throw new BalanceError({
    kind: detail.kind ?? (status && status >= 400 ? kindForStatus(status) : 'server'),
    message: redact(detail.message ?? t('provider_error_reported', NAME), secrets),
    providerCode: detail.code && redact(detail.code, secrets),
    status,
    retryAfterMs: detail.retryAfterMs,
  });
}

function secretsOf(credentials: XoxodayCredentials): string[] {
  const { accessToken, refreshToken, clientSecret } = credentials;
  return [accessToken, refreshToken, clientSecret].filter((value) => value !== undefined);
}

async function fetchBalance(
  account: AccountRequest<XoxodayCredentials, XoxodayParams>,
  ctx: ProviderContext,
): Promise<Reading> {
  const { baseUrl, credentials } = parseAccountInput(xoxoday.schema, account);
  const secrets = secretsOf(credentials);
  const body = await requestJson(
    ctx.http,
    {
      method: 'post',
      url: joinUrl(baseUrl, 'v1/oauth/api'),
      headers: { Authorization: `Bearer ${credentials.accessToken}`, Accept: 'application/json' },
      json: XOXODAY_BALANCE_QUERY,
    },
    parseXoxodayError,
    secrets,
  );
  throwIfErrorBody(body, secrets);
  const { status } = parseResponse(statusSchema, body, NAME).data.getBalance;
  if (status !== 1) {
    throw new BalanceError({
      kind: 'server',
      message: t('provider_error_balance_status', [NAME, String(status)]),
    });
  }
  const { value, currency, points } = parseResponse(balanceSchema, body, NAME).data.getBalance.data;
  return {
    primary: amount(value, currencyUnit(currency)),
    details: details([{ key: 'points', value: points, unit: pointsUnit('xoxoday') }]),
    warnings: [],
  };
}

const storedExpiry = valueSchema({
  value: 'epochMs',
  required: false,
  invalidKey: 'provider_xoxoday_when_accessTokenExpiresAt',
});

/** Stored credentials reach shouldRenew unparsed: an expiry may still be a string there. */
function storedEpochMs(value: unknown): number | undefined {
  const result = storedExpiry.safeParse(value);
  return typeof result.data === 'number' ? result.data : undefined;
}

function canRenew(credentials: XoxodayCredentials): boolean {
  return Boolean(credentials.refreshToken && credentials.clientId && credentials.clientSecret);
}

/**
 * Exchanges the refresh token for a new pair. The old refresh token dies at once, so the caller
 * must persist the returned refreshToken before anything else uses the credentials.
 */
async function renewCredentials(
  account: AccountRequest<XoxodayCredentials, XoxodayParams>,
  ctx: ProviderContext,
): Promise<Partial<XoxodayCredentials>> {
  const { baseUrl, credentials } = parseAccountInput(xoxoday.schema, account);
  const { refreshToken, clientId, clientSecret } = credentials;
  const secrets = secretsOf(credentials);
  if (!refreshToken || !clientId || !clientSecret) {
    throw new BalanceError({
      kind: 'config',
      message: t('provider_xoxoday_error_renewal_fields'),
    });
  }
  const body = await requestJson(
    ctx.http,
    {
      method: 'post',
      url: joinUrl(baseUrl, 'v1/oauth/token/user'),
      headers: { Accept: 'application/json' },
      json: {
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: clientId,
        client_secret: clientSecret,
      },
    },
    parseXoxodayError,
    secrets,
  );
  throwIfErrorBody(body, secrets);
  const token = parseResponse(tokenSchema, body, NAME);
  const now = ctx.now();
  const lifetimeMs =
    token.expires_in !== undefined ? token.expires_in * 1000 : ACCESS_TOKEN_LIFETIME_MS;
  return {
    accessToken: token.access_token,
    refreshToken: token.refresh_token,
    accessTokenExpiresAt: token.access_token_expiry ?? now + lifetimeMs,
    // Explicitly cleared when unknown: the old expiry belonged to the refresh token just spent.
    refreshTokenExpiresAt: token.refresh_token_expiry,
  };
}

/**
 * Renew when the access token has expired or will within a day, or when the refresh token itself
 * will: a renewal brings a new refresh token with its own expiry, so renewing before the old one
 * dies is what keeps the user signed in (the guides give it 30 days, the access token 15; read
 * from the answer, the refresh token may well die first). A token of unknown expiry (pasted from
 * the dashboard) is renewed once too: that is the only way to learn its expiry, and otherwise it
 * would die unnoticed.
 */
function shouldRenew(credentials: XoxodayCredentials, now: number): boolean {
  if (!canRenew(credentials)) return false;
  const accessTokenExpiresAt = storedEpochMs(credentials.accessTokenExpiresAt);
  const refreshTokenExpiresAt = storedEpochMs(credentials.refreshTokenExpiresAt);
  if (refreshTokenExpiresAt !== undefined && refreshTokenExpiresAt <= now) return false;
  if (accessTokenExpiresAt === undefined) return true;
  const dueAt = Math.min(accessTokenExpiresAt, refreshTokenExpiresAt ?? Number.POSITIVE_INFINITY);
  return dueAt - now <= XOXODAY_RENEW_MARGIN_MS;
}

/** Stored expiries are epoch ms, but older or imported credentials may hold them as text. */
function epochMs(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const text = value.trim();
  const parsed = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  return Number.isFinite(parsed) ? parsed : null;
}

function present(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * With the renewal fields the extension renews the access token itself, so the user is locked
 * out only when the refresh token dies; the access token in hand still works until its own
 * expiry, so the later of the two counts. An unknown refresh expiry is unknown, not "the access
 * token's": warning about a token the extension will renew would only alarm.
 */
function lockoutAt(credentials: Record<string, unknown>): number | null {
  const access = epochMs(credentials.accessTokenExpiresAt);
  const renewable = ['refreshToken', 'clientId', 'clientSecret'].every((key) =>
    present(credentials[key]),
  );
  if (!renewable) return access;
  const refresh = epochMs(credentials.refreshTokenExpiresAt);
  if (refresh === null) return null;
  return access === null ? refresh : Math.max(access, refresh);
}

export const xoxoday = defineAdapter<XoxodayCredentials, XoxodayParams>('xoxoday', {
  fetchBalance,
  renewCredentials,
  shouldRenew,
  lockoutAt,
});
