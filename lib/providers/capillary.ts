import { md5 } from '@noble/hashes/legacy.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod/mini';
import { BalanceError, type BalanceErrorKind, isBalanceError } from '@/lib/errors';
import { t } from '@/lib/i18n';
import { pointsUnit } from '@/lib/money';
import { defineAdapter } from '@/lib/providers/adapter';
import { CATALOG } from '@/lib/providers/catalog';
import { accountSchema, asAdapterSchema, parseAccountInput } from '@/lib/providers/form-schema';
import { type ProviderErrorDetail, redact, requestJson } from '@/lib/providers/http';
import { amount, decimal, details, isRecord, parseResponse } from '@/lib/providers/response';
import type { AccountRequest, ProviderContext, Reading } from '@/lib/providers/types';
import { joinUrl, path } from '@/lib/providers/url';

export type CapillaryCredentials =
  | { username: string; password: string }
  | { clientKey: string; clientSecret: string };

export interface CapillaryParams {
  userId: string;
  programId?: string;
  fetchDataForAllPrograms?: boolean;
}

/** The brand as it appears inside error messages; a name, not translated. */
const NAME = 'Capillary';
const POINTS = pointsUnit('capillary');
/** Stop using a cached OAuth token this long before Capillary says it expires. */
export const CAPILLARY_TOKEN_MARGIN_MS = 60_000;

/** Capillary's documented error codes that say more than the HTTP status. */
const KIND_BY_CODE: Record<string, BalanceErrorKind> = {
  '8015': 'not-found',
  '1212': 'config',
  '1632': 'config',
};

const fields = accountSchema(CATALOG.capillary).shape;

/** The catalog's four fields, of which its rule lets one complete pair through, as that pair. */
const schema = asAdapterSchema<CapillaryCredentials, CapillaryParams>(
  z.object({
    credentials: z.pipe(
      fields.credentials,
      z.transform(
        (c): CapillaryCredentials =>
          typeof c.username === 'string' && typeof c.password === 'string'
            ? { username: c.username, password: c.password }
            : { clientKey: String(c.clientKey ?? ''), clientSecret: String(c.clientSecret ?? '') },
      ),
    ),
    params: fields.params,
  }),
);

const notice = z.union([
  z.string(),
  z.object({ code: z.optional(z.union([z.number(), z.string()])), message: z.string() }),
]);
const noticeText = (item: z.output<typeof notice>) =>
  typeof item === 'string' ? item : item.message;

const balanceSchema = z.object({
  mainPoints: decimal,
  totalPoints: z.optional(decimal),
  promisedPoints: z.optional(decimal),
  delayedAccrualPoints: z.optional(decimal),
  externalTriggerBasedPoints: z.optional(decimal),
  promisedPointsBreakup: z.optional(
    z.object({
      delayedAccrualPoints: z.optional(decimal),
      externalTriggerBasedPoints: z.optional(decimal),
    }),
  ),
  warnings: z.optional(z.array(notice)),
});

const tokenSchema = z.object({
  data: z.object({
    accessToken: z.string().check(z.minLength(1)),
    ttlSeconds: z.number().check(z.positive()),
  }),
});

/** Capillary reports failures as errors[] of {code, message}, on error statuses and on 200. */
export function parseCapillaryError(body: unknown): ProviderErrorDetail {
  if (!isRecord(body)) return {};
  const first = Array.isArray(body.errors) ? body.errors.find(isRecord) : undefined;
  if (first) {
    const code = first.code === undefined ? undefined : String(first.code);
    const message = typeof first.message === 'string' ? first.message : undefined;
    return { code, message, kind: code ? KIND_BY_CODE[code] : undefined };
  }
  return typeof body.message === 'string' ? { message: body.message } : {};
}

function throwIfErrors(body: unknown, secrets: readonly string[]): void {
  if (!isRecord(body) || !Array.isArray(body.errors) || body.errors.length === 0) return;
  const detail = parseCapillaryError(body);
  throw new BalanceError({
    kind: detail.kind ?? 'config',
    message: redact(detail.message ?? t('provider_error_refused', NAME), secrets),
    providerCode: detail.code && redact(detail.code, secrets),
    status: 200,
  });
}

/** Capillary's Basic scheme wants the hex MD5 of the password; Web Crypto has no MD5. */
export function md5Hex(text: string): string {
  return bytesToHex(md5(utf8ToBytes(text)));
}

function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Capillary's Basic scheme hashes the password: base64(username:md5hex(password)). */
export function capillaryBasicAuth(username: string, password: string): string {
  return `Basic ${base64(`${username}:${md5Hex(password)}`)}`;
}

interface AuthHeader {
  headers: Record<string, string>;
  secrets: string[];
  /** A token from the cache, which Capillary may have revoked before its ttl ran out. */
  cached: boolean;
}

async function oauthHeader(
  account: AccountRequest<{ clientKey: string; clientSecret: string }, CapillaryParams>,
  ctx: ProviderContext,
  useCache: boolean,
): Promise<AuthHeader> {
  const { clientKey, clientSecret } = account.credentials;
  const secrets = [clientSecret];
  const cached = useCache ? await ctx.tokenCache.get(account.id) : undefined;
  if (cached && cached.expiresAt > ctx.now()) {
    return {
      headers: { 'X-CAP-API-OAUTH-TOKEN': cached.token },
      secrets: [...secrets, cached.token],
      cached: true,
    };
  }
  const body = await requestJson(
    ctx.http,
    {
      method: 'post',
      url: joinUrl(account.baseUrl, 'v3/oauth/token/generate'),
      headers: { Accept: 'application/json' },
      json: { key: clientKey, secret: clientSecret },
    },
    parseCapillaryError,
    secrets,
  );
  throwIfErrors(body, secrets);
  const { accessToken, ttlSeconds } = parseResponse(tokenSchema, body, NAME).data;
  const ttlMs = ttlSeconds * 1000;
  const margin = Math.min(CAPILLARY_TOKEN_MARGIN_MS, ttlMs / 10);
  await ctx.tokenCache.set(account.id, {
    token: accessToken,
    expiresAt: ctx.now() + ttlMs - margin,
  });
  return {
    headers: { 'X-CAP-API-OAUTH-TOKEN': accessToken },
    secrets: [...secrets, accessToken],
    cached: false,
  };
}

async function requestBalance(
  account: AccountRequest<CapillaryCredentials, CapillaryParams>,
  ctx: ProviderContext,
  auth: AuthHeader,
): Promise<unknown> {
  const { userId, programId, fetchDataForAllPrograms } = account.params;
  const searchParams: Record<string, string> = {};
  if (programId !== undefined) searchParams.programId = programId;
  if (fetchDataForAllPrograms !== undefined) {
    searchParams.fetchDataForAllPrograms = String(fetchDataForAllPrograms);
  }
  const body = await requestJson(
    ctx.http,
    {
      method: 'get',
      url: joinUrl(account.baseUrl, path`v2/customers/${userId}/points/balance`),
      headers: { ...auth.headers, Accept: 'application/json' },
      searchParams,
    },
    parseCapillaryError,
    auth.secrets,
  );
  throwIfErrors(body, auth.secrets);
  return body;
}

async function fetchBalanceBody(
  account: AccountRequest<CapillaryCredentials, CapillaryParams>,
  ctx: ProviderContext,
): Promise<unknown> {
  const { credentials } = account;
  if ('username' in credentials) {
    const header = capillaryBasicAuth(credentials.username, credentials.password);
    return requestBalance(account, ctx, {
      headers: { Authorization: header },
      // The hash and the header are as good as the password to Capillary.
      secrets: [credentials.password, md5Hex(credentials.password), header.slice(6)],
      cached: false,
    });
  }
  const oauthAccount = { ...account, credentials };
  const auth = await oauthHeader(oauthAccount, ctx, true);
  try {
    return await requestBalance(account, ctx, auth);
  } catch (error) {
    if (!(auth.cached && isBalanceError(error) && error.status === 401)) throw error;
    await ctx.tokenCache.delete(account.id);
    return requestBalance(account, ctx, await oauthHeader(oauthAccount, ctx, false));
  }
}

async function fetchBalance(
  input: AccountRequest<CapillaryCredentials, CapillaryParams>,
  ctx: ProviderContext,
): Promise<Reading> {
  const account = parseAccountInput(schema, input);
  const body = await fetchBalanceBody(account, ctx);
  const balance = parseResponse(balanceSchema, body, NAME);
  const breakup = balance.promisedPointsBreakup;
  return {
    primary: amount(balance.mainPoints, POINTS),
    details: details([
      { key: 'totalPoints', value: balance.totalPoints, unit: POINTS },
      { key: 'promisedPoints', value: balance.promisedPoints, unit: POINTS },
      {
        key: 'delayedAccrualPoints',
        value: breakup?.delayedAccrualPoints ?? balance.delayedAccrualPoints,
        unit: POINTS,
      },
      {
        key: 'externalTriggerBasedPoints',
        value: breakup?.externalTriggerBasedPoints ?? balance.externalTriggerBasedPoints,
        unit: POINTS,
      },
    ]),
    warnings: (balance.warnings ?? []).map(noticeText),
  };
}

export const capillary = defineAdapter<CapillaryCredentials, CapillaryParams>('capillary', {
  schema,
  fetchBalance,
});
