import { type BalanceErrorData, ERROR_KINDS } from '@/lib/errors';
import type { Reading } from '@/lib/providers/types';
import { emptySnapshot, type Snapshot } from '@/lib/state';

/**
 * When an account may be called again, from its last attempt and the error table's retry rule.
 * Pure, so the scheduling rules are tested without a clock or storage.
 */

const MINUTE = 60_000;
const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_CAP_MS = 60 * MINUTE;

/** 1 min after the first failure, doubling, at most an hour. */
function backoffDelayMs(failures: number): number {
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(1, failures));
}

/**
 * Whether an account may be called now. `force` is the user asking: it overrides backoff and the
 * "until the credentials change" block, but not a provider's explicit Retry-After.
 */
export function isDue(snapshot: Snapshot | undefined, now: number, force: boolean): boolean {
  if (!snapshot) return true;
  const rule = snapshot.error ? ERROR_KINDS[snapshot.error.kind].retry : null;
  const waiting = snapshot.nextAttemptAt !== null && snapshot.nextAttemptAt > now;
  if (rule === 'retry-after' && waiting) return false;
  if (force) return true;
  if (rule === 'until-credentials-change') return false;
  return !waiting;
}

export type Outcome =
  | { ok: true; reading: Reading }
  | { ok: false; error: BalanceErrorData }
  /** Nothing was sent: the provider's request limit is used up until then (request-budget.ts). */
  | { ok: false; heldUntil: number };

/**
 * The snapshot after one attempt; a failure keeps the last good reading. An account held back
 * by the request limit only waits: its reading, its error and its failures stay as they were.
 */
export function afterAttempt(
  previous: Snapshot | undefined,
  outcome: Outcome,
  at: number,
): Snapshot {
  const base = previous ?? emptySnapshot();
  if ('heldUntil' in outcome) {
    return { ...base, nextAttemptAt: Math.max(base.nextAttemptAt ?? 0, outcome.heldUntil) };
  }
  if (outcome.ok) {
    return {
      ...base,
      reading: outcome.reading,
      readingAt: at,
      lastAttemptAt: at,
      error: null,
      nextAttemptAt: null,
      failures: 0,
    };
  }
  const { error } = outcome;
  const rule = ERROR_KINDS[error.kind].retry;
  // Being offline says nothing about the provider, so it does not grow the backoff.
  const failures = rule === 'when-online' ? base.failures : base.failures + 1;
  // 'next-round' (the browser's storage refused a write) holds nothing back: each round retries.
  let nextAttemptAt: number | null = null;
  if (rule === 'backoff') nextAttemptAt = at + backoffDelayMs(failures);
  if (rule === 'retry-after') nextAttemptAt = at + (error.retryAfterMs ?? backoffDelayMs(failures));
  return { ...base, lastAttemptAt: at, error, nextAttemptAt, failures };
}
