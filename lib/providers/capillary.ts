import { md5 } from '@noble/hashes/legacy.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { BalanceError, type BalanceErrorKind, isBalanceError } from '../errors';
import { type ProviderErrorDetail, redact, requestJson } from '../http';
import { pointsUnit } from '../money';
import {
  optionalBoolean,
  optionalNumericId,
  optionalText,
  parseAccountInput,
  requiredText,
} from './form-schema';
import { amount, decimal, details, isRecord, parseResponse } from './response';
import type { AccountRequest, Provider, ProviderContext, Reading } from './types';
import { joinUrl, path } from './url';

export type CapillaryCredentials =
  | { username: string; password: string }
  | { clientKey: string; clientSecret: string };

export interface CapillaryParams {
  userId: string;
  programId?: string;
  fetchDataForAllPrograms?: boolean;
}

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

const credentialsSchema = z
  .object({
    username: optionalText('Enter the user name as text'),
    password: optionalText('Enter the password as text'),
    clientKey: optionalText('Enter the client key as text'),
    clientSecret: optionalText('Enter the client secret as text'),
  })
  .superRefine((c, ctx) => {
    const missing = (key: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [key], message });
    const basic = c.username !== undefined || c.password !== undefined;
    const oauth = c.clientKey !== undefined || c.clientSecret !== undefined;
    if (basic && oauth) {
      missing('clientKey', 'Use either a user name and password or a client key and secret');
    } else if (basic) {
      if (c.username === undefined) missing('username', 'Enter the user name');
      if (c.password === undefined) missing('password', 'Enter the password');
    } else if (oauth) {
      if (c.clientKey === undefined) missing('clientKey', 'Enter the client key');
      if (c.clientSecret === undefined) missing('clientSecret', 'Enter the client secret');
    } else {
      missing('username', 'Enter a user name and password, or a client key and secret');
    }
  })
  .transform(
    (c): CapillaryCredentials =>
      c.username !== undefined && c.password !== undefined
        ? { username: c.username, password: c.password }
        : { clientKey: c.clientKey ?? '', clientSecret: c.clientSecret ?? '' },
  );

const schema = z.object({
  credentials: credentialsSchema,
  params: z.object({
    userId: requiredText('Enter the customer’s user id'),
    programId: optionalNumericId('Enter the program id as a number, or leave it empty'),
    fetchDataForAllPrograms: optionalBoolean('Choose whether to add up all programs'),
  }),
});

const notice = z.union([
  z.string(),
  z.object({ code: z.union([z.number(), z.string()]).optional(), message: z.string() }),
]);
const noticeText = (item: z.output<typeof notice>) =>
  typeof item === 'string' ? item : item.message;

const balanceSchema = z.object({
  mainPoints: decimal,
  totalPoints: decimal.optional(),
  promisedPoints: decimal.optional(),
  delayedAccrualPoints: decimal.optional(),
  externalTriggerBasedPoints: decimal.optional(),
  promisedPointsBreakup: z
    .object({
      delayedAccrualPoints: decimal.optional(),
      externalTriggerBasedPoints: decimal.optional(),
    })
    .optional(),
  warnings: z.array(notice).optional(),
});

const tokenSchema = z.object({
  data: z.object({ accessToken: z.string().min(1), ttlSeconds: z.number().positive() }),
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
    message: redact(detail.message ?? `${NAME} refused the request.`, secrets),
    providerCode: detail.code && redact(detail.code, secrets),
    status: 200,
  });
}

export function md5Hex(text: string): string {
  return bytesToHex(md5(utf8ToBytes(text)));
}

function base64(text: string): string {
  let binary = '';
  for (const byte of utf8ToBytes(text)) binary += String.fromCharCode(byte);
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
      { key: 'totalPoints', label: 'Total points', value: balance.totalPoints, unit: POINTS },
      { key: 'promisedPoints', label: 'Promised', value: balance.promisedPoints, unit: POINTS },
      {
        key: 'delayedAccrualPoints',
        label: 'Delayed accrual',
        value: breakup?.delayedAccrualPoints ?? balance.delayedAccrualPoints,
        unit: POINTS,
      },
      {
        key: 'externalTriggerBasedPoints',
        label: 'Awaiting external trigger',
        value: breakup?.externalTriggerBasedPoints ?? balance.externalTriggerBasedPoints,
        unit: POINTS,
      },
    ]),
    warnings: (balance.warnings ?? []).map(noticeText),
  };
}

const CONSOLE = 'Capillary InTouch → Settings → Organization → API client';

export const capillary: Provider<CapillaryCredentials, CapillaryParams> = {
  id: 'capillary',
  displayName: 'Capillary',
  baseUrlPresets: [
    { label: 'India', url: 'https://apac.api.capillarytech.com' },
    { label: 'APAC2', url: 'https://apac2.api.capillarytech.com' },
    { label: 'EU', url: 'https://eu.api.capillarytech.com' },
    { label: 'US', url: 'https://us.api.capillarytech.com' },
  ],
  fields: [
    {
      key: 'username',
      group: 'credentials',
      label: 'API user name',
      help: `Basic sign-in: the till or API user name from ${CONSOLE}. Leave empty when you use a client key.`,
      required: false,
      secret: false,
      input: 'text',
    },
    {
      key: 'password',
      group: 'credentials',
      label: 'API password',
      help: 'Basic sign-in: the password for that user, as typed (Balance Watch sends only its MD5 hash).',
      required: false,
      secret: true,
      input: 'password',
    },
    {
      key: 'clientKey',
      group: 'credentials',
      label: 'OAuth client key',
      help: `OAuth sign-in: the client key created in ${CONSOLE}. Leave empty when you use a user name.`,
      required: false,
      secret: false,
      input: 'text',
    },
    {
      key: 'clientSecret',
      group: 'credentials',
      label: 'OAuth client secret',
      help: `OAuth sign-in: the client secret shown once when the key was created in ${CONSOLE}.`,
      required: false,
      secret: true,
      input: 'password',
    },
    {
      key: 'userId',
      group: 'params',
      label: 'Customer user id',
      help: 'The Capillary customer id (a number) whose points to watch, from the customer’s profile in InTouch.',
      required: true,
      secret: false,
      input: 'text',
    },
    {
      key: 'programId',
      group: 'params',
      label: 'Program id',
      help: 'Optional. The loyalty program to read (Loyalty+ → Programs). Empty means the default program.',
      required: false,
      secret: false,
      input: 'text',
    },
    {
      key: 'fetchDataForAllPrograms',
      group: 'params',
      label: 'Add up all programs',
      help: 'Read the customer’s points across every program of the organization.',
      required: false,
      secret: false,
      input: 'checkbox',
    },
  ],
  schema,
  fixedUnit: POINTS,
  fetchBalance,
};
