/**
 * `tsx scripts/bench/build-extension.ts OUT_DIR`: a production Chrome build into OUT_DIR, not
 * .output, so measuring never depends on (or disturbs) whatever build is lying around there.
 * wxt's CLI has no --outDir; its build() API takes the same config with outDir overridden.
 */
import { build } from 'wxt';

const outDir = process.argv[2];
if (!outDir) {
  console.error('usage: build-extension.ts OUT_DIR');
  process.exit(2);
}
// Vite takes production from NODE_ENV, not from `mode`: run from vitest (NODE_ENV=test) it would
// build the pages with dev JSX (file names and line numbers in every element) and dev-only code.
process.env.NODE_ENV = 'production';
await build({ outDir, browser: 'chrome', manifestVersion: 3, mode: 'production' });
