import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createCredentialRenewer } from '@/lib/engine/credentials';
import { createSessionTokenCache } from '@/lib/engine/token-cache';
import { getProvider } from '@/lib/providers';
import { createHttp } from '@/lib/providers/http';
import type { Reading } from '@/lib/providers/types';
import type { Account } from '@/lib/state';
import { accountsItem, secretsItem } from '@/lib/storage/items';
import {
  commandSetup,
  XOXODAY_CREDENTIALS as ORIGINAL,
  plumAccount,
  START,
  simPlum,
  simulators,
  storeAccounts,
} from '../engine/support';
import type { Simulator } from '../sim/server';

/**
 * A Xoxoday renewal rotates the refresh token: the old one is dead the moment the provider
 * answers. A save from the options page that lands while the renewal is in flight must not write
 * the old token back, or the account is locked out. Only a refresh token the user typed
 * themselves beats the rotated one; anything else they typed is kept beside it.
 */

const clock = START;
const sims = simulators();

function pathOf(input: Parameters<typeof fetch>[0]): string {
  return new URL(input instanceof Request ? input.url : String(input)).pathname;
}

/** Resolves once `condition` holds or `ms` (real time) have passed, whichever comes first. */
async function waitUntil(condition: () => Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end && !(await condition())) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

type Handlers = ReturnType<typeof commandSetup>['handlers'];

interface Landed<T> {
  server: Simulator;
  /** What the command that raced the renewal returned. */
  saved: T;
  /** The balance call the renewal was for; it may fail when the user's sign-in replaced it. */
  reading: Promise<Reading>;
  /** The refresh token the provider issued in exchange for the original one. */
  rotated: string;
}

/**
 * Starts a renewal, holds the provider's answer back until `command` has read local:secrets, then
 * lets it through and gives the renewal every chance (200 ms) to store its new token before the
 * command goes on with what it read.
 */
async function duringRenewal<T>(
  command: (handlers: Handlers, account: Account) => Promise<T>,
): Promise<Landed<T>> {
  const server = await sims.start({ now: () => clock, data: { accounts: [simPlum(START - 1)] } });
  const account = plumAccount(server);
  await storeAccounts([{ account, credentials: { ...ORIGINAL, accessTokenExpiresAt: START - 1 } }]);
  const { handlers, refresher } = commandSetup(() => clock);
  // The round a credential change starts is not part of this race.
  vi.spyOn(refresher, 'refresh').mockResolvedValue({ attempted: [], succeeded: [], failed: [] });

  let sent!: () => void;
  const renewalSent = new Promise<void>((resolve) => {
    sent = resolve;
  });
  let answer!: () => void;
  const answered = new Promise<void>((resolve) => {
    answer = resolve;
  });
  const heldFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (pathOf(input).endsWith('/oauth/token/user')) {
      sent();
      await answered;
    }
    return response;
  };
  const renewal = createCredentialRenewer().fetchBalance(account, getProvider('xoxoday'), {
    http: createHttp({ retries: 0, fetch: heldFetch }),
    now: () => clock,
    tokenCache: createSessionTokenCache(() => clock),
  });
  await renewalSent;

  const get = fakeBrowser.storage.local.get.bind(fakeBrowser.storage.local);
  const renewalStored = async () =>
    (await secretsItem.getValue()).xoxo?.refreshToken !== ORIGINAL.refreshToken;
  let armed = true;
  vi.spyOn(fakeBrowser.storage.local, 'get').mockImplementation(async (keys) => {
    const result = await get(keys);
    if (armed && keys === 'secrets') {
      armed = false;
      answer();
      await waitUntil(renewalStored, 200);
    }
    return result;
  });

  const saved = await command(handlers, account);
  const reading = renewal.then((value) => value);
  await reading.catch(() => undefined);
  const rotated = (server.control.account('xoxo') as { refreshToken: string }).refreshToken;
  return { server, saved, reading, rotated };
}

/** A save from the form: `typed` is what the user typed in its credential fields. */
function saveDuringRenewal(name: string, typed: Record<string, unknown>) {
  return duringRenewal((handlers, account) =>
    handlers.saveAccount({
      id: account.id,
      provider: 'xoxoday',
      name,
      baseUrl: account.baseUrl,
      params: {},
      lowThreshold: null,
      enabled: true,
      credentials: typed,
    }),
  );
}

async function storedPlum(): Promise<Record<string, unknown>> {
  return (await secretsItem.getValue()).xoxo ?? {};
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('a save during a renewal', () => {
  it('keeps the refresh token the renewal stored', async () => {
    const { saved, reading, rotated } = await saveDuringRenewal('Plum (team budget)', {});

    expect(saved.ok).toBe(true);
    expect((await reading).primary.value).toBe('109970');
    expect(rotated).not.toBe(ORIGINAL.refreshToken);
    expect((await storedPlum()).refreshToken).toBe(rotated);
    expect((await accountsItem.getValue())[0]?.name).toBe('Plum (team budget)');
  });

  it('keeps the rotated refresh token beside a new client secret the user typed', async () => {
    const { saved, rotated } = await saveDuringRenewal('Plum', {
      clientSecret: 'FAKE-xoxo-secret-2',
    });

    expect(saved.ok).toBe(true);
    const stored = await storedPlum();
    expect(stored.refreshToken).toBe(rotated);
    expect(stored.clientSecret).toBe('FAKE-xoxo-secret-2');
    expect(stored.clientId).toBe(ORIGINAL.clientId);
  });

  it("keeps the user's new access token, without the renewal's expiry, and the rotated refresh token", async () => {
    const { rotated } = await saveDuringRenewal('Plum', { accessToken: 'FAKE-typed-access' });

    const stored = await storedPlum();
    expect(stored.refreshToken).toBe(rotated);
    expect(stored.accessToken).toBe('FAKE-typed-access');
    // The renewal's expiry describes its own access token, not the one the user typed.
    expect(stored.accessTokenExpiresAt).toBeUndefined();
  });

  it('keeps a refresh token the user typed over the rotated one', async () => {
    const { rotated } = await saveDuringRenewal('Plum', {
      refreshToken: 'FAKE-typed-refresh',
      clientSecret: 'FAKE-xoxo-secret-2',
    });

    const stored = await storedPlum();
    expect(rotated).not.toBe(ORIGINAL.refreshToken);
    expect(stored.refreshToken).toBe('FAKE-typed-refresh');
    expect(stored.clientSecret).toBe('FAKE-xoxo-secret-2');
  });

  it('does not bring back the credentials of an account deleted while it renewed', async () => {
    const { saved } = await duringRenewal((handlers, account) =>
      handlers.deleteAccount({ id: account.id }),
    );

    expect(saved).toEqual({ ok: true });
    expect(await secretsItem.getValue()).toEqual({});
    expect(await accountsItem.getValue()).toEqual([]);
  });
});
