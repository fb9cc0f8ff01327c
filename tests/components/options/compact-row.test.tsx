// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { CompactRow } from '@/components/options/CompactRow';
import { DEFAULT_SETTINGS, type Snapshot } from '@/lib/state';
import { accountStatus } from '@/lib/status';
import { account, failure, MINUTE, snapshot } from '../popup/seed';

/**
 * Issue 17: a long list's rows before their cards. A row's provider and state words are looked
 * up once per provider and state (not once per row), so rows of one provider in different
 * states, and one state with different failures, must each still say their own words.
 */

const NOW = 1_700_000_000_000;
const usd = (value: string) => ({ value, unit: 'USD' });
const failed = (kind: Parameters<typeof failure>[0]): Partial<Snapshot> => ({
  lastAttemptAt: NOW - MINUTE,
  error: failure(kind, 'provider words'),
  failures: 1,
});

const ROWS: { id: string; snapshot?: Snapshot; says: string }[] = [
  { id: 'low', snapshot: snapshot(usd('80'), NOW - 2 * MINUTE), says: 'Low · $80.00' },
  {
    id: 'low-server',
    snapshot: snapshot(usd('80'), NOW - 2 * MINUTE, failed('server')),
    says: 'Low · Provider error · $80.00',
  },
  {
    id: 'low-auth',
    snapshot: snapshot(usd('80'), NOW - 2 * MINUTE, failed('auth')),
    says: 'Low · Sign-in failed · $80.00',
  },
  { id: 'ok', snapshot: snapshot(usd('500'), NOW - 2 * MINUTE), says: 'OK · $500.00' },
  { id: 'never', says: 'Not checked yet' },
];

function renderRows(rows: typeof ROWS) {
  const statuses = rows.map(({ id, snapshot }) =>
    accountStatus(account(id, { lowThreshold: '100' }), snapshot, DEFAULT_SETTINGS, NOW),
  );
  render(
    <ul class="accounts">
      {statuses.map((status) => (
        <CompactRow key={status.account.id} status={status} />
      ))}
    </ul>,
  );
  return (id: string) => document.querySelector(`#account-${id} .compact-facts`)?.textContent;
}

afterEach(cleanup);

describe('compact rows', () => {
  it.each([
    ['in order', ROWS],
    ['in reverse', [...ROWS].reverse()],
  ])('each says its own provider, state and balance (%s)', (_, rows) => {
    const factsOf = renderRows(rows);
    for (const row of rows) expect(factsOf(row.id)).toBe(`OnlineSales.ai · ${row.says}`);
  });
});
