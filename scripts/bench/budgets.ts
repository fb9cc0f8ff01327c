import type { BundleFigures } from './bundle';
import type { PaintFigures } from './popup-paint';
import type { RoundFigures } from './round';

/**
 * The performance budgets of issue 8. Bundle sizes are also asserted by
 * tests/bundle-budget.test.ts; wall-clock figures are only ever reported.
 * kB here is 1000 bytes.
 */
export const BUDGETS = {
  /** Round wall time over the per-host cap's lower bound. */
  roundToBound: 1.15,
  /** Popup: navigation start to balances painted, median, with this many accounts stored. */
  popupPaintMs: 50,
  popupPaintAccounts: 500,
  popupGzipBytes: 20_000,
  backgroundGzipBytes: 50_000,
} as const;

export interface BudgetCheck {
  name: string;
  /** The measured figure, as shown. */
  actual: string;
  /** The rule, as shown. */
  budget: string;
  pass: boolean;
}

export const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
export const ms = (value: number) => `${Math.round(value).toLocaleString('en-US')} ms`;

export function roundName(round: RoundFigures): string {
  return `Round (${round.accounts} accounts, ${round.scenario.label})`;
}

/** "3 (snapshots 2, history 1)": the storage.local writes and what they were of. */
export function localWrites(writes: RoundFigures['concurrent']['writes']): string {
  const keys = Object.entries(writes.byKey)
    .filter(([key]) => !key.startsWith('session:'))
    .map(([key, count]) => `${key} ${count}`);
  return `${writes.local} (${keys.join(', ')})`;
}

export function roundChecks(round: RoundFigures): BudgetCheck[] {
  const { concurrent, lowerBoundMs, ratioToBound, localWriteAllowance } = round;
  return [
    {
      name: `${roundName(round)}: wall / lower bound`,
      actual: `${ms(concurrent.wallMs)} / ${ms(lowerBoundMs)} = ${ratioToBound.toFixed(2)}`,
      budget: `<= ${BUDGETS.roundToBound.toFixed(2)}`,
      pass: ratioToBound <= BUDGETS.roundToBound,
    },
    {
      // Batched means the writes follow the batch window, not the account count.
      name: `${roundName(round)}: storage.local writes`,
      actual: localWrites(concurrent.writes),
      budget: `<= ${localWriteAllowance} (2 + ceil(wall / ${round.batchWindowMs / 1000} s))`,
      pass: concurrent.writes.local <= localWriteAllowance,
    },
  ];
}

export function paintCheck(paint: PaintFigures): BudgetCheck | undefined {
  if (paint.page !== 'popup' || paint.accounts !== BUDGETS.popupPaintAccounts) return undefined;
  return {
    name: `Popup paint, ${paint.accounts} accounts (median)`,
    actual: ms(paint.medianMs),
    budget: `<= ${BUDGETS.popupPaintMs} ms`,
    pass: paint.medianMs <= BUDGETS.popupPaintMs,
  };
}

export function bundleChecks(bundle: BundleFigures): BudgetCheck[] {
  return [
    {
      name: 'Popup JavaScript, gzip',
      actual: kB(bundle.popup.gzip),
      budget: `<= ${kB(BUDGETS.popupGzipBytes)}`,
      pass: bundle.popup.gzip <= BUDGETS.popupGzipBytes,
    },
    {
      name: 'Background JavaScript, gzip',
      actual: kB(bundle.background.gzip),
      budget: `<= ${kB(BUDGETS.backgroundGzipBytes)}`,
      pass: bundle.background.gzip <= BUDGETS.backgroundGzipBytes,
    },
  ];
}
