import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createCredentialRenewer } from '@/lib/engine/credentials';
import { createSessionTokenCache } from '@/lib/engine/token-cache';
import { getProvider } from '@/lib/providers';
import { createHttp } from '@/lib/providers/http';
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

/**
 * A Xoxoday renewal rotates the refresh token: the old one is dead the moment the provider
 * answers. A save from the options page (a rename, no secrets typed) that lands while the
 * renewal is in flight must not write the old token back, or the account is locked out.
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

beforeEach(() => {
  fakeBrowser.reset();
});

describe('a save during a renewal', () => {
  it('keeps the refresh token the renewal stored', async () => {
    const server = await sims.start({ now: () => clock, data: { accounts: [simPlum(START - 1)] } });
    const account = plumAccount(server);
    await storeAccounts([
      { account, credentials: { ...ORIGINAL, accessTokenExpiresAt: START - 1 } },
    ]);
    const { handlers } = commandSetup(() => clock);

    // The provider's answer to the renewal is held back until the save has read local:secrets.
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

    // The save's first read of local:secrets lets the answer through and gives the renewal every
    // chance (200 ms) to store its new token before the save goes on with what it read.
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

    const saved = await handlers.saveAccount({
      id: account.id,
      provider: 'xoxoday',
      name: 'Plum (team budget)',
      baseUrl: account.baseUrl,
      params: {},
      lowThreshold: null,
      enabled: true,
      credentials: {},
    });
    const reading = await renewal;

    expect(saved.ok).toBe(true);
    expect(reading.primary.value).toBe('109970');
    const rotated = (server.control.account('xoxo') as { refreshToken: string }).refreshToken;
    expect(rotated).not.toBe(ORIGINAL.refreshToken);
    expect((await secretsItem.getValue()).xoxo?.refreshToken).toBe(rotated);
    expect((await accountsItem.getValue())[0]?.name).toBe('Plum (team budget)');
  });
});
