import Big from 'big.js';
import { t } from './i18n';

/**
 * A unit is an ISO 4217 currency code ("USD"), "points:<provider>" (points are only comparable
 * within one provider's program) or "credits".
 */
export type Unit = string;

/** A decimal amount kept as a string so nothing is lost to binary floating point. */
export interface Amount {
  value: string;
  unit: Unit;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

export function isDecimal(value: string): boolean {
  return DECIMAL.test(value);
}

/**
 * Turns what a provider sent (a JSON number or a decimal string) into a canonical decimal
 * string: "8500.000" -> "8500", 109970 -> "109970", "12.50" -> "12.5".
 */
export function toDecimal(value: number | string): string {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new RangeError('not a finite number');
  }
  const text = typeof value === 'number' ? String(value) : value.trim();
  // Big accepts exponent notation that JSON numbers can produce (1e21); DECIMAL guards strings.
  if (typeof value === 'string' && !isDecimal(text)) throw new RangeError('not a decimal');
  return new Big(text).toFixed();
}

export function currencyUnit(code: string): Unit {
  return code.trim().toUpperCase();
}

export function pointsUnit(providerId: string): Unit {
  return `points:${providerId}`;
}

export const CREDITS: Unit = 'credits';

export function isCurrency(unit: Unit): boolean {
  return /^[A-Z]{3}$/.test(unit);
}

export function addDecimals(a: string, b: string): string {
  return new Big(a).plus(b).toFixed();
}

export function subtractDecimals(a: string, b: string): string {
  return new Big(a).minus(b).toFixed();
}

/** -1, 0 or 1, exactly. */
export function compareDecimals(a: string, b: string): -1 | 0 | 1 {
  return new Big(a).cmp(b) as -1 | 0 | 1;
}

/** One total per unit, in first-seen order; different units are never added together. */
export function totalsByUnit(amounts: readonly Amount[]): Amount[] {
  const totals = new Map<Unit, Big>();
  for (const { value, unit } of amounts) {
    totals.set(unit, (totals.get(unit) ?? new Big(0)).plus(value));
  }
  return [...totals].map(([unit, sum]) => ({ unit, value: sum.toFixed() }));
}

function fractionDigits(value: string): number {
  return value.split('.')[1]?.length ?? 0;
}

/** Building an Intl.NumberFormat costs ~40 µs, which adds up over a popup of 500 rows. */
const formatters = new Map<string, Intl.NumberFormat>();

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

/**
 * Formats through Intl.NumberFormat so grouping and symbols follow the browser's locale; the unit
 * words ("points", "credits") come from the messages, so the word order can follow the language.
 */
export function formatAmount(amount: Amount, locale?: string): string {
  const digits = fractionDigits(amount.value);
  // Intl accepts decimal strings and keeps their precision (no float rounding).
  const value = amount.value as unknown as number;
  if (isCurrency(amount.unit)) return numberFormat(locale, amount.unit, digits).format(value);
  const number = numberFormat(locale, null, digits).format(value);
  if (amount.unit.startsWith('points:')) return t('common_amount_points', number);
  if (amount.unit === CREDITS) return t('common_amount_credits', number);
  // Any other unit is a code the provider sent, shown as it came.
  return `${number} ${amount.unit}`;
}

/** A unit on its own, as in "Low threshold (in points)"; a currency stays its ISO code. */
export function unitLabel(unit: Unit): string {
  if (unit.startsWith('points:')) return t('common_unit_points');
  if (unit === CREDITS) return t('common_unit_credits');
  return unit;
}
