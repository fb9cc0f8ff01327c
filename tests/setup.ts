import { beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { getMessage } from './support/i18n-messages';

// fakeBrowser has no i18n; answer from the real messages.json so tests see the shipped text.
function installI18n(): void {
  (fakeBrowser.i18n as { getMessage: typeof getMessage }).getMessage = getMessage;
}

/**
 * lib/i18n reads the `browser` / `chrome` globals (as the extension does, lib/native-browser.ts).
 * WXT's setup stubs them once per file; a test that calls vi.unstubAllGlobals()
 * removes them for the rest of its file, so every test starts with them in place again.
 */
function installGlobals(): void {
  vi.stubGlobal('browser', fakeBrowser);
  vi.stubGlobal('chrome', fakeBrowser);
}

installI18n();
beforeEach(() => {
  installGlobals();
  installI18n();
});
