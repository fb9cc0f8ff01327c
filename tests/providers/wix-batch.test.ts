import { describe, expect, it } from 'vitest';
import { BalanceError } from '@/lib/errors';
import { CREDITS } from '@/lib/money';
import type { AccountRequest, Reading } from '@/lib/providers/types';
import { WIX_POOLS_PER_LIST, type WixCredentials, type WixParams, wix } from '@/lib/providers/wix';
import { serverPerTest } from '../support/http-server';
import { failure, providerAccount, testContext } from '../support/provider-context';

/**
 * Wix's batch read: the pools of one site in one List Balances call
 * (GET benefit-programs/v1/balances with `poolIds` repeated and cursor paging), over real HTTP.
 */

const serve = serverPerTest();

const API_KEY = 'IST.eyJraWQiOiJQb3pIX2FDMiIsImFsZyI6IlJTMjU2In0.wix-api-key';
const SITE = '0a1b2c3d-site';
const pool = (n: number) => `${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`;

type WixRequest = AccountRequest<WixCredentials, WixParams>;

function account(baseUrl: string, n: number, overrides: Partial<WixParams> = {}): WixRequest {
  return providerAccount(
    `wix-${n}`,
    baseUrl,
    { apiKey: API_KEY },
    { siteId: SITE, poolId: pool(n), ...overrides },
  );
}

function balance(poolId: string, available: string) {
  return { id: poolId, amount: { available, reserved: '0' } };
}

/** The pool ids a recorded request URL asked for, in order. */
function poolIdsOf(url: string): string[] {
  return new URL(url, 'http://x').searchParams.getAll('poolIds');
}

function readingOf(result: Reading | BalanceError | undefined): string | undefined {
  return result instanceof BalanceError ? undefined : result?.primary.value;
}

describe('wix batch read (List Balances)', () => {
  it('reads three pools of one site in one GET, each account its own balance', async () => {
    const server = await serve(() => ({
      body: {
        balances: [balance(pool(3), '30'), balance(pool(1), '10.5'), balance(pool(2), '20')],
        pagingMetadata: { count: 3, cursors: {}, hasNext: false },
      },
    }));
    const accounts = [1, 2, 3].map((n) => account(server.baseUrl, n));

    const results = await wix.fetchBalances?.(accounts, testContext());

    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request?.method).toBe('GET');
    expect(request?.url.split('?')[0]).toBe('/benefit-programs/v1/balances');
    expect(poolIdsOf(request?.url ?? '')).toEqual([pool(1), pool(2), pool(3)]);
    expect(new URL(request?.url ?? '', 'http://x').searchParams.get('cursorPaging.limit')).toBe(
      '100',
    );
    expect(request?.headers.authorization).toBe(API_KEY);
    expect(request?.headers['wix-site-id']).toBe(SITE);
    expect(results?.get('wix-1')).toEqual({
      primary: { value: '10.5', unit: CREDITS },
      details: [
        { key: 'reserved', label: 'Reserved credits', amount: { value: '0', unit: CREDITS } },
      ],
      warnings: [],
    });
    expect(readingOf(results?.get('wix-2'))).toBe('20');
    expect(readingOf(results?.get('wix-3'))).toBe('30');
  });

  it('a pool the answer leaves out is not found, for its account alone', async () => {
    const server = await serve(() => ({
      body: { balances: [balance(pool(1), '10')], pagingMetadata: { cursors: {} } },
    }));
    const results = await wix.fetchBalances?.(
      [account(server.baseUrl, 1), account(server.baseUrl, 2)],
      testContext(),
    );
    expect(readingOf(results?.get('wix-1'))).toBe('10');
    expect(results?.get('wix-2')).toBeInstanceOf(BalanceError);
    expect(results?.get('wix-2')).toMatchObject({ kind: 'not-found' });
  });

  it('follows the cursor until every pool asked for is in, sending only the cursor', async () => {
    const server = await serve((_request, index) =>
      index === 0
        ? {
            body: {
              balances: [balance(pool(1), '1')],
              pagingMetadata: { cursors: { next: 'PAGE-2' }, hasNext: true },
            },
          }
        : { body: { balances: [balance(pool(2), '2')], pagingMetadata: { cursors: {} } } },
    );
    const results = await wix.fetchBalances?.(
      [account(server.baseUrl, 1), account(server.baseUrl, 2)],
      testContext(),
    );
    expect(server.requests).toHaveLength(2);
    const second = new URL(server.requests[1]?.url ?? '', 'http://x').searchParams;
    expect(second.get('cursorPaging.cursor')).toBe('PAGE-2');
    expect(second.getAll('poolIds')).toEqual([]);
    expect(readingOf(results?.get('wix-2'))).toBe('2');
  });

  it(`asks for at most ${WIX_POOLS_PER_LIST} pools a request`, async () => {
    const server = await serve((request) => ({
      body: {
        balances: poolIdsOf(request.url).map((id) => balance(id, '1')),
        pagingMetadata: { cursors: {} },
      },
    }));
    const count = WIX_POOLS_PER_LIST + 5;
    const accounts = Array.from({ length: count }, (_, i) => account(server.baseUrl, i + 1));
    const results = await wix.fetchBalances?.(accounts, testContext());
    expect(server.requests.map((request) => poolIdsOf(request.url).length)).toEqual([
      WIX_POOLS_PER_LIST,
      5,
    ]);
    expect([...(results?.values() ?? [])].filter((r) => readingOf(r) === '1')).toHaveLength(count);
  });

  it('an account whose setup does not parse fails alone; the others are read', async () => {
    const server = await serve(() => ({
      body: { balances: [balance(pool(1), '10')], pagingMetadata: { cursors: {} } },
    }));
    const broken = { ...account(server.baseUrl, 2), params: { siteId: SITE } } as WixRequest;
    const results = await wix.fetchBalances?.([account(server.baseUrl, 1), broken], testContext());
    expect(readingOf(results?.get('wix-1'))).toBe('10');
    expect(results?.get('wix-2')).toMatchObject({ kind: 'config' });
    expect(poolIdsOf(server.requests[0]?.url ?? '')).toEqual([pool(1)]);
  });

  it('a refused request fails the whole batch with the Wix error', async () => {
    const server = await serve(() => ({
      status: 403,
      body: {
        message: 'Permission denied: missing scope SCOPE.BENEFIT_PROGRAMS.READ',
        details: { applicationError: { code: 'PERMISSION_DENIED', description: 'No scope' } },
      },
    }));
    const error = await failure(
      wix.fetchBalances?.(
        [account(server.baseUrl, 1), account(server.baseUrl, 2)],
        testContext(),
      ) ?? Promise.resolve(),
    );
    expect(error).toMatchObject({ kind: 'auth', status: 403 });
  });

  it('one batch key for the pools of one site, key and base URL; another for any difference', () => {
    const base = 'https://www.wixapis.com';
    const key = (request: WixRequest) => wix.batchKey?.(request);
    expect(key(account(base, 1))).toBe(key(account(base, 2)));
    expect(key(account(base, 1))).not.toBe(key(account(base, 2, { siteId: 'other-site' })));
    expect(key(account(base, 1))).not.toBe(key(account(`${base}/proxy`, 2)));
    const otherKey = { ...account(base, 2), credentials: { apiKey: 'IST.other' } };
    expect(key(account(base, 1))).not.toBe(key(otherKey));
  });
});
