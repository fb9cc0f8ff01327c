import {
  type Account,
  DEFAULT_SETTINGS,
  type EngineStatus,
  type History,
  type Secrets,
  type Snapshots,
} from '@/lib/state';

/**
 * Where each store lives and what it reads as when empty. Kept apart from lib/storage's items
 * because defining an item with a version starts a migration check that reads it in full; the
 * pages read by key from here so opening them loads neither history nor secrets.
 */
export const STORE = {
  accounts: { key: 'local:accounts', fallback: [] as Account[] },
  secrets: { key: 'local:secrets', fallback: {} as Secrets },
  settings: { key: 'local:settings', fallback: DEFAULT_SETTINGS },
  snapshots: { key: 'local:snapshots', fallback: {} as Snapshots },
  history: { key: 'local:history', fallback: {} as History },
  engineStatus: {
    key: 'session:engineStatus',
    fallback: {
      roundRunning: false,
      firstRound: true,
      online: true,
      lastRoundAt: null,
    } as EngineStatus,
  },
} as const;
