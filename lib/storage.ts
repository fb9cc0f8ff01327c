import { storage } from '#imports';
import {
  type Account,
  DEFAULT_SETTINGS,
  type EngineStatus,
  type History,
  type Secrets,
  type Settings,
  type Snapshots,
} from './state';

/**
 * The storage items of DESIGN.md's State section. Each has a version from the first release so
 * later shapes migrate instead of being dropped. Secrets are local only: never sync.
 * Validation on read lives in lib/storage-guard.ts (background only) so pages stay free of zod.
 */

export const accountsItem = storage.defineItem<Account[]>('local:accounts', {
  fallback: [],
  version: 1,
  migrations: {},
});

export const secretsItem = storage.defineItem<Secrets>('local:secrets', {
  fallback: {},
  version: 1,
  migrations: {},
});

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
  migrations: {},
});

export const snapshotsItem = storage.defineItem<Snapshots>('local:snapshots', {
  fallback: {},
  version: 1,
  migrations: {},
});

/** Kept apart from snapshots so the popup's first paint does not load it. */
export const historyItem = storage.defineItem<History>('local:history', {
  fallback: {},
  version: 1,
  migrations: {},
});

export const engineStatusItem = storage.defineItem<EngineStatus>('session:engineStatus', {
  fallback: { roundRunning: false, firstRound: true, online: true, lastRoundAt: null },
});
