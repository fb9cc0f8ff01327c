import { type MessageKey, t } from '@/lib/i18n';
import type { Account, Settings } from '@/lib/state';
import type { QuarantineNotice } from '@/lib/storage/keys';

/**
 * The words for what a set-aside value was: its store in words and which entry ("Saved sign-in of
 * Ads US", "Accounts, entry 3"). The notice has only the storage key and the path the guard wrote
 * (lib/storage/guard.ts: "" for the whole value, "[2]", "[\"a1\"]", "[\"a1\"][3]", ".badge").
 */

const STORE_NAMES: Record<string, MessageKey> = {
  'local:accounts': 'options_quarantine_store_accounts',
  'local:secrets': 'options_quarantine_store_secrets',
  'local:settings': 'options_quarantine_store_settings',
  'local:snapshots': 'options_quarantine_store_snapshots',
  'local:history': 'options_quarantine_store_history',
};

const SETTING_NAMES: Record<keyof Settings, MessageKey> = {
  refreshMinutes: 'options_refresh',
  badge: 'options_badge',
  notifications: 'options_notifications',
  defaultLowThreshold: 'options_default_threshold',
  runOutLeadHours: 'options_run_out_lead',
  digestTime: 'options_digest_time',
};

type Step = { index: number } | { id: string } | { field: string };

/** The path's steps, or null when it has a shape the guard does not write. */
function steps(path: string): Step[] | null {
  const found: Step[] = [];
  const step = /\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\.([A-Za-z_$][\w$]*)/y;
  while (step.lastIndex < path.length) {
    const match = step.exec(path);
    if (!match) return null;
    const [, index, id, field] = match;
    if (index !== undefined) found.push({ index: Number(index) });
    else if (id !== undefined) found.push({ id: JSON.parse(id) as string });
    else found.push({ field: field as string });
  }
  return found;
}

function storeName(key: string): string {
  const name = STORE_NAMES[key];
  return name ? t(name) : key;
}

function settingName(field: string): string {
  const name = (SETTING_NAMES as Record<string, MessageKey | undefined>)[field];
  return name ? t(name) : field;
}

/** Which value was set aside, in words; accounts are named when they still exist. */
export function quarantinedWhat(notice: QuarantineNotice, accounts: readonly Account[]): string {
  const store = storeName(notice.key);
  const path = steps(notice.path);
  const nameOf = (id: string) => accounts.find((account) => account.id === id)?.name ?? id;
  const [first, second] = path ?? [];
  if (path?.length === 0) return t('options_quarantine_what_whole', store);
  if (path?.length === 1 && first) {
    if ('index' in first) {
      return t('options_quarantine_what_entry', [store, String(first.index + 1)]);
    }
    if ('id' in first) return t('options_quarantine_what_account', [store, nameOf(first.id)]);
    return t('options_quarantine_what_field', [store, settingName(first.field)]);
  }
  if (path?.length === 2 && first && 'id' in first && second && 'index' in second) {
    const number = String(second.index + 1);
    return t('options_quarantine_what_account_entry', [store, nameOf(first.id), number]);
  }
  return t('options_quarantine_what_path', [store, notice.path]);
}
