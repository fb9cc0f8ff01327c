import { t } from '@/lib/i18n';
import { formatAmount, type Unit } from '@/lib/money';
import type { DiscoveredTarget } from '@/lib/providers/types';

interface Props {
  pools: readonly DiscoveredTarget[];
  /** The provider's fixed unit, which the listed balances are in. */
  unit: Unit | undefined;
  picked: ReadonlySet<string>;
  onToggle: (targetId: string, picked: boolean) => void;
  onAddMany: () => void;
  busy: boolean;
}

function optionLabel(pool: DiscoveredTarget, unit: Unit | undefined): string {
  const name = pool.label || pool.id;
  if (pool.available === undefined || unit === undefined) return name;
  return t('options_pool_option', [name, formatAmount({ value: pool.available, unit })]);
}

/**
 * The targets the provider's discovery listed (a Wix site's pools): one picked fills the form's
 * params, several add one account each.
 */
export function WixPools({ pools, unit, picked, onToggle, onAddMany, busy }: Props) {
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
                onChange={(e) => onToggle(pool.id, e.currentTarget.checked)}
              />
              <label for={id}>{optionLabel(pool, unit)}</label>
            </li>
          );
        })}
      </ul>
      {picked.size > 1 ? (
        <button type="button" disabled={busy} onClick={onAddMany}>
          {t('options_add_pools', String(picked.size))}
        </button>
      ) : null}
    </fieldset>
  );
}
