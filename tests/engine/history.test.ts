import { describe, expect, it } from 'vitest';
import {
  appendHistory,
  appendReadings,
  HISTORY_MAX_POINTS,
  HISTORY_MIN_GAP_MS,
} from '@/lib/history';
import type { History, HistoryPoint } from '@/lib/state';

const T0 = Date.UTC(2025, 10, 21, 8, 0);
const MINUTE = 60_000;

function point(minutes: number, v: string): HistoryPoint {
  return { t: T0 + minutes * MINUTE, v };
}

describe('appendHistory', () => {
  it('keeps at most one point per 10 minutes: a reading inside the gap is not kept', () => {
    let series: HistoryPoint[] = [];
    // A 1-minute refresh for half an hour.
    for (let minute = 0; minute <= 30; minute++) {
      series = appendHistory(series, point(minute, String(1000 - minute)));
    }
    expect(series).toEqual([
      point(0, '1000'),
      point(10, '990'),
      point(20, '980'),
      point(30, '970'),
    ]);
  });

  it('keeps a reading exactly 10 minutes after the last point, and not one a moment earlier', () => {
    const series = [point(0, '100')];
    expect(appendHistory(series, { t: T0 + HISTORY_MIN_GAP_MS - 1, v: '99' })).toBe(series);
    expect(appendHistory(series, { t: T0 + HISTORY_MIN_GAP_MS, v: '99' })).toEqual([
      point(0, '100'),
      point(10, '99'),
    ]);
  });

  it('never keeps a reading older than the last point, so the series stays in time order', () => {
    const series = [point(0, '100'), point(60, '90')];
    expect(appendHistory(series, point(30, '95'))).toBe(series);
    expect(appendHistory(series, point(60, '89'))).toBe(series);
  });

  it('holds at most 500 points, dropping the oldest first', () => {
    let series: HistoryPoint[] = [];
    for (let i = 0; i < HISTORY_MAX_POINTS + 20; i++) {
      series = appendHistory(series, point(i * 15, String(i)));
    }
    expect(series).toHaveLength(HISTORY_MAX_POINTS);
    expect(series[0]).toEqual(point(20 * 15, '20'));
    expect(series.at(-1)).toEqual(
      point((HISTORY_MAX_POINTS + 19) * 15, String(HISTORY_MAX_POINTS + 19)),
    );
  });

  it('takes its bounds as options', () => {
    const series = [point(0, '5'), point(1, '4'), point(2, '3')];
    expect(appendHistory(series, point(3, '2'), { minGapMs: MINUTE, max: 3 })).toEqual([
      point(1, '4'),
      point(2, '3'),
      point(3, '2'),
    ]);
  });

  it('leaves the stored series untouched and keeps the value as the decimal string given', () => {
    const series = [point(0, '100.10')];
    const next = appendHistory(series, point(15, '99.90'));
    expect(series).toEqual([point(0, '100.10')]);
    expect(next.at(-1)?.v).toBe('99.90');
  });
});

describe('appendReadings', () => {
  it('adds a whole round of readings, one series per account', () => {
    const history: History = { ads: [point(0, '500')] };
    const next = appendReadings(history, [
      { accountId: 'ads', t: T0 + 15 * MINUTE, v: '480' },
      { accountId: 'gifts', t: T0 + 15 * MINUTE, v: '12450.5' },
    ]);
    expect(next).toEqual({
      ads: [point(0, '500'), point(15, '480')],
      gifts: [point(15, '12450.5')],
    });
    expect(history).toEqual({ ads: [point(0, '500')] });
  });

  it('applies the same bounds per account, whatever order the batch comes in', () => {
    const next = appendReadings({}, [
      { accountId: 'ads', t: T0 + 25 * MINUTE, v: '470' },
      { accountId: 'ads', t: T0 + 5 * MINUTE, v: '495' },
      { accountId: 'ads', t: T0, v: '500' },
      { accountId: 'ads', t: T0 + 12 * MINUTE, v: '490' },
    ]);
    expect(next.ads).toEqual([point(0, '500'), point(12, '490'), point(25, '470')]);
  });

  it('returns the same history when nothing was kept, so the caller can skip the write', () => {
    const history: History = { ads: [point(0, '500')] };
    expect(appendReadings(history, [{ accountId: 'ads', t: T0 + MINUTE, v: '499' }])).toBe(history);
    expect(appendReadings(history, [])).toBe(history);
  });

  it('leaves other accounts’ series as they were', () => {
    const gifts = [point(0, '13000')];
    const next = appendReadings({ gifts, ads: [] }, [{ accountId: 'ads', t: T0, v: '1' }]);
    expect(next.gifts).toBe(gifts);
  });
});
