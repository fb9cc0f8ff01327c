import {
  afterSaving,
  type CommandDeps,
  type Handlers,
  refreshSoon,
} from '@/lib/engine/commands/deps';
import { withImportedDestinations } from '@/lib/engine/destinations-file';
import {
  applyImport,
  exportSettingsFile,
  importPlan,
  parseSettingsFile,
  type SettingsFile,
  toImportPreview,
} from '@/lib/engine/settings-file';
import { lockoutAt, recordTokenExpiries } from '@/lib/engine/token-expiry';
import { readAccounts } from '@/lib/storage/writers/accounts';
import { lockConfiguration } from '@/lib/storage/writers/configuration';
import {
  readDestinations,
  readDestinationUrls,
  updateDestinations,
} from '@/lib/storage/writers/destinations';
import { readSecrets } from '@/lib/storage/writers/secrets';
import { readSettings } from '@/lib/storage/writers/settings';

/** The settings file: preview, import (whole or nothing), export. */
export function backupHandlers(deps: CommandDeps) {
  return {
    async previewImport({ text }) {
      const parsed = parseSettingsFile(text);
      const [accounts, settings, destinations, urls] = await Promise.all([
        readAccounts(),
        readSettings(),
        readDestinations(),
        readDestinationUrls(),
      ]);
      // The stored channels' URLs say which of the file's are new; the preview carries none.
      const channels = { destinations, urls };
      const preview = (file: SettingsFile, invalid = 0) =>
        toImportPreview(importPlan(file, accounts), accounts, settings, invalid, channels);
      if (parsed.ok) return { ok: true, preview: preview(parsed.file) };
      const { errors, validPart } = parsed;
      return validPart
        ? { ok: false, errors, validOnly: preview(validPart.file, validPart.invalid) }
        : { ok: false, errors };
    },

    async importSettings({ text, onlyValid }) {
      const checked = parseSettingsFile(text);
      // Only valid accounts, when the user chose that after seeing what is wrong.
      const parsed =
        !checked.ok && onlyValid && checked.validPart
          ? { ok: true as const, file: checked.validPart.file }
          : checked;
      if (!parsed.ok) return { ok: false, errors: parsed.errors };
      const { added, channels } = await lockConfiguration(async (current, save) => {
        const plan = importPlan(parsed.file, current.accounts);
        const next = applyImport(plan, current, { newId: deps.newId, now: deps.now() });
        // One storage.set: the import lands whole or not at all.
        await save({ accounts: next.accounts, secrets: next.secrets, settings: next.settings });
        // Team channels (only in a file with credentials): their own writer, inside the same
        // locked section, after the accounts' write.
        const inFile = parsed.file.destinations ?? [];
        const channels =
          inFile.length === 0
            ? 0
            : await updateDestinations((stores) => {
                const next = withImportedDestinations(stores, inFile, deps.newId);
                return { next, result: next.destinations.length - stores.destinations.length };
              });
        const added = next.accounts.slice(current.accounts.length);
        // Derived from what was just stored; the import is whole without it.
        const expiries = new Map(
          added.map((a) => [a.id, lockoutAt(a.provider, next.secrets[a.id] ?? {})] as const),
        );
        await afterSaving('record the token expiries', () => recordTokenExpiries(expiries));
        return { added, channels };
      });
      refreshSoon(
        deps,
        added.filter((account) => account.enabled).map((account) => account.id),
      );
      return { ok: true, added: added.length, channels };
    },

    async exportSettings({ includeCredentials }) {
      const [accounts, secrets, settings, list, urls] = await Promise.all([
        readAccounts(),
        readSecrets(),
        readSettings(),
        readDestinations(),
        readDestinationUrls(),
      ]);
      const destinations = { destinations: list, urls };
      return {
        text: exportSettingsFile({ accounts, secrets, settings, includeCredentials, destinations }),
      };
    },
  } satisfies Partial<Handlers>;
}
