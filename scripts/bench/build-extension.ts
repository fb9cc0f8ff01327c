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
await build({ outDir, browser: 'chrome', manifestVersion: 3, mode: 'production' });
