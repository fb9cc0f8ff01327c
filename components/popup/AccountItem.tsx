import { useState } from 'preact/hooks';
import { AccountDetails } from '@/components/popup/AccountDetails';
import { AmountText } from '@/components/shared/AmountText';
import { Sparkline } from '@/components/shared/Sparkline';
import { accountOptionsPath } from '@/lib/account-link';
import { errorHint, errorTitle, specificMessage } from '@/lib/errors';
import { t } from '@/lib/i18n';
import { formatAmount } from '@/lib/money';
import { providerName } from '@/lib/providers/names';
import { type AccountRow, tokenWarningText, updatedText } from '@/lib/view/popup-view';

/** What history adds to a row once it has loaded after the first paint. */
export interface Trend {
  values: number[];
  runsOut: string | null;
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
    <li class="account" data-state={row.state}>
      <button
        type="button"
        class="account-head"
        aria-expanded={open}
        aria-controls={detailsId}
        onClick={() => setOpen(!open)}
      >
        <span class="chevron" aria-hidden="true" />
        <span class="who">
          <span class="name">{row.name}</span>
          <span class="provider">{providerName(row.provider)}</span>
        </span>
        {row.amount ? (
          <AmountText class="amount" amount={row.amount} />
        ) : (
          <span class="amount none">{t('popup_noBalance')}</span>
        )}
      </button>
      <p class="meta">
        {row.isLow && row.threshold && (
          <span class="low">
            <span class="tag tag-low">{t('popup_lowFlag')}</span>{' '}
            {t('popup_lowBelow', formatThreshold(row))}
          </span>
        )}
        <span class="updated">{updatedText(row.readingAt, now)}</span>
        {row.isStale && (
          <span class="tag tag-stale" title={t('popup_staleHint')}>
            {t('popup_stale')}
          </span>
        )}
      </p>
      {row.error && <ErrorNote row={row} />}
      {tokenWarning && (
        <p class="note warn">
          {tokenWarning}{' '}
          <a href={accountOptionsPath(row.id)} target="_blank" rel="noopener">
            {t('popup_renewInSettings')}
          </a>
        </p>
      )}
      {trend && (trend.values.length > 1 || trend.runsOut) && (
        <p class="trend">
          <Sparkline values={trend.values} label={t('popup_history')} />
          {trend.runsOut && <span class="runs-out">{trend.runsOut}</span>}
        </p>
      )}
      <div id={detailsId} hidden={!open}>
        {open && <AccountDetails row={row} />}
      </div>
    </li>
  );
}

function formatThreshold(row: AccountRow): string {
  return row.threshold ? formatAmount(row.threshold) : '';
}

function ErrorNote({ row }: { row: AccountRow }) {
  const error = row.error;
  if (!error) return null;
  const message = specificMessage(error.kind, error.message);
  return (
    <div class="note error">
      <p>
        <strong>{errorTitle(error.kind)}</strong>
        {message && `: ${message}`}
        {error.providerCode && ` (${t('popup_errorCode', error.providerCode)})`}
      </p>
      <p>
        {errorHint(error.kind)}{' '}
        <a href={accountOptionsPath(row.id)} target="_blank" rel="noopener">
          {t('popup_fixInSettings')}
        </a>
      </p>
    </div>
  );
}
