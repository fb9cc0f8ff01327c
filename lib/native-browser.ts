/**
 * The browser's own extension namespace, for the few calls the popup makes before anything else
 * loads (components/shared/stores.ts too), typed for just those calls. `browser` from '#imports'
 * is the same object now that no polyfill wraps it (wxt.config.ts); this one stays because it is
 * looked up on every call, so tests and the Node benchmark can install their fake after this
 * module loads, and it says plainly when there is no extension API at all.
 */

export interface NativeBrowser {
  i18n: {
    getMessage(key: string, substitutions?: string | string[]): string;
    getUILanguage(): string;
  };
  runtime: {
    id?: string;
    openOptionsPage(): Promise<void>;
  };
  /** The pages read the stores by key with it (components/shared/stores.ts). */
  storage: {
    local: StorageArea;
    session: StorageArea;
    onChanged: {
      addListener(listener: StorageChangeListener): void;
      removeListener(listener: StorageChangeListener): void;
    };
  };
}

interface StorageArea {
  get(keys: string[]): Promise<Record<string, unknown>>;
}

export type StorageChangeListener = (
  changes: Record<string, { oldValue?: unknown; newValue?: unknown }>,
  areaName: string,
) => void;

interface ExtensionGlobals {
  browser?: Partial<NativeBrowser>;
  chrome?: Partial<NativeBrowser>;
}

/**
 * Firefox's `browser` first, the same choice @wxt-dev/browser (behind wxt's storage) makes; the
 * runtime id check skips a page element that happens to have the id "browser". Looked up on every
 * call so tests and the Node benchmark can install their fake after this module loads.
 */
export function nativeBrowser(): NativeBrowser {
  const { browser, chrome } = globalThis as ExtensionGlobals;
  const api = browser?.runtime?.id ? browser : chrome;
  if (!api?.i18n || !api.runtime) {
    throw new Error('[balance-watch] no extension API here: this code runs only in the extension');
  }
  return api as NativeBrowser;
}
