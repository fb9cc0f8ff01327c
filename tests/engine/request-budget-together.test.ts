import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createRefresher } from '@/lib/engine/refresh';
import { createHttp } from '@/lib/providers/http';
import type { SimDataInput } from '../sim/data/schema';
import { START, simulators, storeAccounts, testRefresherDeps } from './support';

/**
 * The request budget (lib/engine/request-budget.ts) stores each request's slot before it is sent.
 * Requests that ask while the log is being written are admitted together by one write, so a round
 * does not wait one storage round trip per request, and the limit holds all the same.
 */

const sims = simulators();

beforeEach(() => {
  fakeBrowser.reset();
});

function plum(n: number, accessToken: string): SimDataInput['accounts'][number] {
  const id = `plum-${n}`;
  return { provider: 'xoxoday', id, name: id, balance: '500', currency: 'USD', accessToken };
}

async function roundOf(tokens: string[]) {
  const server = await sims.start({
    now: () => START,
    data: { accounts: tokens.map((token, i) => plum(i + 1, token)) },
  });
  await storeAccounts(
    tokens.map((token, i) => ({
      account: {
        id: `plum-${i + 1}`,
        provider: 'xoxoday' as const,
        name: `Plum ${i + 1}`,
        baseUrl: `${server.url}/chef`,
        params: {},
        lowThreshold: null,
        enabled: true,
        createdAt: START,
      },
      credentials: { accessToken: token },
    })),
  );
  const set = vi.spyOn(fakeBrowser.storage.session, 'set');
  const deps = testRefresherDeps(() => START, { createHttp: () => createHttp({ retries: 0 }) });
  const result = await createRefresher(deps).refresh();
  const budgetWrites = set.mock.calls.filter(([items]) => 'requestBudget' in items).length;
  return { server, result, budgetWrites };
}

describe('request slots asked for together', () => {
  it('12 accounts on one token: 10 requests sent, 2 wait, in fewer writes than requests', async () => {
    const { server, result, budgetWrites } = await roundOf(Array(12).fill('FAKE-shared-token'));
    expect(server.control.requests({ endpoint: 'balance' })).toHaveLength(10);
    expect(result.succeeded).toHaveLength(10);
    expect(result.failed).toHaveLength(0);
    expect(budgetWrites).toBeLessThan(10);
  });

  it('each token its own budget: 12 tokens, 12 requests', async () => {
    const tokens = Array.from({ length: 12 }, (_, i) => `FAKE-token-${i}`);
    const { server, result } = await roundOf(tokens);
    expect(server.control.requests({ endpoint: 'balance' })).toHaveLength(12);
    expect(result.succeeded).toHaveLength(12);
  });
});
