import { z } from 'zod/mini';
import { BalanceError } from '@/lib/errors';
import { t } from '@/lib/i18n';
import { type Amount, isDecimal, toDecimal, type Unit } from '@/lib/money';
import { DETAIL_LABELS, type DetailKey } from '@/lib/providers/names';
import type { ReadingDetail } from '@/lib/providers/types';

/**
 * A provider amount sent as a JSON number or a decimal string, as a canonical decimal string.
 * One check of both forms rather than z.union: this and numberOrDigits were the worker's only
 * unions, and zod's union machinery is not worth its bytes there (lib/lean-schemas.ts).
 */
export const decimal = z.pipe(
  z.custom<number | string>((value) =>
    typeof value === 'number'
      ? Number.isFinite(value)
      : typeof value === 'string' && isDecimal(value.trim()),
  ),
  z.transform((value: number | string) => toDecimal(value)),
);

/** A number a provider sends as a JSON number or as digits ("3600"), as a number. */
export const numberOrDigits = z.pipe(
  z.transform((value: unknown) =>
    typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value,
  ),
  z.number(),
);

/**
 * A secondary field (a detail, a label, a note): absent, null or not what we expect, it is
 * left out and the reading stands. Only the primary amount and its unit may fail a reading.
 */
export function secondary<T extends z.ZodMiniType>(schema: T) {
  // A transform rather than z.catch, whose class the worker would carry for this alone.
  return z.optional(
    z.transform((value: unknown): z.output<T> | undefined => {
      const parsed = schema.safeParse(value);
      return parsed.success ? parsed.data : undefined;
    }),
  );
}

/** An ISO 4217 code; lower case is tolerated. */
export const currencyCode = z.string().check(z.trim(), z.regex(/^[A-Za-z]{3}$/));

/**
 * Parses a provider's answer or throws 'invalid-response'. The message names where the answer
 * went wrong (a schema path) but never quotes what it held: a body may echo a token.
 */
export function parseResponse<T extends z.ZodMiniType>(
  schema: T,
  body: unknown,
  providerName: string,
): z.output<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new BalanceError({
    kind: 'invalid-response',
    message:
      issue && issue.path.length > 0
        ? t('provider_error_unexpected_at', [providerName, issue.path.join('.')])
        : t('provider_error_unexpected', providerName),
  });
}

export function amount(value: string, unit: Unit): Amount {
  return { value, unit };
}

/** Details the provider actually sent, in the given order; absent ones are left out. */
export function details(
  entries: readonly { key: DetailKey; value: string | undefined; unit: Unit }[],
): ReadingDetail[] {
  return entries.flatMap(({ key, value, unit }) =>
    value === undefined ? [] : [{ key, label: t(DETAIL_LABELS[key]), amount: amount(value, unit) }],
  );
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string field of an error body when it says something; blank or not text, undefined. */
export function nonBlank(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value : undefined;
}
