import { z } from 'zod/mini';
import { BalanceError } from '@/lib/errors';
import { type MessageKey, t } from '@/lib/i18n';
import { safeInt } from '@/lib/lean-schemas';
import type { CatalogEntry } from '@/lib/providers/catalog';
import type { ValueKind, ValueSpec } from '@/lib/providers/fields';
import type { CredentialRule } from '@/lib/providers/rules';
import type { AccountRequest } from '@/lib/providers/types';

/**
 * The {credentials, params} schema of each provider, built from its catalog fields, for the
 * adapters and for the options form alike. Every message is what the options form shows next to
 * the field, so each says what to do, never what zod expected. The schemas are built at module
 * load (the background imports them too), so they take message keys and look the text up only
 * when an issue is reported.
 */

/** zod's `error` option, resolved when a value fails rather than when the schema is built. */
function message(key: MessageKey): { error: () => string } {
  return { error: () => t(key) };
}

/** zod classic's z.preprocess, which zod/mini leaves out: a transform piped into a schema. */
function preprocess<T extends z.core.$ZodType>(fn: (value: unknown) => unknown, schema: T) {
  return z.pipe(z.transform(fn), schema);
}

const blankToUndefined = (value: unknown) =>
  value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value;

type Check = Pick<ValueSpec, 'value' | 'invalidKey' | 'options'>;

/** Each kind of value as a required one; a settings file may write numbers and booleans as text. */
const REQUIRED_VALUE: Record<ValueKind, (spec: Check) => z.ZodMiniType> = {
  text: ({ invalidKey }) =>
    z.string(message(invalidKey)).check(z.trim(), z.minLength(1, message(invalidKey))),
  wholeNumber: ({ invalidKey }) =>
    preprocess(
      (value) =>
        typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value.trim()) : value,
      safeInt(message(invalidKey)).check(z.nonnegative(message(invalidKey))),
    ),
  // Kept as text: the provider defines it as an integer, but it is only ever echoed back.
  numericId: ({ invalidKey }) =>
    preprocess(
      (value) => (typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value),
      z.string(message(invalidKey)).check(z.trim(), z.regex(/^\d+$/, message(invalidKey))),
    ),
  boolean: ({ invalidKey }) =>
    preprocess(
      (value) => (value === 'true' ? true : value === 'false' ? false : value),
      z.boolean(message(invalidKey)),
    ),
  // Epoch milliseconds, also accepted as a numeric or ISO date string (a datetime input).
  epochMs: ({ invalidKey }) =>
    preprocess(
      (value) => {
        if (typeof value !== 'string') return value;
        const text = value.trim();
        return /^\d+$/.test(text) ? Number(text) : Date.parse(text);
      },
      safeInt(message(invalidKey)).check(z.nonnegative(message(invalidKey))),
    ),
  choice: ({ invalidKey, options = [] }) =>
    z.enum(
      options.map((option) => option.value),
      message(invalidKey),
    ),
};

/** One value's check; an optional value left blank (or null) is absent. */
export function valueSchema(spec: Check & Pick<ValueSpec, 'required'>): z.ZodMiniType {
  const check = REQUIRED_VALUE[spec.value](spec);
  return spec.required ? check : preprocess(blankToUndefined, z.optional(check));
}

type Values = Record<string, unknown>;

/** The {credentials, params} schema of an account, as the adapters and the form both check it. */
type AccountSchema = z.ZodMiniObject<{
  credentials: z.ZodMiniType<Values>;
  params: z.ZodMiniType<Values>;
}>;

function groupSchema(
  specs: readonly ValueSpec[],
  group: ValueSpec['group'],
  params?: { error: () => string },
) {
  const shape = specs
    .filter((spec) => spec.group === group)
    .map((spec) => [spec.key, valueSchema(spec)] as const);
  return z.object(Object.fromEntries(shape), params);
}

function withRule(schema: z.ZodMiniType<Values>, rule: CredentialRule): z.ZodMiniType<Values> {
  return schema.check(
    z.superRefine((credentials, ctx) => {
      for (const issue of rule(credentials)) {
        ctx.addIssue({ code: 'custom', path: [issue.key], message: t(issue.messageKey) });
      }
    }),
  );
}

const built = new WeakMap<CatalogEntry, AccountSchema>();

/**
 * A provider's schema, built from its catalog entry: every field's own check, then the rule
 * across its credentials. For 'discovery', only the fields its discovery needs (a site, not yet
 * a pool), without the rule.
 */
export function accountSchema(
  entry: CatalogEntry,
  purpose: 'account' | 'discovery' = 'account',
): AccountSchema {
  const cached = purpose === 'account' ? built.get(entry) : undefined;
  if (cached) return cached;
  const needs = purpose === 'discovery' ? (entry.discovery?.needs ?? []) : undefined;
  const specs = [...entry.fields, ...entry.storedFields].filter(
    (spec) => !needs || needs.includes(spec.key),
  );
  const credentials = groupSchema(specs, 'credentials');
  const rule = needs ? undefined : entry.credentialRule;
  const schema = z.object({
    credentials: rule ? withRule(credentials, rule) : credentials,
    // A provider without parameters takes an account saved without any.
    params: preprocess(
      (value) => value ?? {},
      groupSchema(specs, 'params', message('provider_params_object')),
    ),
  }) as AccountSchema;
  if (purpose === 'account') built.set(entry, schema);
  return schema;
}

/**
 * A schema seen as an adapter's own types for what its catalog fields parse to; the adapter's
 * tests parse through it.
 */
export function asAdapterSchema<C, P>(schema: z.ZodMiniType) {
  return schema as z.ZodMiniType<{ credentials: C; params: P }>;
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
