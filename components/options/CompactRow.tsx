import { formatAmount } from '@/lib/money';
import { providerName } from '@/lib/providers/names';
import type { AccountStatus } from '@/lib/status';
import { stateText } from '@/lib/view/status-text';

/**
 * Words looked up once per provider and per state: 500 rows ask the browser for a handful of
 * messages instead of a thousand. The state key holds everything stateText reads (the state and
 * the error's kind); tests/components/options/compact-row.test.tsx checks rows of one state with
 * different failures each say their own words.
 */
const words = new Map<string, string>();
function remembered(key: string, text: () => string): string {
  let found = words.get(key);
  if (found === undefined) {
    found = text();
    words.set(key, found);
  }
  return found;
}

/**
 * An account's row before its card is built (AccountsSection builds the cards of a long list a
 * few at a time after the first paint): the same list item, heading and words a person reads
 * first (provider, state, balance), with none of the card's controls yet.
 */
export function CompactRow({ status }: { status: AccountStatus }) {
  const { account, reading } = status;
  const facts = [
    remembered(`provider:${account.provider}`, () => providerName(account.provider)),
    remembered(`state:${status.state}:${status.error?.kind ?? ''}`, () => stateText(status)),
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
