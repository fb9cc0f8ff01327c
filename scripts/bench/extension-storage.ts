import { liveWorker } from '../lib/extension-state';
import type { LaunchedExtension } from '../lib/launch-extension';

/** The chrome.storage calls made inside the worker; Node has no chrome types. */
interface StorageApis {
  storage: {
    local: {
      clear(): Promise<void>;
      set(items: Record<string, unknown>): Promise<void>;
    };
    session: { get(key: string): Promise<Record<string, unknown>> };
  };
}
declare const chrome: StorageApis;

/** Replaces everything in the extension's storage.local, written from its own worker. */
export async function replaceLocalStorage(
  ext: LaunchedExtension,
  items: Record<string, unknown>,
): Promise<void> {
  const worker = await liveWorker(ext.context, ext.extensionId);
  await worker.evaluate(async (values) => {
    await chrome.storage.local.clear();
    await chrome.storage.local.set(values);
  }, items);
}

export interface EngineStatusValue {
  roundRunning: boolean;
  lastRoundAt: number | null;
}

/** The background's session:engineStatus item as stored (WXT drops the "session:" prefix). */
export async function readEngineStatus(ext: LaunchedExtension): Promise<EngineStatusValue | null> {
  const worker = await liveWorker(ext.context, ext.extensionId);
  const stored = await worker.evaluate(async () => chrome.storage.session.get('engineStatus'));
  return (stored.engineStatus as EngineStatusValue | undefined) ?? null;
}
