import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig, type EntrypointGroup } from 'wxt';
import { presetHostPermissions } from './lib/providers/presets';

/** Firefox add-on id: fixed, so storage and granted permissions survive updates. */
export const GECKO_ID = 'balance-watch@balance-watch.dev';

/**
 * Firefox 140 is the first desktop release that reads `data_collection_permissions` (142 on
 * Android); MV3 (109) and `optional_host_permissions` (128) are older.
 */
export const GECKO_MIN_VERSION = '140.0';
export const GECKO_ANDROID_MIN_VERSION = '142.0';

/** Icon sizes made from assets/icon.svg: toolbar (16, 32), management page (48), AMO (96), store (128). */
export const ICON_SIZES = [16, 32, 48, 96, 128];

/**
 * Extension pages may run only the extension's own scripts. No `default-src` / `connect-src`:
 * the background's fetches (provider hosts, custom hosts, the loopback simulator) are governed by
 * host permissions and CORS, not by CSP. Setting it explicitly also drops Firefox's MV3 default
 * `upgrade-insecure-requests`, which would rewrite http://127.0.0.1 simulator calls to https.
 */
export const EXTENSION_PAGES_CSP = "script-src 'self'; object-src 'self'";

/** What 'webextension-polyfill' resolves to (vitest.config.ts names the same file). */
const MESSAGING_BROWSER = fileURLToPath(new URL('./lib/messaging-browser.ts', import.meta.url));

/**
 * WXT builds all HTML pages in one Vite build, which puts the modules two pages share in shared
 * chunks and keeps in each module every export any page uses: the popup then loaded the options
 * page's share of status words, money and Preact. Built on its own, the popup loads only what it
 * uses (about 1.7 kB gzip less before its first paint) in one script; the options page and the
 * dashboard still share theirs.
 */
function popupBuiltAlone(groups: EntrypointGroup[]): void {
  for (const group of [...groups]) {
    if (!Array.isArray(group) || group.length < 2) continue;
    const index = group.findIndex((entry) => entry.name === 'popup');
    const [popup] = index < 0 ? [] : group.splice(index, 1);
    if (popup) groups.push([popup]);
  }
}

export default defineConfig({
  // BW_OUT_DIR lets two builds run side by side on one machine (default: .output).
  outDir: process.env.BW_OUT_DIR ?? '.output',
  // MV3 for every browser, Firefox included, so `optional_host_permissions` and `action` exist
  // everywhere (`wxt build -b firefox` alone would otherwise mean MV2).
  manifestVersion: 3,
  // No @wxt-dev/webextension-polyfill: `browser` from '#imports' is the browser's own API
  // (globalThis.browser ?? chrome), whose calls return promises in Chrome MV3 and Firefox alike.
  modules: ['@wxt-dev/auto-icons'],
  autoIcons: {
    baseIconPath: 'assets/icon.svg',
    sizes: ICON_SIZES,
  },
  vite: () => ({
    plugins: [preact()],
    // Vite's modulepreload polyfill is for browsers without <link rel="modulepreload">; Chrome
    // (66+) and Firefox (115+, we need 140) have it, so it would only add bytes to every page.
    build: {
      modulePreload: { polyfill: false },
      // Terser's repeated passes shave a few percent more than esbuild's single pass (about 2 kB
      // gzip of the worker). The budgets (scripts/bench/budgets.ts) are met by keeping each bundle
      // to what its runtime uses, not by more minifier settings (issue 12).
      minify: 'terser',
      terserOptions: { compress: { passes: 3 }, format: { comments: false } },
    },
    // @webext-core/messaging imports webextension-polyfill for runtime messaging alone; it gets
    // the few calls it makes, with Chrome's listener answering by sendResponse (2.5 kB gzip less
    // in the worker and in each page that sends a command). vitest.config.ts resolves the same.
    resolve: { alias: { 'webextension-polyfill': MESSAGING_BROWSER } },
  }),
  hooks: {
    'entrypoints:grouped': (_wxt, groups) => popupBuiltAlone(groups),
    // auto-icons writes icons/<size>.png in build:done without awaiting its mkdir; make sure the
    // folder is there first.
    'build:manifestGenerated': async (wxt) => {
      await mkdir(resolve(wxt.config.outDir, 'icons'), { recursive: true });
    },
  },
  zip: {
    // The Firefox sources zip (for AMO review) needs the code, not local run artefacts.
    excludeSources: [
      'coverage/**',
      'test-results/**',
      'screenshots/**',
      'bench-results/**',
      'stats.html',
      '*.zip',
    ],
  },
  manifest: ({ browser }) => {
    // `data_collection_permissions` is newer than WXT's manifest type; declared apart so the
    // object is not checked for excess properties.
    const gecko = {
      id: GECKO_ID,
      strict_min_version: GECKO_MIN_VERSION,
      // The extension sends data only to the providers the user configures, never to us.
      data_collection_permissions: { required: ['none'] },
    };
    return {
      name: '__MSG_extName__',
      description: '__MSG_extDescription__',
      default_locale: 'en',
      action: {
        default_icon: { 16: 'icons/16.png', 32: 'icons/32.png' },
      },
      permissions: ['storage', 'alarms', 'notifications'],
      host_permissions: presetHostPermissions(),
      optional_host_permissions: ['https://*/*'],
      content_security_policy: { extension_pages: EXTENSION_PAGES_CSP },
      ...(browser === 'firefox'
        ? {
            browser_specific_settings: {
              gecko,
              gecko_android: { strict_min_version: GECKO_ANDROID_MIN_VERSION },
            },
          }
        : {}),
    };
  },
});
