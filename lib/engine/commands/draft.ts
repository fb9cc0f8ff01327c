import { BalanceError } from '@/lib/errors';
import { t } from '@/lib/i18n';
import type { AccountDraft, FieldError } from '@/lib/messages';
import type { Provider, ProviderId } from '@/lib/providers/types';
import { readAccounts, readSecrets } from '@/lib/storage/guard';
import { baseUrlMessage, parseThreshold, sameOrigin } from '@/lib/view/account-form';

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

/**
 * Which stored credentials a draft builds on: none for a new account or another provider, and
 * none for another origin than the stored account's (DESIGN.md: a secret goes only to its own
 * host), so a changed base URL needs its secrets typed again.
 */
export async function storedCredentialsFor(
  draft: Pick<AccountDraft, 'id' | 'baseUrl'> & { provider?: ProviderId },
): Promise<StoredCredentials> {
  const none = { credentials: {}, withheld: false };
  if (!draft.id) return none;
  const account = (await readAccounts()).find((a) => a.id === draft.id);
  if (!account || (draft.provider && account.provider !== draft.provider)) return none;
  const credentials = (await readSecrets())[draft.id] ?? {};
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
  const stored = await storedCredentialsFor({ ...draft, provider: provider.id });
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

function dottedPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** Checks a draft; returns the normalised account parts or every problem with its field. */
export async function validateDraft(
  draft: AccountDraft,
  provider: Provider,
  credentials: Record<string, unknown>,
): Promise<
  | { ok: true; credentials: Record<string, unknown>; params: Record<string, unknown> }
  | { ok: false; errors: FieldError[] }
> {
  const errors: FieldError[] = [];
  if (typeof draft.name !== 'string' || draft.name.trim() === '') {
    errors.push({ field: 'name', message: t('engine_account_name_required') });
  }
  const urlProblem = baseUrlMessage(typeof draft.baseUrl === 'string' ? draft.baseUrl.trim() : '');
  if (urlProblem) errors.push({ field: 'baseUrl', message: urlProblem });
  if (draft.lowThreshold !== null && !parseThreshold(String(draft.lowThreshold)).ok) {
    errors.push({ field: 'lowThreshold', message: t('engine_threshold_invalid') });
  }
  const parsed = provider.schema.safeParse({ credentials, params: draft.params ?? {} });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      errors.push({ field: dottedPath(issue.path) || 'credentials', message: issue.message });
    }
  }
  if (errors.length > 0 || !parsed.success) return { ok: false, errors };
  // Through JSON so keys a schema left undefined do not count as a change.
  const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
  return {
    ok: true,
    credentials: plain(parsed.data.credentials),
    params: plain(parsed.data.params),
  };
}
