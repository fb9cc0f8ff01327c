import { formatWhen } from '@/components/options/settings-text';
import { AmountText } from '@/components/shared/AmountText';
import { statusAdvice } from '@/lib/error-advice';
import { errorTitle } from '@/lib/errors';
import { runOutText } from '@/lib/forecast-text';
import { t } from '@/lib/i18n';
import { formatAmount, type Unit } from '@/lib/money';
import { CATALOG, isProviderId } from '@/lib/providers/catalog';
import { providerName } from '@/lib/providers/names';
import type { AccountStatus } from '@/lib/status';
import { hostOf } from '@/lib/url';
import { snoozedText, stateText, whenText, wordsText } from '@/lib/view/status-text';

interface Props {
  status: AccountStatus;
  /** The custom host is not granted: the account cannot be checked. */
  noAccess: boolean;
  onFix: (field: string) => void;
}

/**
 * What an options row says of its account, in the popup's words (lib/view/status-text.ts): the
 * state, the balance with the same one line of when, the threshold in force, and for a failure
 * what it means and what to do. `noAccess` is not a status but what the browser says right now:
 * the host was never granted, so the next attempt cannot even start.
 */
export function StatusFacts({ status, noAccess, onFix }: Props) {
  const { account } = status;
  const watched = status.state !== 'disabled';
  const advice = statusAdvice(status);
  const runOut = watched ? runOutText(status.forecast, Date.now()) : null;
  const snoozed = watched ? snoozedText(status.snoozed, Date.now()) : null;
  return (
    <>
      <dl>
        <div>
          <dt>{t('options_provider_label')}</dt>
          <dd>{providerName(account.provider)}</dd>
        </div>
        <div>
          <dt>{t('options_status_label')}</dt>
          <dd class="status">
            {watched && noAccess
              ? t('options_status_no_access', hostOf(account.baseUrl))
              : stateText(status)}
          </dd>
        </div>
        <div>
          <dt>{t('options_reading_label')}</dt>
          <dd>
            {status.reading ? (
              <AmountText amount={status.reading.primary} />
            ) : (
              t('options_reading_none')
            )}
            {watched ? <When status={status} /> : null}
          </dd>
        </div>
        <div>
          <dt>{t('options_threshold_label')}</dt>
          <dd class="threshold">{thresholdText(status)}</dd>
        </div>
        {runOut ? (
          <div>
            <dt>{t('options_forecast_label')}</dt>
            {/* A warning within the run-out lead, as in the popup; muted otherwise. */}
            <dd class={status.runningOut ? 'forecast warning' : 'forecast'}>{runOut}</dd>
          </div>
        ) : null}
        {snoozed ? (
          <div>
            <dt>{t('options_alerts_label')}</dt>
            <dd class="snoozed">{snoozed}</dd>
          </div>
        ) : null}
      </dl>
      {advice && status.error ? (
        <p class="advice">
          <strong>{errorTitle(status.error.kind)}:</strong>{' '}
          {advice.what ? `${wordsText(advice.what)} ` : null}
          {wordsText(advice.todo)}
          {advice.fix && advice.fix !== 'grant' ? (
            <>
              {' '}
              <button
                type="button"
                class="link"
                aria-label={t('options_fix_named', account.name)}
                onClick={() => onFix(advice.fix ?? '')}
              >
                {t('options_fix')}
              </button>
            </>
          ) : null}
        </p>
      ) : null}
    </>
  );
}

/** The popup's line of when, with the exact time on hover. */
function When({ status }: { status: AccountStatus }) {
  const at = status.readingAt ?? status.lastAttemptAt;
  return (
    <span class="when" title={at === null ? undefined : formatWhen(at)}>
      {' '}
      {whenText(status, Date.now())}
    </span>
  );
}

/** The threshold in force, in the account's unit when known; "(default)" when not its own. */
function thresholdText(status: AccountStatus): string {
  if (status.threshold === null) return t('common_none');
  const unit: Unit | undefined =
    status.reading?.primary.unit ??
    (isProviderId(status.account.provider)
      ? CATALOG[status.account.provider].fixedUnit
      : undefined);
  const value = unit ? formatAmount({ value: status.threshold, unit }) : status.threshold;
  return status.account.lowThreshold === null ? t('options_threshold_default', value) : value;
}
