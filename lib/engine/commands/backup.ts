import { storage } from '#imports';
import { type CommandDeps, type Handlers, refreshSoon } from '@/lib/engine/commands/deps';
import { lockSecrets } from '@/lib/engine/credentials';
import {
  applyImport,
  exportSettingsFile,
  importPlan,
  parseSettingsFile,
  toImportPreview,
} from '@/lib/engine/settings-file';
import { lockoutAt, recordTokenExpiries } from '@/lib/engine/token-expiry';
import { readAccounts, readSecrets, readSettings } from '@/lib/storage/guard';
import { accountsItem, secretsItem, settingsItem } from '@/lib/storage/items';
import { lockAccounts } from '@/lib/storage/writer';

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
      const added = await lockAccounts(() =>
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
