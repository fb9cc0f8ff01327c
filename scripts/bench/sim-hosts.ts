/**
 * Child process: one provider simulator per provider, each on its own loopback address
 * (127.0.0.2 .. 127.0.0.5), so the round sees four hosts as it does against the real providers
 * and its per-host cap applies to each. Where those addresses cannot be bound (macOS has only
 * 127.0.0.1 by default) each gets its own port on 127.0.0.1 instead: still four hosts to the
 * round and to Chromium, which both key connections by host and port.
 *
 * It runs apart from the benchmark so the server's work does not share the measured round's
 * event loop. argv[2] is a JSON file of simulator accounts; the hosts are printed as one JSON
 * line on stdout; it exits when stdin closes, so it never outlives the benchmark.
 */
import { readFileSync } from 'node:fs';
import type { ProviderId } from '../../lib/providers/types';
import type { SimAccount } from '../../tests/sim/data/schema';
import { type Simulator, startSimulator } from '../../tests/sim/server';
import { PROVIDERS } from './fleet';
import { READY_PREFIX } from './sim-client';

async function startOn(address: string, accounts: SimAccount[]): Promise<Simulator> {
  try {
    return await startSimulator({ port: 0, host: address, data: { accounts } });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRNOTAVAIL') throw error;
    return startSimulator({ port: 0, host: '127.0.0.1', data: { accounts } });
  }
}

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: sim-hosts.ts ACCOUNTS.json');
  const all = JSON.parse(readFileSync(file, 'utf8')) as SimAccount[];
  const sims: Simulator[] = [];
  const urls: Partial<Record<ProviderId, string>> = {};
  for (const [index, provider] of PROVIDERS.entries()) {
    const sim = await startOn(
      `127.0.0.${index + 2}`,
      all.filter((account) => account.provider === provider),
    );
    sims.push(sim);
    urls[provider] = sim.url;
  }
  const stop = () => {
    void Promise.allSettled(sims.map((sim) => sim.close())).then(() => process.exit(0));
  };
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();
  process.on('SIGTERM', stop);
  process.stdout.write(`${READY_PREFIX}${JSON.stringify(urls)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
