import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createCredentialRenewer } from '@/lib/engine/credentials';
import { createRefresher, type RefresherDeps } from '@/lib/engine/refresh';
import { statusAdvice, type Words } from '@/lib/error-advice';
import { t } from '@/lib/i18n';
import { DEFAULT_SETTINGS, emptySnapshot } from '@/lib/state';
import { accountStatus } from '@/lib/status';
import { secretsItem, snapshotsItem } from '@/lib/storage/items';
import { readQuarantine } from '@/lib/storage/writers/quarantine';
import { readSnapshots } from '@/lib/storage/writers/snapshots';
import { stateText } from '@/lib/view/status-text';
import type { Simulator } from '../sim/server';
import {
  XOXODAY_CREDENTIALS as ORIGINAL,
  plumAccount,
  START,
  simPlum,
  simulators,
  storeAccounts,
  testRefresherDeps,
  tokenCalls,
} from './support';

/**
 * A Xoxoday renewal rotates the refresh token: once the provider has answered, the stored one is
 * dead. When the new one cannot be stored (storage.local.set rejects, e.g. on quota), the worker
 * keeps it, says so on the account, retries the write, and never spends the dead one again. A
 * worker stopped before the write succeeds loses it: the next worker's renewal is refused, and the
 * user is told to create a new token.
 */

let clock = START;
const sims = simulators();

async function plumWithExpiredToken(): Promise<Simulator> {
  const server = await sims.start({ now: () => clock, data: { accounts: [simPlum(START - 1)] } });
  await storeAccounts([
    { account: plumAccount(server), credentials: { ...ORIGINAL, accessTokenExpiresAt: START - 1 } },
  ]);
  return server;
}

/** storage.local.set rejects every write of local:secrets until `heal` is called. */
function secretsWritesFail() {
  const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
  let failing = true;
  vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items) => {
    if (failing && 'secrets' in items) throw new Error('QUOTA_BYTES quota exceeded');
    return set(items);
  });
  return {
    heal: () => {
      failing = false;
    },
  };
}

/** One worker: its renewer lives as long as the worker; no write retries between rounds. */
function worker(retryDelaysMs: readonly number[] = []): RefresherDeps {
  return testRefresherDeps(() => clock, {
    renewer: createCredentialRenewer({ saveRetryDelaysMs: retryDelaysMs }),
  });
}

async function round(deps: RefresherDeps) {
  clock += 60_000;
  return createRefresher(deps).refresh({ force: true });
}

async function plumSnapshot() {
  return (await snapshotsItem.getValue()).xoxo;
}

function rotated(server: Simulator): string {
  return (server.control.account('xoxo') as { refreshToken: string }).refreshToken;
}

beforeEach(() => {
  fakeBrowser.reset();
  clock = START;
  vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

describe('a renewed sign-in that cannot be stored', () => {
  it('fails the account with a clear error and retries the write next round without renewing again', async () => {
    const server = await plumWithExpiredToken();
    const storage = secretsWritesFail();
    const deps = worker();

    const first = await round(deps);

    expect(first.failed).toEqual(['xoxo']);
    // Its own kind (was 'server', which every surface titled "Provider error"): the browser's
    // storage refused the write, not the provider.
    expect(await plumSnapshot()).toMatchObject({
      error: {
        kind: 'storage',
        message:
          'Balance Watch could not save the renewed Xoxoday Plum sign-in: the browser refused to store it. It tries again at each refresh; if the browser stops Balance Watch first, create a new token in the Xoxoday Plum dashboard and paste it in Settings.',
      },
    });
    // Retried at the next round, never held back by backoff (was: backoff, like a provider error).
    expect((await plumSnapshot())?.nextAttemptAt).toBeNull();
    expect((await secretsItem.getValue()).xoxo?.refreshToken).toBe(ORIGINAL.refreshToken);

    const still = await round(deps);
    expect(still.failed).toEqual(['xoxo']);

    storage.heal();
    const healed = await round(deps);

    expect(healed.succeeded).toEqual(['xoxo']);
    expect(tokenCalls(server)).toHaveLength(1);
    expect((await secretsItem.getValue()).xoxo?.refreshToken).toBe(rotated(server));
    expect((await plumSnapshot())?.error).toBeNull();
  });

  it('is said as the browser’s storage failing, not the provider, with what to do', async () => {
    const server = await plumWithExpiredToken();
    secretsWritesFail();
    await round(worker());

    const status = accountStatus(
      plumAccount(server),
      await plumSnapshot(),
      DEFAULT_SETTINGS,
      clock,
    );
    expect(status).toMatchObject({ state: 'error', failing: true, retry: 'next-round' });
    expect(stateText(status)).toBe('Browser storage error');
    const advice = statusAdvice(status);
    const said = (words: Words | null | undefined) => words && t(words.key, words.subs);
    expect(said(advice?.what)).toBe(
      'The browser refused to store the renewed Xoxoday Plum sign-in: its storage may be full or damaged.',
    );
    expect(said(advice?.todo)).toBe(
      "The browser's storage for Balance Watch may be full or damaged; restarting the browser often helps. The new sign-in is kept in memory and saved again at each refresh; if the browser stops Balance Watch first, make a new token in the provider's dashboard and paste it in Settings.",
    );
    // Nothing in Settings fixes the browser's storage.
    expect(advice?.fix).toBeNull();
    expect(advice?.details).toMatch(/^Balance Watch could not save the renewed Xoxoday Plum/);
  });

  it('retries at every periodic round, however often the write failed', async () => {
    const server = await plumWithExpiredToken();
    const storage = secretsWritesFail();
    const deps = worker();

    // Rounds of the default 15-minute alarm, not forced: backoff would have skipped the sixth.
    for (let attempt = 1; attempt <= 6; attempt++) {
      clock += 15 * 60_000;
      const result = await createRefresher(deps).refresh();
      expect(result.failed, `round ${attempt}`).toEqual(['xoxo']);
    }
    expect((await plumSnapshot())?.failures).toBe(6);

    storage.heal();
    clock += 15 * 60_000;
    expect((await createRefresher(deps).refresh()).succeeded).toEqual(['xoxo']);
    expect(tokenCalls(server)).toHaveLength(1);
  });

  it('reads a stored failure of either kind: snapshots from before the storage kind say server', async () => {
    await plumWithExpiredToken();
    const message = t('engine_renewal_not_saved', 'Xoxoday Plum');
    for (const kind of ['server', 'storage'] as const) {
      const failed = { ...emptySnapshot(), lastAttemptAt: START, error: { kind, message } };
      await snapshotsItem.setValue({ xoxo: failed });
      expect((await readSnapshots()).xoxo, kind).toEqual(failed);
    }
    expect(await readQuarantine()).toEqual([]);
  });

  it('retries the write after a short wait, without waiting for a round', async () => {
    const server = await plumWithExpiredToken();
    const storage = secretsWritesFail();

    await round(worker([20, 20, 20]));
    storage.heal();

    await vi.waitFor(async () => {
      expect((await secretsItem.getValue()).xoxo?.refreshToken).toBe(rotated(server));
    });
    expect(tokenCalls(server)).toHaveLength(1);
  });

  it('after the worker stopped, tells the user the refresh token was refused, in the account and a notice', async () => {
    const server = await plumWithExpiredToken();
    const storage = secretsWritesFail();
    await round(worker());

    // The worker stops: its copy of the new tokens is gone. The next one has only the dead token.
    storage.heal();
    await round(worker());

    expect(tokenCalls(server)).toHaveLength(2);
    const error = (await plumSnapshot())?.error;
    expect(error?.kind).toBe('auth');
    expect(error?.message).toBe(
      'The Xoxoday Plum refresh token was rejected. Create a new token in the Xoxoday Plum dashboard and paste it in Settings.',
    );
    const shown = await fakeBrowser.notifications.getAll();
    expect(shown['bw:xoxo:auth']?.message).toContain('refresh token was rejected');
  });
});
