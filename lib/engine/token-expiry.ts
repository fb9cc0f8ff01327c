import type { ProviderId } from '@/lib/providers/types';
import { emptySnapshot, type Snapshots } from '@/lib/state';
import { updateSnapshots } from '@/lib/storage/writers/snapshots';

/**
 * The non-secret copy of "when will this account stop working": the popup warns from it and the
 * options form shows it, and neither may read local:secrets. It is derived from the credentials
 * each time they are stored (save, import, renewal), so it is never older than they are.
 */

type Credentials = Record<string, unknown>;

/** Stored expiries are epoch ms, but older or imported credentials may hold them as text. */
function epochMs(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const text = value.trim();
  const parsed = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  return Number.isFinite(parsed) ? parsed : null;
}

function present(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * With the renewal fields the extension renews the access token itself, so the user is locked
 * out only when the refresh token dies; the access token in hand still works until its own
 * expiry, so the later of the two counts. An unknown refresh expiry is unknown, not "the access
 * token's": warning about a token the extension will renew would only alarm.
 */
function xoxodayLockout(credentials: Credentials): number | null {
  const access = epochMs(credentials.accessTokenExpiresAt);
  const renewable = ['refreshToken', 'clientId', 'clientSecret'].every((key) =>
    present(credentials[key]),
  );
  if (!renewable) return access;
  const refresh = epochMs(credentials.refreshTokenExpiresAt);
  if (refresh === null) return null;
  return access === null ? refresh : Math.max(access, refresh);
}

/**
 * Only Xoxoday's tokens run out on the user: Capillary's OAuth tokens are re-issued from the
 * stored key and secret forever, and the other providers' keys do not expire.
 */
const LOCKOUT_RULES: Partial<Record<ProviderId, (credentials: Credentials) => number | null>> = {
  xoxoday: xoxodayLockout,
};

/** When the user will be locked out with these credentials unless they act; null: unknown/never. */
export function lockoutAt(provider: ProviderId, credentials: Credentials): number | null {
  return LOCKOUT_RULES[provider]?.(credentials) ?? null;
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
