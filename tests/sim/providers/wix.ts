import type { WixAccount } from '../data/schema';
import { jsonReply, type Reply } from '../reply';
import { header, type ProviderErrors, type Route, type SimRequest } from '../route';
import type { RuntimeAccount, SimState } from '../state';

type Account = RuntimeAccount<WixAccount>;

const CREATED = '2024-01-01T00:00:00.000Z';
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 100;

function wixError(status: number, message: string, code: string, description: string): Reply {
  return jsonReply(status, { message, details: { applicationError: { code, description } } });
}

function rateLimited(retryAfterSeconds: number): Reply {
  return {
    ...wixError(429, 'Resource exhausted', 'RESOURCE_EXHAUSTED', 'Too many requests'),
    headers: { 'retry-after': String(retryAfterSeconds) },
  };
}

export const wixErrors: ProviderErrors = {
  unauthorized: () =>
    wixError(401, 'Unauthorized', 'UNAUTHENTICATED', 'The API key is missing or not valid'),
  defaultServerStatus: 500,
  server: (status) => wixError(status, 'Internal error', 'INTERNAL', 'Internal server error'),
  rateLimited,
  overLimit: (penaltySeconds, status = 429) => ({ ...rateLimited(penaltySeconds), status }),
  notFound: (_req, params) =>
    wixError(
      404,
      'Balance not found',
      'BALANCE_NOT_FOUND',
      `Balance with id ${params.poolId ?? ''} was not found`,
    ),
  wrongShape: () => jsonReply(200, { pool: { id: 'not-a-balance' }, items: [] }),
  sparse: (body, nulls) => {
    const { id, amount } = body.balance as { id: string; amount: { available: string } };
    const extra = nulls ? { beneficiary: null, poolInfo: null, revision: null } : {};
    return {
      balance: {
        id,
        amount: { available: amount.available, ...(nulls ? { reserved: null } : {}) },
        ...extra,
      },
    };
  },
  // dev.wix.com, "About errors" and Benefit Programs: scope SCOPE.BENEFIT_PROGRAMS.READ, the
  // Pricing Plans app, 428 "Precondition required", validationError.
  documented: {
    'missing-scope': (_answer, status = 403) =>
      wixError(
        status,
        'Permission denied: missing scope SCOPE.BENEFIT_PROGRAMS.READ',
        'PERMISSION_DENIED',
        'The API key does not have the required scope',
      ),
    'no-pricing-plans': (_answer, status = 428) =>
      wixError(status, 'App not installed', 'APP_NOT_INSTALLED', 'App not installed'),
    precondition: (_answer, status = 428) =>
      wixError(status, 'Precondition required', 'FAILED_PRECONDITION', 'The pool is not active'),
    validation: (_answer, status = 400) =>
      jsonReply(status, {
        message: 'INVALID_ARGUMENT',
        details: {
          validationError: {
            fieldViolations: [
              {
                field: 'poolId',
                description: 'must be a valid GUID',
                violatedRule: 'FORMAT',
                ruleName: 'VALIDATION_ERROR',
              },
            ],
          },
        },
      }),
  },
};

/** The pools the request may read: undefined for a bad key, a Reply for a site it cannot use. */
function sitePools(req: SimRequest, state: SimState): Account[] | Reply {
  const apiKey = header(req, 'authorization');
  const keyed = state.ofProvider('wix').filter((a) => apiKey && a.data.apiKey === apiKey);
  if (keyed.length === 0) return wixErrors.unauthorized();
  const siteId = header(req, 'wix-site-id');
  if (!siteId) {
    return wixError(400, 'Missing wix-site-id header', 'MISSING_SITE_ID', 'Send wix-site-id');
  }
  const pools = keyed.filter((a) => a.data.siteId === siteId);
  if (pools.length === 0) {
    return wixError(403, 'Permission denied', 'PERMISSION_DENIED', 'No access to this site');
  }
  return pools;
}

function balanceObject(account: Account, state: SimState) {
  const { data, sinceMs } = account;
  return {
    id: data.poolId,
    revision: '1',
    createdDate: CREATED,
    updatedDate: new Date(sinceMs).toISOString(),
    beneficiary: data.memberId ? { memberId: data.memberId } : undefined,
    amount: { available: state.primary(account).toFixed(), reserved: data.reserved },
    poolInfo: {
      id: data.poolId,
      programId: data.programId,
      creditAmount: data.balance,
      namespace: '@sim/benefit-programs',
      status: data.poolStatus,
    },
  };
}

const getBalance: Route = {
  provider: 'wix',
  endpoint: 'balance',
  method: 'GET',
  pattern: /^\/benefit-programs\/v1\/balances\/(?<poolId>[^/]+)$/,
  identify: (_req, params, state) =>
    state.ofProvider('wix').find((a) => a.data.poolId === params.poolId)?.data.id,
  handle: (req, params, state) => {
    const pools = sitePools(req, state);
    if (!Array.isArray(pools)) return pools;
    const account = pools.find((a) => a.data.poolId === params.poolId);
    if (!account) return wixErrors.notFound(req, params);
    return jsonReply(200, { balance: balanceObject(account, state) });
  },
};

function decodeCursor(cursor: string): number | undefined {
  try {
    const offset = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')).offset;
    return Number.isInteger(offset) && offset >= 0 ? offset : undefined;
  } catch {
    return undefined;
  }
}

const queryBalances: Route = {
  provider: 'wix',
  endpoint: 'query',
  method: 'POST',
  pattern: /^\/benefit-programs\/v1\/balances\/query$/,
  identify: () => undefined,
  handle: (req, _params, state) => {
    const pools = sitePools(req, state);
    if (!Array.isArray(pools)) return pools;
    const paging = ((req.json as { query?: { cursorPaging?: Record<string, unknown> } } | undefined)
      ?.query?.cursorPaging ?? {}) as { limit?: unknown; cursor?: unknown };
    const limit = paging.limit === undefined ? DEFAULT_LIMIT : Number(paging.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      return wixError(400, 'Invalid cursorPaging.limit', 'INVALID_ARGUMENT', 'limit 1..100');
    }
    let offset = 0;
    if (typeof paging.cursor === 'string' && paging.cursor) {
      const decoded = decodeCursor(paging.cursor);
      if (decoded === undefined) {
        return wixError(400, 'Invalid cursor', 'INVALID_CURSOR', 'The cursor is not valid');
      }
      offset = decoded;
    }
    const page = pools.slice(offset, offset + limit);
    const nextOffset = offset + page.length;
    const hasNext = nextOffset < pools.length;
    return jsonReply(200, {
      balances: page.map((account) => balanceObject(account, state)),
      pagingMetadata: {
        count: page.length,
        cursors: hasNext
          ? { next: Buffer.from(JSON.stringify({ offset: nextOffset })).toString('base64url') }
          : {},
        hasNext,
      },
    });
  },
};

/** List Balances' cursor: where the next page starts and the pools the first page asked for. */
interface ListCursor {
  offset: number;
  poolIds: string[];
}

function encodeListCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeListCursor(text: string): ListCursor | undefined {
  const offset = decodeCursor(text);
  if (offset === undefined) return undefined;
  const poolIds = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')).poolIds;
  return Array.isArray(poolIds) && poolIds.every((id) => typeof id === 'string')
    ? { offset, poolIds }
    : undefined;
}

/** The pools a List Balances request names: in its query, or in its cursor after page one. */
function listedPoolIds(req: SimRequest): string[] | Reply {
  const cursor = req.query.get('cursorPaging.cursor');
  if (!cursor) return req.query.getAll('poolIds');
  const decoded = decodeListCursor(cursor);
  if (!decoded) return wixError(400, 'Invalid cursor', 'INVALID_CURSOR', 'The cursor is not valid');
  return decoded.poolIds;
}

function listedAccounts(req: SimRequest, state: SimState): string[] {
  const poolIds = listedPoolIds(req);
  if (!Array.isArray(poolIds)) return [];
  return state
    .ofProvider('wix')
    .filter((a) => poolIds.includes(a.data.poolId))
    .map((a) => a.data.id);
}

function listLimit(req: SimRequest): number | Reply {
  const text = req.query.get('cursorPaging.limit');
  const limit = text === null ? DEFAULT_LIMIT : Number(text);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    return wixError(400, 'Invalid cursorPaging.limit', 'INVALID_ARGUMENT', 'limit 1..100');
  }
  return limit;
}

/**
 * List Balances: the balances of the pools named by `poolIds` (repeated), or of every pool of
 * the site when none is named; pools it does not know are simply not listed. Cursor paging.
 */
const listBalances: Route = {
  provider: 'wix',
  endpoint: 'balance',
  method: 'GET',
  pattern: /^\/benefit-programs\/v1\/balances$/,
  identify: (req, _params, state) => {
    const ids = listedAccounts(req, state);
    return ids.length === 1 ? ids[0] : undefined;
  },
  identifyAll: (req, _params, state) => listedAccounts(req, state),
  handle: (req, _params, state) => {
    const pools = sitePools(req, state);
    if (!Array.isArray(pools)) return pools;
    const limit = listLimit(req);
    if (typeof limit !== 'number') return limit;
    const poolIds = listedPoolIds(req);
    if (!Array.isArray(poolIds)) return poolIds;
    const cursor = req.query.get('cursorPaging.cursor');
    const offset = cursor ? (decodeListCursor(cursor)?.offset ?? 0) : 0;
    const named =
      poolIds.length === 0 ? pools : pools.filter((a) => poolIds.includes(a.data.poolId));
    const page = named.slice(offset, offset + limit);
    const nextOffset = offset + page.length;
    const hasNext = nextOffset < named.length;
    return jsonReply(200, {
      balances: page.map((account) => balanceObject(account, state)),
      pagingMetadata: {
        count: page.length,
        cursors: hasNext ? { next: encodeListCursor({ offset: nextOffset, poolIds }) } : {},
        hasNext,
      },
    });
  },
};

export const wixRoutes: Route[] = [queryBalances, listBalances, getBalance];
