import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { getMessage } from './support/i18n-messages';

// fakeBrowser has no i18n; answer from the real messages.json so tests see the shipped text.
function installI18n(): void {
  (fakeBrowser.i18n as { getMessage: typeof getMessage }).getMessage = getMessage;
}

installI18n();
beforeEach(() => {
  installI18n();
});
