import { register } from 'node:module';
// History lives in IndexedDB (lib/storage/history-db.ts); Node has none, so the round writes its
// history into this in-memory one, as the worker writes into the browser's.
import 'fake-indexeddb/auto';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { getMessage } from '../../tests/support/i18n-messages';

/**
 * Lets lib/ run in plain Node, as the benchmark's refresh round does. Two things stand in for
 * what WXT's Vite plugins provide under vitest:
 * - `browser` / `chrome`: @wxt-dev/browser picks `globalThis.browser` (when it has a runtime id)
 *   or `globalThis.chrome` once, when it is first imported, so fakeBrowser must be on both
 *   globals before any lib/ module loads. Callers import lib/ dynamically after this.
 * - `#imports`: a module WXT makes up at build time; a resolve hook points it at
 *   imports-shim.ts. The hook hands the shim's URL on to the next resolver (tsx) rather than
 *   answering itself, so tsx still compiles the TypeScript.
 * - `import.meta.env`: see ENV.
 */

let installed = false;

/**
 * What WXT's build writes for `import.meta.env` in a Chrome build (tsx leaves it undefined): the
 * load hook below puts it into lib/ modules after tsx compiled them, so browser-specific code
 * (notification buttons, Chrome only) takes the Chrome path as in the extension measured.
 */
const ENV = '({ BROWSER: "chrome", CHROME: true, FIREFOX: false, MANIFEST_VERSION: 3 })';

export function installNodeExtensionEnv(): void {
  if (installed) return;
  installed = true;
  const globals = globalThis as { browser?: unknown; chrome?: unknown };
  globals.browser = fakeBrowser;
  globals.chrome = fakeBrowser;
  // fakeBrowser has no i18n; badge and error texts come from the shipped English messages.
  (fakeBrowser.i18n as { getMessage: typeof getMessage }).getMessage = getMessage;

  const shim = new URL('./imports-shim.ts', import.meta.url).href;
  const hook = `export async function resolve(specifier, context, next) {
    return next(specifier === '#imports' ? ${JSON.stringify(shim)} : specifier, context);
  }
  export async function load(url, context, next) {
    const loaded = await next(url, context);
    if (!url.includes('/lib/') || loaded.source == null) return loaded;
    const source = String(loaded.source);
    if (!source.includes('import.meta.env')) return loaded;
    return { ...loaded, source: source.replaceAll('import.meta.env', ${JSON.stringify(ENV)}) };
  }`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
}

/** Resets every fake API (storage included) between runs; i18n is put back afterwards. */
export function resetFakeBrowser(): void {
  fakeBrowser.reset();
  (fakeBrowser.i18n as { getMessage: typeof getMessage }).getMessage = getMessage;
}

export interface WriteCounts {
  local: number;
  session: number;
  /** storage.set calls that included each key, e.g. {"snapshots": 3, "history": 1}. */
  byKey: Record<string, number>;
  /** Bytes of JSON handed to storage.local.set, all keys. */
  localBytes: number;
  /** The same by key group: "snapshot:<id>" keys count under "snapshot:*". */
  bytesByKey: Record<string, number>;
}

/** Per-account keys ("snapshot:a1") are summed under one label ("snapshot:*"). */
function keyGroup(key: string): string {
  const colon = key.indexOf(':');
  return colon > 0 ? `${key.slice(0, colon)}:*` : key;
}

interface WritableArea {
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/**
 * Counts storage.set and storage.remove calls (each one write to the browser's store) on
 * fakeBrowser's local and session areas until stop() is called.
 */
export function countStorageWrites(): { stop(): WriteCounts } {
  const counts: WriteCounts = { local: 0, session: 0, byKey: {}, localBytes: 0, bytesByKey: {} };
  const restore: (() => void)[] = [];
  for (const name of ['local', 'session'] as const) {
    const area = fakeBrowser.storage[name] as unknown as WritableArea;
    const { set, remove } = area;
    const count = (keys: string[]) => {
      counts[name] += 1;
      for (const key of new Set(keys.map(keyGroup))) {
        const label = name === 'local' ? key : `session:${key}`;
        counts.byKey[label] = (counts.byKey[label] ?? 0) + 1;
      }
    };
    const weigh = (items: Record<string, unknown>) => {
      for (const [key, value] of Object.entries(items)) {
        const bytes = Buffer.byteLength(JSON.stringify(value) ?? '');
        counts.localBytes += bytes;
        counts.bytesByKey[keyGroup(key)] = (counts.bytesByKey[keyGroup(key)] ?? 0) + bytes;
      }
    };
    area.set = (items) => {
      count(Object.keys(items));
      if (name === 'local') weigh(items);
      return set.call(area, items);
    };
    area.remove = (keys) => {
      count([keys].flat());
      return remove.call(area, keys);
    };
    restore.push(() => Object.assign(area, { set, remove }));
  }
  return {
    stop() {
      for (const undo of restore.splice(0)) undo();
      return counts;
    },
  };
}
