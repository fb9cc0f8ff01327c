type Credentials = Record<string, unknown>;

/**
 * The credential a renewal spends. A provider rotates it on every renewal (Xoxoday): once the
 * provider has answered, the one the renewal started from is dead, so the new one must be stored
 * whatever else happened meanwhile.
 */
const SPENT_BY_RENEWAL = 'refreshToken';

/** Key order does not matter; a storage round trip may not keep it. */
function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * What to store after a renewal, when the stored credentials may have changed while it ran (a
 * save from the options page). `used` is what the renewal started from, `renewed` is `used` with
 * the provider's answer over it, `current` is what is stored now.
 *
 * - The user replaced the refresh token itself: their sign-in wins whole; `current` comes back
 *   as it is (the same object, so the caller knows there is nothing to write).
 * - Otherwise each field the user changed keeps the user's value and every other field takes the
 *   renewal's, so the rotated refresh token is never dropped. A field the user changed takes the
 *   fields it `replaces` with it (a typed access token is not described by the renewal's expiry).
 * - Nothing stored any more (the account was deleted): nothing to bring back.
 */
export function mergeRenewed(
  used: Credentials,
  renewed: Credentials,
  current: Credentials,
  replaces: Readonly<Record<string, readonly string[]>> = {},
): Credentials {
  if (!sameValue(current[SPENT_BY_RENEWAL], used[SPENT_BY_RENEWAL])) return current;
  const changed = new Set(
    Object.keys({ ...used, ...current }).filter((key) => !sameValue(current[key], used[key])),
  );
  for (const key of [...changed]) {
    for (const follower of replaces[key] ?? []) changed.add(follower);
  }
  const merged: Credentials = {};
  for (const key of Object.keys({ ...used, ...renewed, ...current })) {
    const value = changed.has(key) ? current[key] : renewed[key];
    if (value !== undefined) merged[key] = value;
  }
  return merged;
}
