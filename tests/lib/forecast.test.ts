import { describe, expect, it } from 'vitest';
import {
  FORECAST_MIN_POINTS,
  FORECAST_MIN_SPAN_MS,
  forecast,
  projectTrend,
  spendTrend,
} from '@/lib/forecast';
import type { HistoryPoint } from '@/lib/state';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2025, 10, 21, 12, 0);

/** Points every `everyMs` ending at `end`, values from `values` (oldest first). */
function seriesEnding(end: number, everyMs: number, values: number[]): HistoryPoint[] {
  return values.map((v, i) => ({ t: end - (values.length - 1 - i) * everyMs, v: String(v) }));
}

describe('the confidence rule', () => {
  it('asks for at least 3 points spanning at least 2 hours since the last top-up', () => {
    expect(FORECAST_MIN_POINTS).toBe(3);
    expect(FORECAST_MIN_SPAN_MS).toBe(2 * HOUR);
  });

  it('gives no forecast with too few points', () => {
    expect(forecast([], '100', NOW)).toBeNull();
    expect(forecast([{ t: NOW, v: '500' }], '100', NOW)).toBeNull();
    // Two points over a whole day: one bad reading would decide the line alone.
    expect(forecast(seriesEnding(NOW, DAY, [500, 400]), '100', NOW)).toBeNull();
  });

  it('gives no forecast over too short a span, however many points', () => {
    // Twelve points, 10 minutes apart: 1 h 50 min of a steep fall is not yet a spend rate.
    const values = Array.from({ length: 12 }, (_, i) => 1000 - 10 * i);
    expect(forecast(seriesEnding(NOW, 10 * MINUTE, values), '100', NOW)).toBeNull();
    // One more reading makes it 2 hours: now it says.
    const longer = seriesEnding(NOW, 10 * MINUTE, [...values, 880]);
    expect(forecast(longer, '100', NOW)?.perDay).toBeCloseTo(1440, 6);
  });
});

describe('forecast', () => {
  it('projects a steady spend to the threshold and to zero', () => {
    // 100 a day, hourly points over 3 days, 500 left now.
    const values = Array.from({ length: 73 }, (_, i) => 500 + (72 - i) * (100 / 24));
    const result = forecast(seriesEnding(NOW, HOUR, values), '100', NOW);

    expect(result?.perDay).toBeCloseTo(100, 6);
    expect(result?.thresholdAt).toBeCloseTo(NOW + 4 * DAY, -3);
    expect(result?.zeroAt).toBeCloseTo(NOW + 5 * DAY, -3);
  });

  it('fits through noise with the median of the pairwise slopes, from the newest balance', () => {
    const series: HistoryPoint[] = [
      { t: NOW - 4 * HOUR, v: '1000' },
      { t: NOW - 3 * HOUR, v: '985.5' },
      { t: NOW - 2 * HOUR, v: '979.5' },
      { t: NOW - HOUR, v: '960' },
      { t: NOW, v: '960' },
    ];
    // The ten pairwise slopes' median is -10.125 an hour (between -10.25 and -10).
    const result = forecast(series, '700', NOW);
    expect(result?.perDay).toBeCloseTo(243, 6);
    expect(result?.thresholdAt).toBeCloseTo(NOW + (260 / 10.125) * HOUR, -3);
    expect(result?.zeroAt).toBeCloseTo(NOW + (960 / 10.125) * HOUR, -3);
  });

  it('is not thrown by one wild reading or small rises on the way down', () => {
    // 10 an hour, with jitter, a small refund (+4) and one reading off by a thousand.
    const values = [1000, 988, 992, 970, 962, 1950, 941, 930, 918, 912, 899, 890];
    const result = forecast(seriesEnding(NOW, HOUR, values), '500', NOW);
    expect(result?.perDay).toBeGreaterThan(9.5 * 24);
    expect(result?.perDay).toBeLessThan(11 * 24);
    // Least squares would have let the wild reading tilt the line; the median does not.
    expect(result?.thresholdAt).toBeGreaterThan(NOW + 35 * HOUR);
    expect(result?.thresholdAt).toBeLessThan(NOW + 42 * HOUR);
  });

  it('measures the spend since the last top-up, not across it', () => {
    const series = seriesEnding(NOW, HOUR, [300, 200, 100, 1000, 900, 800]);
    const result = forecast(series, '100', NOW);
    expect(result?.perDay).toBeCloseTo(2400, 6);
    expect(result?.thresholdAt).toBe(NOW + 7 * HOUR);
  });

  it('finds a top-up among noisy readings: a rise well above the usual fall, that holds', () => {
    // Falls of about 10 an hour; +600 at 07:00 is a top-up, the later +3 is noise.
    const values = [500, 490, 481, 470, 462, 450, 441, 1041, 1030, 1021, 1024, 1001, 990];
    const result = forecast(seriesEnding(NOW, HOUR, values), '0', NOW);
    // Since the top-up: 1041 1030 1021 1024 1001 990, whose pairwise slopes' median is -10/h.
    expect(result?.perDay).toBeCloseTo(240, 6);
    expect(result?.zeroAt).toBeCloseTo(NOW + 99 * HOUR, -3);
  });

  it('is null right after a top-up, until the new spend can be measured', () => {
    expect(forecast(seriesEnding(NOW, HOUR, [300, 200, 100, 1000]), '100', NOW)).toBeNull();
    expect(forecast(seriesEnding(NOW, HOUR, [300, 200, 100, 1000, 900]), '100', NOW)).toBeNull();
  });

  it('is null for a flat balance', () => {
    expect(forecast(seriesEnding(NOW, HOUR, [0.1, 0.1, 0.1, 0.1, 0.1]), '0.05', NOW)).toBeNull();
    expect(forecast(seriesEnding(NOW, HOUR, [250, 250, 250]), '100', NOW)).toBeNull();
  });

  it('is null for a rising balance, noisy or not', () => {
    expect(forecast(seriesEnding(NOW, HOUR, [100, 101, 101, 102, 103]), '50', NOW)).toBeNull();
    expect(
      forecast(seriesEnding(NOW, HOUR, [100, 105, 103, 110, 108, 115, 112]), '50', NOW),
    ).toBeNull();
  });

  it('says hours for a fast spend and days for a slow one, per day either way', () => {
    // 100 every 15 minutes for 3 hours: 9 600 a day, below 1 000 in 2 hours, empty in 4.5.
    const fast = seriesEnding(
      NOW,
      15 * MINUTE,
      Array.from({ length: 13 }, (_, i) => 3000 - 100 * i),
    );
    const hours = forecast(fast, '1000', NOW);
    expect(hours?.perDay).toBeCloseTo(9600, 6);
    expect(hours?.thresholdAt).toBe(NOW + 2 * HOUR);
    expect(hours?.zeroAt).toBe(NOW + 4.5 * HOUR);
    // One reading a day, 50 a day: empty in 6 days.
    const slow = forecast(seriesEnding(NOW, DAY, [400, 350, 300]), '100', NOW);
    expect(slow?.perDay).toBeCloseTo(50, 6);
    expect(slow?.thresholdAt).toBe(NOW + 4 * DAY);
    expect(slow?.zeroAt).toBe(NOW + 6 * DAY);
  });

  it('gives no threshold time once the balance is already below it, but still the zero time', () => {
    const result = forecast(seriesEnding(NOW, HOUR, [120, 100, 80]), '100', NOW);
    expect(result?.thresholdAt).toBeNull();
    expect(result?.zeroAt).toBe(NOW + 4 * HOUR);
    expect(result?.perDay).toBeCloseTo(480, 6);
  });

  it('gives no threshold time when the account has no threshold', () => {
    const result = forecast(seriesEnding(NOW, HOUR, [300, 200, 100]), null, NOW);
    expect(result).toEqual({ perDay: 2400, thresholdAt: null, zeroAt: NOW + HOUR });
  });

  it('uses only the recent window', () => {
    // Two old points that would make the trend look flat, then a clear fall over the last hours.
    const old: HistoryPoint[] = [
      { t: NOW - 10 * DAY, v: '100' },
      { t: NOW - 9 * DAY, v: '90' },
    ];
    const recent = seriesEnding(NOW, HOUR, [500, 490, 480]);
    expect(forecast([...old, ...recent], '0', NOW)?.perDay).toBeCloseTo(240, 6);
    // With only the old points in the window there is nothing to go on.
    expect(forecast(old, '0', NOW)).toBeNull();
  });

  it('ignores points in the future of `now`', () => {
    const series = [...seriesEnding(NOW, HOUR, [300, 300, 300]), { t: NOW + HOUR, v: '0' }];
    expect(forecast(series, '100', NOW)).toBeNull();
  });

  it('stays quick and steady on a long series (a reading a minute for three days)', () => {
    const values = Array.from({ length: 3 * 24 * 60 }, (_, i) => 100_000 - i * 0.5);
    const started = performance.now();
    const result = forecast(seriesEnding(NOW, MINUTE, values), '0', NOW);
    expect(performance.now() - started).toBeLessThan(200);
    expect(result?.perDay).toBeCloseTo(720, 6);
  });
});

describe('spendTrend and projectTrend', () => {
  it('keeps the fitted rate and the newest point, and projects it against any threshold', () => {
    const trend = spendTrend(seriesEnding(NOW, HOUR, [300, 200, 100]), NOW);
    expect(trend).toEqual({ perDay: 2400, at: NOW, value: 100 });
    if (!trend) return;
    expect(projectTrend(trend, '50')).toEqual({
      perDay: 2400,
      thresholdAt: NOW + 30 * MINUTE,
      zeroAt: NOW + HOUR,
    });
    expect(projectTrend(trend, '100')).toEqual({
      perDay: 2400,
      thresholdAt: null,
      zeroAt: NOW + HOUR,
    });
    expect(projectTrend({ perDay: 24, at: NOW, value: 0 }, null)).toEqual({
      perDay: 24,
      thresholdAt: null,
      zeroAt: null,
    });
  });

  it('is null whenever the forecast is', () => {
    expect(spendTrend(seriesEnding(NOW, HOUR, [250, 250, 250]), NOW)).toBeNull();
    expect(spendTrend(seriesEnding(NOW, HOUR, [300, 200, 100, 1000]), NOW)).toBeNull();
  });
});
