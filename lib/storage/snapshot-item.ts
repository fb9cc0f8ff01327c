import { storage } from '#imports';
import type { Snapshot, Snapshots } from '@/lib/state';
import { STORE, snapshotKey } from '@/lib/storage/keys';

/**
 * The snapshots as one item, kept one key per account (`local:snapshot:<id>`): a round writes
 * the accounts it read, never every account's. The accounts list says which keys to read; a key
 * written null is a deleted account's (a delete writes null in the same storage.set as the rest
 * of the delete, then removes the key). Before this layout every snapshot sat in one object
 * under `local:snapshots`; a read finding it moves it over, once.
 * Only the snapshots' writer (lib/storage/writers/snapshots.ts) and the delete use this.
 */

type Items = { key: `local:${string}`; value: Snapshot | null }[];

/** The account ids in local:accounts as stored, whatever else is wrong with it. */
async function storedAccountIds(): Promise<string[]> {
  const accounts = await storage.getItem<unknown>(STORE.accounts.key);
  if (!Array.isArray(accounts)) return [];
  return accounts.flatMap((account) => {
    const id = (account as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? [id] : [];
  });
}

/** The stored snapshots of these accounts: absent and deleted (null) ones left out. */
async function readEach(ids: readonly string[]): Promise<Record<string, unknown>> {
  if (ids.length === 0) return {};
  const found = await storage.getItems(ids.map(snapshotKey));
  const record: Record<string, unknown> = {};
  found.forEach(({ value }, i) => {
    if (value != null) record[ids[i] as string] = value;
  });
  return record;
}

const LEGACY_KEY = STORE.snapshots.key;
/** Cleared by every write here: the writer's memory of the store no longer holds. */
const MARK_KEY = STORE.snapshots.mark;

/**
 * Moves the one-object layout over, once: each snapshot to its key unless that key already
 * holds one (a round of this layout wrote it), then removes the old object and its version.
 * Safe to run again after a failure half-way.
 */
async function moveLegacy(): Promise<void> {
  const legacy = await storage.getItem<Record<string, unknown>>(LEGACY_KEY);
  if (legacy == null) return;
  const ids = Object.keys(typeof legacy === 'object' ? legacy : {});
  const present = await readEach(ids);
  const items = ids
    .filter((id) => !Object.hasOwn(present, id))
    .map((id) => ({ key: snapshotKey(id), value: legacy[id] as Snapshot }));
  if (items.length > 0) await storage.setItems([...items, { key: MARK_KEY, value: null }]);
  await storage.removeItem(LEGACY_KEY, { removeMeta: true });
}

let moving: Promise<void> | undefined;

/**
 * The move, before every read: once it is done it costs one get of a missing key. Reads at the
 * same time share one move, and a writer reads (so moves) before it writes, so no write can land
 * while the old object is being moved.
 */
function legacyMoved(): Promise<void> {
  moving ??= moveLegacy().finally(() => {
    moving = undefined;
  });
  return moving;
}

/** What changed between two values of the store, as storage.setItems entries. */
export function changedItems(before: Snapshots, after: Snapshots): Items {
  const ids = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...ids]
    .filter((id) => before[id] !== after[id])
    .map((id) => ({ key: snapshotKey(id), value: after[id] ?? null }));
}

/**
 * The item the snapshots' checked store is built on (lib/storage/locked-store.ts): reads every
 * stored account's snapshot; `setValue` replaces them all (a repair, a test's seed), while the
 * writer's own writes go through `changedItems`.
 */
export const snapshotsItem = {
  key: LEGACY_KEY,
  fallback: STORE.snapshots.fallback,
  async getValue(): Promise<Snapshots> {
    await legacyMoved();
    return (await readEach(await storedAccountIds())) as Snapshots;
  },
  async setValue(value: Snapshots): Promise<void> {
    await legacyMoved();
    const stored = await readEach(await storedAccountIds());
    const items = changedItems(stored as Snapshots, value);
    if (items.length > 0) await storage.setItems([...items, { key: MARK_KEY, value: null }]);
  },
};
