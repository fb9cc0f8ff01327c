import { z } from 'zod/mini';
import { DESTINATION_EVENTS, DESTINATION_TYPES, type Destination } from '@/lib/alerts/destination';
import { BALANCE_ERROR_KINDS, type BalanceErrorData } from '@/lib/errors';
import { fieldBag, safeInt } from '@/lib/lean-schemas';
import { isDecimal } from '@/lib/money';
import { PROVIDER_IDS } from '@/lib/providers/catalog';
import type { Reading } from '@/lib/providers/types';
import {
  type Account,
  BADGE_MODES,
  type HistoryPoint,
  REFRESH_CHOICES,
  type Settings,
  type Snapshot,
} from '@/lib/state';

/**
 * Schemas for the stored shapes of lib/state.ts, used by the background to check what it reads
 * (lib/storage/guard.ts). They check structure, not business rules: an account with an empty name
 * or an unreachable base URL is still an account the user can fix in Settings, whereas a value of
 * the wrong type would break the code that reads it.
 */

const decimalStringSchema = z.string().check(z.refine(isDecimal, 'Expected a decimal string'));

// z.number() takes finite numbers only (zod 4).
const epochMsSchema = z.number();

const amountSchema = z.object({
  value: decimalStringSchema,
  unit: z.string().check(z.minLength(1)),
});

const readingSchema = z.object({
  primary: amountSchema,
  details: z.array(z.object({ key: z.string(), label: z.string(), amount: amountSchema })),
  warnings: z.array(z.string()),
}) satisfies z.ZodMiniType<Reading>;

const balanceErrorDataSchema = z.object({
  kind: z.enum(BALANCE_ERROR_KINDS as [BalanceErrorData['kind'], ...BalanceErrorData['kind'][]]),
  message: z.string(),
  providerCode: z.optional(z.string()),
  status: z.optional(safeInt()),
  retryAfterMs: z.optional(z.number().check(z.nonnegative())),
}) satisfies z.ZodMiniType<BalanceErrorData>;

export const accountSchema = z.object({
  id: z.string().check(z.minLength(1)),
  provider: z.enum(PROVIDER_IDS),
  name: z.string(),
  baseUrl: z.string(),
  params: fieldBag(),
  lowThreshold: z.nullable(decimalStringSchema),
  enabled: z.boolean(),
  createdAt: epochMsSchema,
  runOutLeadHours: z.optional(z.nullable(z.number().check(z.positive()))),
  topUpUrl: z.optional(z.nullable(z.string())),
}) satisfies z.ZodMiniType<Account>;

/** One account's credentials: any fields, as long as it is an object keyed by field name. */
export const credentialsSchema = fieldBag();

export const settingsFieldSchemas = {
  refreshMinutes: z.literal(REFRESH_CHOICES),
  badge: z.enum(BADGE_MODES),
  notifications: z.boolean(),
  defaultLowThreshold: z.nullable(decimalStringSchema),
  runOutLeadHours: z.nullable(z.number().check(z.positive())),
  digestTime: z.nullable(z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/))),
} as const satisfies { [K in keyof Settings]: z.ZodMiniType<Settings[K]> };

export const snapshotSchema = z.object({
  reading: z.nullable(readingSchema),
  readingAt: z.nullable(epochMsSchema),
  lastAttemptAt: z.nullable(epochMsSchema),
  error: z.nullable(balanceErrorDataSchema),
  nextAttemptAt: z.nullable(epochMsSchema),
  failures: safeInt().check(z.nonnegative()),
  lowNotified: z.boolean(),
  authNotified: z.boolean(),
  tokenExpiresAt: z.optional(z.nullable(epochMsSchema)),
  runOutNotified: z.optional(z.boolean()),
  alertsSent: z.optional(z.array(z.enum(['low', 'run-out', 'sign-in']))),
  trend: z.optional(
    z.nullable(
      z.object({ perDay: z.number().check(z.positive()), at: epochMsSchema, value: z.number() }),
    ),
  ),
  snooze: z.optional(
    z.nullable(
      z.object({
        at: epochMsSchema,
        until: z.nullable(epochMsSchema),
        from: z.nullable(decimalStringSchema),
      }),
    ),
  ),
}) satisfies z.ZodMiniType<Snapshot>;

export const historyPointSchema = z.object({
  t: epochMsSchema,
  v: decimalStringSchema,
}) satisfies z.ZodMiniType<HistoryPoint>;

export const destinationSchema = z.object({
  id: z.string().check(z.minLength(1)),
  name: z.string(),
  type: z.enum(DESTINATION_TYPES),
  events: z.array(z.enum(DESTINATION_EVENTS)),
  enabled: z.boolean(),
  urlHint: z.string(),
  lastOkAt: z.nullable(epochMsSchema),
  failures: safeInt().check(z.nonnegative()),
  lastError: z.nullable(z.string()),
  disabledReason: z.nullable(z.string()),
}) satisfies z.ZodMiniType<Destination>;
