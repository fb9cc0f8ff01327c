import type { PointColumns } from '@/lib/history';
import { t } from '@/lib/i18n';
import { isDecimal } from '@/lib/money';

/**
 * One account's history over a range as CSV (RFC 4180) that a spreadsheet opens as it is: one row
 * per point, the time in ISO 8601 (UTC), the balance exactly as the provider sent it (a decimal,
 * never rounded through a float), and the unit in a column of its own.
 */

/** A text field: quoted when it holds a separator, a quote or a line break. */
function field(text: string): string {
  // A name starting with = + - @ would be run as a formula by a spreadsheet: keep it text.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function historyCsv(name: string, unit: string, points: PointColumns): string {
  const header = [
    t('dashboard_csv_account'),
    t('dashboard_csv_time'),
    t('dashboard_csv_balance'),
    t('dashboard_csv_unit'),
  ];
  const lines = [header.map(field).join(',')];
  const account = field(name);
  const unitField = field(unit);
  points.t.forEach((time, i) => {
    // A decimal as it is, so the spreadsheet reads the number (a minus sign is not a formula).
    const value = points.v[i] ?? '';
    const balance = isDecimal(value) ? value : field(value);
    lines.push(`${account},${new Date(time).toISOString()},${balance},${unitField}`);
  });
  return `${lines.join('\r\n')}\r\n`;
}

/** "balance-watch-ads-wallet-usd-30d.csv": the account, unit and range, in safe characters. */
export function csvFileName(name: string, unit: string, range: string): string {
  const slug = `${name}-${unit}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `balance-watch-${slug || 'account'}-${range}.csv`;
}
