import {
  afterSaving,
  type CommandDeps,
  type Handlers,
  refreshSoon,
} from '@/lib/engine/commands/deps';
import {
  applyImport,
  exportSettingsFile,
  importPlan,
  parseSettingsFile,
  toImportPreview,
} from '@/lib/engine/settings-file';
import { lockoutAt, recordTokenExpiries } from '@/lib/engine/token-expiry';
import { readAccounts } from '@/lib/storage/writers/accounts';
import { lockConfiguration } from '@/lib/storage/writers/configuration';
import { readSecrets } from '@/lib/storage/writers/secrets';
import { readSettings } from '@/lib/storage/writers/settings';

/** The settings file: preview, import (whole or nothing), export. */
export function backupHandlers(deps: CommandDeps) {
  return {
    async previewImport({ text }) {
      const parsed = parseSettingsFile(text);
      if (!parsed.ok) return parsed;
      return { ok: true, preview: toImportPreview(importPlan(parsed.file, await readAccounts())) };
    },

    async importSettings({ text }) {
      const parsed = parseSettingsFile(text);
      if (!parsed.ok) return parsed;
      const added = await lockConfiguration(async (current, save) => {
        const plan = importPlan(parsed.file, current.accounts);
        const next = applyImport(plan, current, { newId: deps.newId, now: deps.now() });
        // One storage.set: the import lands whole or not at all.
        await save({ accounts: next.accounts, secrets: next.secrets, settings: next.settings });
        const added = next.accounts.slice(current.accounts.length);
        // Derived from what was just stored; the import is whole without it.
        const expiries = new Map(
          added.map((a) => [a.id, lockoutAt(a.provider, next.secrets[a.id] ?? {})] as const),
        );
        await afterSaving('record the token expiries', () => recordTokenExpiries(expiries));
        return added;
      });
      refreshSoon(
        deps,
        added.filter((account) => account.enabled).map((account) => account.id),
      );
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
  } satisfies Partial<Handlers>;
}
