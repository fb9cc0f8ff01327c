import { alertAccount } from '@/lib/alerts/alert-account';
import type { DigestAlert } from '@/lib/alerts/event';
import { t } from '@/lib/i18n';
import { formatAmount } from '@/lib/money';
import { plural } from '@/lib/plural';
import { type AccountStatus, failingAccounts, lowAccounts, totalsSummary } from '@/lib/status';

/**
 * The daily digest's content, from the statuses alone (lib/status.ts): the totals per unit and
 * what needs a look. One DigestAlert goes to the team channels (each lays it out in its own
 * format); the desktop notification counts it in one line. Snoozed accounts are listed too: a
 * snooze silences an account's own alerts, and the digest is a summary that never says "fine"
 * while something is wrong (as the badge).
 */

/** The digest of the watched accounts' statuses at `at`. */
export function digestAlert(statuses: readonly AccountStatus[], at: number): DigestAlert {
  return {
    kind: 'digest',
    at,
    totals: totalsSummary(statuses).totals.map((total) => total.amount),
    low: lowAccounts(statuses).map(alertAccount),
    failing: failingAccounts(statuses).map(alertAccount),
    runningOut: statuses.filter((status) => status.runningOut).map(alertAccount),
  };
}

/** Totals are joined with a middle dot: layout, the same in every language (as in the popup). */
const JOIN = ' · ';

/** "2 low, 1 failing, 1 runs out soon." or "All balances are fine." */
function needsText(digest: DigestAlert, locale: string | undefined): string {
  const counts = [
    digest.low.length > 0 ? plural(digest.low.length, LOW) : null,
    digest.failing.length > 0 ? plural(digest.failing.length, FAILING) : null,
    digest.runningOut.length > 0 ? plural(digest.runningOut.length, RUNNING_OUT) : null,
  ].filter((part) => part !== null);
  if (counts.length === 0) return t('digest_all_fine');
  return t('digest_needs', new Intl.ListFormat(locale, { type: 'unit' }).format(counts));
}

const LOW = { one: 'digest_low_one', other: 'digest_low_other' } as const;
const FAILING = { one: 'digest_failing_one', other: 'digest_failing_other' } as const;
const RUNNING_OUT = { one: 'digest_running_out_one', other: 'digest_running_out_other' } as const;

/** The desktop notification's title and one-line message. */
export function digestNotice(
  digest: DigestAlert,
  locale?: string,
): { title: string; message: string } {
  const totals = digest.totals.map((amount) => formatAmount(amount, locale)).join(JOIN);
  const needs = needsText(digest, locale);
  return {
    title: t('digest_title'),
    message: totals ? `${t('digest_totals', totals)} ${needs}` : needs,
  };
}
