import { AmountText } from '@/components/shared/AmountText';
import { t } from '@/lib/i18n';
import type { Amount } from '@/lib/money';
import { providerName } from '@/lib/providers/names';
import type { ProviderId } from '@/lib/providers/types';

interface Props {
  totals: Amount[];
  lowCount: number;
}

/** Points are per program, so a points total names whose points they are. */
function pointsProgram(unit: string): string | null {
  if (!unit.startsWith('points:')) return null;
  return providerName(unit.slice('points:'.length) as ProviderId) || null;
}

export function Totals({ totals, lowCount }: Props) {
  return (
    <section class="totals" aria-labelledby="totals-heading">
      <h1 id="totals-heading" class="caption">
        {t('popup_totals')}
      </h1>
      <ul class="total-list">
        {totals.map((total) => {
          const program = pointsProgram(total.unit);
          return (
            <li key={total.unit} class="total">
              <AmountText class="total-amount" amount={total} />
              {program && <span class="total-program">{program}</span>}
            </li>
          );
        })}
      </ul>
      <p class={lowCount > 0 ? 'low-count is-low' : 'low-count'}>
        {lowCount > 0 ? t('popup_lowCount', String(lowCount)) : t('popup_noneLow')}
      </p>
    </section>
  );
}
