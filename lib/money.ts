import Big from 'big.js';

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

/** Formats through Intl.NumberFormat so grouping and symbols follow the browser's locale. */
export function formatAmount(amount: Amount, locale?: string): string {
  // Intl accepts decimal strings and keeps their precision (no float rounding).
  const value = amount.value as unknown as number;
  if (isCurrency(amount.unit)) {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: amount.unit,
      maximumFractionDigits: Math.max(2, fractionDigits(amount.value)),
    }).format(value);
  }
  const number = new Intl.NumberFormat(locale, {
    maximumFractionDigits: Math.max(0, fractionDigits(amount.value)),
  }).format(value);
  return `${number} ${unitLabel(amount.unit)}`;
}

export function unitLabel(unit: Unit): string {
  if (unit.startsWith('points:')) return 'points';
  return unit;
}
