import { describe, expect, it } from 'vitest';
import { forecast } from '@/lib/history';
import type { HistoryPoint } from '@/lib/state';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2025, 10, 21, 12, 0);

/** Points every `everyMs` ending at `end`, values from `values` (oldest first). */
function seriesEnding(end: number, everyMs: number, values: number[]): HistoryPoint[] {
  return values.map((v, i) => ({ t: end - (values.length - 1 - i) * everyMs, v: String(v) }));
}

describe('forecast', () => {
  it('projects a steady spend to the threshold and to zero', () => {
    // 100 a day, hourly points over 3 days, 500 left now.
    const values = Array.from({ length: 73 }, (_, i) => 500 + (72 - i) * (100 / 24));
    const result = forecast(seriesEnding(NOW, HOUR, values), '100', NOW);

    expect(result).not.toBeNull();
    expect(result?.perDay).toBe('100');
    expect(result?.reachesThresholdAt).toBeCloseTo(NOW + 4 * DAY, -3);
    expect(result?.reachesZeroAt).toBeCloseTo(NOW + 5 * DAY, -3);
  });

  it('fits through noise and projects from the newest balance', () => {
    const series: HistoryPoint[] = [
      { t: NOW - 4 * HOUR, v: '1000' },
      { t: NOW - 3 * HOUR, v: '985.5' },
      { t: NOW - 2 * HOUR, v: '979.5' },
      { t: NOW - HOUR, v: '960' },
      { t: NOW, v: '960' },
    ];
    // Least-squares slope of these points: -10.55 an hour (covariance -105.5 over variance 10).
    const result = forecast(series, '700', NOW);
    expect(result?.perDay).toBe('253.2');
    expect(result?.reachesThresholdAt).toBeCloseTo(NOW + (260 / 10.55) * HOUR, -3);
    expect(result?.reachesZeroAt).toBeCloseTo(NOW + (960 / 10.55) * HOUR, -3);
  });

  it('gives no threshold date once the balance is already below it, but still the zero date', () => {
    const result = forecast(seriesEnding(NOW, HOUR, [120, 100, 80]), '100', NOW);
    expect(result?.reachesThresholdAt).toBeUndefined();
    expect(result?.reachesZeroAt).toBe(NOW + 4 * HOUR);
    expect(result?.perDay).toBe('480');
  });

  it('gives no threshold date when the account has no threshold', () => {
    const result = forecast(seriesEnding(NOW, HOUR, [300, 200, 100]), null, NOW);
    expect(result).toEqual({ perDay: '2400', reachesZeroAt: NOW + HOUR });
  });

  it('is null for a flat balance', () => {
    expect(forecast(seriesEnding(NOW, HOUR, [0.1, 0.1, 0.1, 0.1, 0.1]), '0.05', NOW)).toBeNull();
    expect(forecast(seriesEnding(NOW, HOUR, [250, 250, 250]), '100', NOW)).toBeNull();
  });

  it('is null for a rising balance', () => {
    expect(forecast(seriesEnding(NOW, HOUR, [100, 101, 101, 102, 103]), '50', NOW)).toBeNull();
  });

  it('is null with a single point, or with points spanning less than an hour', () => {
    expect(forecast([], '100', NOW)).toBeNull();
    expect(forecast([{ t: NOW, v: '500' }], '100', NOW)).toBeNull();
    expect(
      forecast(seriesEnding(NOW, 10 * 60_000, [500, 450, 400, 350, 300, 250]), '100', NOW),
    ).toBeNull();
  });

  it('uses only the last 7 days', () => {
    // Two old points that would make the trend look flat, then a clear fall over the last day.
    const old: HistoryPoint[] = [
      { t: NOW - 10 * DAY, v: '100' },
      { t: NOW - 9 * DAY, v: '90' },
    ];
    const recent = seriesEnding(NOW, HOUR, [500, 490, 480]);
    expect(forecast([...old, ...recent], '0', NOW)?.perDay).toBe('240');
    // With only the old points in the window there is nothing to go on.
    expect(forecast(old, '0', NOW)).toBeNull();
  });

  it('measures the spend since the last top-up, not across it', () => {
    const series = seriesEnding(NOW, HOUR, [300, 200, 100, 1000, 900, 800]);
    const result = forecast(series, '100', NOW);
    expect(result?.perDay).toBe('2400');
    expect(result?.reachesThresholdAt).toBe(NOW + 7 * HOUR);
  });

  it('is null right after a top-up, until the new spend can be measured', () => {
    expect(forecast(seriesEnding(NOW, HOUR, [300, 200, 100, 1000]), '100', NOW)).toBeNull();
  });

  it('ignores points in the future of `now`', () => {
    const series = [...seriesEnding(NOW, HOUR, [300, 300, 300]), { t: NOW + HOUR, v: '0' }];
    expect(forecast(series, '100', NOW)).toBeNull();
  });
});
