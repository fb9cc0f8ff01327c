/**
 * The options page's address for one account ("options.html#account=<id>"), which the popup's
 * links and the notifications open and the options page reads: one format on both sides.
 */

/** The options page at one account, relative to the extension's root. */
export function accountOptionsPath(accountId: string): `/options.html#account=${string}` {
  return `/options.html#account=${encodeURIComponent(accountId)}`;
}

/** The account id in the options page's hash, or null when it names none. */
export function accountIdFromHash(hash: string): string | null {
  const id = new URLSearchParams(hash.replace(/^#/, '')).get('account');
  return id ? id : null;
}
