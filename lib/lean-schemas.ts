import { z } from 'zod/mini';

/**
 * Stand-ins for two zod schemas whose general machinery the background bundle cannot afford
 * (its budget is 50 kB gzip): each accepts and returns what the zod original does for the values
 * this extension handles (JSON from storage, settings files and forms), and reports failures at
 * the same path with the same custom message.
 */

type ErrorParams = { error: string | (() => string) };

/**
 * `z.record(z.string(), z.unknown())` without $ZodRecord: a plain object (no array, no class
 * instance), copied key by key with "__proto__" left out, as z.record copies it. Only
 * enumerable string keys are copied; JSON has no others.
 */
export function fieldBag(params?: ErrorParams) {
  return z.pipe(
    z.custom<Record<string, unknown>>(z.util.isPlainObject, params),
    z.transform((value: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(value).filter(([key]) => key !== '__proto__')),
    ),
  );
}

/** `z.int()` (a safe integer) without zod's number-format checks. */
export function safeInt(params?: ErrorParams) {
  return z.number(params).check(z.refine(Number.isSafeInteger, params));
}
