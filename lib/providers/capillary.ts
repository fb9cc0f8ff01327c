import { z } from 'zod/mini';
import { hex, md5, sha256Hex } from '@/lib/digest';
import { BalanceError, type BalanceErrorKind, isBalanceError } from '@/lib/errors';
import { type MessageKey, t } from '@/lib/i18n';
import { namedPointsUnit, pointsUnit, type Unit } from '@/lib/money';
import { defineAdapter } from '@/lib/providers/adapter';
import { CATALOG } from '@/lib/providers/catalog';
import { accountSchema, asAdapterSchema, parseAccountInput } from '@/lib/providers/form-schema';
import { type ProviderErrorDetail, redact, requestJson } from '@/lib/providers/http';
import {
  amount,
  decimal,
  details,
  isRecord,
  numberOrDigits,
  parseResponse,
  secondary,
} from '@/lib/providers/response';
import type { AccountRequest, ProviderContext, Reading } from '@/lib/providers/types';
import { joinUrl, path } from '@/lib/providers/url';

export type CapillaryCredentials =
  | { username: string; password: string }
  | { clientKey: string; clientSecret: string };

export interface CapillaryParams {
  userId: string;
  programId?: string;
  fetchDataForAllPrograms?: boolean;
  /** The user's name for these points ("Acme points"); accounts with the same name add up. */
  pointsUnit?: string;
}

/** The brand as it appears inside error messages; a name, not translated. */
const NAME = 'Capillary';
/** Stop using a cached OAuth token this long before Capillary says it expires. */
const CAPILLARY_TOKEN_MARGIN_MS = 60_000;

/** Capillary's documented error codes that say more than the HTTP status. */
const KIND_BY_CODE: Record<string, BalanceErrorKind> = {
  '8015': 'not-found',
  '1212': 'config',
  '1632': 'config',
};

/**
 * Capillary's own statuses that mean "try later" (api-documentation, status codes): retried
 * like a 5xx, in the request (lib/providers/http.ts) and then by the scheduler's backoff.
 */
const TRY_LATER: Record<number, MessageKey> = {
  461: 'provider_capillary_error_busy',
  521: 'provider_capillary_error_concurrent',
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

/** A warnings[] or errors[] item: {code, message} (errors add status:false), or bare text. */
function noticeText(item: unknown): string | undefined {
  if (typeof item === 'string') return item.trim() || undefined;
  return isRecord(item) && typeof item.message === 'string' ? item.message : undefined;
}

/** Only mainPoints is required: every other figure is a detail, left out when odd or absent. */
const balanceSchema = z.object({
  mainPoints: decimal,
  totalPoints: secondary(decimal),
  promisedPoints: secondary(decimal),
  delayedAccrualPoints: secondary(decimal),
  externalTriggerBasedPoints: secondary(decimal),
  promisedPointsBreakup: secondary(
    z.object({
      delayedAccrualPoints: secondary(decimal),
      externalTriggerBasedPoints: secondary(decimal),
    }),
  ),
  warnings: secondary(z.array(z.unknown())),
  errors: secondary(z.array(z.unknown())),
});

/** OAuth (docs.capillarytech.com, "oauth"): the token and how many seconds it lives. */
const tokenSchema = z.object({
  data: z.object({
    accessToken: z.string().check(z.minLength(1)),
    ttlSeconds: numberOrDigits.check(z.positive()),
  }),
});

/** One error item, {status:false, code, message}, as what it means. */
function errorItem(item: Record<string, unknown>): ProviderErrorDetail {
  const code = item.code === undefined || item.code === null ? undefined : String(item.code);
  return { code, message: noticeText(item), kind: code ? KIND_BY_CODE[code] : undefined };
}

/**
 * Capillary reports failures as errors[] of {status:false, code, message}, on error statuses,
 * on 200 and on 201 ("one or more requests have failed"); an item may also come bare. 461 and
 * 521 mean "try later" whatever the body says.
 */
function parseCapillaryError(body: unknown, status?: number): ProviderErrorDetail {
  const listed = isRecord(body) && Array.isArray(body.errors) && body.errors.length > 0;
  const first = listed ? (body.errors as unknown[]).find(isRecord) : body;
  const detail = isRecord(first) ? errorItem(first) : {};
  const later = status === undefined ? undefined : TRY_LATER[status];
  if (later) return { ...detail, kind: 'server', message: t(later) };
  return detail;
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
  return hex(md5(new TextEncoder().encode(text)));
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

/** The balance answer, with the secrets it must not echo into a reading. */
interface BalanceAnswer {
  body: unknown;
  secrets: readonly string[];
}

async function requestBalance(
  account: AccountRequest<CapillaryCredentials, CapillaryParams>,
  ctx: ProviderContext,
  auth: AuthHeader,
): Promise<BalanceAnswer> {
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
  // 201 says some of the work failed: the answer counts when it holds a balance all the same.
  if (!hasBalance(body)) throwIfErrors(body, auth.secrets);
  return { body, secrets: auth.secrets };
}

function hasBalance(body: unknown): boolean {
  return isRecord(body) && decimal.safeParse(body.mainPoints).success;
}

async function fetchBalanceBody(
  account: AccountRequest<CapillaryCredentials, CapillaryParams>,
  ctx: ProviderContext,
): Promise<BalanceAnswer> {
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

/**
 * Which points these are. The user's name wins; otherwise one unit per org and program: the
 * cluster and the program id (a program id is the cluster's id for one program of one org), or,
 * for the default program or the sum of all programs, which depend on the org, the sign-in (one
 * org's till or client key; hashed, as the unit is shown to the pages).
 */
export async function capillaryUnit(
  account: Pick<AccountRequest<CapillaryCredentials, CapillaryParams>, 'baseUrl' | 'credentials'>,
  params: CapillaryParams,
): Promise<Unit> {
  if (params.pointsUnit) return namedPointsUnit('capillary', params.pointsUnit);
  const host = new URL(account.baseUrl).host;
  if (params.programId !== undefined && params.fetchDataForAllPrograms !== true) {
    return pointsUnit('capillary', `${host}/${params.programId}`);
  }
  const { credentials } = account;
  const signIn = 'username' in credentials ? credentials.username : credentials.clientKey;
  const org = (await sha256Hex(signIn)).slice(0, 12);
  const program = params.fetchDataForAllPrograms === true ? 'all' : 'default';
  return pointsUnit('capillary', `${host}/${program}/${org}`);
}

/** Notes kept with the reading, in Capillary's words less any secret they echo. */
function notes(items: readonly unknown[] | undefined, secrets: readonly string[]): string[] {
  return (items ?? []).flatMap((item) => {
    const text = noticeText(item);
    return text === undefined ? [] : [redact(text, secrets)];
  });
}

async function fetchBalance(
  input: AccountRequest<CapillaryCredentials, CapillaryParams>,
  ctx: ProviderContext,
): Promise<Reading> {
  const account = parseAccountInput(schema, input);
  const { body, secrets } = await fetchBalanceBody(account, ctx);
  const balance = parseResponse(balanceSchema, body, NAME);
  const breakup = balance.promisedPointsBreakup;
  const unit = await capillaryUnit(account, account.params);
  return {
    primary: amount(balance.mainPoints, unit),
    details: details([
      { key: 'totalPoints', value: balance.totalPoints, unit },
      { key: 'promisedPoints', value: balance.promisedPoints, unit },
      {
        key: 'delayedAccrualPoints',
        value: breakup?.delayedAccrualPoints ?? balance.delayedAccrualPoints,
        unit,
      },
      {
        key: 'externalTriggerBasedPoints',
        value: breakup?.externalTriggerBasedPoints ?? balance.externalTriggerBasedPoints,
        unit,
      },
    ]),
    // A 201 with a balance: what failed alongside is worth a note, not a lost reading.
    warnings: notes([...(balance.warnings ?? []), ...(balance.errors ?? [])], secrets),
  };
}

export const capillary = defineAdapter<CapillaryCredentials, CapillaryParams>('capillary', {
  schema,
  fetchBalance,
});
