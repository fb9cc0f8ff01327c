import type { CDPSession } from 'playwright-core';
import type { LaunchedExtension } from '../lib/launch-extension';

/**
 * A DevTools protocol session to the extension's service worker. Playwright's newCDPSession
 * takes only pages and frames, and flattened child sessions are not reachable through its
 * CDPSession, so this attaches the old way: Target.attachToTarget without flatten, commands
 * wrapped in Target.sendMessageToTarget, answers read from Target.receivedMessageFromTarget.
 * The parent is the browser session when Playwright exposes the browser (it does for
 * persistent contexts in current versions), else a scratch page's session.
 */
interface WorkerCdp {
  send<T>(method: string, params?: Record<string, unknown>): Promise<T>;
  detach(): Promise<void>;
}

interface ChildMessage {
  id?: number;
  result?: unknown;
  error?: { message: string };
}

async function attachToWorker(ext: LaunchedExtension): Promise<WorkerCdp> {
  const browser = ext.context.browser();
  const scratch = browser ? undefined : await ext.context.newPage();
  const parent: CDPSession = browser
    ? await browser.newBrowserCDPSession()
    : await ext.context.newCDPSession(scratch as NonNullable<typeof scratch>);
  const { targetInfos } = await parent.send('Target.getTargets');
  const prefix = `chrome-extension://${ext.extensionId}/`;
  const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(prefix));
  if (!target) throw new Error('the extension has no running service worker to attach to');
  const { sessionId } = await parent.send('Target.attachToTarget', {
    targetId: target.targetId,
    flatten: false,
  });

  let nextId = 1;
  const pending = new Map<number, { resolve(value: unknown): void; reject(e: Error): void }>();
  parent.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message) as ChildMessage;
    const waiter = message.id === undefined ? undefined : pending.get(message.id);
    if (!waiter || message.id === undefined) return;
    pending.delete(message.id);
    if (message.error) waiter.reject(new Error(message.error.message));
    else waiter.resolve(message.result);
  });

  return {
    send<T>(method: string, params: Record<string, unknown> = {}) {
      const id = nextId++;
      const answer = new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      });
      return parent
        .send('Target.sendMessageToTarget', {
          sessionId,
          message: JSON.stringify({ id, method, params }),
        })
        .then(() => answer);
    },
    async detach() {
      await parent.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
      await parent.detach().catch(() => undefined);
      await scratch?.close();
    },
  };
}

export interface HeapUsage {
  /** Bytes of live JS objects (V8 heap used). */
  usedSize: number;
  /** Bytes V8 has reserved for the heap. */
  totalSize: number;
}

/** The worker's V8 heap, optionally after a full garbage collection. */
export async function workerHeap(ext: LaunchedExtension, collect: boolean): Promise<HeapUsage> {
  const cdp = await attachToWorker(ext);
  try {
    if (collect) await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize, totalSize } = await cdp.send<HeapUsage>('Runtime.getHeapUsage');
    return { usedSize, totalSize };
  } finally {
    await cdp.detach();
  }
}
