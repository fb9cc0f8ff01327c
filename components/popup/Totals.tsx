import { AmountText } from '@/components/shared/AmountText';
import { t } from '@/lib/i18n';
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

/** One total per unit, each labelled alike by the providers it adds up. */
export function Totals({ totals, note, headline, alarming }: Props) {
  return (
    <section class="totals" aria-labelledby="totals-heading">
      <h1 id="totals-heading" class="caption">
        {t('popup_totals')}
      </h1>
      <ul class="total-list">
        {totals.map((total) => (
          <li key={total.amount.unit} class="total">
            <AmountText class="total-amount" amount={total.amount} />
            <span class="total-program">
              {total.providers.map((id) => providerName(id)).join(', ')}
            </span>
          </li>
        ))}
      </ul>
      {note && <p class="totals-note">{note}</p>}
      <p class={alarming ? 'low-count is-low' : 'low-count'}>{headline}</p>
    </section>
  );
}
