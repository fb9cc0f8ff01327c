import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  // As in the build (wxt.config.ts): @webext-core/messaging gets lib/messaging-browser.ts.
  resolve: {
    alias: {
      'webextension-polyfill': fileURLToPath(
        new URL('./lib/messaging-browser.ts', import.meta.url),
      ),
    },
  },
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    restoreMocks: true,
    setupFiles: ['tests/setup.ts'],
    // Bundled by Vite rather than loaded by Node, so the alias above reaches its import.
    server: { deps: { inline: ['@webext-core/messaging'] } },
  },
});
