/**
 * `npm run demo [-- --browser chromium|firefox] [--headless | --headed] [--skip-build]
 *                 [--out .demo/screenshots]`
 *
 * Builds the extension, starts the provider simulator with its demo accounts, launches Chromium
 * (or Firefox) with the extension, imports the demo settings through the options page (as a user
 * would) and opens the popup and the options page. With a display it stays open until the
 * browser is closed; without one (or with --headless) it saves screenshots, prints what it saw
 * and exits.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startSimulator } from '../tests/sim/server';
import type { WebhookReceiver } from '../tests/sim/webhooks';
import { addTeamChannelThroughOptions } from './lib/add-team-channel';
import type { BrowserName, ExtensionBrowser } from './lib/extension-browser';
import { readBadge } from './lib/extension-state';
import { CHROMIUM_MISSING, findChromium } from './lib/find-chromium';
import { FIREFOX_MISSING, findFirefox } from './lib/find-firefox';
import { importSettingsThroughOptions } from './lib/import-settings';
import { BUILD_COMMANDS, BUILD_DIRS, browserName, launchBrowser } from './lib/launch-browser';
import { engineStatus, type PopupState, readPopup } from './lib/read-popup';
import { waitUntil } from './lib/wait';

const USAGE =
  'Usage: npm run demo -- [--browser chromium|firefox] [--headless | --headed] [--skip-build] [--out .demo/screenshots]';

const { values } = parseArgs({
  options: {
    browser: { type: 'string', default: 'chromium' },
    headless: { type: 'boolean' },
    headed: { type: 'boolean' },
    'skip-build': { type: 'boolean', default: false },
    out: { type: 'string', default: '.demo/screenshots' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

let browser: BrowserName;
try {
  browser = browserName(values.browser);
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}

/** Linux without an X or Wayland display, or CI: there is no screen to show a browser on. */
function noDisplay(): boolean {
  if (process.env.CI) return true;
  return process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
}

const headless = values.headless ?? (values.headed ? false : noDisplay());
const EXTENSION_PATH = resolve(BUILD_DIRS[browser]);

// Before the slow build: without a browser there is nothing to show.
const installed = browser === 'firefox' ? findFirefox() : findChromium();
if (!installed) {
  console.error(browser === 'firefox' ? FIREFOX_MISSING : CHROMIUM_MISSING);
  process.exit(1);
}

if (!values['skip-build']) {
  console.log(`Building the extension (${BUILD_COMMANDS[browser].join(' ')})…`);
  const build = spawnSync('npx', BUILD_COMMANDS[browser], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (build.status !== 0) {
    console.error('The build failed; see above.');
    process.exit(build.status ?? 1);
  }
}

const sim = await startSimulator({ port: 0 });
console.log(`Simulator: ${sim.url} (${sim.control.accounts().length} demo accounts)`);

let ext: ExtensionBrowser | undefined;
const shutdown = async (code: number) => {
  await ext?.close().catch(() => undefined);
  await sim.close().catch(() => undefined);
  process.exit(code);
};
process.on('SIGINT', () => void shutdown(130));
process.on('SIGTERM', () => void shutdown(143));

try {
  ext = await launchBrowser({ browser, extensionPath: EXTENSION_PATH, headless });
  console.log(`Browser: ${browser}`);
  const options = await ext.open('options.html');
  const popup = await ext.open('popup.html');

  // A team channel on the simulator's webhook receiver, before the import's round, so its low
  // balances arrive there as they would in a team's chat.
  await addTeamChannelThroughOptions(options, {
    name: 'Demo room',
    type: 'Generic JSON',
    url: `${sim.url}/webhooks/demo-room`,
  });
  const startedAt = Date.now();
  const settings = {
    name: 'balance-watch-demo.json',
    text: JSON.stringify(sim.control.settingsFile(), null, 2),
  };
  const imported = await importSettingsThroughOptions(options, settings);
  console.log(`Imported ${imported} accounts through Options > Import settings.`);
  const offered = sim.control.accounts().length;
  if (imported !== offered) {
    console.warn(
      `Warning: the settings file holds ${offered} accounts; the import added ${imported}.`,
    );
  }

  // The import starts a round by itself; wait for it so the popup shows balances.
  const shown = await waitUntil('the first refresh round to finish', async () => {
    const status = await engineStatus(popup);
    if (!status || status.roundRunning || (status.lastRoundAt ?? 0) <= startedAt) return undefined;
    const state = await readPopup(popup);
    return state.accounts.every((a) => a.amount !== null || a.error !== null) ? state : undefined;
  });
  const badge = await readBadge(ext.background);
  printSummary(shown, badge);
  await printDeliveries(sim.control.webhooks);

  if (headless) {
    const dir = resolve(values.out);
    mkdirSync(dir, { recursive: true });
    // The popup is a narrow toolbar panel; shoot it at that size rather than a desktop tab's.
    await popup.screenshot(join(dir, 'popup.png'), { width: 360, height: 600 });
    await options.screenshot(join(dir, 'options.png'), { width: 1000, height: 800 });
    console.log(
      `\nScreenshots: ${join(dir, 'popup.png')}\n             ${join(dir, 'options.png')}`,
    );
    await shutdown(0);
  } else {
    await popup.bringToFront();
    console.log('\nThe browser stays open; close it (or press Ctrl-C) to stop the demo.');
    await ext.closed();
    ext = undefined;
    await shutdown(0);
  }
} catch (error) {
  console.error(`The demo failed: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
}

/** What the team channel got: the round's alerts go out after it, so wait for them a little. */
async function printDeliveries(receiver: WebhookReceiver): Promise<void> {
  // Until some arrived and no more come in a quarter second, or 5 s.
  let count = -1;
  for (let i = 0; i < 20; i += 1) {
    const now = receiver.list().length;
    if (now > 0 && now === count) break;
    count = now;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  count = receiver.list().length;
  console.log(`\nTeam channel "Demo room" (the simulator's webhook receiver) got ${count}:`);
  for (const { body } of receiver.list()) {
    const { title, text } = body as { title?: string; text?: string };
    console.log(`  ${title}${text ? ` · ${text.split('\n').join(' · ')}` : ''}`);
  }
}

function printSummary(state: PopupState, badge: { text: string; tooltip: string }): void {
  console.log('\nPopup:');
  for (const account of state.accounts) {
    const flags = [account.low ? 'LOW' : '', account.stale ? 'stale' : ''].filter(Boolean);
    const value = account.amount ?? '—';
    const note = account.error ? `  error: ${account.error}` : '';
    console.log(
      `  ${account.name.padEnd(28)} ${account.provider.padEnd(22)} ${value.padStart(16)}${flags.length ? `  (${flags.join(', ')})` : ''}${note}`,
    );
  }
  console.log(`Totals: ${state.totals.join(' | ')}   (${state.lowSummary})`);
  console.log(`Badge:  "${badge.text}"`);
  console.log(`Tooltip:\n  ${badge.tooltip.split('\n').join('\n  ')}`);
}
