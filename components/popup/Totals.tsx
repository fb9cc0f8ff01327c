import { AmountText } from '@/components/shared/AmountText';
import { t } from '@/lib/i18n';
import { formatAmount } from '@/lib/money';
import { providerName } from '@/lib/providers/names';
import type { Total } from '@/lib/status';

interface Props {
  totals: Total[];
  /** What the totals leave out and how old what they include is. */
  note: string | null;
  /** "4 low · 3 can't be read". */
  headline: string;
  /** Something is low or failing: the headline is a warning. */
  alarming: boolean;
}

/**
 * A total's label: the providers it adds up, the same for every unit. Two totals that would read
 * alike (two programs' points of one provider) also name their accounts.
 */
function labels(totals: readonly Total[]): string[] {
  const plain = totals.map((total) => total.providers.map((id) => providerName(id)).join(', '));
  const shared = plain.filter((label, i) => plain.indexOf(label) !== i);
  // Each total's words once (comparing every pair would format them n² times), and only where
  // another total has the same providers: formatting every unit cost the first paint about a
  // millisecond with a dozen units.
  const look = totals.map((total, i) =>
    shared.includes(plain[i] as string)
      ? `${plain[i]}\n${formatAmount({ value: '0', unit: total.amount.unit })}`
      : null,
  );
  return totals.map((total, i) => {
    const twin = look[i] !== null && look.some((other, j) => j !== i && other === look[i]);
    return twin ? `${plain[i]} · ${total.names.join(', ')}` : (plain[i] as string);
  });
}

/** One total per unit, each labelled alike by the providers it adds up. */
export function Totals({ totals, note, headline, alarming }: Props) {
  const label = labels(totals);
  return (
    <section class="totals" aria-labelledby="totals-heading">
      <h1 id="totals-heading" class="caption">
        {t('popup_totals')}
      </h1>
      <ul class="total-list">
        {totals.map((total, i) => (
          <li key={total.amount.unit} class="total">
            <AmountText class="total-amount" amount={total.amount} />
            <span class="total-program">{label[i]}</span>
          </li>
        ))}
      </ul>
      {note && <p class="totals-note">{note}</p>}
      <p class={alarming ? 'low-count is-low' : 'low-count'}>{headline}</p>
    </section>
  );
}
