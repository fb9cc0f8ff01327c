import type { BalanceErrorData } from '@/lib/errors';
import type { Amount } from '@/lib/money';
import type { ReadingDetail } from '@/lib/providers/types';
import {
  type Account,
  DEFAULT_SETTINGS,
  type EngineStatus,
  type History,
  type Settings,
  type Snapshot,
  type Snapshots,
} from '@/lib/state';
import { accountsItem, engineStatusItem, settingsItem, snapshotsItem } from '@/lib/storage/items';
import { appendHistory } from '@/lib/storage/writers/history';
import { refreshPopupSummary } from '@/lib/storage/writers/popup-summary';
import { freshHistoryDb } from '../../support/history-db';

export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;

export function account(id: string, overrides: Partial<Account> = {}): Account {
  return {
    id,
    provider: 'onlinesales',
    name: id,
    baseUrl: 'https://services.onlinesales.ai',
    params: {},
    lowThreshold: null,
    enabled: true,
    createdAt: 0,
    ...overrides,
  };
}

export function snapshot(
  primary: Amount | null,
  readingAt: number | null,
  overrides: Partial<Snapshot> & { details?: ReadingDetail[]; warnings?: string[] } = {},
): Snapshot {
  const { details = [], warnings = [], ...rest } = overrides;
  return {
    reading: primary ? { primary, details, warnings } : null,
    readingAt,
    lastAttemptAt: readingAt,
    error: null,
    nextAttemptAt: null,
    failures: 0,
    lowNotified: false,
    authNotified: false,
    ...rest,
  };
}

export function failure(kind: BalanceErrorData['kind'], message: string, code?: string) {
  return { kind, message, providerCode: code } satisfies BalanceErrorData;
}

export interface Seed {
  accounts?: Account[];
  snapshots?: Snapshots;
  settings?: Partial<Settings>;
  engine?: Partial<EngineStatus>;
  history?: History;
}

/** Writes through the real storage items, exactly as the background would. */
export async function seed({ accounts = [], snapshots = {}, settings, engine, history }: Seed) {
  await accountsItem.setValue(accounts);
  await snapshotsItem.setValue(snapshots);
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, ...settings });
  await engineStatusItem.setValue({
    roundRunning: false,
    firstRound: false,
    online: true,
    lastRoundAt: null,
    ...engine,
  });
  // And what the popup's first paint reads, which the background derives from those stores.
  await refreshPopupSummary();
  if (history) await seedHistory(history, snapshots);
}

/**
 * History as the background keeps it: in IndexedDB (fake-indexeddb here), each account's points
 * in the unit of its snapshot's reading.
 */
async function seedHistory(history: History, snapshots: Snapshots): Promise<void> {
  freshHistoryDb();
  const readings = Object.entries(history).flatMap(([accountId, points]) => {
    const unit = snapshots[accountId]?.reading?.primary.unit ?? 'USD';
    return points.map(({ t, v }) => ({ accountId, unit, t, v }));
  });
  const written = await appendHistory(readings, Math.max(0, ...readings.map(({ t }) => t)));
  if (!written.ok) throw new Error(`history not seeded: ${written.fault}`);
}
