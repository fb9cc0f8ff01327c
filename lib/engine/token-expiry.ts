import { getProvider } from '@/lib/providers';
import type { ProviderId } from '@/lib/providers/types';
import { emptySnapshot, type Snapshots } from '@/lib/state';
import { updateSnapshots } from '@/lib/storage/writers/snapshots';

/**
 * The non-secret copy of "when will this account stop working": the popup warns from it and the
 * options form shows it, and neither may read local:secrets. It is derived from the credentials
 * each time they are stored (save, import, renewal), so it is never older than they are.
 */

/**
 * When the user will be locked out with these credentials unless they act; null: unknown/never.
 * The rule is the provider's (Provider.lockoutAt): a provider whose credentials never run out
 * on the user has none.
 */
export function lockoutAt(
  provider: ProviderId,
  credentials: Record<string, unknown>,
): number | null {
  return getProvider(provider).lockoutAt?.(credentials) ?? null;
}

/** Pure: the snapshots with these expiries set; the same object when nothing changes. */
function withTokenExpiries(
  snapshots: Snapshots,
  expiries: ReadonlyMap<string, number | null>,
): Snapshots {
  let next = snapshots;
  for (const [id, tokenExpiresAt] of expiries) {
    const snapshot = snapshots[id];
    if ((snapshot?.tokenExpiresAt ?? null) === tokenExpiresAt) continue;
    // An account that has no snapshot yet gets one, so the warning shows before its first round.
    next = { ...next, [id]: { ...(snapshot ?? emptySnapshot()), tokenExpiresAt } };
  }
  return next;
}

/** Call right after storing the credentials the expiries come from. */
export async function recordTokenExpiries(
  expiries: ReadonlyMap<string, number | null>,
): Promise<void> {
  if (expiries.size === 0) return;
  await updateSnapshots((snapshots) => withTokenExpiries(snapshots, expiries));
}
