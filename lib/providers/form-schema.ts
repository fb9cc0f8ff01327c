import { z } from 'zod';
import { BalanceError } from '../errors';
import type { AccountRequest } from './types';

/**
 * Building blocks for the adapters' {credentials, params} schemas. Every message is what the
 * options form shows next to the field, so each says what to do, never what zod expected.
 */

const blankToUndefined = (value: unknown) =>
  value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value;

export function requiredText(message: string) {
  return z.string({ error: message }).trim().min(1, { error: message });
}

export function optionalText(message: string) {
  return z.preprocess(blankToUndefined, z.string({ error: message }).trim().optional());
}

/** A whole number typed into a text box or written in a settings file as a number or string. */
export function wholeNumber(message: string) {
  return z.preprocess(
    (value) =>
      typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value.trim()) : value,
    z.number({ error: message }).int({ error: message }).nonnegative({ error: message }),
  );
}

/** An id the provider defines as an integer but that we only ever echo back: kept as text. */
export function optionalNumericId(message: string) {
  return z.preprocess((value) => {
    const blank = blankToUndefined(value);
    return typeof blank === 'number' && Number.isSafeInteger(blank) ? String(blank) : blank;
  }, z.string({ error: message }).trim().regex(/^\d+$/, { error: message }).optional());
}

export function optionalBoolean(message: string) {
  return z.preprocess((value) => {
    if (value === 'true') return true;
    if (value === 'false') return false;
    return blankToUndefined(value);
  }, z.boolean({ error: message }).optional());
}

/** Epoch milliseconds, also accepted as a numeric or ISO date string (a datetime input). */
export function optionalEpochMs(message: string) {
  return z.preprocess((value) => {
    const blank = blankToUndefined(value);
    if (typeof blank !== 'string') return blank;
    const text = blank.trim();
    return /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  }, z
    .number({ error: message })
    .int({ error: message })
    .nonnegative({ error: message })
    .optional());
}

/**
 * Re-checks stored credentials and params right before a call: an account saved by an older
 * version, or imported half-filled, fails as 'config' with the form's own words.
 */
export function parseAccountInput<C, P>(
  schema: z.ZodType<{ credentials: C; params: P }>,
  account: AccountRequest<unknown, unknown>,
): AccountRequest<C, P> {
  const result = schema.safeParse({ credentials: account.credentials, params: account.params });
  if (!result.success) {
    throw new BalanceError({
      kind: 'config',
      message: result.error.issues[0]?.message ?? 'This account is not set up completely.',
    });
  }
  return { ...account, ...result.data };
}
