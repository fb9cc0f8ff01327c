import { awake } from '@/lib/engine/alert-decision';
import { t } from '@/lib/i18n';
import type { SnoozeChoice } from '@/lib/messages';
import { emptySnapshot, type Snapshot, type Snooze } from '@/lib/state';
import { readAccounts } from '@/lib/storage/writers/accounts';
import { updateSnapshots } from '@/lib/storage/writers/snapshots';

/**
 * Snooze: holds back an account's desktop notices and webhook alerts for a while, or until it is
 * topped up (any rise above the balance it had when snoozed). The badge and the popup still show
 * the account as it is. Stored in its snapshot (`snooze`), written in the snapshots' lock; the
 * round ends a snooze that is over (lib/engine/alert-decision.ts), and whatever is still wrong
 * then is said once more.
 */

const HOUR = 60 * 60_000;
const FOR: Record<Exclude<SnoozeChoice, 'topped-up'>, number> = {
  '1h': HOUR,
  '1d': 24 * HOUR,
  '1w': 7 * 24 * HOUR,
};

type Outcome = { ok: true } | { ok: false; message: string };

/**
 * Changes one account's snapshot inside the snapshots' lock. The account list is read there too:
 * an account deleted meanwhile gets no snapshot back, and the caller hears why.
 */
async function changeSnapshot(
  id: string,
  change: (snapshot: Snapshot) => Snapshot,
): Promise<Outcome> {
  let live = false;
  await updateSnapshots(async (snapshots) => {
    live = (await readAccounts()).some((account) => account.id === id);
    if (!live) return snapshots;
    return { ...snapshots, [id]: change(snapshots[id] ?? emptySnapshot()) };
  });
  return live ? { ok: true } : { ok: false, message: t('engine_account_gone') };
}

/** Snoozes an account from `now`; also what a notice's "Snooze 1 day" button does. */
export async function snoozeAccount(
  id: string,
  choice: SnoozeChoice,
  now: number,
): Promise<{ ok: true; snooze: Snooze } | { ok: false; message: string }> {
  let snooze: Snooze = { at: now, until: null, from: null };
  const outcome = await changeSnapshot(id, (snapshot) => {
    snooze = {
      at: now,
      until: choice === 'topped-up' ? null : now + FOR[choice],
      from: snapshot.reading?.primary.value ?? null,
    };
    return { ...snapshot, snooze };
  });
  return outcome.ok ? { ok: true, snooze } : outcome;
}

/**
 * Ends a snooze now. Like a snooze that runs out, it forgets what was told, so the next round
 * says once more whatever is still wrong: alerts are back, and that is what they would say.
 */
export function unsnoozeAccount(id: string): Promise<Outcome> {
  return changeSnapshot(id, awake);
}
