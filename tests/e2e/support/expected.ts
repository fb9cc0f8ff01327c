import Big from 'big.js';
import type { Simulator } from '../../sim/server';

/**
 * What the popup should show for the simulator's accounts, worked out independently of the
 * extension's code: amounts in en-US (the harness's locale), totals summed per unit.
 */

const LOCALE = 'en-US';
const PROVIDER_NAMES = {
  xoxoday: 'Xoxoday Plum',
  capillary: 'Capillary',
  wix: 'Wix Benefit Programs',
  onlinesales: 'OnlineSales.ai',
} as const;

type Unit = { kind: 'currency'; code: string } | { kind: 'points' } | { kind: 'credits' };

export interface ExpectedAccount {
  simId: string;
  name: string;
  provider: string;
  amount: string;
  low: boolean;
}

function unitOf(account: Record<string, unknown>): Unit {
  switch (account.provider) {
    case 'capillary':
      return { kind: 'points' };
    case 'wix':
      return { kind: 'credits' };
    default:
      return { kind: 'currency', code: String(account.currency) };
  }
}

function unitKey(unit: Unit): string {
  return unit.kind === 'currency' ? unit.code : unit.kind;
}

export function formatAmount(value: string, unit: Unit): string {
  const plain = new Big(value).toString();
  const digits = plain.split('.')[1]?.length ?? 0;
  // Intl takes decimal strings and keeps their digits; the cast only satisfies the types.
  const number = plain as unknown as number;
  if (unit.kind === 'currency') {
    return new Intl.NumberFormat(LOCALE, {
      style: 'currency',
      currency: unit.code,
      maximumFractionDigits: Math.max(2, digits),
    }).format(number);
  }
  const text = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: digits }).format(number);
  return `${text} ${unit.kind}`;
}

/** Each simulator account as its popup row should read (only ids in `only`, when given). */
export function expectedAccounts(sim: Simulator, only?: readonly string[]): ExpectedAccount[] {
  return sim.control
    .accounts()
    .filter((summary) => !only || only.includes(summary.id))
    .map((summary) => {
      const unit = unitOf(sim.control.account(summary.id));
      return {
        simId: summary.id,
        name: summary.name,
        provider: PROVIDER_NAMES[summary.provider],
        amount: formatAmount(summary.balance, unit),
        low:
          summary.lowThreshold !== undefined &&
          new Big(summary.balance).lt(new Big(summary.lowThreshold)),
      };
    });
}

/** One total per unit, as the popup's Totals list reads (points name Capillary). */
export function expectedTotals(sim: Simulator, only?: readonly string[]): string[] {
  const sums = new Map<string, { unit: Unit; sum: Big }>();
  for (const summary of sim.control.accounts()) {
    if (only && !only.includes(summary.id)) continue;
    const unit = unitOf(sim.control.account(summary.id));
    const entry = sums.get(unitKey(unit)) ?? { unit, sum: new Big(0) };
    entry.sum = entry.sum.plus(summary.balance);
    sums.set(unitKey(unit), entry);
  }
  return [...sums.values()]
    .map(({ unit, sum }) =>
      unit.kind === 'points'
        ? `${formatAmount(sum.toString(), unit)} Capillary`
        : formatAmount(sum.toString(), unit),
    )
    .sort();
}
