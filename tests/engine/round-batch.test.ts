import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createRefresher } from '@/lib/engine/refresh';
import { createHttp } from '@/lib/providers/http';
import type { Account } from '@/lib/state';
import { snapshotsItem } from '@/lib/storage/items';
import type { SimDataInput } from '../sim/data/schema';
import type { Simulator } from '../sim/server';
import { accountKeys } from '../sim/settings';
import { START, simulators, storeAccounts, testRefresherDeps } from './support';

/**
 * A round reads the pools of one Wix site with one List Balances call (the adapter's batch
 * capability, lib/engine/round-reads.ts), not one call per pool; each account still gets its own
 * reading or its own error.
 */

type SimAccountInput = SimDataInput['accounts'][number];

const clock = START;
let sim: Simulator;
const sims = simulators();

const SITE_A = '0a1b2c3d-0000-4000-8000-00000000000a';
const SITE_B = '0a1b2c3d-0000-4000-8000-00000000000b';
const poolId = (n: number) => `09010c62-0000-4000-8000-${String(n).padStart(12, '0')}`;

function simPool(n: number, siteId = SITE_A, apiKey = 'FAKE.wix-key.a'): SimAccountInput {
  return {
    provider: 'wix',
    id: `wix-${n}`,
    name: `Pool ${n}`,
    balance: `${n}0`,
    apiKey,
    siteId,
    poolId: poolId(n),
  };
}

/** The stored accounts reading these simulator pools (plus any `extra` that it does not know). */
async function store(pools: SimAccountInput[], extra: Account[] = []): Promise<Account[]> {
  const accounts = pools.map((pool) => {
    const { credentials, params } = accountKeys(sim.control.account(pool.id));
    const account: Account = {
      id: pool.id,
      provider: 'wix',
      name: pool.name,
      baseUrl: sim.url,
      params: params as Account['params'],
      lowThreshold: null,
      enabled: true,
      createdAt: START,
    };
    return { account, credentials };
  });
  const others = extra.map((account) => ({
    account,
    credentials: { apiKey: 'FAKE.wix-key.a' },
  }));
  await storeAccounts([...accounts, ...others]);
  return [...accounts, ...others].map(({ account }) => account);
}

function round() {
  const deps = testRefresherDeps(() => clock, {
    createHttp: () => createHttp({ retries: 0, timeoutMs: 2_000 }),
    batchWindowMs: 60_000,
  });
  return createRefresher(deps).refresh();
}

const wixRequests = () => sim.control.requests({ provider: 'wix' });

beforeEach(() => {
  fakeBrowser.reset();
});

describe('a round over Wix pools', () => {
  it('reads 6 pools of one site with 1 request, and another site with its own', async () => {
    const pools = [1, 2, 3, 4, 5, 6].map((n) => simPool(n));
    const other = [simPool(7, SITE_B, 'FAKE.wix-key.b'), simPool(8, SITE_B, 'FAKE.wix-key.b')];
    sim = await sims.start({ data: { accounts: [...pools, ...other] }, now: () => clock });
    await store([...pools, ...other]);

    const result = await round();

    expect(result.succeeded.sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => `wix-${n}`).sort());
    const requests = wixRequests();
    expect(requests).toHaveLength(2);
    expect(requests.map((request) => request.path)).toEqual([
      '/benefit-programs/v1/balances',
      '/benefit-programs/v1/balances',
    ]);
    expect(requests.map((r) => r.headers['wix-site-id']).sort()).toEqual([SITE_A, SITE_B]);
    const snapshots = await snapshotsItem.getValue();
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) {
      expect(snapshots[`wix-${n}`]?.reading?.primary.value).toBe(`${n}0`);
    }
  });

  it('a pool missing from the answer is not found for that account only', async () => {
    const pools = [1, 2, 3].map((n) => simPool(n));
    sim = await sims.start({ data: { accounts: pools }, now: () => clock });
    const gone: Account = {
      id: 'wix-gone',
      provider: 'wix',
      name: 'Deleted pool',
      baseUrl: sim.url,
      params: { siteId: SITE_A, poolId: poolId(99) },
      lowThreshold: null,
      enabled: true,
      createdAt: START,
    };
    await store(pools, [gone]);

    const result = await round();

    expect(wixRequests()).toHaveLength(1);
    expect(result.failed).toEqual(['wix-gone']);
    const snapshots = await snapshotsItem.getValue();
    expect(snapshots['wix-gone']?.error?.kind).toBe('not-found');
    expect(snapshots['wix-2']?.reading?.primary.value).toBe('20');
    expect(snapshots['wix-2']?.error).toBeNull();
  });

  it('a failed request fails every pool it carried, each with the same error', async () => {
    const pools = [1, 2].map((n) => simPool(n));
    sim = await sims.start({ data: { accounts: pools }, now: () => clock });
    await store(pools);
    sim.control.setFault({ account: 'wix-1' }, { type: 'server-error', status: 503 });

    const result = await round();

    expect(wixRequests()).toHaveLength(1);
    expect(result.failed.sort()).toEqual(['wix-1', 'wix-2']);
    const snapshots = await snapshotsItem.getValue();
    expect(snapshots['wix-1']?.error).toMatchObject({ kind: 'server', status: 503 });
    expect(snapshots['wix-2']?.error).toEqual(snapshots['wix-1']?.error);
  });

  it('a pool alone on its site is read with Get Balance, as before', async () => {
    const pools = [simPool(1), simPool(2, SITE_B, 'FAKE.wix-key.b')];
    sim = await sims.start({ data: { accounts: pools }, now: () => clock });
    await store(pools);

    await round();

    expect(
      wixRequests()
        .map((request) => request.path)
        .sort(),
    ).toEqual([
      `/benefit-programs/v1/balances/${poolId(1)}`,
      `/benefit-programs/v1/balances/${poolId(2)}`,
    ]);
  });
});
