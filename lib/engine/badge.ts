import { browser } from '#imports';
import { ERROR_KINDS, errorTitle } from '@/lib/errors';
import { runOutText } from '@/lib/forecast-text';
import { type MessageKey, t } from '@/lib/i18n';
import { formatAmount } from '@/lib/money';
import type { EngineStatus, Settings } from '@/lib/state';
import {
  type AccountStatus,
  failingAccounts,
  lowAccounts,
  outOfDateAccounts,
  runningOutAccounts,
} from '@/lib/status';

/**
 * The toolbar badge of DESIGN.md, decided by a pure function and applied in one place.
 *
 * Precedence, most useful first: a count of low accounts and of those the forecast says run low
 * within their lead (counted alike, named apart in the tooltip; a low balance stays true while
 * offline or refreshing), with a "!" after it when some account also failed ("4!": a badge has one colour,
 * so the failures are marked by the sign, and the tooltip names both groups); "off" when offline
 * (failures then only mean "no network"); "…" during the first round (earlier errors may be
 * stale); "!" when some account failed; empty when all is well. The badge never looks fine while
 * something fails.
 */

export interface Badge {
  text: string;
  /** Background colour. */
  color: string;
  /** Text colour, chosen for contrast against `color`. */
  textColor: string;
  tooltip: string;
}

export interface BadgeInput {
  /** The watched accounts' statuses (lib/status accountStatuses). */
  statuses: readonly AccountStatus[];
  engine: EngineStatus;
  settings: Settings;
  /** For the amounts in the tooltip; the browser's locale when absent. */
  locale?: string;
  /** The time the statuses are of, for "below threshold in ~3h"; now when absent. */
  now?: number;
}

export const BADGE_COLORS = {
  low: '#C5221F',
  failed: '#F9AB00',
  offline: '#5F6368',
  checking: '#1A73E8',
  none: '#5F6368',
} as const;

const WHITE = '#FFFFFF';
const BLACK = '#000000';

/** The badge shows about 4 characters; larger counts read "999+", or "99+!" with failures. */
const BADGE_MAX_COUNT = 999;
/** Appended to the low count when some account also failed: "4!". */
const FAILED_MARK = '!';
/** With the mark, three characters are left for the count: "99+!". */
const MAX_COUNT_WITH_MARK = 99;
/** Names listed in the tooltip per group before "and N more". */
const TOOLTIP_MAX_NAMES = 5;
const TOOLTIP_MAX_NAME_LENGTH = 40;

/** The tooltip's groups, taken from lib/status: an account low and failing is in both. */
interface Groups {
  low: AccountStatus[];
  /** Not low yet, but below the threshold within the run-out lead (lib/status runningOut). */
  runningOut: AccountStatus[];
  /** Failures the error table shows as "!" (not the offline kind). */
  failed: AccountStatus[];
  outOfDate: AccountStatus[];
  offline: boolean;
}

function groupsOf(statuses: readonly AccountStatus[], engine: EngineStatus): Groups {
  const failing = failingAccounts(statuses);
  const badgeOf = (status: AccountStatus) => ERROR_KINDS[errorKind(status)].badge;
  return {
    low: lowAccounts(statuses),
    runningOut: runningOutAccounts(statuses),
    failed: failing.filter((status) => badgeOf(status) === 'error'),
    outOfDate: outOfDateAccounts(statuses),
    offline: !engine.online || failing.some((status) => badgeOf(status) === 'offline'),
  };
}

function tooltipFor(
  groups: Groups,
  { statuses, engine, locale, now = Date.now() }: Omit<BadgeInput, 'settings'>,
): string {
  const { low, runningOut, failed, outOfDate, offline } = groups;
  const lines = [t('extName')];
  if (statuses.length === 0) lines.push(t('badge_no_accounts'));
  if (offline) lines.push(t('badge_offline'));
  else if (engine.firstRound) lines.push(t('badge_checking'));
  if (low.length > 0) {
    lines.push(counted(low.length, 'badge_low_one', 'badge_low_other'));
    lines.push(...listed(low, (status) => entry(status, lowDetail(status, locale))));
  }
  if (runningOut.length > 0) {
    lines.push(counted(runningOut.length, 'badge_running_out_one', 'badge_running_out_other'));
    const when = (status: AccountStatus) =>
      runOutText(status.forecast, now, locale) ?? t('options_status_running_out');
    lines.push(...listed(runningOut, (status) => entry(status, when(status))));
  }
  if (failed.length > 0) {
    lines.push(counted(failed.length, 'badge_failed_one', 'badge_failed_other'));
    lines.push(...listed(failed, (status) => entry(status, errorTitle(errorKind(status)))));
  }
  if (outOfDate.length > 0) {
    lines.push(counted(outOfDate.length, 'badge_stale_one', 'badge_stale_other'));
    lines.push(...listed(outOfDate, shortName));
  }
  if (lines.length === 1) {
    lines.push(counted(statuses.length, 'badge_all_ok_one', 'badge_all_ok_other'));
  }
  return lines.join('\n');
}

export function badgeFor(input: BadgeInput): Badge {
  const { engine, settings } = input;
  const groups = groupsOf(input.statuses, engine);
  const tooltip = tooltipFor(groups, input);
  const quiet = { text: '', color: BADGE_COLORS.none, textColor: WHITE, tooltip };
  if (settings.badge === 'off') return quiet;
  // Running out counts like low (decided in issue 15): the badge says "act soon" for both.
  const count = groups.low.length + groups.runningOut.length;
  if (count > 0) {
    const text =
      groups.failed.length > 0
        ? `${cappedCount(count, MAX_COUNT_WITH_MARK)}${FAILED_MARK}`
        : cappedCount(count, BADGE_MAX_COUNT);
    return { text, color: BADGE_COLORS.low, textColor: WHITE, tooltip };
  }
  if (groups.offline) {
    const text = t('badge_text_offline');
    return { text, color: BADGE_COLORS.offline, textColor: WHITE, tooltip };
  }
  if (engine.firstRound)
    return { text: '…', color: BADGE_COLORS.checking, textColor: WHITE, tooltip };
  // Amber needs dark text to stay readable.
  if (groups.failed.length > 0)
    return { text: FAILED_MARK, color: BADGE_COLORS.failed, textColor: BLACK, tooltip };
  return quiet;
}

function errorKind(status: AccountStatus): keyof typeof ERROR_KINDS {
  return status.error?.kind ?? 'server';
}

/** The count, or "<max>+" above `max`: the mark needs one of the badge's four characters. */
function cappedCount(count: number, max: number): string {
  return count > max ? `${max}+` : String(count);
}

/**
 * chrome.i18n has no plural rules, so each counted line has a "one" and an "other" message; a
 * language with more forms can still word "other" to fit every count.
 */
function counted(count: number, one: MessageKey, other: MessageKey): string {
  return t(count === 1 ? one : other, String(count));
}

function entry(status: AccountStatus, detail: string): string {
  return t('badge_entry', [shortName(status), detail]);
}

function shortName(status: AccountStatus): string {
  const name = status.account.name.trim() || t('common_unnamed_account');
  return name.length > TOOLTIP_MAX_NAME_LENGTH
    ? `${name.slice(0, TOOLTIP_MAX_NAME_LENGTH - 1)}…`
    : name;
}

function lowDetail(status: AccountStatus, locale: string | undefined): string {
  if (!status.reading) return t('badge_low_no_reading');
  const { unit } = status.reading.primary;
  const left = formatAmount(status.reading.primary, locale);
  if (status.threshold === null) return t('badge_left', left);
  return t('badge_left_threshold', [left, formatAmount({ value: status.threshold, unit }, locale)]);
}

function listed(
  statuses: readonly AccountStatus[],
  describe: (status: AccountStatus) => string,
): string[] {
  // The bullet is layout, the same in every language; the words around it are messages.
  const shown = statuses.slice(0, TOOLTIP_MAX_NAMES).map((status) => `• ${describe(status)}`);
  const more = statuses.length - shown.length;
  return more > 0 ? [...shown, `• ${t('badge_more', String(more))}`] : shown;
}

type ActionApi = Pick<
  typeof browser.action,
  'setBadgeText' | 'setBadgeBackgroundColor' | 'setBadgeTextColor' | 'setTitle'
>;

/** `action` on MV3; `browserAction` on a Firefox MV2 build, where `action` does not exist. */
function actionApi(): ActionApi | undefined {
  const api = browser as unknown as { action?: ActionApi; browserAction?: ActionApi };
  return api.action ?? api.browserAction;
}

/**
 * The one place that touches the toolbar. Each call is independent, so a browser lacking one of
 * them (setBadgeTextColor before Chrome 110) still gets the others; failures are logged, never
 * thrown, because a badge is not worth aborting a refresh round for.
 */
export async function applyBadge(badge: Badge): Promise<void> {
  const action = actionApi();
  if (!action) return;
  const calls: [string, () => unknown][] = [
    ['setBadgeText', () => action.setBadgeText({ text: badge.text })],
    ['setBadgeBackgroundColor', () => action.setBadgeBackgroundColor({ color: badge.color })],
    ['setBadgeTextColor', () => action.setBadgeTextColor?.({ color: badge.textColor })],
    ['setTitle', () => action.setTitle({ title: badge.tooltip })],
  ];
  await Promise.all(
    calls.map(async ([name, call]) => {
      try {
        await call();
      } catch (error) {
        console.warn(`[balance-watch] badge: ${name} failed`, error);
      }
    }),
  );
}
