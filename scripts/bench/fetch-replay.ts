import { liveWorker } from '../lib/extension-state';
import type { LaunchedExtension } from '../lib/launch-extension';
import type { SentRequest } from './sim-client';

/**
 * The reference for the round in the worker: the same balance requests the round just sent,
 * sent again from the worker with nothing but fetch, at most `cap` at a time per host, every
 * host at once. What this takes over the lower bound is what the browser's fetch, the loopback
 * network and the simulator add on this machine; what the round takes over this is its own.
 */

/** Headers fetch may not set, or that the browser sets itself. */
const OWN_HEADERS = new Set(['host', 'connection', 'content-length', 'accept-encoding', 'origin']);

interface Replay {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

function replays(hosts: { url: string; requests: SentRequest[] }[]): Replay[][] {
  return hosts.map(({ url, requests }) =>
    requests.map((request) => ({
      url: `${url}${request.path}${request.search ? `?${request.search}` : ''}`,
      method: request.method,
      headers: Object.fromEntries(
        Object.entries(request.headers).filter(([name]) => !OWN_HEADERS.has(name)),
      ),
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
    })),
  );
}

/** Wall time (ms, the worker's clock) of one replay of these requests. */
export async function replayInWorker(
  ext: LaunchedExtension,
  hosts: { url: string; requests: SentRequest[] }[],
  cap: number,
): Promise<number> {
  const worker = await liveWorker(ext.context, ext.extensionId);
  return worker.evaluate(
    async ({ byHost, limit }) => {
      const started = performance.now();
      await Promise.all(
        byHost.map(async (requests) => {
          let next = 0;
          // No named functions in here: tsx would wrap them in a helper the worker lacks.
          await Promise.all(
            Array.from({ length: limit }, async () => {
              for (let i = next++; i < requests.length; i = next++) {
                const { url, method, headers, body } = requests[i] as Replay;
                await (await fetch(url, { method, headers, body })).text();
              }
            }),
          );
        }),
      );
      return performance.now() - started;
    },
    { byHost: replays(hosts), limit: cap },
  );
}
