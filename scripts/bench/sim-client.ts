import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ProviderId } from '../../lib/providers/types';
import type { SimAccount } from '../../tests/sim/data/schema';

/** The four simulator hosts of sim-hosts.ts, steered over their HTTP control API. */
export interface SimHosts {
  urls: Record<ProviderId, string>;
  /** Every balance and query request waits `ms` plus up to `jitterMs` before it is answered. */
  setLatency(ms: number, jitterMs?: number): Promise<void>;
  clearFaults(): Promise<void>;
  clearRequests(): Promise<void>;
  /** When each balance request since the last clearRequests arrived (epoch ms), by provider. */
  balanceRequests(): Promise<Record<ProviderId, number[]>>;
  /** The balance requests since the last clearRequests as sent, by provider's host. */
  balanceRequestLog(): Promise<{ url: string; requests: SentRequest[] }[]>;
  close(): Promise<void>;
}

/** A request as the simulator logged it: enough to send it again. */
export interface SentRequest {
  method: string;
  path: string;
  search: string;
  headers: Record<string, string>;
  body?: unknown;
}

/** The line sim-hosts.ts prints once every host listens. */
export const READY_PREFIX = 'sim-hosts ';

const CHILD = fileURLToPath(new URL('./sim-hosts.ts', import.meta.url));

async function control(url: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${url}/__sim/${path}`, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`simulator ${method} ${path}: ${await response.text()}`);
  return response.json() as Promise<unknown>;
}

export async function startSimHosts(accounts: readonly SimAccount[]): Promise<SimHosts> {
  const dir = mkdtempSync(join(tmpdir(), 'balance-watch-bench-sim-'));
  const file = join(dir, 'accounts.json');
  writeFileSync(file, JSON.stringify(accounts));
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const lines = createInterface({ input: child.stdout });
  const urls = await new Promise<Record<ProviderId, string>>((resolve, reject) => {
    lines.on('line', (line) => {
      if (line.startsWith(READY_PREFIX)) resolve(JSON.parse(line.slice(READY_PREFIX.length)));
    });
    void exited.then((code) => reject(new Error(`simulator hosts exited early (${code})`)));
  });
  const all = () => Object.values(urls);
  return {
    urls,
    async setLatency(ms, jitterMs = 0) {
      await Promise.all(
        all().map((url) =>
          control(url, 'POST', 'fault', { fault: { type: 'latency', ms, jitterMs } }),
        ),
      );
    },
    async clearFaults() {
      await Promise.all(all().map((url) => control(url, 'DELETE', 'faults')));
    },
    async clearRequests() {
      await Promise.all(all().map((url) => control(url, 'DELETE', 'requests')));
    },
    async balanceRequests() {
      // Each provider has a host of its own, so a host's log is its provider's.
      const providers = Object.keys(urls) as ProviderId[];
      const logs = await Promise.all(
        providers.map(
          (provider) =>
            control(urls[provider], 'GET', 'requests?endpoint=balance') as Promise<{
              requests: { at: string }[];
            }>,
        ),
      );
      return Object.fromEntries(
        providers.map((provider, i) => [
          provider,
          (logs[i]?.requests ?? []).map((request) => Date.parse(request.at)),
        ]),
      ) as Record<ProviderId, number[]>;
    },
    async balanceRequestLog() {
      return Promise.all(
        all().map(async (url) => {
          const log = (await control(url, 'GET', 'requests?endpoint=balance')) as {
            requests: SentRequest[];
          };
          return { url, requests: log.requests };
        }),
      );
    },
    async close() {
      child.stdin?.end();
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
