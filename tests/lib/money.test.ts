import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import {
  addDecimals,
  compareDecimals,
  compareUnits,
  formatAmount,
  formatExact,
  isRounded,
  pointsUnit,
  subtractDecimals,
  toDecimal,
  totalsByUnit,
} from '@/lib/money';

describe('money', () => {
  it('adds decimals exactly', () => {
    expect(addDecimals('0.10', '0.20')).toBe('0.3');
    expect(
      totalsByUnit([
        { value: '0.10', unit: 'USD' },
        { value: '0.20', unit: 'USD' },
      ]),
    ).toEqual([{ value: '0.3', unit: 'USD' }]);
  });

  it('never adds different units', () => {
    const totals = totalsByUnit([
      { value: '200', unit: 'USD' },
      { value: '109970', unit: 'INR' },
      { value: '50.5', unit: 'USD' },
      { value: '8500', unit: pointsUnit('capillary') },
      { value: '10', unit: pointsUnit('xoxoday') },
    ]);
    expect(totals).toEqual([
      { value: '250.5', unit: 'USD' },
      { value: '109970', unit: 'INR' },
      { value: '8500', unit: 'points:capillary' },
      { value: '10', unit: 'points:xoxoday' },
    ]);
  });

  it('canonicalises what providers send', () => {
    expect(toDecimal(8500.0)).toBe('8500');
    expect(toDecimal('8500.000')).toBe('8500');
    expect(toDecimal('12.50')).toBe('12.5');
    expect(() => toDecimal('12,50')).toThrow();
    expect(() => toDecimal(Number.NaN)).toThrow();
  });

  it('compares exactly', () => {
    expect(compareDecimals('100.00', '100')).toBe(0);
    expect(compareDecimals('99.999999999999999999', '100')).toBe(-1);
  });

  it('formats with Intl for the locale', () => {
    expect(formatAmount({ value: '1234.5', unit: 'USD' }, 'en-US')).toBe('$1,234.50');
    expect(formatAmount({ value: '109970', unit: 'INR' }, 'en-IN')).toBe('₹1,09,970.00');
    expect(formatAmount({ value: '1234567', unit: 'points:capillary' }, 'de-DE')).toBe(
      '1.234.567 points',
    );
    // Every digit survives in the exact form, which the expanded row shows.
    expect(formatExact({ value: '0.123456789012345678', unit: 'credits' }, 'en-US')).toBe(
      '0.123456789012345678 credits',
    );
  });

  it('canonicalises the exponent notation JSON numbers print', () => {
    expect(toDecimal(1e21)).toBe('1000000000000000000000');
    expect(toDecimal(1.5e-7)).toBe('0.00000015');
    expect(toDecimal(-0)).toBe('0');
    expect(toDecimal('-0.00')).toBe('0');
    expect(subtractDecimals('0.3', '0.1')).toBe('0.2');
    expect(subtractDecimals('5', '5')).toBe('0');
    expect(() => toDecimal('1e5')).toThrow();
    expect(() => addDecimals('1', 'abc')).toThrow();
  });

  it('agrees with big.js, the library it replaced, on random amounts', () => {
    // A small deterministic generator, so a failure always shows the same values.
    let seed = 0x2545f491;
    const next = (n: number) => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    const digits = (length: number) =>
      Array.from({ length }, () => String(next(10))).join('') || '0';
    const decimal = () => {
      const sign = next(3) === 0 ? '-' : '';
      const whole = digits(1 + next(25));
      return next(2) === 0 ? `${sign}${whole}` : `${sign}${whole}.${digits(1 + next(20))}`;
    };
    for (let i = 0; i < 2000; i++) {
      const a = decimal();
      const b = next(10) === 0 ? a : decimal();
      expect(toDecimal(a), a).toBe(new Big(a).toFixed());
      expect(addDecimals(a, b), `${a} + ${b}`).toBe(new Big(a).plus(b).toFixed());
      expect(subtractDecimals(a, b), `${a} - ${b}`).toBe(new Big(a).minus(b).toFixed());
      expect(compareDecimals(a, b), `${a} vs ${b}`).toBe(new Big(a).cmp(b));
      const n = (next(2) === 0 ? 1 : -1) * next(1e6) * 10 ** (next(60) - 30);
      expect(toDecimal(n), String(n)).toBe(new Big(n).toFixed());
    }
  });
});

describe('currency minor digits', () => {
  it('follow the currency: 3 for KWD, 0 for JPY, 2 for USD; the exact form keeps every digit', () => {
    expect(formatAmount({ value: '12.5', unit: 'KWD' }, 'en-US')).toMatch(/^KWD\s12\.500$/);
    expect(formatAmount({ value: '1000', unit: 'JPY' }, 'en-US')).toBe('¥1,000');
    expect(formatAmount({ value: '7', unit: 'USD' }, 'en-US')).toBe('$7.00');
    expect(formatAmount({ value: '0.12345', unit: 'USD' }, 'en-US')).toBe('$0.12');
    expect(formatExact({ value: '0.12345', unit: 'USD' }, 'en-US')).toBe('$0.12345');
    expect(formatExact({ value: '7', unit: 'USD' }, 'en-US')).toBe('$7.00');
  });
});

describe('one precision per unit (issue 14)', () => {
  it('shows points and credits without trailing zeros and at most 2 decimals', () => {
    const points = (value: string) => formatAmount({ value, unit: 'points:capillary' }, 'en-US');
    expect(points('8474.54')).toBe('8,474.54 points');
    expect(points('8391.276')).toBe('8,391.28 points');
    expect(points('8500')).toBe('8,500 points');
    expect(points('12.5')).toBe('12.5 points');
    expect(formatAmount({ value: '40.499', unit: 'credits' }, 'en-US')).toBe('40.5 credits');
  });

  it('says when the shown value is rounded, and the exact one keeps every digit', () => {
    const exact = { value: '8391.276', unit: 'points:capillary' };
    expect(isRounded(exact, 'en-US')).toBe(true);
    expect(formatExact(exact, 'en-US')).toBe('8,391.276 points');
    expect(isRounded({ value: '8474.54', unit: 'points:capillary' }, 'en-US')).toBe(false);
    expect(isRounded({ value: '7', unit: 'USD' }, 'en-US')).toBe(false);
  });

  it('orders units the same way whatever order the readings came in', () => {
    const units = ['credits', 'points:capillary', 'USD', 'INR', 'XYZ-UNIT', 'points:acme'];
    expect([...units].sort(compareUnits)).toEqual([
      'INR',
      'USD',
      'points:acme',
      'points:capillary',
      'credits',
      'XYZ-UNIT',
    ]);
  });
});
