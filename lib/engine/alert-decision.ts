import { alertAccount } from '@/lib/alerts/alert-account';
import type { AccountAlert } from '@/lib/alerts/event';
import { compareDecimals } from '@/lib/money';
import type { Account, Settings, Snapshot, Snapshots } from '@/lib/state';
import { type AccountStatus, accountStatus } from '@/lib/status';

/**
 * Which alerts a round's new snapshots call for: 'low', 'run-out' and 'sign-in', each once per
 * crossing. Two memories per account, both in its snapshot so they survive the worker stopping:
 *
 * - `alertsSent`: the events handed to the team channels (lib/engine/alert-listeners.ts). Set at
 *   the crossing whether or not desktop notices are on: the webhooks need it either way.
 * - `lowNotified`, `runOutNotified`, `authNotified`: the desktop notices. Set only when a notice
 *   goes out (lib/engine/round-effects.ts marks it once the system showed it), so with
 *   notifications off nothing is remembered here, and turning them on later still tells about a
 *   balance that is still low. That rule keeps its intent for the desktop only.
 *
 * A kind is forgotten when its condition clears (a reading back at or above the threshold, a
 * forecast no longer within the lead, a good reading after a rejected sign-in), so the next
 * crossing speaks again.
 *
 * Snoozed accounts (status.snoozed) say nothing, on the desktop or to the team, yet both memories
 * follow their crossings: nothing piles up to be replayed. When a snooze ends (its time is up,
 * or a "until topped up" snooze sees the balance rise above what it was when snoozed), the round
 * clears it and forgets what was told, so whatever is still wrong is said once more: a reminder,
 * which is what a snooze promises.
 */

type AlertKind = AccountAlert['kind'];
const KINDS: readonly AlertKind[] = ['low', 'run-out', 'sign-in'];

/** The desktop notice's memory for each kind. */
const TOLD_FLAG = {
  low: 'lowNotified',
  'run-out': 'runOutNotified',
  'sign-in': 'authNotified',
} as const satisfies Record<AlertKind, keyof Snapshot>;

export interface AlertDecision {
  /** This round's crossings, for the team channels: every one, desktop notices on or off. */
  events: AccountAlert[];
  /** The crossings the desktop shows: notifications on, not told yet, not snoozed. */
  notices: AccountAlert[];
  /** `next` with both memories and ended snoozes brought up to date; store this one. */
  nextSnapshots: Snapshots;
}

/** A snapshot whose snooze is over: no snooze, and nothing remembered as told. */
export function awake(snapshot: Snapshot): Snapshot {
  return {
    ...snapshot,
    snooze: null,
    lowNotified: false,
    authNotified: false,
    runOutNotified: false,
    alertsSent: [],
  };
}

/** The snooze is over: its time has come, or the balance rose above what it was (a top-up). */
function snoozeOver(snapshot: Snapshot, now: number): boolean {
  const snooze = snapshot.snooze;
  if (!snooze) return false;
  if (snooze.until !== null) return snooze.until <= now;
  const value = snapshot.reading?.primary.value;
  return value !== undefined && (snooze.from === null || compareDecimals(value, snooze.from) > 0);
}

/** Whether each kind's condition holds now; null: this attempt cannot say (keep the memory). */
function conditions(status: AccountStatus): Record<AlertKind, boolean | null> {
  const read = status.reading !== null;
  return {
    low: status.isLow ? true : read ? false : null,
    'run-out': status.runningOut,
    'sign-in': status.error?.kind === 'auth' ? true : !status.failing && read ? false : null,
  };
}

/** The memories to start from: the new snapshot's, or the stored ones a rebuilt snapshot lost. */
function memories(snapshot: Snapshot, before: Snapshot | undefined) {
  const told = {
    lowNotified: snapshot.lowNotified || (before?.lowNotified ?? false),
    runOutNotified: (snapshot.runOutNotified || before?.runOutNotified) ?? false,
    authNotified: snapshot.authNotified || (before?.authNotified ?? false),
  };
  const sent = new Set([...(snapshot.alertsSent ?? []), ...(before?.alertsSent ?? [])]);
  return { told, sent };
}

/** One account's alerts; `add` collects them, and the snapshot to store is returned. */
function decideAccount(
  status: AccountStatus,
  snapshot: Snapshot,
  before: Snapshot | undefined,
  { settings, now }: { settings: Settings; now: number },
  add: (to: 'events' | 'notices', alert: AccountAlert) => void,
): Snapshot {
  const { told, sent } = memories(snapshot, before);
  const quiet = status.snoozed !== null;
  const holds = conditions(status);
  for (const kind of KINDS) {
    const flag = TOLD_FLAG[kind];
    if (holds[kind] === false) {
      told[flag] = false;
      sent.delete(kind);
    }
    if (holds[kind] !== true) continue;
    const alert = { kind, at: now, account: alertAccount(status) };
    if (!sent.has(kind)) {
      if (!quiet) add('events', alert);
      sent.add(kind);
    }
    if (!told[flag] && (quiet || settings.notifications)) {
      if (!quiet) add('notices', alert);
      told[flag] = true;
    }
  }
  const alertsSent = KINDS.filter((kind) => sent.has(kind));
  const same =
    told.lowNotified === snapshot.lowNotified &&
    told.authNotified === snapshot.authNotified &&
    told.runOutNotified === (snapshot.runOutNotified ?? false) &&
    alertsSent.join() === (snapshot.alertsSent ?? []).join();
  return same ? snapshot : { ...snapshot, ...told, alertsSent };
}

/**
 * Decides a round's alerts. `prev` is what was stored before the round: its memories count too,
 * so a round that rebuilt a snapshot without them does not alert twice. Turned-off accounts are
 * left as they are.
 */
export function decideAlerts(
  prev: Snapshots,
  next: Snapshots,
  accounts: readonly Account[],
  settings: Settings,
  now: number,
): AlertDecision {
  const decision: AlertDecision = { events: [], notices: [], nextSnapshots: { ...next } };
  const add = (to: 'events' | 'notices', alert: AccountAlert) => decision[to].push(alert);
  for (const account of accounts) {
    const stored = next[account.id];
    if (!stored || !account.enabled) continue;
    const ended = snoozeOver(stored, now);
    const snapshot = ended ? awake(stored) : stored;
    const status = accountStatus(account, snapshot, settings, now);
    const before = ended ? undefined : prev[account.id];
    const decided = decideAccount(status, snapshot, before, { settings, now }, add);
    if (decided !== stored) decision.nextSnapshots[account.id] = decided;
  }
  return decision;
}
