import { t } from '@/lib/i18n';
import type { WixPool } from '@/lib/messages';
import { CREDITS, formatAmount } from '@/lib/money';

interface Props {
  pools: readonly WixPool[];
  picked: ReadonlySet<string>;
  onToggle: (poolId: string, picked: boolean) => void;
  onAddMany: () => void;
  busy: boolean;
}

/** The site's pools from listWixPools: one picked fills the pool id, several add one account each. */
export function WixPools({ pools, picked, onToggle, onAddMany, busy }: Props) {
  if (pools.length === 0) return <p class="field-note">{t('options_pools_none')}</p>;
  return (
    <fieldset class="pools">
      <legend>{t('options_pools_legend')}</legend>
      <p class="field-help">{t('options_pools_help')}</p>
      <ul>
        {pools.map((pool) => {
          const id = `pool-${pool.poolId}`;
          const available = formatAmount({ value: pool.available, unit: CREDITS });
          return (
            <li key={pool.poolId}>
              <input
                id={id}
                type="checkbox"
                checked={picked.has(pool.poolId)}
                onChange={(e) => onToggle(pool.poolId, e.currentTarget.checked)}
              />
              <label for={id}>
                {t('options_pool_option', [pool.label || pool.poolId, available])}
              </label>
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
