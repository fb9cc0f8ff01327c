import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, type Snapshots } from '@/lib/state';
import { accountStatuses } from '@/lib/status';
import { chartGroups, type SeriesInput } from '@/lib/view/dashboard';
import { chartData, runSummary } from '@/lib/view/dashboard-chart';
import { csvFileName, historyCsv } from '@/lib/view/dashboard-csv';
import { unitTotals } from '@/lib/view/dashboard-totals';
import { account } from '../support/accounts';

const NOW = Date.UTC(2025, 5, 1, 12);
const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

const reading = (value: string, unit: string) => ({
  reading: { primary: { value, unit }, details: [], warnings: [] },
  readingAt: NOW,
  lastAttemptAt: NOW,
  error: null,
  nextAttemptAt: null,
  failures: 0,
  lowNotified: false,
  authNotified: false,
});

const run = (accountId: string, unit: string, points: [hoursAgo: number, v: string][]) => ({
  accountId,
  unit,
  points: { t: points.map(([h]) => NOW - h * HOUR), v: points.map(([, v]) => v) },
});

function statusesOf(snapshots: Snapshots) {
  const accounts = [
    account({ id: 'ads', name: 'Ads wallet', lowThreshold: '100' }),
    account({ id: 'gifts', name: 'Gift credits', provider: 'xoxoday', lowThreshold: null }),
    account({ id: 'eu', name: 'EU wallet' }),
  ];
  return accountStatuses(accounts, snapshots, DEFAULT_SETTINGS, NOW);
}

beforeEach(() => {
  fakeBrowser.reset();
});

/** A CSV parser as a spreadsheet reads RFC 4180: quoted fields, doubled quotes, CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const next = text[i + 1];
    if (quoted && c === '"' && next === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') {
      quoted = false;
    } else if (quoted) {
      field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && next === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  return rows;
}

describe('the CSV of one account and range', () => {
  it('opens in a spreadsheet with ISO 8601 times, the exact decimals and the unit in its own column', () => {
    const points = { t: [NOW - DAY, NOW], v: ['12450.50', '0.000000001'] };
    const rows = parseCsv(historyCsv('Ads, "main" wallet', 'USD', points));

    expect(rows).toEqual([
      ['account', 'time', 'balance', 'unit'],
      ['Ads, "main" wallet', '2025-05-31T12:00:00.000Z', '12450.50', 'USD'],
      ['Ads, "main" wallet', '2025-06-01T12:00:00.000Z', '0.000000001', 'USD'],
    ]);
  });

  it('keeps a negative balance a number and a name that looks like a formula text', () => {
    const rows = parseCsv(
      historyCsv('=HYPERLINK("x")', 'points:capillary', { t: [NOW], v: ['-5.25'] }),
    );
    expect(rows[1]).toEqual([
      '\'=HYPERLINK("x")',
      '2025-06-01T12:00:00.000Z',
      '-5.25',
      'points:capillary',
    ]);
  });

  it('names the file after the account, the unit and the range', () => {
    expect(csvFileName('Ads wallet (US)', 'USD', '30d')).toBe(
      'balance-watch-ads-wallet-us-usd-30d.csv',
    );
  });
});

describe('chartGroups', () => {
  const snapshots: Snapshots = {
    ads: reading('500', 'USD'),
    gifts: reading('20', 'INR'),
    eu: reading('5', 'EUR'),
  };
  const history: SeriesInput[] = [
    run('ads', 'USD', [
      [2, '520'],
      [1, '500'],
    ]),
    run('gifts', 'INR', [[1, '20']]),
    run('eu', 'USD', [[48, '10']]),
    run('eu', 'EUR', [[1, '5']]),
    run('deleted', 'USD', [[1, '1']]),
  ];

  it('groups by unit, currencies by code, each series once, a deleted account’s not at all', () => {
    const groups = chartGroups(statusesOf(snapshots), history, 'unit');
    expect(groups.map((g) => [g.key, g.series.map((s) => `${s.name}/${s.unit}`)])).toEqual([
      ['EUR', ['EU wallet/EUR']],
      ['INR', ['Gift credits/INR']],
      ['USD', ['Ads wallet/USD', 'EU wallet/USD']],
    ]);
  });

  it('groups by provider, and gives the threshold only to the series in the account’s current unit', () => {
    const groups = chartGroups(statusesOf(snapshots), history, 'provider');
    expect(groups.map((g) => g.label)).toEqual(['OnlineSales.ai', 'Xoxoday Plum']);
    const eu = groups[0]?.series.filter((s) => s.accountId === 'eu');
    expect(eu?.map((s) => [s.unit, s.current, s.threshold])).toEqual([
      ['EUR', true, '100'],
      ['USD', false, null],
    ]);
  });
});

describe('chartGroups of two programs’ points', () => {
  it('names the accounts in each heading, since both units read "points"', () => {
    const groups = chartGroups(
      statusesOf({
        ads: reading('5', 'points:capillary#a'),
        eu: reading('6', 'points:capillary#b'),
      }),
      [run('ads', 'points:capillary#a', [[1, '5']]), run('eu', 'points:capillary#b', [[1, '6']])],
      'unit',
    );
    expect(groups.map((g) => g.label)).toEqual(['points (Ads wallet)', 'points (EU wallet)']);
  });
});

describe('chartData', () => {
  const [ads] =
    chartGroups(
      statusesOf({ ads: reading('100', 'USD') }),
      [
        run('ads', 'USD', [
          [72, '400'],
          [48, '300'],
          [36, '500'],
          [24, '400'],
          [0, '200'],
        ]),
      ],
      'unit',
    )[0]?.series ?? [];

  it('marks top-ups, draws the threshold flat and continues the burn as a forecast', () => {
    if (!ads) throw new Error('no series');
    const chart = chartData(ads, NOW, 30 * DAY);
    expect(chart.balance.slice(0, 5)).toEqual([400, 300, 500, 400, 200]);
    expect(chart.topUps.slice(0, 5)).toEqual([null, null, 500, null, null]);
    expect(new Set(chart.threshold)).toEqual(new Set([100]));
    // 500 -> 200 in 36 h since the top-up: 200 a day; zero in about a day.
    expect(chart.x).toHaveLength(6);
    expect(chart.forecast?.slice(3)).toEqual([null, 200, 0]);
    expect(chart.x[5]).toBeCloseTo(NOW + DAY, -4);
  });

  it('summarises a run by its exact strings', () => {
    expect(runSummary(['10.50', '3', '12.25', '4'])).toEqual({
      first: '10.50',
      last: '4',
      low: '3',
      high: '12.25',
    });
  });
});

describe('unitTotals', () => {
  it('sums each unit’s balances at each step, exactly, never across units', () => {
    const groups = chartGroups(
      statusesOf({ ads: reading('0.2', 'USD'), eu: reading('0.1', 'USD') }),
      [
        run('ads', 'USD', [
          [20, '0.1'],
          [5, '0.2'],
        ]),
        run('eu', 'USD', [[10, '0.1']]),
      ],
      'unit',
    );
    const [usd] = unitTotals(groups, NOW - DAY, NOW);
    if (!usd) throw new Error('no total');
    const last = usd.t.length - 1;
    // Float addition would say 0.30000000000000004.
    expect(usd.exact(last)).toBe('0.3');
    const before = usd.t.findIndex((t) => t >= NOW - 20 * HOUR);
    expect(usd.values[before - 1]).toBeNull();
    expect(usd.exact(before)).toBe('0.1');
    expect(usd.series).toBe(2);
  });
});
