import type { z } from 'zod/mini';
import {
  type Account,
  DEFAULT_SETTINGS,
  type History,
  type HistoryPoint,
  type Secrets,
  type Settings,
  type Snapshot,
  type Snapshots,
} from '@/lib/state';
import type { QuarantineEntry } from '@/lib/storage/keys';
import {
  accountSchema,
  credentialsSchema,
  historyPointSchema,
  settingsFieldSchemas,
  snapshotSchema,
} from '@/lib/storage/schemas';
import { addToQuarantine } from '@/lib/storage/writers/quarantine';

/**
 * Validated reads for the background. A damaged stored value is reported and set aside (copied to
 * local:quarantine with its key, time and raw value) and the item is repaired: lists and records
 * keep their good entries and lose only the bad ones; settings keep their good fields. A read
 * never throws, because an exception here would take the whole refresh round down with it.
 * Each store's writer (lib/storage/writers/) reads through here; the repair is a write, so it
 * runs under that store's lock (lib/storage/locked-store.ts).
 */

/** One part of a stored value that failed its check. */
interface Rejected {
  /** "" for the whole value, else "[2]", "[\"a1\"]", ".badge", "[\"a1\"][3]". */
  path: string;
  raw: unknown;
  issues: string[];
}

/** value is absent when the whole value was rejected. */
interface Checked<T> {
  value?: T;
  rejected: Rejected[];
}

/** Checks a raw stored value (or part of one) found at `path`. */
export type Check<T> = (raw: unknown, path: string) => Checked<T>;

/** Only what readValidated needs of a storage item, so tests can pass their own items. */
export interface GuardedItem<T> {
  key: string;
  fallback: T;
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
}

function describeIssues(error: z.core.$ZodError): string[] {
  // zod/mini loads no English messages (the locale would cost the worker about 1 KB gzip), so
  // the issue's code and expected type are added; like the messages, they never quote the value.
  return error.issues.map((issue) => {
    const expected = 'expected' in issue ? `, expected ${issue.expected}` : '';
    const path = issue.path.map(String).join('.') || '(value)';
    return `${path}: ${issue.message} (${issue.code}${expected})`;
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function notA(raw: unknown, path: string, what: string): Checked<never> {
  return { rejected: [{ path, raw, issues: [`(value): expected ${what}`] }] };
}

/** The value must match the schema as a whole. */
export function exact<T>(schema: z.ZodMiniType<T>): Check<T> {
  return (raw, path) => {
    const result = schema.safeParse(raw);
    if (result.success) return { value: result.data, rejected: [] };
    return { rejected: [{ path, raw, issues: describeIssues(result.error) }] };
  };
}

/** A list whose bad entries are set aside one by one; `idOf` also sets aside duplicates. */
export function listOf<T>(entry: Check<T>, idOf?: (value: T) => string): Check<T[]> {
  return (raw, path) => {
    if (!Array.isArray(raw)) return notA(raw, path, 'a list');
    const value: T[] = [];
    const rejected: Rejected[] = [];
    const seen = new Set<string>();
    raw.forEach((item, index) => {
      const itemPath = `${path}[${index}]`;
      const checked = entry(item, itemPath);
      rejected.push(...checked.rejected);
      if (checked.value === undefined) return;
      const id = idOf?.(checked.value);
      if (id !== undefined && seen.has(id)) {
        rejected.push({ path: itemPath, raw: item, issues: [`id: duplicate of an earlier entry`] });
        return;
      }
      if (id !== undefined) seen.add(id);
      value.push(checked.value);
    });
    return { value, rejected };
  };
}

/** A record by id whose bad entries are set aside one by one. */
function recordOf<T>(entry: Check<T>): Check<Record<string, T>> {
  return (raw, path) => {
    if (!isPlainObject(raw)) return notA(raw, path, 'an object');
    const value: Record<string, T> = {};
    const rejected: Rejected[] = [];
    for (const [key, item] of Object.entries(raw)) {
      const checked = entry(item, `${path}[${JSON.stringify(key)}]`);
      rejected.push(...checked.rejected);
      if (checked.value !== undefined) value[key] = checked.value;
    }
    return { value, rejected };
  };
}

/** An object whose bad or missing fields fall back to their defaults one by one. */
function fieldsOf<T extends object>(
  fields: { [K in keyof T]: z.ZodMiniType<T[K]> },
  defaults: T,
): Check<T> {
  return (raw, path) => {
    if (!isPlainObject(raw)) return notA(raw, path, 'an object');
    const value = { ...defaults };
    const rejected: Rejected[] = [];
    for (const name of Object.keys(fields) as (keyof T & string)[]) {
      // A field added after the value was stored is not damage: it takes its default quietly.
      if (!(name in raw)) continue;
      const checked = exact(fields[name])(raw[name], `${path}.${name}`);
      rejected.push(...checked.rejected);
      if (checked.value !== undefined) value[name] = checked.value;
    }
    return { value, rejected };
  };
}

export const accountsCheck: Check<Account[]> = listOf(
  exact(accountSchema),
  (account) => account.id,
);
export const secretsCheck: Check<Secrets> = recordOf(exact(credentialsSchema));
export const settingsCheck: Check<Settings> = fieldsOf<Settings>(
  settingsFieldSchemas,
  DEFAULT_SETTINGS,
);
export const snapshotsCheck: Check<Snapshots> = recordOf<Snapshot>(exact(snapshotSchema));
export const historyCheck: Check<History> = recordOf<HistoryPoint[]>(
  listOf(exact(historyPointSchema)),
);

/** What a read found: the value to use and the damaged parts, if any, to set aside. */
interface Inspected<T> {
  value: T;
  rejected: Rejected[];
}

/** Reads an item and checks it, writing nothing; a failed read gives the item's default. */
export async function inspect<T>(item: GuardedItem<T>, check: Check<T>): Promise<Inspected<T>> {
  let raw: unknown;
  try {
    raw = await item.getValue();
  } catch (error) {
    console.error(`[balance-watch] could not read ${item.key}; using its default`, error);
    return { value: item.fallback, rejected: [] };
  }
  const checked = check(raw, '');
  return { value: checked.value ?? item.fallback, rejected: checked.rejected };
}

/**
 * Copies the damaged parts to local:quarantine and writes the repaired value back, so the damage
 * is reported once rather than on every read. Never throws: the repaired value is used either way.
 */
async function setAside<T>(
  item: GuardedItem<T>,
  { value, rejected }: Inspected<T>,
  now: () => number,
): Promise<void> {
  const at = now();
  const entries: QuarantineEntry[] = rejected.map(({ path, raw, issues }) => ({
    key: item.key,
    path,
    at,
    issues,
    raw,
  }));
  // Paths and issue texts only: raw values may be credentials.
  console.warn(
    `[balance-watch] ${item.key}: set aside ${entries.length} damaged part(s)`,
    entries.map(({ path, issues }) => ({ path: path || '(whole value)', issues })),
  );
  try {
    // Quarantine first: if the repair write then fails, the raw value is still safe.
    await addToQuarantine(entries);
    await item.setValue(value);
  } catch (error) {
    console.error(`[balance-watch] could not set aside damaged ${item.key}`, error);
  }
}

/**
 * Reads an item, checks it, and sets aside and repairs what is damaged. The caller holds the
 * item's lock (lib/storage/locked-store.ts), since the repair writes the item.
 */
export async function readValidated<T>(
  item: GuardedItem<T>,
  check: Check<T>,
  now: () => number = Date.now,
): Promise<T> {
  const inspected = await inspect(item, check);
  if (inspected.rejected.length > 0) await setAside(item, inspected, now);
  return inspected.value;
}
