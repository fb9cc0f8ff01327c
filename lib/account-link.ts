/**
 * The options page's address for one account ("options.html#account=<id>"), which the popup's
 * links and the notifications open and the options page reads: one format on both sides. It may
 * also name the field to fix ("#account=<id>&field=credentials.accessToken"), or ask for the new
 * account form ("#new").
 */

/** What an options page address asks for. */
export interface OptionsLink {
  /** The account whose form to open; null for none. */
  account: string | null;
  /** The form field to focus ("baseUrl", "credentials.accessToken"...); null for the first. */
  field: string | null;
  /** The new account form. */
  adding: boolean;
}

/** The options page at one account, relative to the extension's root. */
export function accountOptionsPath(accountId: string): `/options.html#account=${string}` {
  return `/options.html#account=${encodeURIComponent(accountId)}`;
}

/** The hash of an options link (with its "#"): an account and its field, or the new form. */
export function optionsHash(link: Partial<OptionsLink>): string {
  if (link.adding) return '#new';
  const params = new URLSearchParams();
  if (link.account) params.set('account', link.account);
  if (link.account && link.field) params.set('field', link.field);
  const text = params.toString();
  return text ? `#${text}` : '';
}

/** What the options page's hash asks for. */
export function optionsLinkFromHash(hash: string): OptionsLink {
  const text = hash.replace(/^#/, '');
  if (text === 'new') return { account: null, field: null, adding: true };
  const params = new URLSearchParams(text);
  const account = params.get('account') || null;
  return { account, field: (account && params.get('field')) || null, adding: false };
}

/** The account id in the options page's hash, or null when it names none. */
export function accountIdFromHash(hash: string): string | null {
  return optionsLinkFromHash(hash).account;
}
