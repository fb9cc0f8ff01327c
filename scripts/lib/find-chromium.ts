import { existsSync } from 'node:fs';

/** Where Chromium or Chrome usually lives, in the order we prefer them. */
const USUAL_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

export const CHROMIUM_MISSING = `No Chromium or Chrome was found.
Install one and run again:
  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y chromium
  macOS:          brew install --cask chromium
or point CHROMIUM_PATH at a Chromium or Chrome executable:
  CHROMIUM_PATH=/path/to/chrome npm run demo`;

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return USUAL_PATHS.find((path) => existsSync(path));
}
