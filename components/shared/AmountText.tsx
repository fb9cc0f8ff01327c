import type { Amount } from '../../lib/money';
import { formatAmountText } from './format';

interface Props {
  amount: Amount;
  class?: string;
}

/** An amount in the browser's locale; `data-unit` lets styles and tests tell units apart. */
export function AmountText({ amount, class: className }: Props) {
  return (
    <span class={className} data-unit={amount.unit}>
      {formatAmountText(amount)}
    </span>
  );
}
