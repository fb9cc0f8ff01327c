import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  // As in the build (wxt.config.ts): @webext-core/messaging gets lib/messaging-browser.ts and
  // lib/messaging-errors.ts for two of its dependencies.
  resolve: {
    alias: {
      'webextension-polyfill': fileURLToPath(
        new URL('./lib/messaging-browser.ts', import.meta.url),
      ),
      'serialize-error': fileURLToPath(new URL('./lib/messaging-errors.ts', import.meta.url)),
    },
  },
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    restoreMocks: true,
    setupFiles: ['tests/setup.ts'],
    // Bundled by Vite rather than loaded by Node, so the aliases above reach its imports.
    server: { deps: { inline: ['@webext-core/messaging'] } },
  },
});
