import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createCredentialRenewer } from '@/lib/engine/credentials';
import { createRefresher, type RefresherDeps } from '@/lib/engine/refresh';
import { secretsItem, snapshotsItem } from '@/lib/storage/items';
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
    expect(await plumSnapshot()).toMatchObject({
      error: {
        kind: 'server',
        message:
          'Balance Watch could not save the renewed Xoxoday Plum sign-in: the browser refused to store it. It keeps trying while the browser is open; if the browser closes first, create a new token in the Xoxoday Plum dashboard and paste it in Settings.',
      },
    });
    // Retried by the scheduler, like any passing failure.
    expect((await plumSnapshot())?.nextAttemptAt).toBeGreaterThan(clock);
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
