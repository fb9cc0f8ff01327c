import { describe, expect, it } from 'vitest';
import {
  addDecimals,
  compareDecimals,
  formatAmount,
  pointsUnit,
  toDecimal,
  totalsByUnit,
} from '../lib/money';

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
    expect(formatAmount({ value: '0.123456789012345678', unit: 'credits' }, 'en-US')).toBe(
      '0.123456789012345678 credits',
    );
  });
});
