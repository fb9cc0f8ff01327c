import { liveWorker } from '../lib/extension-state';
import type { LaunchedExtension } from '../lib/launch-extension';

/** The chrome.storage calls made inside the worker; Node has no chrome types. */
interface StorageApis {
  storage: {
    local: {
      clear(): Promise<void>;
      get(keys: null): Promise<Record<string, unknown>>;
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

/**
 * Until the extension has ended the round its start runs (onInstalled) and runs none: accounts
 * stored while that round is starting are read by it, and the refresh alarm fired next joins it
 * (one round at a time), so a measured round would begin before its alarm and count only the
 * accounts read after it ("read 114 of 200").
 */
export async function untilNoRound(ext: LaunchedExtension, timeoutMs = 60_000): Promise<void> {
  const startedAt = Date.now();
  for (;;) {
    const status = await readEngineStatus(ext);
    if (status && !status.roundRunning && status.lastRoundAt !== null) return;
    if (Date.now() - startedAt > timeoutMs) throw new Error('the extension never ended a round');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * How many accounts were read at or after `since` (epoch ms) with no error, whichever way the
 * extension keeps the snapshots: one "snapshots" object, or one "snapshot:<id>" key each.
 */
export async function countReadSnapshots(ext: LaunchedExtension, since: number): Promise<number> {
  const worker = await liveWorker(ext.context, ext.extensionId);
  return worker.evaluate(async (from: number) => {
    const stored = await chrome.storage.local.get(null);
    const whole = (stored.snapshots ?? {}) as Record<string, unknown>;
    const keyed = Object.entries(stored)
      .filter(([key]) => key.startsWith('snapshot:'))
      .map(([, value]) => value);
    return [...Object.values(whole), ...keyed].filter((value) => {
      const snapshot = value as { readingAt?: number | null; error?: unknown } | null;
      return snapshot != null && (snapshot.readingAt ?? 0) >= from && snapshot.error == null;
    }).length;
  }, since);
}
