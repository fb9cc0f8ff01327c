import { z } from 'zod';
import { BalanceError } from '../errors';
import { type MessageKey, t } from '../i18n';
import type { AccountRequest } from './types';

/**
 * Building blocks for the adapters' {credentials, params} schemas. Every message is what the
 * options form shows next to the field, so each says what to do, never what zod expected. The
 * schemas are built at module load (the background imports them too), so they take message keys
 * and look the text up only when an issue is reported.
 */

/** zod's `error` option, resolved when a value fails rather than when the schema is built. */
export function message(key: MessageKey): { error: () => string } {
  return { error: () => t(key) };
}

const blankToUndefined = (value: unknown) =>
  value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value;

export function requiredText(key: MessageKey) {
  return z.string(message(key)).trim().min(1, message(key));
}

export function optionalText(key: MessageKey) {
  return z.preprocess(blankToUndefined, z.string(message(key)).trim().optional());
}

/** A whole number typed into a text box or written in a settings file as a number or string. */
export function wholeNumber(key: MessageKey) {
  return z.preprocess(
    (value) =>
      typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value.trim()) : value,
    z.number(message(key)).int(message(key)).nonnegative(message(key)),
  );
}

/** An id the provider defines as an integer but that we only ever echo back: kept as text. */
export function optionalNumericId(key: MessageKey) {
  return z.preprocess((value) => {
    const blank = blankToUndefined(value);
    return typeof blank === 'number' && Number.isSafeInteger(blank) ? String(blank) : blank;
  }, z.string(message(key)).trim().regex(/^\d+$/, message(key)).optional());
}

export function optionalBoolean(key: MessageKey) {
  return z.preprocess((value) => {
    if (value === 'true') return true;
    if (value === 'false') return false;
    return blankToUndefined(value);
  }, z.boolean(message(key)).optional());
}

/** Epoch milliseconds, also accepted as a numeric or ISO date string (a datetime input). */
export function optionalEpochMs(key: MessageKey) {
  return z.preprocess((value) => {
    const blank = blankToUndefined(value);
    if (typeof blank !== 'string') return blank;
    const text = blank.trim();
    return /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  }, z.number(message(key)).int(message(key)).nonnegative(message(key)).optional());
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
      message: result.error.issues[0]?.message ?? t('provider_error_incomplete'),
    });
  }
  return { ...account, ...result.data };
}
