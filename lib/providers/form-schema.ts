import { z } from 'zod/mini';
import { BalanceError } from '@/lib/errors';
import { type MessageKey, t } from '@/lib/i18n';
import { safeInt } from '@/lib/lean-schemas';
import type { AccountRequest } from '@/lib/providers/types';

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

/** zod classic's z.preprocess, which zod/mini leaves out: a transform piped into a schema. */
export function preprocess<T extends z.core.$ZodType>(fn: (value: unknown) => unknown, schema: T) {
  return z.pipe(z.transform(fn), schema);
}

const blankToUndefined = (value: unknown) =>
  value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value;

export function requiredText(key: MessageKey) {
  return z.string(message(key)).check(z.trim(), z.minLength(1, message(key)));
}

export function optionalText(key: MessageKey) {
  return preprocess(blankToUndefined, z.optional(z.string(message(key)).check(z.trim())));
}

/** A whole number typed into a text box or written in a settings file as a number or string. */
export function wholeNumber(key: MessageKey) {
  return preprocess(
    (value) =>
      typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value.trim()) : value,
    safeInt(message(key)).check(z.nonnegative(message(key))),
  );
}

/** An id the provider defines as an integer but that we only ever echo back: kept as text. */
export function optionalNumericId(key: MessageKey) {
  return preprocess(
    (value) => {
      const blank = blankToUndefined(value);
      return typeof blank === 'number' && Number.isSafeInteger(blank) ? String(blank) : blank;
    },
    z.optional(z.string(message(key)).check(z.trim(), z.regex(/^\d+$/, message(key)))),
  );
}

export function optionalBoolean(key: MessageKey) {
  return preprocess(
    (value) => {
      if (value === 'true') return true;
      if (value === 'false') return false;
      return blankToUndefined(value);
    },
    z.optional(z.boolean(message(key))),
  );
}

/** Epoch milliseconds, also accepted as a numeric or ISO date string (a datetime input). */
export function optionalEpochMs(key: MessageKey) {
  return preprocess(
    (value) => {
      const blank = blankToUndefined(value);
      if (typeof blank !== 'string') return blank;
      const text = blank.trim();
      return /^\d+$/.test(text) ? Number(text) : Date.parse(text);
    },
    z.optional(safeInt(message(key)).check(z.nonnegative(message(key)))),
  );
}

/**
 * Re-checks stored credentials and params right before a call: an account saved by an older
 * version, or imported half-filled, fails as 'config' with the form's own words.
 */
export function parseAccountInput<C, P>(
  schema: z.ZodMiniType<{ credentials: C; params: P }>,
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
