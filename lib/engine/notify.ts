import { browser } from '#imports';
import { accountOptionsPath } from '@/lib/account-link';
import { alertName } from '@/lib/alerts/alert-account';
import type { AccountAlert, AlertAccount } from '@/lib/alerts/event';
import { decideAlerts } from '@/lib/engine/alert-decision';
import { DIGEST_NOTICE_ID } from '@/lib/engine/digest';
import { snoozeAccount } from '@/lib/engine/snooze';
import { errorHint, errorMessage, errorTitle, specificMessage } from '@/lib/errors';
import { runOutText } from '@/lib/forecast-text';
import { t } from '@/lib/i18n';
import { formatAmount } from '@/lib/money';
import type { Account, Settings, Snapshots } from '@/lib/state';
import { accountStatus } from '@/lib/status';
import { readAccounts } from '@/lib/storage/writers/accounts';
import { readSettings } from '@/lib/storage/writers/settings';
import { readSnapshots } from '@/lib/storage/writers/snapshots';

/**
 * Desktop notifications for the alerts the engine decides (lib/engine/alert-decision.ts): a
 * balance going below its threshold, a forecast reaching it within the lead, and credentials
 * starting to be rejected. On Chrome, low and run-out notices carry "Snooze 1 day" and, when the
 * account has a top-up page, "Top up" (Firefox has no notification buttons: a click opens
 * Settings there, as everywhere).
 */

/** `auth` is the sign-in alert's notice: its id has said so since before alert events. */
export type NoticeKind = 'low' | 'run-out' | 'auth';

export interface Notice {
  /** `bw:<accountId>:<kind>`, so a newer notice replaces an older one of the same kind. */
  id: string;
  accountId: string;
  kind: NoticeKind;
  title: string;
  message: string;
  /** Offered as the "Top up" button; null: none. */
  topUpUrl: string | null;
}

export interface NotificationDecision {
  toShow: Notice[];
  /** The same crossings as alert events, for the team channels (lib/engine/alert-listeners.ts). */
  events: AccountAlert[];
  /** `next` with what was told brought up to date; store this one. */
  nextSnapshots: Snapshots;
}

const NOTICE_PREFIX = 'bw:';
const NOTICE_KIND: Record<AccountAlert['kind'], NoticeKind> = {
  low: 'low',
  'run-out': 'run-out',
  'sign-in': 'auth',
};

/**
 * The extension's own icon (wxt.config.ts: @wxt-dev/auto-icons draws icons/<size>.png from
 * assets/icon.svg), so a notice shows whose it is; Chrome requires an icon for a basic notice.
 */
const NOTICE_ICON_PATH = '/icons/128.png';

/** The account id and kind behind one of our notification ids; undefined for anyone else's. */
function parseNoticeId(id: string): { accountId: string; kind: NoticeKind } | undefined {
  if (!id.startsWith(NOTICE_PREFIX)) return undefined;
  const rest = id.slice(NOTICE_PREFIX.length);
  const kindAt = rest.lastIndexOf(':');
  if (kindAt <= 0) return undefined;
  const kind = rest.slice(kindAt + 1);
  if (kind !== 'low' && kind !== 'run-out' && kind !== 'auth') return undefined;
  return { accountId: rest.slice(0, kindAt), kind };
}

/**
 * The notices and alert events a round's new snapshots call for (lib/engine/alert-decision.ts
 * says which, and what each memory means).
 */
export function notificationsFor(
  prev: Snapshots,
  next: Snapshots,
  accounts: readonly Account[],
  settings: Settings,
  { locale, now = Date.now() }: { locale?: string; now?: number } = {},
): NotificationDecision {
  const decision = decideAlerts(prev, next, accounts, settings, now);
  const toShow = decision.notices.map((alert) => noticeFor(alert, locale));
  return { toShow, events: decision.events, nextSnapshots: decision.nextSnapshots };
}

function noticeFor(alert: AccountAlert, locale: string | undefined): Notice {
  const kind = NOTICE_KIND[alert.kind];
  const { accountId, problem } = alert.account;
  const words =
    alert.kind === 'sign-in' ? authWords(alert.account, problem ?? '') : amountWords(alert, locale);
  return {
    id: `${NOTICE_PREFIX}${accountId}:${kind}`,
    accountId,
    kind,
    ...words,
    topUpUrl: alert.kind === 'sign-in' ? null : alert.account.topUpUrl,
  };
}

/** A low or run-out notice's title and text: how much is left against the threshold. */
function amountWords(alert: AccountAlert, locale: string | undefined) {
  const { amount, threshold } = alert.account;
  const left = amount ? formatAmount(amount, locale) : '';
  const limit =
    amount && threshold ? formatAmount({ value: threshold, unit: amount.unit }, locale) : '';
  const name = alertName(alert.account);
  if (alert.kind === 'low') {
    return { title: t('notify_low_title'), message: t('notify_low_message', [name, left, limit]) };
  }
  const forecast = runOutText(alert.account, alert.at, locale) ?? '';
  return {
    title: t('notify_runOut_title'),
    message: t('notify_runOut_message', [name, left, limit, forecast]),
  };
}

/**
 * Says what the snapshot's error says (the provider's words, or the engine's instruction such as
 * how to replace a rejected refresh token), falling back to the generic text, then the hint.
 */
function authWords(account: AlertAccount, problem: string) {
  const own = specificMessage('auth', problem);
  return {
    title: errorTitle('auth'),
    message: t('notify_auth_message', [
      alertName(account),
      sentence(own ?? errorMessage('auth')),
      errorHint('auth'),
    ]),
  };
}

/** Provider messages come with or without a final full stop; the notice needs exactly one. */
function sentence(text: string): string {
  return /[.!?…]$/u.test(text) ? text : `${text}.`;
}

/** What each button of a low or run-out notice does, in order. */
type NoticeButton = 'snooze-day' | 'top-up';

function buttonActions(notice: Pick<Notice, 'kind' | 'topUpUrl'>): NoticeButton[] {
  if (notice.kind === 'auth') return [];
  return notice.topUpUrl ? ['snooze-day', 'top-up'] : ['snooze-day'];
}

/** Chrome's buttons (two at most); Firefox rejects none but shows none, so it is not sent them. */
function buttonsOf(notice: Notice): { buttons?: { title: string }[] } {
  const actions = buttonActions(notice);
  if (import.meta.env.FIREFOX || actions.length === 0) return {};
  const title = { 'snooze-day': t('notify_snoozeDay'), 'top-up': t('notify_topUp') };
  return { buttons: actions.map((action) => ({ title: title[action] })) };
}

/**
 * Shows each notice; one that fails is logged and the rest still go out. Returns the notices the
 * system took, the only ones that may be remembered as told (lib/engine/round-effects.ts).
 */
export async function showNotices(notices: readonly Notice[]): Promise<Notice[]> {
  const shown = await Promise.all(
    notices.map(async (notice) => {
      try {
        await browser.notifications.create(notice.id, {
          type: 'basic',
          iconUrl: browser.runtime.getURL(NOTICE_ICON_PATH),
          title: notice.title,
          message: notice.message,
          ...buttonsOf(notice),
        });
        return [notice];
      } catch (error) {
        console.warn(`[balance-watch] could not show notification ${notice.id}`, error);
        return [];
      }
    }),
  );
  return shown.flat();
}

/** The options page, scrolled to one account. */
function optionsUrlFor(accountId: string): string {
  return browser.runtime.getURL(accountOptionsPath(accountId));
}

/**
 * The options page with no account named: its accounts list on top, each account's state on its
 * row. Where the daily digest, which speaks of every account, leads.
 */
const ACCOUNTS_LIST_PATH = '/options.html';

/** Where a click on one of our notifications leads; undefined for anyone else's. */
function clickTarget(id: string): string | undefined {
  if (id === DIGEST_NOTICE_ID) return browser.runtime.getURL(ACCOUNTS_LIST_PATH);
  const notice = parseNoticeId(id);
  return notice && optionsUrlFor(notice.accountId);
}

/**
 * For notifications.onClicked: opens the options page, at the notice's account (the accounts
 * list for the daily digest), and closes the notice. Returns false for notifications that are
 * not ours.
 */
export async function handleNotificationClick(id: string): Promise<boolean> {
  const url = clickTarget(id);
  if (url === undefined) return false;
  await browser.tabs.create({ url });
  await clearNotice(id);
  return true;
}

async function clearNotice(id: string): Promise<void> {
  try {
    await browser.notifications.clear(id);
  } catch (error) {
    console.warn(`[balance-watch] could not clear notification ${id}`, error);
  }
}

/** The account's top-up page as the status says it now (it may have changed since the notice). */
async function topUpUrlNow(accountId: string, now: number): Promise<string | null> {
  const [accounts, snapshots, settings] = await Promise.all([
    readAccounts(),
    readSnapshots(),
    readSettings(),
  ]);
  const account = accounts.find((one) => one.id === accountId);
  return account ? accountStatus(account, snapshots[accountId], settings, now).topUpUrl : null;
}

/**
 * For notifications.onButtonClicked (Chrome): "Snooze 1 day" snoozes the account, "Top up" opens
 * its top-up page (Settings when it has none any more); either closes the notice. Returns false
 * for notifications that are not ours or carry no buttons.
 */
export async function handleNotificationButton(
  id: string,
  index: number,
  now: number,
): Promise<boolean> {
  const notice = parseNoticeId(id);
  if (notice === undefined || notice.kind === 'auth') return false;
  if (index === 0) {
    const snoozed = await snoozeAccount(notice.accountId, '1d', now);
    if (!snoozed.ok) console.warn(`[balance-watch] ${snoozed.message}`);
  } else {
    const url = await topUpUrlNow(notice.accountId, now);
    await browser.tabs.create({ url: url ?? optionsUrlFor(notice.accountId) });
  }
  await clearNotice(id);
  return true;
}
