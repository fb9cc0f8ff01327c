import { t } from '../../lib/i18n';
import { type Amount, isCurrency } from '../../lib/money';

/**
 * lib/money's formatAmount with two changes the pages need: unit words go through t() so they
 * can be translated, and Intl.NumberFormat instances are reused (building one costs ~40 µs, which
 * adds up over 500 rows).
 */

const formatters = new Map<string, Intl.NumberFormat>();

function fractionDigits(value: string): number {
  return value.split('.')[1]?.length ?? 0;
}

function numberFormat(
  locale: string | undefined,
  currency: string | null,
  digits: number,
): Intl.NumberFormat {
  const key = `${locale ?? ''}|${currency ?? ''}|${digits}`;
  let format = formatters.get(key);
  if (!format) {
    format = currency
      ? new Intl.NumberFormat(locale, {
          style: 'currency',
          currency,
          maximumFractionDigits: Math.max(2, digits),
        })
      : new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
    formatters.set(key, format);
  }
  return format;
}

export function formatAmountText(amount: Amount, locale?: string): string {
  const digits = fractionDigits(amount.value);
  // Intl accepts decimal strings and keeps their precision (no float rounding).
  const value = amount.value as unknown as number;
  if (isCurrency(amount.unit)) return numberFormat(locale, amount.unit, digits).format(value);
  const number = numberFormat(locale, null, digits).format(value);
  if (amount.unit.startsWith('points:')) return t('common_amount_points', number);
  if (amount.unit === 'credits') return t('common_amount_credits', number);
  return `${number} ${amount.unit}`;
}
