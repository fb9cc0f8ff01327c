import { z } from 'zod';
import { BalanceError } from '../errors';
import { type Amount, isDecimal, toDecimal, type Unit } from '../money';
import type { ReadingDetail } from './types';

/** A provider amount sent as a JSON number or a decimal string, as a canonical decimal string. */
export const decimal = z
  .union([z.number(), z.string()])
  .refine((value) => (typeof value === 'number' ? Number.isFinite(value) : isDecimal(value.trim())))
  .transform((value) => toDecimal(value));

/** An ISO 4217 code; lower case is tolerated. */
export const currencyCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{3}$/);

/**
 * Parses a provider's answer or throws 'invalid-response'. The message names where the answer
 * went wrong (a schema path) but never quotes what it held: a body may echo a token.
 */
export function parseResponse<T extends z.ZodType>(
  schema: T,
  body: unknown,
  providerName: string,
): z.output<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : '';
  throw new BalanceError({
    kind: 'invalid-response',
    message: `${providerName} answered in an unexpected form${where}.`,
  });
}

export function amount(value: string, unit: Unit): Amount {
  return { value, unit };
}

/** Details the provider actually sent, in the given order; absent ones are left out. */
export function details(
  entries: readonly { key: string; label: string; value: string | undefined; unit: Unit }[],
): ReadingDetail[] {
  return entries.flatMap(({ key, label, value, unit }) =>
    value === undefined ? [] : [{ key, label, amount: amount(value, unit) }],
  );
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
