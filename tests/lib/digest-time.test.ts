import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay, nextDigestAt } from '@/lib/digest-time';

/**
 * The digest's time is local wall-clock time. Berlin has DST (last Sunday of March: 02:00 jumps to
 * 03:00; last Sunday of October: 03:00 falls back to 02:00), so the cases below are wall times there.
 */
const zone = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Europe/Berlin';
});
afterAll(() => {
  process.env.TZ = zone;
});

/** A local wall time in the test's zone. */
const local = (y: number, m: number, d: number, h: number, min = 0) =>
  new Date(y, m - 1, d, h, min).getTime();

describe('nextDigestAt', () => {
  it('is later today when the time has not come yet', () => {
    expect(nextDigestAt(local(2026, 12, 1, 8, 30), '09:00')).toBe(local(2026, 12, 1, 9, 0));
  });

  it('is tomorrow when the time has already passed today', () => {
    expect(nextDigestAt(local(2026, 12, 1, 17, 45), '09:00')).toBe(local(2026, 12, 2, 9, 0));
  });

  it('is tomorrow when it is that very minute (the alarm that just fired)', () => {
    expect(nextDigestAt(local(2026, 12, 1, 9, 0), '09:00')).toBe(local(2026, 12, 2, 9, 0));
  });

  it('rolls over the end of the month and the year', () => {
    expect(nextDigestAt(local(2026, 12, 31, 23, 59), '07:15')).toBe(local(2027, 1, 1, 7, 15));
  });

  it('reads 00:00 as the coming midnight', () => {
    expect(nextDigestAt(local(2026, 12, 1, 23, 59), '00:00')).toBe(local(2026, 12, 2, 0, 0));
    expect(nextDigestAt(local(2026, 12, 2, 0, 0), '00:00')).toBe(local(2026, 12, 3, 0, 0));
  });

  it('stays at 09:00 local across the spring change (a 23-hour day)', () => {
    const next = nextDigestAt(local(2026, 3, 28, 9, 0), '09:00');
    expect(new Date(next).getHours()).toBe(9);
    expect(next - local(2026, 3, 28, 9, 0)).toBe(23 * 3_600_000);
  });

  it('stays at 09:00 local across the autumn change (a 25-hour day)', () => {
    const next = nextDigestAt(local(2026, 10, 24, 9, 0), '09:00');
    expect(new Date(next).getHours()).toBe(9);
    expect(next - local(2026, 10, 24, 9, 0)).toBe(25 * 3_600_000);
  });

  it('comes once, after the gap, on the night a 02:30 does not exist', () => {
    const next = nextDigestAt(local(2026, 3, 29, 1, 0), '02:30');
    expect(localDay(next)).toBe('2026-03-29');
    expect(next).toBeGreaterThan(local(2026, 3, 29, 1, 0));
    expect(nextDigestAt(next, '02:30')).toBe(local(2026, 3, 30, 2, 30));
  });
});

describe('localDay', () => {
  it('is the local calendar day, not the UTC one', () => {
    // 23:30 in Berlin on Dec 1 is 22:30 UTC the same day; 00:30 on Dec 2 is 23:30 UTC on Dec 1.
    expect(localDay(local(2026, 12, 2, 0, 30))).toBe('2026-12-02');
    expect(localDay(local(2026, 12, 1, 23, 30))).toBe('2026-12-01');
  });
});
