import { BalanceError } from '@/lib/errors';
import { t } from '@/lib/i18n';

type Credentials = Record<string, unknown>;

/**
 * Renewed credentials this worker could not store (storage.local.set rejected: quota, a broken
 * profile). The provider has already rotated the refresh token, so the stored one is dead: these
 * are the only working copy. They stay here, in this worker's memory, until a write succeeds,
 * and while they do they win over the store: no renewal starts from the dead token. A worker
 * that stops first loses them; the next one's renewal is then refused and the account asks for
 * a new token (README, "What can go wrong").
 */

export interface UnsavedRenewal {
  /** What the renewal started from, to merge over whatever the user stores meanwhile. */
  used: Credentials;
  /** `used` with the provider's answer over it. */
  renewed: Credentials;
}

/**
 * The account's error while its renewed sign-in is not stored. Kind 'storage': the browser's
 * storage failed, not the provider (snapshots stored before it existed say 'server', still
 * valid). Nothing in Settings fixes it; every round tries again, each attempt retrying the write
 * first; the message says what happened and what to do if it is lost.
 */
export class RenewalNotSaved extends BalanceError {
  constructor(providerName: string) {
    super({ kind: 'storage', message: t('engine_renewal_not_saved', providerName) });
  }
}

/** Waits between the retries of a failed write, while the worker lives; then the rounds retry. */
export const SAVE_RETRY_DELAYS_MS = [1_000, 3_000, 10_000, 20_000, 20_000, 20_000] as const;

export interface UnsavedRenewals {
  get(accountId: string): UnsavedRenewal | undefined;
  /** Keeps a renewal whose write failed; the first time, starts retrying it after short waits. */
  keep(accountId: string, renewal: UnsavedRenewal, retry: () => Promise<unknown>): void;
  /** Stored (or made moot by the user's own sign-in): nothing to keep any more. */
  drop(accountId: string): void;
}

export function createUnsavedRenewals(delaysMs: readonly number[]): UnsavedRenewals {
  const kept = new Map<string, UnsavedRenewal>();

  // Each retry is a storage call, which also keeps an idle service worker alive a little longer.
  function retryAfter(accountId: string, attempt: number, retry: () => Promise<unknown>): void {
    const delay = delaysMs[attempt];
    if (delay === undefined) return;
    setTimeout(() => {
      if (!kept.has(accountId)) return;
      retry().catch(() => {
        if (kept.has(accountId)) retryAfter(accountId, attempt + 1, retry);
      });
    }, delay);
  }

  return {
    get: (accountId) => kept.get(accountId),
    keep(accountId, renewal, retry) {
      const first = !kept.has(accountId);
      kept.set(accountId, renewal);
      if (first) retryAfter(accountId, 0, retry);
    },
    drop: (accountId) => void kept.delete(accountId),
  };
}
