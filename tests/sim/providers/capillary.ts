import { createHash } from 'node:crypto';
import Big from 'big.js';
import type { CapillaryAccount } from '../data/schema';
import { num } from '../json';
import { jsonReply, type Reply } from '../reply';
import { header, type ProviderErrors, type Route, type SimRequest } from '../route';
import type { RuntimeAccount, SimState } from '../state';

type Account = RuntimeAccount<CapillaryAccount>;

function capillaryError(status: number, code: number, message: string, entityId?: number): Reply {
  return jsonReply(status, { entityId, warnings: [], errors: [{ code, message }] });
}

const CAPILLARY_NOT_FOUND = {
  code: 8015,
  message: 'Customer not found for the given identifiers',
};

/** An error item as the status-code page shows them: {status:false, code, message}. */
function failedItem(status: number, code: number, message: string): Reply {
  return jsonReply(status, { warnings: [], errors: [{ status: false, code, message }] });
}

function rateLimited(retryAfterSeconds: number): Reply {
  return {
    ...capillaryError(429, 429, 'Too many requests'),
    headers: { 'retry-after': String(retryAfterSeconds) },
  };
}

const SECONDARY = [
  'entityId',
  'entityType',
  'totalPoints',
  'promisedPoints',
  'promisedPointsBreakup',
  'warnings',
] as const;

export const capillaryErrors: ProviderErrors = {
  unauthorized: () => capillaryError(401, 401, 'Unauthorized: invalid credentials'),
  defaultServerStatus: 500,
  server: (status) => capillaryError(status, 500, 'Internal server error'),
  rateLimited,
  overLimit: (penaltySeconds, status = 429) => ({ ...rateLimited(penaltySeconds), status }),
  // Capillary answers an unknown customer with code 8015 in errors[], not with a 404.
  notFound: (_req, params) =>
    capillaryError(
      400,
      CAPILLARY_NOT_FOUND.code,
      CAPILLARY_NOT_FOUND.message,
      Number(params.userId),
    ),
  wrongShape: () => jsonReply(200, { customers: [], warnings: [] }),
  sparse: (body, nulls) => ({
    mainPoints: body.mainPoints,
    ...(nulls ? Object.fromEntries(SECONDARY.map((key) => [key, null])) : {}),
  }),
  // Capillary/api-documentation, source/index.html.md, "Status codes".
  documented: {
    // 201: "one or more requests have failed", here with no balance at all.
    'partial-failure': (_answer, status = 201) =>
      failedItem(status, CAPILLARY_NOT_FOUND.code, CAPILLARY_NOT_FOUND.message),
    // 201 with the balance all the same, and the item that failed alongside.
    'partial-success': (answer, status = 201) => {
      const normal = answer();
      if (normal.status !== 200) return normal;
      const body = JSON.parse(normal.body) as Record<string, unknown>;
      const errors = [{ status: false, code: 8069, message: 'Points expiry could not be read' }];
      return jsonReply(status, { ...body, errors });
    },
    'search-busy': (_answer, status = 461) =>
      failedItem(status, 461, 'Search engine is busy, please try later'),
    'concurrent-actions': (_answer, status = 521) =>
      failedItem(status, 521, 'Multiple actions are running for the customer, please try later'),
    'v2-not-enabled': (_answer, status = 403) =>
      failedItem(status, 403, 'Access to v2 APIs is not enabled for this org'),
  },
};

export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

/** The accounts the request's credential may read, or undefined when it is not valid at all. */
function authorisedAccounts(req: SimRequest, state: SimState): Account[] | undefined {
  const accounts = state.ofProvider('capillary');
  const oauth = header(req, 'x-cap-api-oauth-token');
  if (oauth) {
    const key = state.capillaryTokenKey(oauth);
    if (!key) return undefined;
    return accounts.filter((a) => a.data.auth.type === 'oauth' && a.data.auth.clientKey === key);
  }
  const basic = /^Basic\s+(\S+)$/i.exec(header(req, 'authorization') ?? '')?.[1];
  if (!basic) return undefined;
  const decoded = Buffer.from(basic, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const username = decoded.slice(0, colon);
  const passwordMd5 = decoded.slice(colon + 1).toLowerCase();
  const allowed = accounts.filter(
    (a) =>
      a.data.auth.type === 'basic' &&
      a.data.auth.username === username &&
      md5Hex(a.data.auth.password) === passwordMd5,
  );
  return allowed.length > 0 ? allowed : undefined;
}

function balanceBody(account: Account, state: SimState) {
  const main = state.primary(account);
  const delayed = new Big(account.data.delayedAccrualPoints);
  const external = new Big(account.data.externalTriggerBasedPoints);
  const promised = delayed.plus(external);
  const points = (value: Big) => num(value.toFixed(3));
  return {
    entityId: account.data.userId,
    entityType: 'CUSTOMER',
    totalPoints: points(main.plus(promised)),
    mainPoints: points(main),
    promisedPoints: points(promised),
    promisedPointsBreakup: {
      delayedAccrualPoints: points(delayed),
      externalTriggerBasedPoints: points(external),
    },
    warnings: account.data.warnings ?? [],
  };
}

const getBalance: Route = {
  provider: 'capillary',
  endpoint: 'balance',
  method: 'GET',
  pattern: /^\/v2\/customers\/(?<userId>[^/]+)\/points\/balance$/,
  identify: (_req, params, state) =>
    state.ofProvider('capillary').find((a) => String(a.data.userId) === params.userId)?.data.id,
  handle: (req, params, state) => {
    const allowed = authorisedAccounts(req, state);
    if (!allowed) return capillaryErrors.unauthorized();
    const account = allowed.find((a) => String(a.data.userId) === params.userId);
    if (!account) return capillaryErrors.notFound(req, params);
    return jsonReply(200, balanceBody(account, state));
  },
};

const generateToken: Route = {
  provider: 'capillary',
  endpoint: 'token',
  method: 'POST',
  pattern: /^\/v3\/oauth\/token\/generate$/,
  identify: (req, _params, state) => {
    const key = (req.json as Record<string, unknown> | undefined)?.key;
    return state
      .ofProvider('capillary')
      .find((a) => a.data.auth.type === 'oauth' && a.data.auth.clientKey === key)?.data.id;
  },
  handle: (req, _params, state) => {
    const { key, secret } = (req.json ?? {}) as Record<string, unknown>;
    const account = state
      .ofProvider('capillary')
      .find(
        (a) =>
          a.data.auth.type === 'oauth' &&
          a.data.auth.clientKey === key &&
          a.data.auth.clientSecret === secret,
      );
    if (account?.data.auth.type !== 'oauth') {
      return capillaryErrors.unauthorized();
    }
    const { clientKey, ttlSeconds } = account.data.auth;
    const accessToken = state.issueCapillaryToken(clientKey, ttlSeconds);
    return jsonReply(200, { data: { accessToken, ttlSeconds }, errors: [], warnings: [] });
  },
};

export const capillaryRoutes: Route[] = [getBalance, generateToken];
