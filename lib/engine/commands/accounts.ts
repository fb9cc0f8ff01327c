import { unknownProvider } from '@/lib/engine/call-guard';
import { type CommandDeps, type Handlers, refreshSoon } from '@/lib/engine/commands/deps';
import { mergeCredentials, storedCredentialsFor, validateDraft } from '@/lib/engine/commands/draft';
import { sameCredentials, updateSecrets } from '@/lib/engine/credentials';
import { lockoutAt, recordTokenExpiries } from '@/lib/engine/token-expiry';
import { t } from '@/lib/i18n';
import type { MaskedCredentials } from '@/lib/messages';
import type { Account } from '@/lib/state';
import { readAccounts, readSecrets } from '@/lib/storage/guard';
import { forgetQuarantined } from '@/lib/storage/quarantine';
import { updateAccounts, updateHistory, updateSnapshots } from '@/lib/storage/writer';
import { parseThreshold } from '@/lib/view/account-form';

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
      const existing = draft.id
        ? (await readAccounts()).find((account) => account.id === draft.id)
        : undefined;
      if (draft.id && !existing) {
        return { ok: false, errors: [{ field: 'id', message: t('engine_account_gone') }] };
      }
      const stored = (await storedCredentialsFor(draft)).credentials;
      const checked = await validateDraft(
        draft,
        provider,
        mergeCredentials(stored, draft.credentials ?? {}, provider.replaces),
      );
      if (!checked.ok) return checked;

      const threshold =
        draft.lowThreshold === null ? null : parseThreshold(String(draft.lowThreshold));
      const account: Account = {
        id: existing?.id ?? deps.newId(),
        provider: provider.id,
        name: draft.name.trim(),
        baseUrl: draft.baseUrl.trim(),
        params: checked.params,
        lowThreshold: threshold?.ok ? threshold.value : null,
        enabled: draft.enabled,
        createdAt: existing?.createdAt ?? deps.now(),
      };
      const credentialsChanged = !existing || !sameCredentials(stored, checked.credentials);
      const setupChanged =
        credentialsChanged ||
        existing.provider !== account.provider ||
        existing.baseUrl !== account.baseUrl ||
        JSON.stringify(existing.params) !== JSON.stringify(account.params);

      // Secrets before the account: a round that sees the account must find its credentials.
      await updateSecrets((secrets) => ({ ...secrets, [account.id]: checked.credentials }));
      await recordTokenExpiries(
        new Map([[account.id, lockoutAt(account.provider, checked.credentials)]]),
      );
      await updateAccounts((accounts) =>
        existing
          ? accounts.map((a) => (a.id === account.id ? account : a))
          : [...accounts, account],
      );
      if (setupChanged && existing) {
        await deps.tokenCache.clearAccount(account.id);
        // New setup, new chances: the old failures say nothing about it.
        await updateSnapshots((snapshots) => {
          const snapshot = snapshots[account.id];
          if (!snapshot) return snapshots;
          return { ...snapshots, [account.id]: { ...snapshot, failures: 0, nextAttemptAt: null } };
        });
      }
      if (account.enabled && (setupChanged || !existing?.enabled)) refreshSoon(deps, [account.id]);
      else await deps.refreshBadge();
      return { ok: true, account };
    },

    async deleteAccount({ id }) {
      await updateAccounts((accounts) => accounts.filter((account) => account.id !== id));
      await updateSecrets(({ [id]: _gone, ...rest }) => rest);
      await updateSnapshots(({ [id]: _gone, ...rest }) => rest);
      await updateHistory((history) => {
        if (!(id in history)) return history;
        const { [id]: _gone, ...rest } = history;
        return rest;
      });
      await deps.tokenCache.clearAccount(id);
      // Set-aside copies of its secrets or snapshots would otherwise outlive the account.
      await forgetQuarantined(id);
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
