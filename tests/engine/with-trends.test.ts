import { describe, expect, it } from 'vitest';
import { withTrends } from '@/lib/engine/round-effects';
import type { Snapshot, Snapshots } from '@/lib/state';
import { changedItems } from '@/lib/storage/snapshot-item';

/**
 * Issue 17: the round's last snapshot write carries the fitted trends. A snapshot whose trend did
 * not change is the same snapshot, so the write (which stores only the snapshots it replaced)
 * holds the accounts not written yet, not again every account the round read.
 */

const TREND = { perDay: 2400, at: 1_000, value: 800 };

function snapshot(trend?: Snapshot['trend']): Snapshot {
  return {
    reading: { primary: { value: '800', unit: 'USD' }, details: [], warnings: [] },
    readingAt: 1_000,
    lastAttemptAt: 1_000,
    error: null,
    nextAttemptAt: null,
    failures: 0,
    lowNotified: false,
    authNotified: false,
    ...(trend === undefined ? {} : { trend }),
  };
}

describe('withTrends', () => {
  it('writes only the snapshots whose trend changed', () => {
    const stored: Snapshots = {
      absent: snapshot(),
      none: snapshot(null),
      same: snapshot(TREND),
      moved: snapshot(TREND),
      cleared: snapshot(TREND),
      found: snapshot(null),
    };
    const next = withTrends(
      stored,
      new Map([
        ['absent', null],
        ['none', null],
        ['same', { ...TREND }],
        ['moved', { ...TREND, at: 2_000, value: 700 }],
        ['cleared', null],
        ['found', TREND],
      ]),
    );
    expect(changedItems(stored, next).map((item) => item.key)).toEqual([
      'local:snapshot:moved',
      'local:snapshot:cleared',
      'local:snapshot:found',
    ]);
    expect(next.moved?.trend).toEqual({ ...TREND, at: 2_000, value: 700 });
    expect(next.cleared?.trend).toBeNull();
    expect(next.found?.trend).toEqual(TREND);
    expect(stored.cleared?.trend).toEqual(TREND);
  });
});
