import { defineConfig } from 'vitest/config';

/** Browser tests: Node drives the built extension in real Chromium, one file at a time. */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
