import { t } from '@/lib/i18n';

/**
 * A unit is an ISO 4217 currency code ("USD"), "credits", or points, which are only comparable
 * within one program: "points:<provider>" (one kind for the provider, Xoxoday's points),
 * "points:<provider>#<program>" (one per org and program, as the adapter tells them apart) or
 * "points:<provider>:<name>" (named by the user, e.g. "Acme points"). Totals add equal units
 * only, so two programs' points are never added together.
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
 * Exact decimal arithmetic on BigInt (what big.js did, in a fraction of the bytes): a value is
 * `int × 10^-scale`. The grammar is big.js's, so what a JSON number prints (1e+21, 1.5e-7) reads
 * as well as a plain decimal.
 */
interface Exact {
  int: bigint;
  scale: number;
}

const NUMERIC = /^(-?)(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:e([+-]?\d+))?$/i;
/** Far beyond any JS number (1e308, 5e-324); keeps a silly exponent from building a huge power. */
const MAX_EXPONENT = 1000;

function exact(text: string): Exact {
  const match = NUMERIC.exec(text);
  if (!match) throw new RangeError('not a decimal');
  // "12.5" fills whole and fraction, ".5" only the bare fraction.
  const [, sign = '', whole = '', fractionAfterWhole = '', bareFraction = '', exponent = '0'] =
    match;
  const fraction = fractionAfterWhole || bareFraction;
  const power = Number(exponent);
  if (Math.abs(power) > MAX_EXPONENT) throw new RangeError('exponent out of range');
  const int = BigInt(`${sign}${whole}${fraction}`);
  const scale = fraction.length - power;
  return scale < 0 ? { int: int * 10n ** BigInt(-scale), scale: 0 } : { int, scale };
}

/** Both on the larger scale, so their ints can be added and compared. */
function aligned(a: Exact, b: Exact): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.int * 10n ** BigInt(scale - a.scale), b.int * 10n ** BigInt(scale - b.scale), scale];
}

function add(a: Exact, b: Exact): Exact {
  const [x, y, scale] = aligned(a, b);
  return { int: x + y, scale };
}

/** Plain notation, no trailing fraction zeros, no "-0": what big.js's toFixed() gives. */
function plain({ int, scale }: Exact): string {
  const digits = (int < 0n ? -int : int).toString().padStart(scale + 1, '0');
  const cut = digits.length - scale;
  const fraction = digits.slice(cut).replace(/0+$/, '');
  return `${int < 0n ? '-' : ''}${digits.slice(0, cut)}${fraction ? `.${fraction}` : ''}`;
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
  // Exponent notation is read only as JSON numbers print it (1e21); DECIMAL guards strings.
  if (typeof value === 'string' && !isDecimal(text)) throw new RangeError('not a decimal');
  return plain(exact(text));
}

export function currencyUnit(code: string): Unit {
  return code.trim().toUpperCase();
}

/** A provider's points; with `program`, one program's points (an opaque key the adapter makes). */
export function pointsUnit(providerId: string, program?: string): Unit {
  return program ? `points:${providerId}#${program}` : `points:${providerId}`;
}

/** Points the user named: accounts given the same name add up, whatever their program. */
export function namedPointsUnit(providerId: string, name: string): Unit {
  return `points:${providerId}:${name.trim()}`;
}

const POINTS = /^points:([a-z0-9]+)(?:#.*|:(.+))?$/s;

/** Whose points a unit counts, and their name if the user gave one; null when not points. */
export function pointsOwner(unit: Unit): { provider: string; name: string | null } | null {
  const match = POINTS.exec(unit);
  return match ? { provider: match[1] as string, name: match[2] ?? null } : null;
}

export const CREDITS: Unit = 'credits';

export function isCurrency(unit: Unit): boolean {
  return /^[A-Z]{3}$/.test(unit);
}

export function addDecimals(a: string, b: string): string {
  return plain(add(exact(a), exact(b)));
}

export function subtractDecimals(a: string, b: string): string {
  const { int, scale } = exact(b);
  return plain(add(exact(a), { int: -int, scale }));
}

/** -1, 0 or 1, exactly. */
export function compareDecimals(a: string, b: string): -1 | 0 | 1 {
  const [x, y] = aligned(exact(a), exact(b));
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The order totals are listed in, the same on every open whatever order the readings came in:
 * currencies by code, then points by program, then credits, then any other unit.
 */
export function compareUnits(a: Unit, b: Unit): number {
  const rank = (unit: Unit) =>
    isCurrency(unit) ? 0 : unit.startsWith('points:') ? 1 : unit === CREDITS ? 2 : 3;
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** One total per unit, in first-seen order; different units are never added together. */
export function totalsByUnit(amounts: readonly Amount[]): Amount[] {
  const totals = new Map<Unit, Exact>();
  for (const { value, unit } of amounts) {
    totals.set(unit, add(totals.get(unit) ?? { int: 0n, scale: 0 }, exact(value)));
  }
  return [...totals].map(([unit, sum]) => ({ unit, value: plain(sum) }));
}

function fractionDigits(value: string): number {
  return value.split('.')[1]?.length ?? 0;
}

/** Points and credits show at most this many decimals; the exact value is in formatExact. */
const COUNT_UNIT_MAX_DIGITS = 2;

/** Building an Intl.NumberFormat costs ~40 µs, which adds up over a popup of 500 rows. */
const formatters = new Map<string, Intl.NumberFormat>();

/**
 * `exactDigits` null: the unit's one precision (a currency's minor digits; 0 to 2 for counts).
 * A number: every digit the amount has, for the exact value (never fewer than a currency's own).
 */
function numberFormat(
  locale: string | undefined,
  currency: string | null,
  exactDigits: number | null,
): Intl.NumberFormat {
  const key = `${locale ?? ''}|${currency ?? ''}|${exactDigits ?? ''}`;
  let format = formatters.get(key);
  if (!format) {
    if (currency) {
      // A currency's format shows its minor digits (ISO 4217, the same in every locale); the
      // exact value adds any more the amount has. One construction where there were three.
      format = new Intl.NumberFormat(locale, { style: 'currency', currency });
      const minor = format.resolvedOptions().maximumFractionDigits as number;
      if (exactDigits !== null && exactDigits > minor) {
        format = new Intl.NumberFormat(locale, {
          style: 'currency',
          currency,
          minimumFractionDigits: minor,
          maximumFractionDigits: exactDigits,
        });
      }
    } else {
      const digits = exactDigits ?? COUNT_UNIT_MAX_DIGITS;
      format = new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
    }
    formatters.set(key, format);
  }
  return format;
}

function withUnit(number: string, unit: Unit): string {
  const points = pointsOwner(unit);
  // A name the user gave is their word for the unit, shown as typed.
  if (points?.name) return `${number} ${points.name}`;
  if (points) return t('common_amount_points', number);
  if (unit === CREDITS) return t('common_amount_credits', number);
  // Any other unit is a code the provider sent, shown as it came.
  return `${number} ${unit}`;
}

function format(amount: Amount, locale: string | undefined, digits: number | null): string {
  // Intl accepts decimal strings and keeps their precision (no float rounding).
  const value = amount.value as unknown as number;
  if (isCurrency(amount.unit)) return numberFormat(locale, amount.unit, digits).format(value);
  return withUnit(numberFormat(locale, null, digits).format(value), amount.unit);
}

/**
 * An amount at its unit's one precision, the same everywhere (rows, totals, thresholds, badge,
 * notifications): a currency with its own minor digits (2 for USD, 0 for JPY, 3 for KWD), points
 * and credits without trailing zeros and at most COUNT_UNIT_MAX_DIGITS decimals. Grouping and
 * symbols follow the browser's locale; the unit words ("points", "credits") come from the
 * messages, so the word order can follow the language.
 */
export function formatAmount(amount: Amount, locale?: string): string {
  return format(amount, locale, null);
}

/** Every digit the provider sent, for the expanded row: "8,391.276 points". */
export function formatExact(amount: Amount, locale?: string): string {
  return format(amount, locale, fractionDigits(amount.value));
}

/** Whether formatAmount rounds this amount, so the exact value is worth showing too. */
export function isRounded(amount: Amount, locale?: string): boolean {
  return formatAmount(amount, locale) !== formatExact(amount, locale);
}

/** A unit on its own, as in "Low threshold (in points)"; a currency stays its ISO code. */
export function unitLabel(unit: Unit): string {
  const points = pointsOwner(unit);
  if (points) return points.name ?? t('common_unit_points');
  if (unit === CREDITS) return t('common_unit_credits');
  return unit;
}
