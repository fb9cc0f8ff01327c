import { z } from 'zod';

/** Amounts are decimal strings so balances stay exact through decay and control changes. */
const decimal = z.string().regex(/^\d+(\.\d+)?$/, 'a non-negative decimal string');

/** What every simulated account has, whatever the provider. */
const common = {
  /** The simulator's own handle for the account: faults, control calls and logs use it. */
  id: z.string().min(1),
  name: z.string().min(1),
  /** Written into the demo settings file so the popup shows low flags. */
  lowThreshold: decimal.optional(),
  /** The primary amount at `since`. */
  balance: decimal,
  /** How fast the primary amount falls, per hour of simulator time. */
  ratePerHour: decimal.default('0'),
  /** When `balance` was true; defaults to the simulator's start time. */
  since: z.iso.datetime().optional(),
};

const xoxodayAccountSchema = z.object({
  ...common,
  provider: z.literal('xoxoday'),
  accessToken: z.string().min(1),
  /** Epoch ms; a request with the token after this gets the 401 body. */
  accessTokenExpiresAt: z.number().int().optional(),
  refreshToken: z.string().min(1).optional(),
  clientId: z.string().min(1).optional(),
  clientSecret: z.string().min(1).optional(),
  currency: z.string().length(3),
  /** Points per unit of value; absent means the response carries no `points` (newer docs). */
  pointsPerValue: decimal.optional(),
  /** Lifetimes a renewal issues; 15 days for access, 90 for refresh tokens when absent. */
  accessTokenTtlSeconds: z.number().int().positive().optional(),
  refreshTokenTtlSeconds: z.number().int().positive().optional(),
  /** How a renewal sends the expiries: epoch-ms strings, numbers, or one of each (absent). */
  expiryFormat: z.enum(['mixed', 'string', 'number']).optional(),
});

const capillaryBasic = z.object({
  type: z.literal('basic'),
  username: z.string().min(1),
  /** Plain text here; the simulator compares the MD5 the client must send, as Capillary does. */
  password: z.string().min(1),
});

const capillaryOAuth = z.object({
  type: z.literal('oauth'),
  clientKey: z.string().min(1),
  clientSecret: z.string().min(1),
  ttlSeconds: z.number().int().positive().default(1800),
});

const capillaryAccountSchema = z.object({
  ...common,
  provider: z.literal('capillary'),
  /** Capillary's customer id (entityId in the response). */
  userId: z.number().int().positive(),
  programId: z.number().int().positive().optional(),
  auth: z.discriminatedUnion('type', [capillaryBasic, capillaryOAuth]),
  /** The promised-points breakup; promisedPoints is their sum, totalPoints adds mainPoints. */
  delayedAccrualPoints: decimal.default('0'),
  externalTriggerBasedPoints: decimal.default('0'),
  /** Notes the balance answer carries in warnings[] (Capillary's {code, message}). */
  warnings: z.array(z.object({ code: z.number().int(), message: z.string() })).optional(),
});

const wixAccountSchema = z.object({
  ...common,
  provider: z.literal('wix'),
  apiKey: z.string().min(1),
  siteId: z.string().min(1),
  poolId: z.string().min(1),
  reserved: decimal.default('0'),
  memberId: z.string().optional(),
  programId: z.string().optional(),
  poolStatus: z
    .enum(['ACTIVE', 'PAUSED', 'ENDED', 'PROVISIONING', 'RENEWING', 'PENDING'])
    .default('ACTIVE'),
});

const onlinesalesAccountSchema = z.object({
  ...common,
  provider: z.literal('onlinesales'),
  token: z.string().min(1),
  merchantId: z.string().min(1),
  merchantType: z.enum(['brand', 'seller']),
  marketplaceClientId: z.number().int().positive(),
  currency: z.string().length(3),
  /** totalSpend is derived as totalCredit - balance, so spend rises as the balance falls. */
  totalCredit: decimal,
});

export const simAccountSchema = z.discriminatedUnion('provider', [
  xoxodayAccountSchema,
  capillaryAccountSchema,
  wixAccountSchema,
  onlinesalesAccountSchema,
]);

export const simDataSchema = z
  .object({
    accounts: z.array(simAccountSchema),
  })
  .superRefine((data, ctx) => {
    const seen = new Set<string>();
    data.accounts.forEach((account, index) => {
      if (seen.has(account.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['accounts', index, 'id'],
          message: `duplicate id ${account.id}`,
        });
      }
      seen.add(account.id);
    });
  });

export type SimData = z.output<typeof simDataSchema>;
export type SimDataInput = z.input<typeof simDataSchema>;
export type SimAccount = z.output<typeof simAccountSchema>;
export type XoxodayAccount = z.output<typeof xoxodayAccountSchema>;
export type CapillaryAccount = z.output<typeof capillaryAccountSchema>;
export type WixAccount = z.output<typeof wixAccountSchema>;
export type OnlinesalesAccount = z.output<typeof onlinesalesAccountSchema>;
export type SimProviderId = SimAccount['provider'];
