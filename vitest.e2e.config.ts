import { defineConfig } from 'vitest/config';

/**
 * Browser tests: Node drives the built extension in a real browser, one file at a time. The same
 * files run in each browser, chosen by project: `--project chromium` (npm run test:e2e, against
 * .output/chrome-mv3) or `--project firefox` (npm run test:e2e:firefox, .output/firefox-mv3).
 */
const browserProject = (browser: 'chromium' | 'firefox') => ({
  test: {
    name: browser,
    include: ['tests/e2e/**/*.test.ts'],
    env: { BW_BROWSER: browser },
    globalSetup: ['tests/e2e/support/build-if-missing.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

export default defineConfig({
  test: {
    fileParallelism: false,
    projects: [browserProject('chromium'), browserProject('firefox')],
  },
});
