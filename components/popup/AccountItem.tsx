import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { AccountDetails } from '@/components/popup/AccountDetails';
import { AlertLine } from '@/components/popup/AlertLine';
import { ErrorNote, FixLink } from '@/components/popup/ErrorNote';
import { AmountText } from '@/components/shared/AmountText';
import { Sparkline } from '@/components/shared/Sparkline';
import { t } from '@/lib/i18n';
import { formatAmount } from '@/lib/money';
import { providerName } from '@/lib/providers/names';
import { type AccountRow, tokenWarningText } from '@/lib/view/popup-view';

/** What history adds to a row once it has loaded after the first paint. */
export interface Trend {
  values: number[];
  /** The sparkline's lowest and highest value, formatted. */
  scale: { low: string; high: string } | null;
}

interface Props {
  row: AccountRow;
  now: number;
  trend?: Trend;
}

export function AccountItem({ row, now, trend }: Props) {
  const [open, setOpen] = useState(false);
  const detailsId = `details-${row.id}`;
  const tokenWarning = tokenWarningText(row.tokenExpiresAt, now);
  return (
    <li class="account" data-state={row.state} data-failing={row.failing ? 'true' : undefined}>
      <button
        type="button"
        class="account-head"
        aria-expanded={open}
        aria-controls={detailsId}
        onClick={() => setOpen(!open)}
      >
        <span class="chevron" aria-hidden="true" />
        <span class="who">
          {/* Cut to one line; the whole name shows on hover. */}
          <span class="name" title={row.name}>
            {row.name}
          </span>
          <span class="provider">{providerName(row.provider)}</span>
        </span>
        {row.amount ? (
          <AmountText class="amount" amount={row.amount} />
        ) : (
          <span class="amount none">{t('popup_noBalance')}</span>
        )}
      </button>
      <p class="meta">
        {row.tags.map((tag) => (
          <Fragment key={tag.kind}>
            <span class={tagClass(tag.kind, row)}>{tag.text}</span>
            {/* "Low below $500.00" reads as one, before any other tag. */}
            {tag.kind === 'low' && row.threshold && (
              <span class="low">{t('popup_lowBelow', formatThreshold(row))}</span>
            )}
          </Fragment>
        ))}
        <span class="updated">{row.when}</span>
      </p>
      {row.failing && <ErrorNote row={row} />}
      {tokenWarning && (
        <p class="note warn">
          {tokenWarning}{' '}
          <FixLink
            account={row.id}
            field="credentials.accessToken"
            label={t('popup_renewInSettings')}
          />
        </p>
      )}
      {((trend && trend.values.length > 1) || row.runOut) && (
        <p class="trend">
          {trend && trend.values.length > 1 && (
            <Sparkline values={trend.values} label={t('popup_history')} scale={trend.scale} />
          )}
          {row.runOut && (
            <span class={row.runOut.warning ? 'runs-out warning' : 'runs-out'}>
              {row.runOut.text}
            </span>
          )}
        </p>
      )}
      <AlertLine row={row} />
      <div id={detailsId} hidden={!open}>
        {open && <AccountDetails row={row} />}
      </div>
    </li>
  );
}

/** "tag-stale" marks an amount shown that is not current, failing or old: one look for both. */
function tagClass(kind: AccountRow['tags'][number]['kind'], row: AccountRow): string {
  const stale = kind !== 'low' && row.isStale ? ' tag-stale' : '';
  return `tag tag-${kind}${stale}`;
}

function formatThreshold(row: AccountRow): string {
  return row.threshold ? formatAmount(row.threshold) : '';
}
