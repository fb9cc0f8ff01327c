import type { Handlers } from '@/lib/engine/commands/deps';
import { clearQuarantine, findQuarantined, readQuarantine } from '@/lib/storage/writers/quarantine';

/**
 * The options page's notice of the stored values lib/storage/guard.ts set aside. The list goes
 * out without the raw values; a raw value (which may hold credentials) leaves the background only
 * when the user clicks its Copy, and only that one.
 */
export function quarantineHandlers() {
  return {
    async listQuarantine() {
      return { notices: await readQuarantine() };
    },
    async copyQuarantined(data) {
      const entry = await findQuarantined(data);
      if (!entry) return { ok: false };
      // A value the storage could not hold as JSON (undefined) was stored as nothing.
      return { ok: true, text: JSON.stringify(entry.raw ?? null, null, 2) };
    },
    async dismissQuarantine() {
      await clearQuarantine();
      return { ok: true };
    },
  } satisfies Partial<Handlers>;
}
