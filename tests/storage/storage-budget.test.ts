import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultRoundEffects } from '@/lib/engine/round-effects';
import {
  type Account,
  DEFAULT_SETTINGS,
  emptySnapshot,
  type Secrets,
  type Snapshots,
} from '@/lib/state';
import { accountsItem } from '@/lib/storage/items';
import { freshHistoryDb, storedHistory } from '../support/history-db';

/**
 * storage.local holds 10 MiB in Chrome (unlimitedStorage is not asked for). Nothing in it may grow
 * with time (balance history lives in IndexedDB), and the largest realistic setup, 500 accounts refreshed every 15 minutes for a year,
 * must stay far below the quota: under 4 MiB, so a write never fails for want of room.
 */

const ACCOUNTS = 500;
const ROUND_MS = 15 * 60_000;
const YEAR_MS = 365 * 24 * 60 * 60_000;
const T0 = Date.UTC(2025, 0, 6, 9, 0);
const BUDGET_BYTES = 4 * 1024 * 1024;

/** A token as long as a real JWT, so the secrets weigh what they would. */
const token = (label: string, n: number) => `FAKE-${label}-${n}-`.padEnd(1200, 'x');

function longAccount(n: number): Account {
  return {
    id: crypto.randomUUID(),
    provider: 'capillary',
    name: `Loyalty points for the ${n}th regional franchise of a long-named group`.padEnd(80, '.'),
    baseUrl: 'https://apac2.api.capillarytech.com',
    params: {
      userId: String(565_039_777 + n),
      programId: String(10_000 + n),
      pointsUnit: 'Franchise reward points (redeemable)',
    },
    lowThreshold: '1000000.50',
    enabled: true,
    createdAt: T0,
  };
}

/** The largest credentials any provider stores: Xoxoday's, with both tokens and expiries. */
function longSecrets(n: number): Record<string, unknown> {
  return {
    accessToken: token('access', n),
    refreshToken: token('refresh', n),
    clientId: `FAKE-client-${n}`.padEnd(64, '0'),
    clientSecret: `FAKE-secret-${n}`.padEnd(64, '0'),
    accessTokenExpiresAt: T0 + YEAR_MS,
    refreshTokenExpiresAt: T0 + YEAR_MS,
  };
}

/** A snapshot with every detail, provider warnings and a failed last attempt. */
function longSnapshot(): Snapshots[string] {
  const amount = (value: string) => ({ value, unit: 'points:capillary:apac2.api/10042' });
  return {
    ...emptySnapshot(),
    reading: {
      primary: amount('123456789.12'),
      details: ['totalPoints', 'promisedPoints', 'delayedAccrualPoints', 'externalTrigger'].map(
        (key) => ({
          key,
          label: `${key} (label in the reader's language)`,
          amount: amount('98765.43'),
        }),
      ),
      warnings: [1, 2, 3].map((n) => `Warning ${n}: `.padEnd(200, 'w')),
    },
    readingAt: T0,
    lastAttemptAt: T0,
    error: {
      kind: 'server',
      message: 'The provider reported a server error'.padEnd(300, '.'),
      status: 503,
    },
    nextAttemptAt: T0 + 60_000,
    failures: 3,
    tokenExpiresAt: T0 + YEAR_MS,
  };
}

const bytes = (value: unknown) => JSON.stringify(value).length;

beforeEach(() => {
  fakeBrowser.reset();
  freshHistoryDb();
});

describe('storage.local stays far below its quota', () => {
  it('holds 500 accounts with long names, secrets and snapshots in under 4 MiB (history is elsewhere)', () => {
    const accounts = Array.from({ length: ACCOUNTS }, (_, n) => longAccount(n));
    const secrets: Secrets = Object.fromEntries(accounts.map((a, n) => [a.id, longSecrets(n)]));
    const snapshots: Snapshots = Object.fromEntries(accounts.map((a) => [a.id, longSnapshot()]));

    const stores = {
      accounts,
      secrets,
      settings: DEFAULT_SETTINGS,
      snapshots,
      quarantine: [],
    };
    const total = Object.values(stores).reduce((sum, value) => sum + bytes(value), 0);

    expect(total).toBeLessThan(BUDGET_BYTES);
  });

  it('keeps a round’s readings in IndexedDB, never in storage.local', async () => {
    const accounts = Array.from({ length: ACCOUNTS }, (_, n) => longAccount(n));
    await accountsItem.setValue(accounts);

    for (let round = 0; round < 3; round++) {
      const at = T0 + round * ROUND_MS;
      await defaultRoundEffects(() => at).appendReadings(
        accounts.map((account) => ({
          accountId: account.id,
          at,
          reading: {
            primary: { value: String(90 - round), unit: 'points' },
            details: [],
            warnings: [],
          },
        })),
      );
    }

    expect(Object.keys(await fakeBrowser.storage.local.get(null))).toEqual([
      'accounts',
      'accounts$',
    ]);
    const stored = await storedHistory();
    expect(Object.keys(stored)).toHaveLength(ACCOUNTS);
    expect(stored[accounts[0]?.id ?? '']).toEqual([
      { t: T0, v: '90' },
      { t: T0 + ROUND_MS, v: '89' },
      { t: T0 + 2 * ROUND_MS, v: '88' },
    ]);
  });
});
