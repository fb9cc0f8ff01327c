/**
 * `npm run sim [-- --port 8787 --host 127.0.0.1 --data file.json --out .demo/sim-settings.json
 *   --speed 60]`
 * Starts the provider simulator with the demo data and writes a settings file that points every
 * account at it, so Balance Watch can import it and show live balances without real accounts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_DATA_PATH, loadSimData } from '../tests/sim/data/load';
import { startSimulator } from '../tests/sim/server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string', default: DEMO_DATA_PATH },
    out: { type: 'string', default: '.demo/sim-settings.json' },
    speed: { type: 'string', default: '1' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(
    'Usage: npm run sim -- [--port 8787] [--host 127.0.0.1] [--data FILE] [--out .demo/sim-settings.json] [--speed 1]',
  );
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`--port must be 0..65535, not ${values.port}`);
  process.exit(2);
}

const speed = Number(values.speed);
if (!Number.isFinite(speed) || speed <= 0) {
  console.error(`--speed must be a positive number, not ${values.speed}`);
  process.exit(2);
}

// --speed 60 makes an hour of decay (and token lifetime) pass in a minute, so a demo's history
// and forecast fill in while someone watches.
const started = Date.now();
const now = () => started + (Date.now() - started) * speed;

const sim = await startSimulator({
  port,
  host: values.host,
  data: loadSimData(values.data),
  now,
});
const out = resolve(values.out);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(sim.control.settingsFile(), null, 2)}\n`);

console.log(`\nBalance Watch provider simulator on ${sim.url}\n`);
for (const account of sim.control.accounts()) {
  const low =
    account.lowThreshold && Number(account.balance) < Number(account.lowThreshold) ? '  (low)' : '';
  console.log(
    `  ${account.provider.padEnd(12)} ${account.name.padEnd(28)} ${account.balance}${low}`,
  );
}
console.log(`\nSettings file: ${out}`);
console.log('  Import it in Balance Watch (Options > Import) to watch these accounts.');
console.log(`Control API:   ${sim.url}/__sim/state  (requests, fault, balance, time, reset)`);
console.log(`Webhooks:      ${sim.url}/webhooks/<name>  (a team channel of any type; received:`);
console.log(`               ${sim.url}/__sim/webhooks)`);
sim.control.webhooks.onReceive(({ name, status, body }) => {
  // Generic has a title, Slack a text, Discord a content; a Teams card is named by its kind.
  const { title, text, content } = (body ?? {}) as Record<string, unknown>;
  const said =
    [title, typeof text === 'string' ? text.split('\n')[0] : undefined, content].find(
      (part) => typeof part === 'string',
    ) ?? 'an Adaptive Card';
  console.log(`  webhook ${name} <- ${said} (answered ${status})`);
});
console.log('Ctrl-C stops it.\n');

let stopping = false;
const stop = () => {
  if (stopping) process.exit(1);
  stopping = true;
  sim.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
