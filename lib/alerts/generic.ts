import type { AlertAccount } from '@/lib/alerts/event';
import { alertText, type WebhookEvent } from '@/lib/alerts/text';
import { providerName } from '@/lib/providers/names';

/**
 * The generic JSON POST, documented in the README ("Team channels"). `version` changes only when
 * a field changes meaning or goes; new fields may be added within a version.
 */
const PAYLOAD_VERSION = 1;

function iso(time: number | null): string | null {
  return time === null ? null : new Date(time).toISOString();
}

function accountPayload(account: AlertAccount) {
  return {
    id: account.accountId,
    name: account.name,
    provider: account.provider,
    providerName: providerName(account.provider),
    amount: account.amount,
    threshold: account.threshold,
    thresholdAt: iso(account.thresholdAt),
    zeroAt: iso(account.zeroAt),
    problem: account.problem,
    topUpUrl: account.topUpUrl,
  };
}

/** `{version, event, at, title, text, ...}` plus the account, or the digest's lists. */
export function genericMessage(event: WebhookEvent, locale?: string): object {
  const { title, lines } = alertText(event, locale);
  const common = {
    version: PAYLOAD_VERSION,
    event: event.kind,
    at: new Date(event.at).toISOString(),
    title,
    text: lines.join('\n'),
  };
  if (event.kind === 'test') return common;
  if (event.kind !== 'digest') return { ...common, account: accountPayload(event.account) };
  return {
    ...common,
    totals: event.totals,
    low: event.low.map(accountPayload),
    runningOut: event.runningOut.map(accountPayload),
    failing: event.failing.map(accountPayload),
  };
}
