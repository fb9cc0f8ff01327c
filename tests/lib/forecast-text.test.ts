import { describe, expect, it } from 'vitest';
import { approxDuration, runOutText } from '@/lib/forecast-text';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2025, 10, 21, 12, 0);

describe('approxDuration', () => {
  it('says minutes, hours, days or weeks, whichever keeps the number small', () => {
    expect(approxDuration(20 * 1000, 'en-US')).toBe('1m');
    expect(approxDuration(44.2 * MINUTE, 'en-US')).toBe('45m');
    expect(approxDuration(2 * HOUR, 'en-US')).toBe('2h');
    expect(approxDuration(47 * HOUR, 'en-US')).toBe('47h');
    expect(approxDuration(3.4 * DAY, 'en-US')).toBe('3d');
    expect(approxDuration(20 * DAY, 'en-US')).toBe('3w');
  });
});

describe('runOutText', () => {
  it('says when the balance goes below its threshold and when it is empty', () => {
    const forecast = { thresholdAt: NOW + 3 * HOUR, zeroAt: NOW + 9 * HOUR };
    expect(runOutText(forecast, NOW, 'en-US')).toBe('Below threshold in ~3h · empty in ~9h');
  });

  it('never says "about a day" for two hours', () => {
    const text = runOutText({ thresholdAt: null, zeroAt: NOW + 2 * HOUR }, NOW, 'en-US');
    expect(text).toBe('Empty in ~2h');
  });

  it('says only what is still ahead, and nothing without a forecast', () => {
    expect(runOutText({ thresholdAt: NOW + 2 * DAY, zeroAt: null }, NOW, 'en-US')).toBe(
      'Below threshold in ~2d',
    );
    expect(runOutText({ thresholdAt: NOW - HOUR, zeroAt: NOW + 12 * DAY }, NOW, 'en-US')).toBe(
      'Empty in ~12d',
    );
    expect(runOutText({ thresholdAt: null, zeroAt: NOW - DAY }, NOW)).toBeNull();
    expect(runOutText(null, NOW)).toBeNull();
  });
});
