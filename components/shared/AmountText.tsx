import type { Amount } from '@/lib/money';
import { formatAmount } from '@/lib/money';

interface Props {
  amount: Amount;
  class?: string;
}

/** An amount in the browser's locale; `data-unit` lets styles and tests tell units apart. */
export function AmountText({ amount, class: className }: Props) {
  return (
    <span class={className} data-unit={amount.unit}>
      {formatAmount(amount)}
    </span>
  );
}
