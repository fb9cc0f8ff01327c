import { formatAmount } from '@/lib/money';
import { providerName } from '@/lib/providers/names';
import type { AccountStatus } from '@/lib/status';
import { stateText } from '@/lib/view/status-text';

/**
 * An account's row before its card is built (AccountsSection builds the cards of a long list a
 * few at a time after the first paint): the same list item, heading and words a person reads
 * first (provider, state, balance), with none of the card's controls yet.
 */
export function CompactRow({ status }: { status: AccountStatus }) {
  const { account, reading } = status;
  const facts = [
    providerName(account.provider),
    stateText(status),
    reading ? formatAmount(reading.primary) : null,
  ];
  return (
    <li
      class={`account compact state-${status.state}`}
      id={`account-${account.id}`}
      data-failing={status.failing ? 'true' : undefined}
    >
      <h3 class="account-name" title={account.name}>
        {account.name}
      </h3>
      <p class="compact-facts">{facts.filter((fact) => fact !== null).join(' · ')}</p>
    </li>
  );
}
