import type { AlertAccount } from '@/lib/alerts/event';
import type { AccountStatus } from '@/lib/status';

/** One account's line in an alert, from its status alone (the one status function decides). */
export function alertAccount(status: AccountStatus): AlertAccount {
  const { account } = status;
  return {
    accountId: account.id,
    name: account.name,
    provider: account.provider,
    amount: status.reading?.primary ?? null,
    threshold: status.threshold,
    thresholdAt: status.forecast?.thresholdAt ?? null,
    zeroAt: status.forecast?.zeroAt ?? null,
    problem: status.error?.message ?? null,
    topUpUrl: status.topUpUrl,
  };
}
