import Big from 'big.js';

const MS_PER_HOUR = 3_600_000;

/**
 * amount(t) = start - ratePerHour * hoursSince(since), never below 0, rounded half-up to `scale`
 * decimals (the provider's own precision) so a fresh balance reads as given, not a cent less.
 */
export function decayedAmount(
  start: string,
  ratePerHour: string,
  sinceMs: number,
  nowMs: number,
  scale: number,
): Big {
  const hours = new Big(Math.max(0, nowMs - sinceMs)).div(MS_PER_HOUR);
  const amount = new Big(start).minus(new Big(ratePerHour).times(hours));
  if (amount.lt(0)) return new Big(0);
  return amount.round(scale, Big.roundHalfUp);
}
