import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { BUILD_COMMANDS, BUILD_DIRS, browserName } from '../../../scripts/lib/launch-browser';

/**
 * Vitest global setup, once per browser project: on a fresh clone there is no build yet, so make
 * it (a build that exists is tested as it is: `npm test` and `npm run build` make fresh ones).
 */
export default function buildIfMissing(project: TestProject): void {
  if (process.env.BW_EXTENSION_PATH) return;
  const browser = browserName(String(project.config.env.BW_BROWSER));
  if (existsSync(join(resolve(BUILD_DIRS[browser]), 'manifest.json'))) return;
  console.log(`No ${BUILD_DIRS[browser]} yet: ${BUILD_COMMANDS[browser].join(' ')}`);
  const build = spawnSync('npx', BUILD_COMMANDS[browser], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (build.status !== 0) throw new Error(`The build for ${browser} failed; see above.`);
}
