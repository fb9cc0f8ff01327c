import { alertName } from '@/lib/alerts/alert-account';
import type { AccountAlert, AlertAccount, AlertEvent, DigestAlert } from '@/lib/alerts/event';
import { runOutText } from '@/lib/forecast-text';
import { t } from '@/lib/i18n';
import { formatAmount } from '@/lib/money';
import { providerName } from '@/lib/providers/names';

/**
 * The words every webhook format says, whatever its layout: a title and one or two lines
 * (account, provider, amount, threshold, forecast), and the top-up link when an account is low
 * or running out. Each service's file (slack.ts, teams.ts, discord.ts, generic.ts) lays them out.
 */

/** What the Test button sends: no account, only proof that the channel works. */
interface TestAlert {
  kind: 'test';
  at: number;
}

export type WebhookEvent = AlertEvent | TestAlert;

export interface AlertText {
  title: string;
  lines: string[];
  /** Offered when an account is low or running out; null otherwise. */
  topUpUrl: string | null;
}

/** "Google Ads · $80.00 left · threshold $100.00". */
function amountLine(account: AlertAccount, locale?: string): string {
  const provider = providerName(account.provider);
  if (!account.amount) return provider;
  const left = formatAmount(account.amount, locale);
  if (account.threshold === null) return t('alert_line_amount', [provider, left]);
  const limit = formatAmount({ value: account.threshold, unit: account.amount.unit }, locale);
  return t('alert_line_amount_threshold', [provider, left, limit]);
}

function accountText({ kind, at, account }: AccountAlert, locale?: string): AlertText {
  const name = alertName(account);
  if (kind === 'sign-in') {
    const problem = account.problem ?? t('alert_sign_in_refused');
    return {
      title: t('alert_title_sign_in', name),
      lines: [`${providerName(account.provider)} · ${problem}`],
      topUpUrl: null,
    };
  }
  const forecast = runOutText(account, at, locale);
  return {
    title: t(kind === 'low' ? 'alert_title_low' : 'alert_title_run_out', name),
    lines: [amountLine(account, locale), ...(forecast ? [forecast] : [])],
    topUpUrl: account.topUpUrl,
  };
}

function names(accounts: readonly AlertAccount[]): string {
  return accounts.map(alertName).join(', ');
}

function digestText(digest: DigestAlert, locale?: string): AlertText {
  const totals = digest.totals.map((amount) => formatAmount(amount, locale)).join(' · ');
  const needs = [
    digest.low.length > 0 ? t('alert_digest_low', names(digest.low)) : '',
    digest.runningOut.length > 0 ? t('alert_digest_running_out', names(digest.runningOut)) : '',
    digest.failing.length > 0 ? t('alert_digest_failing', names(digest.failing)) : '',
  ].filter(Boolean);
  return {
    title: t('alert_title_digest'),
    lines: [
      ...(totals ? [t('alert_digest_totals', totals)] : []),
      needs.length > 0 ? needs.join(' · ') : t('alert_digest_all_ok'),
    ],
    topUpUrl: null,
  };
}

/** The title and lines of an event, in the browser's language. */
export function alertText(event: WebhookEvent, locale?: string): AlertText {
  if (event.kind === 'test') {
    return { title: t('alert_title_test'), lines: [t('alert_test_line')], topUpUrl: null };
  }
  return event.kind === 'digest' ? digestText(event, locale) : accountText(event, locale);
}
