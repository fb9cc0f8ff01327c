import type { RunOut } from '@/lib/forecast';
import { t } from '@/lib/i18n';

/**
 * The forecast in words, the same wherever it is shown (popup row, options row, badge tooltip):
 * "Below threshold in ~3h · empty in ~9h".
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "45m", "3h", "2d", "3w": the unit that keeps the number small, from minutes to weeks, so two
 * hours never read "about a day". Minutes round up, so "~0m" never says it is already there.
 * Notices and team channels (lib/alerts/text.ts) say it in these same words.
 */
export function approxDuration(ms: number, locale?: string): string {
  const [value, unit] =
    ms < HOUR
      ? [Math.max(1, Math.ceil(ms / MINUTE)), 'minute']
      : ms < 2 * DAY
        ? [Math.round(ms / HOUR), 'hour']
        : ms < 14 * DAY
          ? [Math.round(ms / DAY), 'day']
          : [Math.round(ms / (7 * DAY)), 'week'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'narrow' }).format(
    value,
  );
}

/**
 * "Below threshold in ~3h · empty in ~9h", "Below threshold in ~2d", "Empty in ~5h": only the
 * times still ahead; null when there is no forecast or neither is.
 */
export function runOutText(
  forecast: Pick<RunOut, 'thresholdAt' | 'zeroAt'> | null,
  now: number,
  locale?: string,
): string | null {
  if (!forecast) return null;
  const ahead = (at: number | null) =>
    at !== null && at > now ? approxDuration(at - now, locale) : null;
  const threshold = ahead(forecast.thresholdAt);
  const zero = ahead(forecast.zeroAt);
  if (threshold && zero) return t('alert_forecast_both', [threshold, zero]);
  if (threshold) return t('alert_forecast_threshold', threshold);
  return zero ? t('alert_forecast_empty', zero) : null;
}
