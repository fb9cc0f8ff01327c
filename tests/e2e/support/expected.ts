import Big from 'big.js';
import type { Simulator } from '../../sim/server';

/**
 * What the popup should show for the simulator's accounts, worked out independently of the
 * extension's code: amounts in en-US (the harness's locale), totals summed per unit, each
 * labelled by the providers it adds up. Points add up within one program only: Capillary's
 * program id names one; without it, the sign-in's default program (one org's).
 */

const LOCALE = 'en-US';
const PROVIDER_NAMES = {
  xoxoday: 'Xoxoday Plum',
  capillary: 'Capillary',
  wix: 'Wix Benefit Programs',
  onlinesales: 'OnlineSales.ai',
} as const;

type ProviderId = keyof typeof PROVIDER_NAMES;
type Unit =
  | { kind: 'currency'; code: string }
  | { kind: 'points'; program: string }
  | { kind: 'credits' };

export interface ExpectedAccount {
  simId: string;
  name: string;
  provider: string;
  amount: string;
  low: boolean;
}

/** Which program's points a Capillary account reads (the simulator's accounts name no unit). */
function capillaryProgram(account: Record<string, unknown>): string {
  if (account.programId !== undefined) return `program ${account.programId}`;
  const auth = account.auth as { type: string; username?: string; clientKey?: string };
  return `default program of ${auth.type === 'basic' ? auth.username : auth.clientKey}`;
}

function unitOf(account: Record<string, unknown>): Unit {
  switch (account.provider) {
    case 'capillary':
      return { kind: 'points', program: capillaryProgram(account) };
    case 'wix':
      return { kind: 'credits' };
    default:
      return { kind: 'currency', code: String(account.currency) };
  }
}

function unitKey(unit: Unit): string {
  if (unit.kind === 'currency') return unit.code;
  return unit.kind === 'points' ? `points of ${unit.program}` : unit.kind;
}

function formatAmount(value: string, unit: Unit): string {
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

/**
 * One total per unit, as the popup's Totals list reads: the amount, then the providers it adds
 * up (in the order of their ids), e.g. "$620.50 OnlineSales.ai, Xoxoday Plum". Two totals that
 * would read alike (two programs' points of one provider) also name their accounts, after " · ".
 */
export function expectedTotals(sim: Simulator, only?: readonly string[]): string[] {
  const sums = new Map<
    string,
    { unit: Unit; sum: Big; providers: Set<ProviderId>; names: string[] }
  >();
  for (const summary of sim.control.accounts()) {
    if (only && !only.includes(summary.id)) continue;
    const unit = unitOf(sim.control.account(summary.id));
    const entry = sums.get(unitKey(unit)) ?? {
      unit,
      sum: new Big(0),
      providers: new Set(),
      names: [],
    };
    entry.sum = entry.sum.plus(summary.balance);
    entry.providers.add(summary.provider);
    entry.names.push(summary.name);
    sums.set(unitKey(unit), entry);
  }
  const totals = [...sums.values()].map((entry) => ({
    ...entry,
    label: [...entry.providers]
      .sort()
      .map((id) => PROVIDER_NAMES[id])
      .join(', '),
    word: formatAmount('0', entry.unit),
  }));
  return totals
    .map(({ unit, sum, label, word, names }) => {
      const twin = totals.filter((other) => other.label === label && other.word === word);
      const named = twin.length > 1 ? `${label} · ${names.join(', ')}` : label;
      return `${formatAmount(sum.toString(), unit)} ${named}`;
    })
    .sort();
}
