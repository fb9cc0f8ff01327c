import { z } from 'zod';
import { BALANCE_ERROR_KINDS, type BalanceErrorData } from './errors';
import { isDecimal } from './money';
import type { ProviderId, Reading } from './providers/types';
import {
  type Account,
  BADGE_MODES,
  type History,
  type HistoryPoint,
  REFRESH_CHOICES,
  type Secrets,
  type Settings,
  type Snapshot,
  type Snapshots,
} from './state';

/**
 * Schemas for the stored shapes of lib/state.ts, used by the background to check what it reads
 * (lib/storage-guard.ts). They check structure, not business rules: an account with an empty name
 * or an unreachable base URL is still an account the user can fix in Settings, whereas a value of
 * the wrong type would break the code that reads it.
 */

export const PROVIDER_IDS = [
  'xoxoday',
  'capillary',
  'wix',
  'onlinesales',
] as const satisfies readonly ProviderId[];

// Fails to compile when a provider id is added to ProviderId but not to PROVIDER_IDS.
type MissingProviderIds = Exclude<ProviderId, (typeof PROVIDER_IDS)[number]>;
const allProviderIdsListed: MissingProviderIds extends never ? true : never = true;
void allProviderIdsListed;

export const decimalStringSchema = z.string().refine(isDecimal, 'Expected a decimal string');

const epochMsSchema = z.number().finite();

export const amountSchema = z.object({ value: decimalStringSchema, unit: z.string().min(1) });

export const readingSchema = z.object({
  primary: amountSchema,
  details: z.array(z.object({ key: z.string(), label: z.string(), amount: amountSchema })),
  warnings: z.array(z.string()),
}) satisfies z.ZodType<Reading>;

export const balanceErrorDataSchema = z.object({
  kind: z.enum(BALANCE_ERROR_KINDS as [BalanceErrorData['kind'], ...BalanceErrorData['kind'][]]),
  message: z.string(),
  providerCode: z.string().optional(),
  status: z.number().int().optional(),
  retryAfterMs: z.number().nonnegative().optional(),
}) satisfies z.ZodType<BalanceErrorData>;

export const accountSchema = z.object({
  id: z.string().min(1),
  provider: z.enum(PROVIDER_IDS),
  name: z.string(),
  baseUrl: z.string(),
  params: z.record(z.string(), z.unknown()),
  lowThreshold: decimalStringSchema.nullable(),
  enabled: z.boolean(),
  createdAt: epochMsSchema,
}) satisfies z.ZodType<Account>;

export const accountsSchema = z.array(accountSchema) satisfies z.ZodType<Account[]>;

/** One account's credentials: any fields, as long as it is an object keyed by field name. */
export const credentialsSchema = z.record(z.string(), z.unknown());

export const secretsSchema = z.record(z.string(), credentialsSchema) satisfies z.ZodType<Secrets>;

export const settingsFieldSchemas = {
  refreshMinutes: z.literal(REFRESH_CHOICES),
  badge: z.enum(BADGE_MODES),
  notifications: z.boolean(),
  defaultLowThreshold: decimalStringSchema.nullable(),
} as const;

export const settingsSchema = z.object(settingsFieldSchemas) satisfies z.ZodType<Settings>;

export const snapshotSchema = z.object({
  reading: readingSchema.nullable(),
  readingAt: epochMsSchema.nullable(),
  lastAttemptAt: epochMsSchema.nullable(),
  error: balanceErrorDataSchema.nullable(),
  nextAttemptAt: epochMsSchema.nullable(),
  failures: z.number().int().nonnegative(),
  lowNotified: z.boolean(),
  authNotified: z.boolean(),
  tokenExpiresAt: epochMsSchema.nullable().optional(),
}) satisfies z.ZodType<Snapshot>;

export const snapshotsSchema = z.record(z.string(), snapshotSchema) satisfies z.ZodType<Snapshots>;

export const historyPointSchema = z.object({
  t: epochMsSchema,
  v: decimalStringSchema,
}) satisfies z.ZodType<HistoryPoint>;

export const historySeriesSchema = z.array(historyPointSchema);

export const historySchema = z.record(z.string(), historySeriesSchema) satisfies z.ZodType<History>;
