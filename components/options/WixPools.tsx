import { t } from '@/lib/i18n';
import { formatAmount, type Unit } from '@/lib/money';
import type { DiscoveredTarget } from '@/lib/providers/types';

interface Props {
  pools: readonly DiscoveredTarget[];
  /** The provider's fixed unit, which the listed balances are in. */
  unit: Unit | undefined;
  picked: ReadonlySet<string>;
  onToggle: (targetId: string, picked: boolean) => void;
}

const short = (id: string) => id.slice(0, 8);

function optionLabel(pool: DiscoveredTarget, unit: Unit | undefined): string {
  const name = pool.label || pool.id;
  if (pool.available === undefined || unit === undefined) return name;
  return t('options_pool_option', [name, formatAmount({ value: pool.available, unit })]);
}

/** What tells a pool apart from look-alikes: program, status, reserved part, its own id. */
function poolFacts(pool: DiscoveredTarget, unit: Unit | undefined): string[] {
  const facts: string[] = [];
  if (pool.beneficiary && pool.beneficiary !== pool.label) facts.push(pool.beneficiary);
  if (pool.program) facts.push(t('options_pool_program', short(pool.program)));
  if (pool.status) {
    facts.push(
      pool.status.toUpperCase() === 'ACTIVE'
        ? t('options_pool_status_active')
        : t('options_pool_status_other', pool.status.toLowerCase()),
    );
  }
  if (pool.reserved !== undefined && unit !== undefined) {
    facts.push(t('options_pool_reserved', formatAmount({ value: pool.reserved, unit })));
  }
  facts.push(t('options_pool_id', short(pool.id)));
  return facts;
}

/**
 * The targets the provider's discovery listed (a Wix site's pools), each with what tells it
 * apart: one picked fills the form's params, several add one account each through the form's
 * own Save (so there is one primary action at a time).
 */
export function WixPools({ pools, unit, picked, onToggle }: Props) {
  if (pools.length === 0) return <p class="field-note">{t('options_pools_none')}</p>;
  return (
    <fieldset class="pools">
      <legend>{t('options_pools_legend')}</legend>
      <p class="field-help">{t('options_pools_help')}</p>
      <ul>
        {pools.map((pool) => {
          const id = `pool-${pool.id}`;
          return (
            <li key={pool.id}>
              <input
                id={id}
                type="checkbox"
                checked={picked.has(pool.id)}
                aria-describedby={`${id}-facts`}
                onChange={(e) => onToggle(pool.id, e.currentTarget.checked)}
              />
              <label for={id}>{optionLabel(pool, unit)}</label>
              <span class="pool-facts" id={`${id}-facts`}>
                {poolFacts(pool, unit).join(' · ')}
              </span>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
