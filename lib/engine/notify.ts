import { browser } from '#imports';
import { accountOptionsPath } from '@/lib/account-link';
import {
  type BalanceErrorData,
  errorHint,
  errorMessage,
  errorTitle,
  specificMessage,
} from '@/lib/errors';
import { t } from '@/lib/i18n';
import { formatAmount } from '@/lib/money';
import type { Reading } from '@/lib/providers/types';
import type { Account, Settings, Snapshot, Snapshots } from '@/lib/state';
import { type AccountStatus, accountStatus } from '@/lib/status';

/**
 * Desktop notifications on crossings: a balance going below its threshold, and credentials
 * starting to be rejected. Each notifies once per crossing; the flags that remember "already told"
 * live in the snapshot so they survive the worker being stopped.
 */

export type NoticeKind = 'low' | 'auth';

export interface Notice {
  /** `bw:<accountId>:<kind>`, so a newer notice replaces an older one of the same kind. */
  id: string;
  accountId: string;
  kind: NoticeKind;
  title: string;
  message: string;
}

export interface NotificationDecision {
  toShow: Notice[];
  /** `next` with lowNotified / authNotified brought up to date; store this one. */
  nextSnapshots: Snapshots;
}

const NOTICE_PREFIX = 'bw:';

/**
 * The extension's own icon (wxt.config.ts: @wxt-dev/auto-icons draws icons/<size>.png from
 * assets/icon.svg), so a notice shows whose it is; Chrome requires an icon for a basic notice.
 */
const NOTICE_ICON_PATH = '/icons/128.png';

function noticeId(accountId: string, kind: NoticeKind): string {
  return `${NOTICE_PREFIX}${accountId}:${kind}`;
}

/** The account id behind one of our notification ids; undefined for anyone else's. */
function accountIdOfNotice(id: string): string | undefined {
  if (!id.startsWith(NOTICE_PREFIX)) return undefined;
  const rest = id.slice(NOTICE_PREFIX.length);
  const kindAt = rest.lastIndexOf(':');
  if (kindAt <= 0) return undefined;
  const kind = rest.slice(kindAt + 1);
  return kind === 'low' || kind === 'auth' ? rest.slice(0, kindAt) : undefined;
}

/**
 * Decides which notices a round's new snapshots call for. `prev` is what was stored before the
 * round: its flags count too, so a round that rebuilt a snapshot without them does not notify
 * twice. A flag is set only when its notice is shown, so with notifications off nothing is
 * remembered and turning them on later reports a balance that is still low; flags are still
 * cleared on recovery so the next crossing notifies again.
 */
export function notificationsFor(
  prev: Snapshots,
  next: Snapshots,
  accounts: readonly Account[],
  settings: Settings,
  { locale }: { locale?: string } = {},
): NotificationDecision {
  const toShow: Notice[] = [];
  const nextSnapshots: Snapshots = { ...next };
  // Time decides only "due" and "waiting", and neither causes a notice.
  const now = 0;
  for (const account of accounts) {
    const snapshot = next[account.id];
    if (!snapshot) continue;
    const status = accountStatus(account, snapshot, settings, now);
    if (status.state === 'disabled') continue;
    const before = prev[account.id];
    const flags = {
      lowNotified: snapshot.lowNotified || (before?.lowNotified ?? false),
      authNotified: snapshot.authNotified || (before?.authNotified ?? false),
    };
    const notices = crossings(status, flags, settings.notifications, locale);
    toShow.push(...notices);
    if (
      flags.lowNotified !== snapshot.lowNotified ||
      flags.authNotified !== snapshot.authNotified
    ) {
      nextSnapshots[account.id] = { ...snapshot, ...flags };
    }
  }
  return { toShow, nextSnapshots };
}

type NoticeFlags = Pick<Snapshot, 'lowNotified' | 'authNotified'>;

/** The notices one account's status calls for; updates `flags` (what was told) in place. */
function crossings(
  status: AccountStatus,
  flags: NoticeFlags,
  enabled: boolean,
  locale: string | undefined,
): Notice[] {
  const notices: Notice[] = [];
  if (status.isLow && status.reading && status.threshold !== null) {
    if (!flags.lowNotified && enabled) {
      notices.push(lowNotice(status.account, status.reading, status.threshold, locale));
      flags.lowNotified = true;
    }
  } else if (status.reading) {
    // Back at or above the threshold (or no threshold any more): the next crossing counts.
    flags.lowNotified = false;
  }

  if (status.error?.kind === 'auth') {
    if (!flags.authNotified && enabled) {
      notices.push(authNotice(status.account, status.error));
      flags.authNotified = true;
    }
  } else if (!status.failing && status.reading !== null) {
    // A good reading: the credentials work again.
    flags.authNotified = false;
  }
  return notices;
}

function displayName(account: Account): string {
  return account.name.trim() || t('notify_unnamed_account');
}

function lowNotice(
  account: Account,
  reading: Reading,
  threshold: string,
  locale: string | undefined,
): Notice {
  const { primary } = reading;
  const left = formatAmount(primary, locale);
  const limit = formatAmount({ value: threshold, unit: primary.unit }, locale);
  return {
    id: noticeId(account.id, 'low'),
    accountId: account.id,
    kind: 'low',
    title: t('notify_low_title'),
    message: t('notify_low_message', [displayName(account), left, limit]),
  };
}

/**
 * Says what the snapshot's error says (the provider's words, or the engine's instruction such as
 * how to replace a rejected refresh token), falling back to the generic text, then the hint.
 */
function authNotice(account: Account, error: BalanceErrorData): Notice {
  const own = specificMessage('auth', error.message);
  return {
    id: noticeId(account.id, 'auth'),
    accountId: account.id,
    kind: 'auth',
    title: errorTitle('auth'),
    message: t('notify_auth_message', [
      displayName(account),
      sentence(own ?? errorMessage('auth')),
      errorHint('auth'),
    ]),
  };
}

/** Provider messages come with or without a final full stop; the notice needs exactly one. */
function sentence(text: string): string {
  return /[.!?…]$/u.test(text) ? text : `${text}.`;
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
 * For notifications.onClicked: opens the options page at the notice's account and closes the
 * notice. Returns false for notifications that are not ours.
 */
export async function handleNotificationClick(id: string): Promise<boolean> {
  const accountId = accountIdOfNotice(id);
  if (accountId === undefined) return false;
  await browser.tabs.create({ url: optionsUrlFor(accountId) });
  try {
    await browser.notifications.clear(id);
  } catch (error) {
    console.warn(`[balance-watch] could not clear notification ${id}`, error);
  }
  return true;
}
