import { z } from 'zod/mini';
import { BalanceError, errorMessage, isBalanceError } from '@/lib/errors';
import { t } from '@/lib/i18n';
import { CREDITS } from '@/lib/money';
import { defineAdapter } from '@/lib/providers/adapter';
import { CATALOG } from '@/lib/providers/catalog';
import { accountSchema, asAdapterSchema, parseAccountInput } from '@/lib/providers/form-schema';
import { type ProviderErrorDetail, requestJson } from '@/lib/providers/http';
import {
  amount,
  decimal,
  details,
  isRecord,
  nonBlank,
  parseResponse,
  secondary,
} from '@/lib/providers/response';
import type {
  AccountRequest,
  DiscoveredTarget,
  ProviderContext,
  Reading,
} from '@/lib/providers/types';
import { joinUrl, path } from '@/lib/providers/url';

export interface WixCredentials {
  apiKey: string;
}

export interface WixParams {
  siteId: string;
  poolId: string;
}

/** One pool of a site; `reserved` is absent when Wix did not say (unknown is not zero). */
interface WixPool {
  poolId: string;
  available: string;
  reserved?: string;
  label: string;
  /** Whose pool it is, in words ("Member 5b7c1f0e"), when Wix named a beneficiary. */
  beneficiary?: string;
  /** The pool definition or program it belongs to (Wix's id), when Wix said. */
  program?: string;
  /** Wix's own word for the pool's state (ACTIVE, PAUSED, ENDED…). */
  status?: string;
}

/** The brand as it appears inside error messages; a name, not translated. */
const NAME = 'Wix';
/** 100 pools a page; 50 pages is far more than a site has, and ends a cursor that never ends. */
const PAGE_SIZE = 100;
export const WIX_MAX_POOL_PAGES = 50;
/** Pool ids per List Balances request: keeps its URL near 5 kB (a GUID is 36 characters). */
export const WIX_POOLS_PER_LIST = 100;
const BALANCES_PATH = 'benefit-programs/v1/balances';

/** Listing a site's pools needs the API key and the site id, not yet a pool. */
const discoverySchema = asAdapterSchema<WixCredentials, Pick<WixParams, 'siteId'>>(
  accountSchema(CATALOG.wix, 'discovery'),
);

/** Only the id and the available amount are required; the rest labels and details, if sent. */
const balanceObject = z.object({
  id: z.string().check(z.minLength(1)),
  amount: z.object({ available: decimal, reserved: secondary(decimal) }),
  beneficiary: secondary(
    z.object({
      memberId: secondary(z.string()),
      wixUserId: secondary(z.string()),
      anonymousVisitorId: secondary(z.string()),
    }),
  ),
  poolInfo: secondary(
    z.object({
      status: secondary(z.string()),
      poolDefinitionId: secondary(z.string()),
      programDefinitionId: secondary(z.string()),
      programId: secondary(z.string()),
    }),
  ),
});

const balanceSchema = z.object({ balance: balanceObject });

const pageSchema = z.object({
  balances: z.optional(z.array(balanceObject)),
  pagingMetadata: secondary(
    z.object({ cursors: secondary(z.object({ next: secondary(z.string()) })) }),
  ),
});

const record = (value: unknown) => (isRecord(value) ? value : {});

/** A validationError's first field violation, as "field: what is wrong". */
function violation(validation: Record<string, unknown>): ProviderErrorDetail {
  const first = Array.isArray(validation.fieldViolations)
    ? record(validation.fieldViolations.find(isRecord))
    : {};
  const said = nonBlank(first.description);
  const field = nonBlank(first.field);
  return {
    code: nonBlank(first.ruleName) ?? nonBlank(first.violatedRule),
    message: said && field ? `${field}: ${said}` : said,
  };
}

/**
 * What Wix's words mean for this API (dev.wix.com, "About errors"; Benefit Programs): a 403 that
 * names the scope is a key without Benefit Programs read access; a 428 is a precondition, for
 * this API above all a site without the Pricing Plans app.
 */
function explained(
  status: number,
  detail: ProviderErrorDetail,
  words: string,
): ProviderErrorDetail {
  if (status === 403 && /scope|benefit.?programs/i.test(words)) {
    return { ...detail, kind: 'auth', message: t('provider_wix_error_scope') };
  }
  if (status === 428 && /not.?installed|pricing.?plans|\bapp\b/i.test(words)) {
    return { ...detail, kind: 'config', message: t('provider_wix_error_no_pricing_plans') };
  }
  if (status === 428) {
    const said = detail.message ?? t('provider_error_reported', NAME);
    return { ...detail, kind: 'config', message: t('provider_wix_error_precondition', said) };
  }
  return detail;
}

/**
 * {message, details:{applicationError:{code, description}} or {validationError:
 * {fieldViolations}}}; 429 says "Resource exhausted" (its Retry-After, when sent, is kept by
 * lib/providers/http.ts).
 */
function parseWixError(body: unknown, status = 0): ProviderErrorDetail {
  if (!isRecord(body)) return explained(status, {}, '');
  const details = record(body.details);
  const application = record(details.applicationError);
  const validation = isRecord(details.validationError) ? violation(details.validationError) : {};
  const detail = {
    code: nonBlank(application.code) ?? validation.code,
    message: nonBlank(application.description) ?? validation.message ?? nonBlank(body.message),
  };
  const words = [body.message, detail.code, detail.message].filter(nonBlank).join(' ');
  return explained(status, detail, words);
}

function headersFor(credentials: WixCredentials, siteId: string): Record<string, string> {
  return { Authorization: credentials.apiKey, 'wix-site-id': siteId, Accept: 'application/json' };
}

async function fetchBalance(
  input: AccountRequest<WixCredentials, WixParams>,
  ctx: ProviderContext,
): Promise<Reading> {
  const { baseUrl, credentials, params } = parseAccountInput(wix.schema, input);
  const body = await requestJson(
    ctx.http,
    {
      method: 'get',
      url: joinUrl(baseUrl, path`benefit-programs/v1/balances/${params.poolId}`),
      headers: headersFor(credentials, params.siteId),
    },
    parseWixError,
    [credentials.apiKey],
  );
  return readingOf(parseResponse(balanceSchema, body, NAME).balance);
}

function readingOf(balance: z.output<typeof balanceObject>): Reading {
  const { available, reserved } = balance.amount;
  return {
    primary: amount(available, CREDITS),
    details: details([{ key: 'reserved', value: reserved, unit: CREDITS }]),
    warnings: [],
  };
}

/** One site's pools share a List Balances call when read with one API key at one base URL. */
function batchKey(input: AccountRequest<WixCredentials, WixParams>): string {
  const { baseUrl, credentials, params } = parseAccountInput(wix.schema, input);
  return JSON.stringify([joinUrl(baseUrl, BALANCES_PATH), params.siteId, credentials.apiKey]);
}

/**
 * List Balances (GET benefit-programs/v1/balances) for some pools of one site: `poolIds` repeated
 * in the query, then the cursor of each next page, until every pool asked for is in. A cursor
 * carries its query, so later pages send only the cursor.
 */
async function listBalances(
  account: AccountRequest<WixCredentials, WixParams>,
  poolIds: readonly string[],
  ctx: ProviderContext,
): Promise<Map<string, z.output<typeof balanceObject>>> {
  const found = new Map<string, z.output<typeof balanceObject>>();
  const limit = ['cursorPaging.limit', String(PAGE_SIZE)];
  let query = new URLSearchParams([...poolIds.map((id) => ['poolIds', id]), limit]);
  const seenCursors = new Set<string>();
  for (let page = 0; page < WIX_MAX_POOL_PAGES; page++) {
    const body = await requestJson(
      ctx.http,
      {
        method: 'get',
        url: `${joinUrl(account.baseUrl, BALANCES_PATH)}?${query}`,
        headers: headersFor(account.credentials, account.params.siteId),
      },
      parseWixError,
      [account.credentials.apiKey],
    );
    const { balances = [], pagingMetadata } = parseResponse(pageSchema, body, NAME);
    for (const balance of balances) found.set(balance.id, balance);
    const next = pagingMetadata?.cursors?.next ?? undefined;
    if (poolIds.every((id) => found.has(id)) || !next || seenCursors.has(next)) break;
    seenCursors.add(next);
    query = new URLSearchParams([['cursorPaging.cursor', next], limit]);
  }
  return found;
}

/**
 * The pools of one site (one batchKey) read together: WIX_POOLS_PER_LIST a request. A pool the
 * answer leaves out is not found, for its account alone; an account whose setup does not parse
 * fails alone too.
 */
async function fetchBalances(
  inputs: readonly AccountRequest<WixCredentials, WixParams>[],
  ctx: ProviderContext,
): Promise<Map<string, Reading | BalanceError>> {
  const results = new Map<string, Reading | BalanceError>();
  const valid: AccountRequest<WixCredentials, WixParams>[] = [];
  for (const input of inputs) {
    try {
      valid.push(parseAccountInput(wix.schema, input));
    } catch (error) {
      if (!isBalanceError(error)) throw error;
      results.set(input.id, error);
    }
  }
  const poolIds = [...new Set(valid.map((account) => account.params.poolId))];
  const found = new Map<string, z.output<typeof balanceObject>>();
  for (let start = 0; valid[0] && start < poolIds.length; start += WIX_POOLS_PER_LIST) {
    const chunk = poolIds.slice(start, start + WIX_POOLS_PER_LIST);
    for (const [poolId, balance] of await listBalances(valid[0], chunk, ctx)) {
      found.set(poolId, balance);
    }
  }
  for (const account of valid) {
    const balance = found.get(account.params.poolId);
    results.set(account.id, balance ? readingOf(balance) : poolNotListed());
  }
  return results;
}

function poolNotListed(): BalanceError {
  return new BalanceError({ kind: 'not-found', message: errorMessage('not-found') });
}

/** The beneficiary in words, when Wix named one. */
function beneficiaryOf(balance: z.output<typeof balanceObject>): string | undefined {
  const who = balance.beneficiary;
  if (who?.memberId) return t('provider_wix_pool_member', who.memberId.slice(0, 8));
  if (who?.wixUserId) return t('provider_wix_pool_user', who.wixUserId.slice(0, 8));
  if (who?.anonymousVisitorId) {
    return t('provider_wix_pool_visitor', who.anonymousVisitorId.slice(0, 8));
  }
  return undefined;
}

/** Built when the pools are listed (in the background, for the options page's picker). */
function poolLabel(balance: z.output<typeof balanceObject>): string {
  const owner = beneficiaryOf(balance) ?? t('provider_wix_pool_id', balance.id.slice(0, 8));
  const status = balance.poolInfo?.status;
  // The status is Wix's own word (PAUSED, ENDED…), shown as sent but quieter.
  return status && status !== 'ACTIVE'
    ? t('provider_wix_pool_with_status', [owner, status.toLowerCase()])
    : owner;
}

/**
 * Lists every pool balance of a site (Query Balances), so the user picks a pool instead of
 * typing its GUID.
 */
export async function listWixPools(
  input: AccountRequest<unknown, unknown>,
  ctx: ProviderContext,
): Promise<WixPool[]> {
  const { baseUrl, credentials, params } = parseAccountInput(discoverySchema, input);
  const pools: WixPool[] = [];
  const seenCursors = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < WIX_MAX_POOL_PAGES; page++) {
    const body = await requestJson(
      ctx.http,
      {
        method: 'post',
        url: joinUrl(baseUrl, 'benefit-programs/v1/balances/query'),
        headers: headersFor(credentials, params.siteId),
        json: {
          query: { cursorPaging: cursor ? { limit: PAGE_SIZE, cursor } : { limit: PAGE_SIZE } },
        },
      },
      parseWixError,
      [credentials.apiKey],
    );
    const { balances = [], pagingMetadata } = parseResponse(pageSchema, body, NAME);
    for (const balance of balances) {
      pools.push({
        poolId: balance.id,
        available: balance.amount.available,
        reserved: balance.amount.reserved,
        label: poolLabel(balance),
        beneficiary: beneficiaryOf(balance),
        program:
          balance.poolInfo?.poolDefinitionId ??
          balance.poolInfo?.programDefinitionId ??
          balance.poolInfo?.programId,
        status: balance.poolInfo?.status,
      });
    }
    const next = pagingMetadata?.cursors?.next ?? undefined;
    if (!next || seenCursors.has(next)) break;
    seenCursors.add(next);
    cursor = next;
  }
  return pools;
}

/** The pools as targets for the account form's picker: picking one fills the pool id. */
async function discover(input: AccountRequest, ctx: ProviderContext): Promise<DiscoveredTarget[]> {
  const pools = await listWixPools(input, ctx);
  return pools.map((pool) => ({
    id: pool.poolId,
    label: pool.label,
    params: { poolId: pool.poolId },
    available: pool.available,
    // What tells look-alike pools apart in the picker.
    reserved: pool.reserved,
    beneficiary: pool.beneficiary,
    program: pool.program,
    status: pool.status,
  }));
}

export const wix = defineAdapter<WixCredentials, WixParams>('wix', {
  fetchBalance,
  batchKey,
  fetchBalances,
  discover,
});
