import { quarantineItem } from '@/lib/storage/items';
import type { QuarantineEntry, QuarantineNotice } from '@/lib/storage/keys';
import { createMutex } from '@/lib/storage/lock';
import { written } from '@/lib/storage/write-error';

/**
 * The one writer of local:quarantine: the stored values the background found damaged and set
 * aside instead of dropping them (lib/storage/guard.ts adds them). Free of zod. Built on the bare
 * lock rather than lib/storage/locked-store.ts, which reads through the guard that writes here.
 *
 * Every entry stays until the user dismisses them all: a set-aside value may be the only copy of
 * someone's credentials, so none is dropped to make room. What keeps the list bounded is that a
 * value found again at the same place (a repair that could not be written is found by every
 * read) is kept once, as first found.
 */

const lock = createMutex();

function updateQuarantine(change: (entries: QuarantineEntry[]) => QuarantineEntry[]) {
  return lock.lock(async () => {
    const stored = await quarantineItem.getValue();
    const entries = Array.isArray(stored) ? stored : [];
    const next = change(entries);
    if (next !== entries) await written(() => quarantineItem.setValue(next));
  });
}

export async function readQuarantine(): Promise<QuarantineNotice[]> {
  const entries = await quarantineItem.getValue();
  if (!Array.isArray(entries)) return [];
  return entries.map(({ key, path, at, issues }) => ({ key, path, at, issues }));
}

/**
 * One set-aside entry, raw value included, for the options page's Copy: found by what the notice
 * showed, since the list may have changed since the page read it.
 */
export async function findQuarantined(
  notice: Pick<QuarantineNotice, 'key' | 'path' | 'at'>,
): Promise<QuarantineEntry | undefined> {
  const entries = await quarantineItem.getValue();
  if (!Array.isArray(entries)) return undefined;
  return entries.find(
    ({ key, path, at }) => key === notice.key && path === notice.path && at === notice.at,
  );
}

/** For the options page's "dismiss": the user has seen the notice. */
export function clearQuarantine(): Promise<void> {
  return updateQuarantine(() => []);
}

/** Same store, same place, same raw value: the same damage found again. */
function identity({ key, path, raw }: QuarantineEntry): string {
  return JSON.stringify([key, path, raw ?? null]);
}

export async function addToQuarantine(entries: readonly QuarantineEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await updateQuarantine((existing) => {
    const seen = new Set(existing.map(identity));
    const added = entries.filter((entry) => {
      const id = identity(entry);
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
    return added.length === 0 ? existing : [...existing, ...added];
  });
}

/** A deleted account's set-aside entries (paths like ["a1"] or ["a1"][3]) go with it. */
export function forgetQuarantined(accountId: string): Promise<void> {
  const named = `[${JSON.stringify(accountId)}]`;
  return updateQuarantine((entries) => {
    const kept = entries.filter((entry) => !entry.path.startsWith(named));
    return kept.length === entries.length ? entries : kept;
  });
}
