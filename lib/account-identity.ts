import type { ProviderId } from '@/lib/providers/catalog';
import type { Account } from '@/lib/state';

/**
 * What an account watches: one wallet, pool or customer. Two accounts that watch the same one
 * count its balance twice, so the account form (lib/engine/commands/accounts.ts) and an import
 * (lib/engine/settings-file.ts) both ask here whether an account already watches it.
 */

type Watching = Pick<Account, 'provider' | 'name' | 'baseUrl' | 'params'>;

/**
 * By provider, the parameters that pick what is watched, most specific first, each with the
 * value an absent one means: the form sends Capillary's "all programs" box unticked as false, a
 * settings file leaves it out, and both read the customer's default program. Parameters left out
 * here (Capillary's points unit) only change how a reading is shown. Xoxoday has none: the
 * wallet is whoever the token belongs to, and a file may leave tokens out, so there the name
 * tells two wallets on one host apart.
 */
const IDENTIFYING: Record<ProviderId, Readonly<Record<string, string>>> = {
  xoxoday: {},
  capillary: { userId: '', programId: '', fetchDataForAllPrograms: 'false' },
  wix: { poolId: '', siteId: '' },
  onlinesales: { merchantId: '', merchantType: '', marketplaceClientId: '' },
};

function identifyingParams(provider: string): Readonly<Record<string, string>> | undefined {
  return Object.hasOwn(IDENTIFYING, provider) ? IDENTIFYING[provider as ProviderId] : undefined;
}

/** Scheme, host and port; a base URL that does not parse is compared as typed. */
function originOf(baseUrl: string): string {
  const text = baseUrl.trim();
  try {
    return new URL(text).origin;
  } catch {
    return text.replace(/\/+$/, '').toLowerCase();
  }
}

/** As text, so 110600 in a file equals "110600" typed in a form; blank is absent. */
function paramText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

/** One string per watched target: equal for two accounts exactly when they watch the same one. */
function watchedTarget(account: Watching): string {
  const identifying = identifyingParams(account.provider);
  // A provider this build does not know: every parameter counts.
  const defaults =
    identifying ?? Object.fromEntries(Object.keys(account.params).map((k) => [k, '']));
  const params = Object.keys(defaults)
    .sort()
    .map((key) => [key, paramText(account.params[key]) ?? defaults[key]]);
  const name = Object.keys(defaults).length === 0 ? account.name.trim().toLowerCase() : '';
  return JSON.stringify([account.provider, originOf(account.baseUrl), params, name]);
}

export function watchesSame(a: Watching, b: Watching): boolean {
  return watchedTarget(a) === watchedTarget(b);
}

/** The form field that names what a provider's accounts watch, for the "already watched" error. */
export function watchedField(provider: string): string {
  const [first] = Object.keys(identifyingParams(provider) ?? {});
  return first === undefined ? 'name' : `params.${first}`;
}
