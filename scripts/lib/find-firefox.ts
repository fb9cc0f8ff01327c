import { existsSync } from 'node:fs';

/** Where Firefox usually lives, in the order we prefer them (Debian ships the ESR). */
const USUAL_PATHS = [
  '/usr/bin/firefox-esr',
  '/usr/bin/firefox',
  '/snap/bin/firefox',
  '/Applications/Firefox.app/Contents/MacOS/firefox',
  'C:\\Program Files\\Mozilla Firefox\\firefox.exe',
];

export const FIREFOX_MISSING = `No Firefox was found (140 or newer is needed).
Install it and run again:
  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y firefox-esr
  macOS:          brew install --cask firefox
or point FIREFOX_PATH at a Firefox executable:
  FIREFOX_PATH=/path/to/firefox npm run demo -- --browser firefox`;

export function findFirefox(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env.FIREFOX_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return USUAL_PATHS.find((path) => existsSync(path));
}
