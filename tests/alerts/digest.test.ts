import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { digestAlert, digestNotice } from '@/lib/alerts/digest';
import { pointsUnit } from '@/lib/money';
import { DEFAULT_SETTINGS, type Snapshot } from '@/lib/state';
import { type AccountStatus, accountStatus } from '@/lib/status';
import { account, failure, snapshot } from '../components/popup/seed';

/**
 * The daily digest: the totals per unit and what needs a look (low, failing, running out), as one
 * alert event for the team channels and one desktop notification that counts them.
 */

const NOW = Date.UTC(2026, 11, 1, 8, 0);
const usd = (value: string) => ({ value, unit: 'USD' });
const points = (value: string) => ({ value, unit: pointsUnit('wix') });

function status(id: string, shot: Snapshot, threshold: string | null = null): AccountStatus {
  return accountStatus(account(id, { lowThreshold: threshold }), shot, DEFAULT_SETTINGS, NOW);
}

/** A status the forecast says runs out within the lead (lib/status.ts decides; given here). */
function runningOut(id: string, value: string): AccountStatus {
  return {
    ...status(id, snapshot(usd(value), NOW), '100'),
    forecast: { perDay: 200, thresholdAt: NOW + 3 * 3_600_000, zeroAt: NOW + 9 * 3_600_000 },
    runningOut: true,
  };
}

const fine = () => [
  status('fine-usd', snapshot(usd('12000'), NOW), '100'),
  status('fine-points', snapshot(points('8000'), NOW)),
];

beforeEach(() => {
  fakeBrowser.reset();
});

describe('digestAlert', () => {
  it('adds up one total per unit and lists the low, failing and running-out accounts', () => {
    const statuses = [
      ...fine(),
      status('low', snapshot(usd('50'), NOW), '100'),
      status('failing', snapshot(usd('150'), NOW, { error: failure('auth', 'Token expired') })),
      runningOut('soon', '200'),
    ];
    const digest = digestAlert(statuses, NOW);

    expect(digest.kind).toBe('digest');
    expect(digest.at).toBe(NOW);
    expect(digest.totals).toEqual([usd('12400'), points('8000')]);
    expect(digest.low.map((a) => a.accountId)).toEqual(['low']);
    expect(digest.failing.map((a) => a.accountId)).toEqual(['failing']);
    expect(digest.failing[0]?.problem).toBe('Token expired');
    expect(digest.runningOut.map((a) => a.accountId)).toEqual(['soon']);
    expect(digest.runningOut[0]).toMatchObject({
      amount: usd('200'),
      threshold: '100',
      thresholdAt: NOW + 3 * 3_600_000,
      zeroAt: NOW + 9 * 3_600_000,
    });
  });

  it('lists an account that is low and failing under both', () => {
    const both = status(
      'both',
      snapshot(usd('5'), NOW, { error: failure('network', 'down') }),
      '10',
    );
    const digest = digestAlert([both], NOW);
    expect(digest.low.map((a) => a.accountId)).toEqual(['both']);
    expect(digest.failing.map((a) => a.accountId)).toEqual(['both']);
  });
});

describe('digestNotice', () => {
  it('says the totals and counts what needs a look', () => {
    const statuses = [
      ...fine(),
      status('low-1', snapshot(usd('50'), NOW), '100'),
      status('low-2', snapshot(usd('50'), NOW), '100'),
      status('failing', snapshot(null, null, { error: failure('network', 'down') })),
      runningOut('soon', '300'),
    ];
    const notice = digestNotice(digestAlert(statuses, NOW), 'en-US');
    expect(notice.title).toBe('Balance Watch daily digest');
    expect(notice.message).toBe(
      'Totals: $12,400.00 · 8,000 points. 2 low, 1 failing, 1 runs out soon.',
    );
  });

  it('counts in the plural form of each count', () => {
    const statuses = [
      status('low', snapshot(usd('50'), NOW), '100'),
      runningOut('soon-1', '300'),
      runningOut('soon-2', '300'),
    ];
    expect(digestNotice(digestAlert(statuses, NOW), 'en-US').message).toBe(
      'Totals: $650.00. 1 low, 2 run out soon.',
    );
  });

  it('says all balances are fine when nothing needs a look', () => {
    expect(digestNotice(digestAlert(fine(), NOW), 'en-US').message).toBe(
      'Totals: $12,000.00 · 8,000 points. All balances are fine.',
    );
  });

  it('leaves out the totals when no balance has been read', () => {
    const never = status('never', snapshot(null, null, { error: failure('network', 'down') }));
    expect(digestNotice(digestAlert([never], NOW), 'en-US').message).toBe('1 failing.');
  });
});
