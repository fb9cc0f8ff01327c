import { storage } from '#imports';

/**
 * Stored values the background found damaged and set aside instead of dropping them. Free of zod
 * so the options page can show "N stored values were damaged and set aside" without shipping a
 * validator; lib/storage/guard.ts writes here.
 */

export interface QuarantineEntry {
  /** The storage key the value came from, e.g. "local:accounts". */
  key: string;
  /** Where in that value: "" for the whole value, else an entry ("accounts[2]", "snapshots.a1"). */
  path: string;
  /** epoch ms */
  at: number;
  /** What was wrong, as "field: problem" lines; never the value itself. */
  issues: string[];
  /** The damaged value exactly as stored, so nothing is lost (may hold credentials: local only). */
  raw: unknown;
}

/** What a page may show: everything but the raw value, which may hold credentials. */
export type QuarantineNotice = Omit<QuarantineEntry, 'raw'>;

/** Bounded so a value that keeps getting damaged cannot fill the storage quota. */
export const QUARANTINE_MAX_ENTRIES = 50;

export const quarantineItem = storage.defineItem<QuarantineEntry[]>('local:quarantine', {
  fallback: [],
  version: 1,
  migrations: {},
});

export async function readQuarantine(): Promise<QuarantineNotice[]> {
  const entries = await quarantineItem.getValue();
  if (!Array.isArray(entries)) return [];
  return entries.map(({ key, path, at, issues }) => ({ key, path, at, issues }));
}

/** For the options page's "dismiss": the user has seen the notice. */
export async function clearQuarantine(): Promise<void> {
  await quarantineItem.setValue([]);
}

export async function addToQuarantine(entries: readonly QuarantineEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const stored = await quarantineItem.getValue();
  const existing = Array.isArray(stored) ? stored : [];
  await quarantineItem.setValue([...existing, ...entries].slice(-QUARANTINE_MAX_ENTRIES));
}

/** A deleted account's set-aside entries (paths like ["a1"] or ["a1"][3]) go with it. */
export async function forgetQuarantined(accountId: string): Promise<void> {
  const stored = await quarantineItem.getValue();
  if (!Array.isArray(stored)) return;
  const named = `[${JSON.stringify(accountId)}]`;
  const kept = stored.filter((entry) => !entry.path.startsWith(named));
  if (kept.length !== stored.length) await quarantineItem.setValue(kept);
}
