import { sameOrigin } from '@/lib/account-draft';
import { BalanceError } from '@/lib/errors';
import { t } from '@/lib/i18n';
import type { AccountDraft } from '@/lib/messages';
import type { Provider, ProviderId } from '@/lib/providers/types';
import type { Account, Secrets } from '@/lib/state';
import { readAccounts } from '@/lib/storage/writers/accounts';
import { readSecrets } from '@/lib/storage/writers/secrets';

/** How a draft from the account form becomes credentials and params the engine can store. */

/**
 * A draft's credentials over the stored ones: an absent key keeps the stored value (the form
 * never holds secrets), an empty one clears it. A new value also drops the stored fields the
 * provider says it `replaces`, or an old expiry or the other sign-in pair would outlive it.
 */
export function mergeCredentials(
  stored: Record<string, unknown>,
  draft: Record<string, unknown>,
  replaces: Provider['replaces'] = {},
): Record<string, unknown> {
  const merged = { ...stored };
  for (const [key, value] of Object.entries(draft)) {
    const renewed = value !== undefined && value !== null && value !== '' && value !== stored[key];
    if (!renewed || !Object.hasOwn(replaces, key)) continue;
    for (const stale of replaces[key] ?? []) delete merged[stale];
  }
  for (const [key, value] of Object.entries(draft)) {
    if (value === undefined) continue;
    if (value === null || value === '') delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

interface StoredCredentials {
  credentials: Record<string, unknown>;
  /** Stored ones exist but stay home: the draft points at another origin. */
  withheld: boolean;
}

type DraftOrigin = Pick<AccountDraft, 'id' | 'baseUrl'> & { provider?: ProviderId };

/**
 * Which stored credentials a draft builds on: none for a new account or another provider, and
 * none for another origin than the stored account's (DESIGN.md: a secret goes only to its own
 * host), so a changed base URL needs its secrets typed again. Pure, so a save can call it with
 * the stores it read inside their locks.
 */
export function storedCredentialsIn(
  draft: DraftOrigin,
  accounts: readonly Account[],
  secrets: Secrets,
): StoredCredentials {
  const none = { credentials: {}, withheld: false };
  if (!draft.id) return none;
  const account = accounts.find((a) => a.id === draft.id);
  if (!account || (draft.provider && account.provider !== draft.provider)) return none;
  const credentials = secrets[draft.id] ?? {};
  if (sameOrigin(account.baseUrl, String(draft.baseUrl))) return { credentials, withheld: false };
  return { credentials: {}, withheld: Object.keys(credentials).length > 0 };
}

/**
 * The credentials a test or pool lookup calls with. Missing ones that were withheld for another
 * origin get their own error, so the user learns to type them again rather than "sign-in failed".
 */
export async function callCredentials(
  draft: Pick<AccountDraft, 'id' | 'baseUrl' | 'credentials' | 'params'>,
  provider: Provider,
): Promise<Record<string, unknown>> {
  // Read-only: a call for a page stores nothing, so it needs no lock.
  const [accounts, secrets] = await Promise.all([readAccounts(), readSecrets()]);
  const stored = storedCredentialsIn({ ...draft, provider: provider.id }, accounts, secrets);
  const credentials = mergeCredentials(
    stored.credentials,
    draft.credentials ?? {},
    provider.replaces,
  );
  if (stored.withheld) {
    const parsed = provider.schema.safeParse({ credentials, params: draft.params ?? {} });
    if (parsed.error?.issues.some((issue) => issue.path[0] === 'credentials')) {
      throw new BalanceError({ kind: 'config', message: t('engine_credentials_other_host') });
    }
  }
  return credentials;
}
