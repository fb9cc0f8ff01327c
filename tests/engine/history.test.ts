import { describe, expect, it } from 'vitest';
import {
  chunkStart,
  insertPoint,
  lastPerBucket,
  mergeColumns,
  type PointColumns,
  sliceColumns,
  TIERS,
  toPoints,
} from '@/lib/history';

const T0 = Date.UTC(2025, 10, 21, 8, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const columns = (minutes: number[], values: string[]): PointColumns => ({
  t: minutes.map((m) => T0 + m * MINUTE),
  v: values,
});

describe('the tiers', () => {
  it('keep every reading for 7 days, hourly for 90 days, daily for 2 years', () => {
    expect(TIERS.map(({ bucketMs, keepMs }) => [bucketMs, keepMs])).toEqual([
      [0, 7 * DAY],
      [HOUR, 90 * DAY],
      [DAY, 730 * DAY],
    ]);
  });

  it('store each point in the chunk that starts at or before it', () => {
    const raw = TIERS[0];
    if (!raw) throw new Error('no raw tier');
    const start = chunkStart(T0 + 5 * HOUR, raw);
    expect(start).toBe(Date.UTC(2025, 10, 21));
    expect(chunkStart(start + raw.chunkMs - 1, raw)).toBe(start);
    expect(chunkStart(start + raw.chunkMs, raw)).toBe(start + raw.chunkMs);
  });
});

describe('insertPoint', () => {
  it('appends a newer reading and keeps the value as the exact decimal string', () => {
    const series = columns([0], ['100.10']);
    insertPoint(series, T0 + 15 * MINUTE, '99.90');
    expect(toPoints(series)).toEqual([
      { t: T0, v: '100.10' },
      { t: T0 + 15 * MINUTE, v: '99.90' },
    ]);
  });

  it('puts a reading from a clock that jumped back in its place, so the series stays sorted', () => {
    const series = columns([0, 60], ['100', '90']);
    insertPoint(series, T0 + 30 * MINUTE, '95');
    insertPoint(series, T0 - 30 * MINUTE, '101');
    expect(series.t).toEqual([-30, 0, 30, 60].map((m) => T0 + m * MINUTE));
    expect(series.v).toEqual(['101', '100', '95', '90']);
  });

  it('replaces a reading at the very same time instead of keeping two', () => {
    const series = columns([0, 60], ['100', '90']);
    insertPoint(series, T0 + 60 * MINUTE, '89');
    expect(series).toEqual(columns([0, 60], ['100', '89']));
  });
});

describe('lastPerBucket', () => {
  it('keeps the last reading of each hour, at its own time', () => {
    const every15 = columns([0, 15, 30, 45, 60, 75], ['6', '5', '4', '3', '2', '1']);
    expect(lastPerBucket(every15, HOUR)).toEqual(columns([45, 75], ['3', '1']));
  });
});

describe('mergeColumns', () => {
  it('joins runs in time order, whatever order they come in', () => {
    const merged = mergeColumns([
      columns([120, 180], ['c', 'd']),
      columns([0, 60], ['a', 'b']),
      columns([240], ['e']),
    ]);
    expect(merged).toEqual(columns([0, 60, 120, 180, 240], ['a', 'b', 'c', 'd', 'e']));
  });
});

describe('sliceColumns', () => {
  it('keeps the points inside the range, both ends included', () => {
    const series = columns([0, 60, 120, 180], ['a', 'b', 'c', 'd']);
    expect(sliceColumns(series, T0 + 60 * MINUTE, T0 + 120 * MINUTE)).toEqual(
      columns([60, 120], ['b', 'c']),
    );
  });
});
