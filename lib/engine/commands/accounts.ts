import { parseThreshold, validateDraft } from '@/lib/account-draft';
import { watchedField, watchesSame } from '@/lib/account-identity';
import { unknownProvider } from '@/lib/engine/call-guard';
import {
  afterSaving,
  type CommandDeps,
  type Handlers,
  refreshSoon,
} from '@/lib/engine/commands/deps';
import { mergeCredentials, storedCredentialsIn } from '@/lib/engine/commands/draft';
import { sameCredentials } from '@/lib/engine/credentials';
import { lockoutAt, recordTokenExpiries } from '@/lib/engine/token-expiry';
import { t } from '@/lib/i18n';
import type { AccountDraft, FieldError, MaskedCredentials } from '@/lib/messages';
import type { Provider } from '@/lib/providers/types';
import type { Account } from '@/lib/state';
import { removeAccount } from '@/lib/storage/writers/account-removal';
import { readAccounts, updateAccounts } from '@/lib/storage/writers/accounts';
import {
  type Configuration,
  lockConfiguration,
  type SaveConfiguration,
} from '@/lib/storage/writers/configuration';
import { forgetQuarantined } from '@/lib/storage/writers/quarantine';
import { readSecrets } from '@/lib/storage/writers/secrets';
import { updateSnapshots } from '@/lib/storage/writers/snapshots';

type Stored =
  | { ok: false; errors: FieldError[] }
  | { ok: true; account: Account; existing?: Account; setupChanged: boolean };

/** The account a valid draft describes; an existing one keeps its id and creation time. */
function accountFrom(
  draft: AccountDraft,
  provider: Provider,
  params: Record<string, unknown>,
  existing: Account | undefined,
  deps: CommandDeps,
): Account {
  const threshold = draft.lowThreshold === null ? null : parseThreshold(String(draft.lowThreshold));
  return {
    id: existing?.id ?? deps.newId(),
    provider: provider.id,
    name: draft.name.trim(),
    baseUrl: draft.baseUrl.trim(),
    params,
    lowThreshold: threshold?.ok ? threshold.value : null,
    enabled: draft.enabled,
    createdAt: existing?.createdAt ?? deps.now(),
    // Blank or absent: the provider's documented page (lib/status.ts); null: none at all.
    ...(draft.topUpUrl?.trim() ? { topUpUrl: draft.topUpUrl.trim() } : {}),
    ...(draft.topUpUrl === null ? { topUpUrl: null } : {}),
    // Absent or null: the default from settings (validateDraft checked any other value).
    ...(draft.runOutLeadHours != null ? { runOutLeadHours: draft.runOutLeadHours } : {}),
  };
}

/**
 * Checks and stores a draft, inside the configuration locks (lib/storage/writers/configuration.ts).
 * The stored credentials the draft builds on are read here too: a renewal that lands meanwhile
 * waits for the lock instead of being overwritten with the refresh token it has just replaced.
 */
async function storeDraft(
  deps: CommandDeps,
  draft: AccountDraft,
  provider: Provider,
  { accounts, secrets }: Configuration,
  save: SaveConfiguration,
): Promise<Stored> {
  const existing = draft.id ? accounts.find((account) => account.id === draft.id) : undefined;
  if (draft.id && !existing) {
    return { ok: false, errors: [{ field: 'id', message: t('engine_account_gone') }] };
  }
  const stored = storedCredentialsIn(draft, accounts, secrets).credentials;
  const merged = mergeCredentials(stored, draft.credentials ?? {}, provider.replaces);
  const checked = validateDraft(draft, provider, merged);
  if (!checked.ok) return checked;

  const account = accountFrom(draft, provider, checked.params, existing, deps);
  const twin = accounts.find((other) => other.id !== account.id && watchesSame(other, account));
  if (twin) {
    const message = t('engine_account_watched', twin.name);
    return { ok: false, errors: [{ field: watchedField(account.provider), message }] };
  }
  const setupChanged =
    !existing ||
    !sameCredentials(stored, checked.credentials) ||
    existing.provider !== account.provider ||
    existing.baseUrl !== account.baseUrl ||
    JSON.stringify(existing.params) !== JSON.stringify(account.params);

  // The account with its credentials in one storage.set: a round that sees the account finds
  // them, and a refused write leaves both as they were (a new host never gets the old secrets).
  await save({
    secrets: { ...secrets, [account.id]: checked.credentials },
    accounts: existing
      ? accounts.map((a) => (a.id === account.id ? account : a))
      : [...accounts, account],
  });
  const expiry = lockoutAt(account.provider, checked.credentials);
  await afterSaving('record the token expiry', () =>
    recordTokenExpiries(new Map([[account.id, expiry]])),
  );
  return { ok: true, account, existing, setupChanged };
}

/** A saved account's setup changed: what was learnt with the old one no longer holds. */
async function forgetOldSetup(deps: CommandDeps, id: string): Promise<void> {
  await afterSaving('forget the old cached token', () => deps.tokenCache.clearAccount(id));
  // New setup, new chances: the old failures say nothing about it.
  await afterSaving('reset the backoff', () =>
    updateSnapshots((snapshots) => {
      const snapshot = snapshots[id];
      if (!snapshot) return snapshots;
      return { ...snapshots, [id]: { ...snapshot, failures: 0, nextAttemptAt: null } };
    }),
  );
}

/**
 * Removes an account from every store: the account, its secrets, snapshot and history at once
 * (lib/storage/writers/account-removal.ts), so a refused write deletes nothing. Then what only
 * refers to it: its cached tokens, and set-aside copies of its secrets or snapshots.
 */
async function deleteEverywhere(deps: CommandDeps, id: string): Promise<void> {
  await removeAccount(id);
  await afterSaving('forget the cached token', () => deps.tokenCache.clearAccount(id));
  await afterSaving('forget the set-aside values', () => forgetQuarantined(id));
}

/** Adding, changing, turning on and off, deleting and refreshing accounts. */
export function accountHandlers(deps: CommandDeps) {
  return {
    async refreshNow({ accountIds }) {
      const result = await deps.refresher.refresh({ accountIds, force: true, waitIfBusy: true });
      return { refreshed: result.attempted.length };
    },

    async saveAccount(draft) {
      const provider = deps.getProvider(draft.provider);
      if (!provider) {
        return {
          ok: false,
          errors: [{ field: 'provider', message: unknownProvider(draft.provider).message }],
        };
      }
      const stored = await lockConfiguration((current, save) =>
        storeDraft(deps, draft, provider, current, save),
      );
      if (!stored.ok) return stored;
      const { account, existing, setupChanged } = stored;
      if (setupChanged && existing) await forgetOldSetup(deps, account.id);
      if (account.enabled && (setupChanged || !existing?.enabled)) refreshSoon(deps, [account.id]);
      else await deps.refreshBadge();
      return { ok: true, account };
    },

    async deleteAccount({ id }) {
      await deleteEverywhere(deps, id);
      await deps.refreshBadge();
      return { ok: true };
    },

    async setAccountEnabled({ id, enabled }) {
      let turnedOn = false;
      await updateAccounts((accounts) =>
        accounts.map((account) => {
          if (account.id !== id) return account;
          turnedOn = enabled && !account.enabled;
          return { ...account, enabled };
        }),
      );
      if (turnedOn) refreshSoon(deps, [id]);
      await deps.refreshBadge();
      return { ok: true };
    },

    async getMaskedCredentials({ id }) {
      const account = (await readAccounts()).find((a) => a.id === id);
      const provider = account && deps.getProvider(account.provider);
      if (!account || !provider) return {};
      const credentials = (await readSecrets())[id] ?? {};
      const masked: MaskedCredentials = {};
      for (const field of provider.fields) {
        if (field.group !== 'credentials') continue;
        const value = credentials[field.key];
        masked[field.key] = { set: value !== undefined && value !== null && value !== '' };
      }
      return masked;
    },
  } satisfies Partial<Handlers>;
}
