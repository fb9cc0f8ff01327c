import type { KyInstance } from 'ky';
import { storage } from '#imports';
import { baseUrlMessage, parseThreshold, sameOrigin } from './account-form';
import { toErrorData, unknownProvider, withDeadline } from './call-guard';
import { createMutex } from './concurrency';
import { BalanceError } from './errors';
import type { HostAccess } from './host-access';
import { t } from './i18n';
import type {
  AccountDraft,
  FieldError,
  MaskedCredentials,
  ProtocolMap,
  Result,
  WixPool,
} from './messages';
import { onMessage } from './messages';
import type { Provider, ProviderId, Reading, TokenCache } from './providers/types';
import { listWixPools, wix } from './providers/wix';
import { forgetQuarantined } from './quarantine';
import type { Refresher } from './refresh';
import {
  applyImport,
  exportSettingsFile,
  importPlan,
  parseSettingsFile,
  toImportPreview,
} from './settings-file';
import { updateHistory, updateSnapshots } from './snapshot-store';
import type { Account, Settings } from './state';
import { settingsFieldSchemas } from './state-schemas';
import { accountsItem, secretsItem, settingsItem } from './storage';
import { readAccounts, readSecrets, readSettings } from './storage-guard';
import type { SessionTokenCache } from './token-cache';
import { lockoutAt, recordTokenExpiries } from './token-expiry';
import { lockSecrets, sameCredentials, updateSecrets } from './tokens';

/**
 * The background side of lib/messages.ts. Each handler is a function of its deps and the message
 * data, so tests call them directly; registerCommands only connects them to the protocol.
 * Secrets go in; nothing that comes back out holds one.
 */

export interface CommandDeps {
  refresher: Refresher;
  now: () => number;
  newId: () => string;
  createHttp: () => KyInstance;
  getProvider: (id: ProviderId) => Provider | undefined;
  /** The rounds' token cache; a credential change or delete drops the account's entry. */
  tokenCache: SessionTokenCache;
  hostAccess: (baseUrl: string) => Promise<HostAccess>;
  refreshBadge: () => Promise<void>;
  /** Longest a "Test connection" may take. */
  testDeadlineMs: number;
}

type Handlers = {
  [K in keyof ProtocolMap]: (
    data: Parameters<ProtocolMap[K]>[0],
  ) => Promise<ReturnType<ProtocolMap[K]>>;
};

const accountsLock = createMutex();

function updateAccounts(change: (accounts: Account[]) => Account[]): Promise<Account[]> {
  return accountsLock.lock(async () => {
    const next = change(await readAccounts());
    await accountsItem.setValue(next);
    return next;
  });
}

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

/** A token cache that lives for one call, so a test never touches the account's real tokens. */
function throwawayTokenCache(): TokenCache {
  const tokens = new Map<string, { token: string; expiresAt: number }>();
  return {
    get: async (key) => tokens.get(key),
    set: async (key, value) => void tokens.set(key, value),
    delete: async (key) => void tokens.delete(key),
  };
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
async function storedCredentialsFor(
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
async function callCredentials(
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
async function validateDraft(
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

export function createCommandHandlers(deps: CommandDeps): Handlers {
  /**
   * A round for accounts whose setup changed; the caller does not wait for it. `rerun`: a round
   * already running may have called them with the old setup, so that attempt does not count.
   */
  function refreshSoon(accountIds: string[]): void {
    if (accountIds.length === 0) return;
    deps.refresher
      .refresh({ accountIds, force: true, rerun: true })
      .catch((error) => console.error('[balance-watch] refresh after a change failed', error));
  }

  async function callerContext() {
    return { http: deps.createHttp(), now: deps.now, tokenCache: throwawayTokenCache() };
  }

  return {
    async refreshNow({ accountIds }) {
      const result = await deps.refresher.refresh({ accountIds, force: true, waitIfBusy: true });
      return { refreshed: result.attempted.length };
    },

    async testConnection(draft): Promise<Result<{ reading: Reading }>> {
      const provider = deps.getProvider(draft.provider);
      if (!provider) return { ok: false, error: unknownProvider(draft.provider) };
      try {
        const access = await deps.hostAccess(draft.baseUrl);
        if (!access.ok) return { ok: false, error: access.error };
        const credentials = await callCredentials(draft, provider);
        // No renewal here: a renewed Xoxoday refresh token would have to be stored, and a draft
        // is not. The stored account renews in the next round.
        const reading = await withDeadline(
          provider.fetchBalance(
            { id: draft.id ?? 'draft', baseUrl: draft.baseUrl, credentials, params: draft.params },
            await callerContext(),
          ),
          deps.testDeadlineMs,
        );
        return { ok: true, reading };
      } catch (error) {
        return { ok: false, error: toErrorData(error, 'a command') };
      }
    },

    async listWixPools(data): Promise<Result<{ pools: WixPool[] }>> {
      try {
        const access = await deps.hostAccess(data.baseUrl);
        if (!access.ok) return { ok: false, error: access.error };
        const credentials = await callCredentials(data, wix);
        const pools = await withDeadline(
          listWixPools(
            {
              id: data.id ?? 'draft',
              baseUrl: data.baseUrl,
              credentials: credentials as { apiKey: string },
              params: data.params as { siteId: string },
            },
            await callerContext(),
          ),
          deps.testDeadlineMs,
        );
        return { ok: true, pools };
      } catch (error) {
        return { ok: false, error: toErrorData(error, 'a command') };
      }
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
      if (account.enabled && (setupChanged || !existing?.enabled)) refreshSoon([account.id]);
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
      if (turnedOn) refreshSoon([id]);
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

    async saveSettings(data) {
      const errors: FieldError[] = [];
      const accepted: Partial<Settings> = {};
      for (const [key, value] of Object.entries(data ?? {})) {
        if (!Object.hasOwn(settingsFieldSchemas, key)) {
          errors.push({ field: key, message: t('engine_setting_unknown', key) });
          continue;
        }
        const name = key as keyof Settings;
        const parsed = settingsFieldSchemas[name].safeParse(value);
        if (parsed.success) Object.assign(accepted, { [name]: parsed.data });
        else errors.push({ field: key, message: settingMessage(name) });
      }
      if (errors.length > 0) return { ok: false, errors };
      // The scheduler watches this item and re-creates the alarm when the interval changes.
      const settings = { ...(await readSettings()), ...accepted };
      await settingsItem.setValue(settings);
      await deps.refreshBadge();
      return { ok: true, settings };
    },

    async previewImport({ text }) {
      const parsed = parseSettingsFile(text);
      if (!parsed.ok) return parsed;
      return { ok: true, preview: toImportPreview(importPlan(parsed.file, await readAccounts())) };
    },

    async importSettings({ text }) {
      const parsed = parseSettingsFile(text);
      if (!parsed.ok) return parsed;
      const added = await accountsLock.lock(() =>
        lockSecrets(async () => {
          const [accounts, secrets, settings] = await Promise.all([
            readAccounts(),
            readSecrets(),
            readSettings(),
          ]);
          const plan = importPlan(parsed.file, accounts);
          const next = applyImport(
            plan,
            { accounts, secrets, settings },
            {
              newId: deps.newId,
              now: deps.now(),
            },
          );
          // One storage.set: the import lands whole or not at all.
          await storage.setItems([
            { item: secretsItem, value: next.secrets },
            { item: settingsItem, value: next.settings },
            { item: accountsItem, value: next.accounts },
          ]);
          const added = next.accounts.slice(accounts.length);
          // Derived from what was just stored; the import is whole without it.
          await recordTokenExpiries(
            new Map(added.map((a) => [a.id, lockoutAt(a.provider, next.secrets[a.id] ?? {})])),
          );
          return added;
        }),
      );
      refreshSoon(added.filter((account) => account.enabled).map((account) => account.id));
      return { ok: true, added: added.length };
    },

    async exportSettings({ includeCredentials }) {
      const [accounts, secrets, settings] = await Promise.all([
        readAccounts(),
        readSecrets(),
        readSettings(),
      ]);
      return { text: exportSettingsFile({ accounts, secrets, settings, includeCredentials }) };
    },
  };
}

function settingMessage(name: keyof Settings): string {
  switch (name) {
    case 'refreshMinutes':
      return t('engine_setting_refresh_minutes');
    case 'badge':
      return t('engine_setting_badge');
    case 'notifications':
      return t('engine_setting_notifications');
    case 'defaultLowThreshold':
      return t('engine_setting_default_threshold');
  }
}

/** Connects every handler to the protocol; returns a function that disconnects them. */
export function registerCommands(handlers: Handlers): () => void {
  const removers = [
    onMessage('refreshNow', ({ data }) => handlers.refreshNow(data)),
    onMessage('testConnection', ({ data }) => handlers.testConnection(data)),
    onMessage('listWixPools', ({ data }) => handlers.listWixPools(data)),
    onMessage('saveAccount', ({ data }) => handlers.saveAccount(data)),
    onMessage('deleteAccount', ({ data }) => handlers.deleteAccount(data)),
    onMessage('setAccountEnabled', ({ data }) => handlers.setAccountEnabled(data)),
    onMessage('getMaskedCredentials', ({ data }) => handlers.getMaskedCredentials(data)),
    onMessage('saveSettings', ({ data }) => handlers.saveSettings(data)),
    onMessage('previewImport', ({ data }) => handlers.previewImport(data)),
    onMessage('importSettings', ({ data }) => handlers.importSettings(data)),
    onMessage('exportSettings', ({ data }) => handlers.exportSettings(data)),
  ];
  return () => {
    for (const remove of removers) remove();
  };
}
