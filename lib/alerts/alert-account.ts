import type { AlertAccount } from '@/lib/alerts/event';
import { t } from '@/lib/i18n';
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

/** How notices and team channels name an account: its name, else "Unnamed account". */
export function alertName(account: AlertAccount): string {
  return account.name.trim() || t('notify_unnamed_account');
}
