import { createSingleFlight, type SingleFlight } from '@/lib/engine/concurrency';
import { mergeRenewed } from '@/lib/engine/renewal-merge';
import { scopedTokenCache } from '@/lib/engine/token-cache';
import { lockoutAt, recordTokenExpiries } from '@/lib/engine/token-expiry';
import {
  createUnsavedRenewals,
  RenewalNotSaved,
  SAVE_RETRY_DELAYS_MS,
  type UnsavedRenewal,
  type UnsavedRenewals,
} from '@/lib/engine/unsaved-renewals';
import { BalanceError, isBalanceError } from '@/lib/errors';
import { t } from '@/lib/i18n';
import type { AccountRequest, Provider, ProviderContext, Reading } from '@/lib/providers/types';
import type { Account, Secrets } from '@/lib/state';
import { lockSecrets, readSecretsAsStored, watchSecrets } from '@/lib/storage/writers/secrets';

type Credentials = Record<string, unknown>;

/**
 * Credentials for balance calls and their renewal. Every write of local:secrets goes through its
 * writer's lock (lib/storage/writers/secrets.ts), so a renewal persisting a new refresh token and
 * a save from the options page never overwrite each other.
 */

async function readCredentials(accountId: string): Promise<Credentials> {
  return (await readSecretsAsStored())[accountId] ?? {};
}

/** Where a balance call takes the credentials it starts with. */
export type CredentialReader = (accountId: string) => Promise<Credentials>;

export interface RoundCredentials {
  read: CredentialReader;
  /** Stops watching local:secrets; the round is over. */
  close(): void;
}

/**
 * local:secrets for one round. Reading it per account loads (and in a browser, copies across
 * processes) the whole object each time: O(n²) over a round of n accounts. Here it is read once
 * and again after storage reports a change (a save, a renewal), so an account that starts after
 * a save still uses the saved credentials. Renewals do not rely on this copy: they re-read the
 * store inside their flight (createCredentialRenewer), so an old refresh token is never spent.
 */
export function roundCredentials(): RoundCredentials {
  let secrets: Promise<Secrets> | undefined;
  const unwatch = watchSecrets(() => {
    secrets = undefined;
  });
  function load(): Promise<Secrets> {
    const loading = readSecretsAsStored();
    // A failed read is not kept: the next account tries again.
    loading.catch(() => {
      if (secrets === loading) secrets = undefined;
    });
    return loading;
  }
  return {
    async read(accountId) {
      secrets ??= load();
      return (await secrets)[accountId] ?? {};
    },
    close: unwatch,
  };
}

/** Key order does not matter; a storage round trip may not keep it. */
export function sameCredentials(a: Credentials, b: Credentials): boolean {
  const canonical = (value: Credentials) =>
    JSON.stringify(Object.entries(value).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
  return canonical(a) === canonical(b);
}

function refreshTokenRejected(provider: Provider, cause: BalanceError): BalanceError {
  return new BalanceError({
    kind: 'auth',
    message: t('engine_refresh_token_rejected', provider.displayName),
    status: cause.status,
    providerCode: cause.providerCode,
  });
}

/**
 * The provider answered the renewal and said no (an HTTP status came back as auth or config):
 * the refresh token is spent or revoked, and trying again would only be refused again. A config
 * error without a status is ours (renewal fields missing), not the provider's verdict.
 */
function isRefusal(error: BalanceError): boolean {
  return (error.kind === 'auth' || error.kind === 'config') && error.status !== undefined;
}

export interface CredentialRenewer {
  /**
   * Calls the provider's fetchBalance with the stored credentials, renewing them first when the
   * provider says they are due and once more (then retrying once) when they are rejected.
   * `read` hands out the credentials to start from (a round's shared copy); by default the store.
   */
  fetchBalance(
    account: Account,
    provider: Provider,
    ctx: ProviderContext,
    read?: CredentialReader,
  ): Promise<Reading>;
  /** Renews now, unless someone else already changed the credentials this caller saw. */
  renew(
    account: Account,
    provider: Provider,
    ctx: ProviderContext,
    seen: Credentials,
    reason: 'due' | 'rejected',
  ): Promise<Credentials>;
}

function request(account: Account, credentials: Credentials): AccountRequest {
  return { id: account.id, baseUrl: account.baseUrl, credentials, params: account.params };
}

/** One balance call; its cached tokens are those of this host and these credentials only. */
function callBalance(
  provider: Provider,
  account: Account,
  credentials: Credentials,
  ctx: ProviderContext,
): Promise<Reading> {
  const tokenCache = scopedTokenCache(ctx.tokenCache, { baseUrl: account.baseUrl, credentials });
  return provider.fetchBalance(request(account, credentials), { ...ctx, tokenCache });
}

/**
 * Stores renewed credentials over whatever the user stored meanwhile (lib/engine/renewal-merge.ts:
 * the rotated refresh token stays unless the user replaced it); returns what holds now.
 */
async function persistRenewed(
  account: Account,
  provider: Provider,
  used: Credentials,
  renewed: Credentials,
): Promise<Credentials> {
  return lockSecrets(async (secrets, write) => {
    const current = secrets[account.id] ?? {};
    // JSON drops keys set to undefined, which is how a renewal clears a stale expiry.
    const plain = JSON.parse(JSON.stringify(renewed)) as Credentials;
    const stored = mergeRenewed(used, plain, current, provider.replaces);
    if (stored === current) return current;
    await write({ ...secrets, [account.id]: stored });
    // Still under the secrets lock, so a save cannot store other credentials in between and
    // end up described by this renewal's expiry. Only a display copy: a failed write must not
    // fail a renewal whose tokens are already safe.
    await recordTokenExpiries(new Map([[account.id, lockoutAt(account.provider, stored)]])).catch(
      (error) => console.error('[balance-watch] could not record the token expiry', error),
    );
    return stored;
  });
}

/** The provider refused `credentials`: renew once, unless that cannot help, and call again. */
async function retryRejected(
  renewer: CredentialRenewer,
  call: { account: Account; provider: Provider; ctx: ProviderContext },
  credentials: Credentials,
  rejection: BalanceError,
): Promise<Reading> {
  const { account, provider, ctx } = call;
  let fresh: Credentials;
  try {
    fresh = await renewer.renew(account, provider, ctx, credentials, 'rejected');
  } catch (renewalError) {
    if (isBalanceError(renewalError) && renewalError.kind === 'config' && !renewalError.status) {
      throw rejection; // nothing to renew with: the rejection stands as it is
    }
    throw renewalError;
  }
  if (sameCredentials(fresh, credentials)) throw rejection;
  return callBalance(provider, account, fresh, ctx);
}

/** How a renewer waits before retrying a renewal's write that failed (tests pass none). */
interface RenewerOptions {
  saveRetryDelaysMs?: readonly number[];
}

/** What one worker's renewer keeps: its flights and the renewals it could not store yet. */
interface RenewerState {
  flights: SingleFlight<Credentials>;
  unsaved: UnsavedRenewals;
}

/** Stores a renewal, or keeps it in the worker, retries later and fails the call that asked. */
async function storeRenewal(
  state: RenewerState,
  account: Account,
  provider: Provider,
  renewal: UnsavedRenewal,
): Promise<Credentials> {
  try {
    const stored = await persistRenewed(account, provider, renewal.used, renewal.renewed);
    state.unsaved.drop(account.id);
    return stored;
  } catch (error) {
    console.error('[balance-watch] could not store the renewed credentials', error);
    const retry = () => state.flights.run(account.id, () => storeKept(state, account, provider));
    state.unsaved.keep(account.id, renewal, retry);
    throw new RenewalNotSaved(provider.displayName);
  }
}

/** The renewal this worker keeps for an account, stored now; else the store as it is. */
function storeKept(state: RenewerState, account: Account, provider: Provider) {
  const kept = state.unsaved.get(account.id);
  return kept ? storeRenewal(state, account, provider, kept) : readCredentials(account.id);
}

/** Renews from the stored credentials and stores the answer; a refusal says what to do. */
async function renewNow(
  state: RenewerState,
  call: { account: Account; provider: Provider; ctx: ProviderContext },
): Promise<Credentials> {
  const { account, provider, ctx } = call;
  const stored = await readCredentials(account.id);
  let update: Credentials;
  try {
    update = (await provider.renewCredentials?.(request(account, stored), ctx)) ?? {};
  } catch (error) {
    throw isBalanceError(error) && isRefusal(error) ? refreshTokenRejected(provider, error) : error;
  }
  return storeRenewal(state, account, provider, {
    used: stored,
    renewed: { ...stored, ...update },
  });
}

/** A balance call with renewal: before it when due (or not stored yet), after a rejection. */
async function fetchWithRenewal(
  renewer: CredentialRenewer,
  state: RenewerState,
  call: { account: Account; provider: Provider; ctx: ProviderContext },
  credentials: Credentials,
): Promise<Reading> {
  const { account, provider, ctx } = call;
  let renewed = false;
  let renewalTrouble: unknown;
  if (state.unsaved.get(account.id) || provider.shouldRenew?.(credentials, ctx.now())) {
    try {
      const next = await renewer.renew(account, provider, ctx, credentials, 'due');
      renewed = !sameCredentials(next, credentials);
      credentials = next;
    } catch (error) {
      if (error instanceof RenewalNotSaved) throw error;
      if (isBalanceError(error) && error.kind === 'auth') throw error;
      // A renewal that could not reach the provider: the current token may still be good.
      renewalTrouble = error;
    }
  }
  try {
    return await callBalance(provider, account, credentials, ctx);
  } catch (error) {
    if (!isBalanceError(error) || error.kind !== 'auth') throw error;
    // The token ran out and renewing failed for a passing reason: report that reason so the
    // scheduler backs off and retries instead of waiting for new credentials.
    if (renewalTrouble !== undefined) throw renewalTrouble;
    // A token renewed moments ago being refused is not fixed by renewing again.
    if (renewed) throw error;
    return retryRejected(renewer, call, credentials, error);
  }
}

/**
 * One renewer per worker. Renewals are single-flight per account (joiners share the promise),
 * and each renewal re-reads the stored credentials inside the flight: a caller holding
 * credentials from before another round's renewal gets the new ones instead of spending the old,
 * already dead refresh token. The new credentials are persisted before the promise resolves, so
 * no call can use them before they are safe on disk; when they cannot be, they are kept in this
 * worker instead (lib/engine/unsaved-renewals.ts) and the account fails until they are.
 */
export function createCredentialRenewer(options: RenewerOptions = {}): CredentialRenewer {
  const state: RenewerState = {
    flights: createSingleFlight<Credentials>(),
    unsaved: createUnsavedRenewals(options.saveRetryDelaysMs ?? SAVE_RETRY_DELAYS_MS),
  };
  const renewer: CredentialRenewer = {
    renew(account, provider, ctx, seen, reason) {
      return state.flights.run(account.id, async () => {
        // The stored refresh token is spent: until the new one is stored, only storing it helps.
        if (state.unsaved.get(account.id)) return storeKept(state, account, provider);
        const stored = await readCredentials(account.id);
        if (!sameCredentials(stored, seen)) return stored;
        if (reason === 'due' && !provider.shouldRenew?.(stored, ctx.now())) return stored;
        if (!provider.renewCredentials) return stored;
        return renewNow(state, { account, provider, ctx });
      });
    },

    async fetchBalance(account, provider, ctx, read = readCredentials) {
      const credentials = await read(account.id);
      if (!provider.renewCredentials) return callBalance(provider, account, credentials, ctx);
      return fetchWithRenewal(renewer, state, { account, provider, ctx }, credentials);
    },
  };
  return renewer;
}
