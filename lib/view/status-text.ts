import type { Words } from '@/lib/error-advice';
import { errorTitle } from '@/lib/errors';
import { t } from '@/lib/i18n';
import { plural } from '@/lib/plural';
import type { AccountStatus, TotalsSummary } from '@/lib/status';

/**
 * The words for an account's status (lib/status.ts), the same in the popup and on the options
 * page: one line of when, the state's name, the headline counts, what the totals leave out.
 * Each takes the status and says it; none decides anything the status did not.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Pieces of one line are joined with a middle dot: layout, the same in every language. */
const JOIN = ' · ';

/** "2 min", "3 h", "2 d": how long, rounded down, at least a minute. */
function durationText(ms: number): string {
  if (ms < HOUR) return t('status_duration_minutes', String(Math.max(1, Math.floor(ms / MINUTE))));
  if (ms < 2 * DAY) return t('status_duration_hours', String(Math.floor(ms / HOUR)));
  return t('status_duration_days', String(Math.floor(ms / DAY)));
}

/** "just now", "2 min ago". A clock that moved backwards must not print "-3 min ago". */
function agoText(at: number, now: number): string {
  const age = Math.max(0, now - at);
  return age < MINUTE ? t('status_ago_now') : t('status_ago', durationText(age));
}

const sameDay = (a: number, b: number) => new Date(a).toDateString() === new Date(b).toDateString();
let timeOnly: Intl.DateTimeFormat | undefined;
let dayAndTime: Intl.DateTimeFormat | undefined;

/** "13:24" today, "Dec 1, 13:24" on another day, in the browser's locale. */
export function clockText(at: number, now: number): string {
  if (sameDay(at, now)) {
    timeOnly ??= new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
    return timeOnly.format(at);
  }
  dayAndTime ??= new Intl.DateTimeFormat(undefined, {
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });
  return dayAndTime.format(at);
}

/** "Snoozed until 14:00" / "Snoozed until topped up" while the account's alerts are snoozed. */
export function snoozedText(snoozed: AccountStatus['snoozed'], now: number): string | null {
  if (!snoozed) return null;
  if (snoozed.until === null) return t('popup_snoozedToppedUp');
  return t('popup_snoozedUntil', clockText(snoozed.until, now));
}

/** What comes next for a failing account: its next try, or why there is none. */
function nextText(status: AccountStatus, now: number): string {
  switch (status.retry) {
    case 'after-fix':
      return t('status_next_after_fix');
    case 'when-online':
      return t('status_next_online');
    default:
      return status.nextTryAt !== null && status.nextTryAt > now
        ? t('status_next_try', clockText(status.nextTryAt, now))
        : t('status_next_round');
  }
}

/** The failing account's line: its last good reading, the failed try, what happens next. */
function failingWhen(status: AccountStatus, now: number): string {
  const lastGood =
    status.readingAt !== null ? t('status_last_good', agoText(status.readingAt, now)) : null;
  const parts = lastGood ? [lastGood] : [];
  if (status.retry === 'retry-after' && status.nextAttemptAt !== null) {
    // The provider's own Retry-After: honoured, and said, in place of the failed try.
    const until = clockText(status.nextAttemptAt, now);
    parts.push(t(lastGood ? 'status_waiting' : 'status_waiting_lead', until));
    return parts.join(JOIN);
  }
  if (status.lastAttemptAt !== null) {
    const at = clockText(status.lastAttemptAt, now);
    parts.push(t(lastGood ? 'status_tried_failed' : 'status_tried_failed_lead', at));
  }
  parts.push(nextText(status, now));
  return parts.join(JOIN);
}

/**
 * The row's one line of when: "Updated 2 min ago"; "Last good 2 h ago · last try 13:24 failed ·
 * next try 13:40"; "Waiting until 13:30: the provider asked us to slow down"; "Not checked yet".
 */
export function whenText(status: AccountStatus, now: number): string {
  return status.failing ? failingWhen(status, now) : updatedText(status.readingAt, now);
}

/** "Updated 2 min ago", or "Not checked yet" before the first reading. */
export function updatedText(readingAt: number | null, now: number): string {
  if (readingAt === null) return t('popup_notChecked');
  return t('status_updated', agoText(readingAt, now));
}

/** The state in a few words, as the options list and the tags say it. */
export function stateText(status: AccountStatus): string {
  const problem = status.error ? errorTitle(status.error.kind) : null;
  switch (status.state) {
    case 'disabled':
      return t('options_status_disabled');
    case 'low':
      // A low balance stays true while refreshes fail; neither hides the other.
      return problem ? `${t('options_status_low')}${JOIN}${problem}` : t('options_status_low');
    case 'running-out':
      // Like low: the forecast stays true while refreshes fail, and neither hides the other.
      return problem
        ? `${t('options_status_running_out')}${JOIN}${problem}`
        : t('options_status_running_out');
    case 'pending':
      return t('options_status_pending');
    case 'ok':
      return t('options_status_ok');
    case 'due':
      return t('options_status_stale');
    default:
      return problem ?? t('options_status_stale');
  }
}

/** The tags a row wears: Low, and one for a balance that is not current (failing or old). */
export function tagsOf(status: AccountStatus): { text: string; kind: 'low' | 'problem' | 'old' }[] {
  const tags: { text: string; kind: 'low' | 'problem' | 'old' }[] = [];
  if (status.isLow) tags.push({ text: t('popup_lowFlag'), kind: 'low' });
  if (status.failing) tags.push({ text: t('popup_cantRead'), kind: 'problem' });
  else if (status.isStale) tags.push({ text: t('popup_outOfDate'), kind: 'old' });
  return tags;
}

/**
 * "4 low · 1 runs low soon · 3 can't be read · 1 out of date"; "None low" only when nothing runs
 * low soon, fails or is old.
 */
export function headlineText(counts: {
  low: number;
  failing: number;
  old: number;
  runningOut?: number;
}): string {
  const parts: string[] = [];
  const soon = counts.runningOut ?? 0;
  if (counts.low > 0) parts.push(t('popup_lowCount', String(counts.low)));
  if (soon > 0) {
    parts.push(plural(soon, { one: 'popup_runningOut_one', other: 'popup_runningOut_other' }));
  }
  if (counts.failing > 0) parts.push(t('popup_failingCount', String(counts.failing)));
  if (counts.old > 0) parts.push(t('popup_oldCount', String(counts.old)));
  return parts.length > 0 ? parts.join(JOIN) : t('popup_noneLow');
}

/** What the totals leave out and how old what they include is; null when all is current. */
export function totalsNoteText(summary: TotalsSummary, now: number): string | null {
  const parts: string[] = [];
  if (summary.withoutBalance > 0) {
    parts.push(
      plural(summary.withoutBalance, {
        one: 'popup_totals_excludes_one',
        other: 'popup_totals_excludes_other',
      }),
    );
  }
  if (summary.old) {
    const age = durationText(Math.max(0, now - summary.old.oldestAt));
    parts.push(
      plural(summary.old.count, { one: 'popup_totals_old_one', other: 'popup_totals_old_other' }, [
        age,
      ]),
    );
  }
  return parts.length > 0 ? parts.join(JOIN) : null;
}

/** Advice words (lib/error-advice.ts) as text. */
export function wordsText(words: Words): string {
  return t(words.key, words.subs);
}
