import type { MessageKey } from '@/lib/i18n';
import { CREDITS, pointsUnit, type Unit } from '@/lib/money';
import {
  choice,
  datetime,
  type FieldDraft,
  type FieldGroup,
  type FieldSpec,
  flag,
  numericId,
  required,
  secret,
  text,
  type ValueSpec,
  wholeNumber,
} from '@/lib/providers/fields';
import { BASE_URL_PRESETS, type BaseUrlPreset } from '@/lib/providers/presets';
import { allOrNone, type CredentialRule, oneSignIn } from '@/lib/providers/rules';

/**
 * The provider catalog: what the pages and the engine know about each provider without calling
 * it (its presets, the account form's fields and their checks, a fixed unit, its capabilities).
 * Safe for the pages: no ky, no adapter code, no zod (lib/providers/form-schema.ts builds the
 * schema from these fields). The adapters (lib/providers/<id>.ts, background only) take their
 * fields from here, so nothing about a provider is declared twice.
 *
 * A new provider is:
 * 1. an entry below, its presets in lib/providers/presets.ts (they become host permissions);
 * 2. its message keys in public/_locales/en/messages.json: common_provider_<id> (its name;
 *    lib/providers/names.ts fails to compile without it) and provider_<id>_<field>_label and
 *    _help for each field (`entry` fails to compile without them), plus each check's message;
 * 3. its adapter, lib/providers/<id>.ts: `defineAdapter('<id>', { fetchBalance, ... })`;
 * 4. one line in lib/providers/index.ts, a type error until it is there; a test checks the
 *    catalog's capabilities against the adapter's methods.
 */

/**
 * Field keys with both a label and a help message for provider P: a field whose messages are
 * missing is a type error in its entry, not a blank label on the page.
 */
type LabelledKey<P extends string, M = MessageKey> = M extends `provider_${P}_${infer K}_label`
  ? K
  : never;
type FormKey<P extends string, K = LabelledKey<P>> = K extends string
  ? `provider_${P}_${K}_help` extends MessageKey
    ? K
    : never
  : never;

/**
 * Pool discovery and the like: the adapter lists what an account could point at (Wix's pools of a
 * site), and the user picks instead of typing an id. `needs` are the fields the listing calls
 * with; each target it returns fills the account's params.
 */
interface Discovery {
  needs: readonly string[];
}

/**
 * A provider's documented request limit: at most `calls` requests in any `perMs` from one caller,
 * the caller being known by the credential field `caller` (Xoxoday: 10 getBalance calls a minute
 * per token). The engine keeps every account under it, whoever asks for a refresh
 * (lib/engine/request-budget.ts).
 */
interface RateLimit {
  calls: number;
  perMs: number;
  caller: string;
}

interface ProviderEntry<P extends string = string> {
  id: P;
  baseUrlPresets: readonly BaseUrlPreset[];
  /** The account form's inputs, credentials first. */
  fields: readonly FieldSpec[];
  /** Credentials the adapter stores itself (a renewal's expiry) that the form never shows. */
  storedFields: readonly ValueSpec[];
  /** A rule across credential fields (either/or sign-ins, all-or-none renewal setups). */
  credentialRule?: CredentialRule;
  /**
   * Stored credential fields a newly typed value makes stale, by the field typed: an expiry that
   * described the old token, the other half of an either/or sign-in. Dropped on save unless the
   * draft gives them too.
   */
  replaces?: Readonly<Record<string, readonly string[]>>;
  /** The unit the primary amount is in before any reading exists, if fixed (thresholds need it). */
  fixedUnit?: Unit;
  /** Present when the adapter can list targets (it then implements `discover`). */
  discovery?: Discovery;
  rateLimit?: RateLimit;
  /**
   * The sign-ins of a oneSignIn credential rule, in its order, as the form offers them ("Sign in
   * with: …"): the form shows only the chosen one's fields, so one sign-in is begun at a time.
   */
  signIns?: readonly SignInOption[];
}

interface SignInOption {
  labelKey: MessageKey;
  /** The credential fields of this sign-in: the keys of its set in the oneSignIn rule. */
  fields: readonly string[];
}

interface EntryInput<P extends string>
  extends Omit<ProviderEntry<P>, 'id' | 'fields' | 'storedFields' | 'discovery'> {
  credentials: readonly FieldDraft<FormKey<P>>[];
  params?: readonly FieldDraft<FormKey<P>>[];
  storedCredentials?: readonly FieldDraft[];
  discovery?: { needs: readonly FormKey<P>[] };
}

function entry<P extends string>(id: P, input: EntryInput<P>): ProviderEntry<P> {
  const { credentials, params = [], storedCredentials = [], ...rest } = input;
  const complete =
    (group: FieldGroup) =>
    (draft: FieldDraft): FieldSpec => ({
      ...draft,
      group,
      // Both exist: FormKey only admits keys with a label and a help message.
      labelKey: `provider_${id}_${draft.key}_label` as MessageKey,
      helpKey: `provider_${id}_${draft.key}_help` as MessageKey,
    });
  return {
    id,
    ...rest,
    fields: [...credentials.map(complete('credentials')), ...params.map(complete('params'))],
    storedFields: storedCredentials.map((draft) => ({ ...draft, group: 'credentials' })),
  };
}

const CAPILLARY_BASIC = {
  username: 'provider_capillary_need_username',
  password: 'provider_capillary_need_password',
} as const;
const CAPILLARY_OAUTH = {
  clientKey: 'provider_capillary_need_clientKey',
  clientSecret: 'provider_capillary_need_clientSecret',
} as const;

export const CATALOG = {
  xoxoday: entry('xoxoday', {
    baseUrlPresets: BASE_URL_PRESETS.xoxoday,
    credentials: [
      required(secret('accessToken', 'provider_xoxoday_need_accessToken')),
      secret('refreshToken', 'provider_xoxoday_text_refreshToken'),
      text('clientId', 'provider_xoxoday_text_clientId'),
      secret('clientSecret', 'provider_text_clientSecret'),
      datetime('accessTokenExpiresAt', 'provider_xoxoday_when_accessTokenExpiresAt'),
    ],
    storedCredentials: [
      datetime('refreshTokenExpiresAt', 'provider_xoxoday_when_refreshTokenExpiresAt'),
    ],
    credentialRule: allOrNone({
      refreshToken: 'provider_xoxoday_renewal_refreshToken',
      clientId: 'provider_xoxoday_renewal_clientId',
      clientSecret: 'provider_xoxoday_renewal_clientSecret',
    }),
    replaces: { accessToken: ['accessTokenExpiresAt'], refreshToken: ['refreshTokenExpiresAt'] },
    // The API guide's "Rate limiting": getBalance, 10 requests a minute.
    rateLimit: { calls: 10, perMs: 60_000, caller: 'accessToken' },
  }),

  capillary: entry('capillary', {
    baseUrlPresets: BASE_URL_PRESETS.capillary,
    credentials: [
      text('username', 'provider_capillary_text_username'),
      secret('password', 'provider_capillary_text_password'),
      text('clientKey', 'provider_capillary_text_clientKey'),
      secret('clientSecret', 'provider_text_clientSecret'),
    ],
    params: [
      required(text('userId', 'provider_capillary_need_userId')),
      numericId('programId', 'provider_capillary_number_programId'),
      flag('fetchDataForAllPrograms', 'provider_capillary_choose_fetchDataForAllPrograms'),
      // Points of different orgs and programs are different currencies: the reading's unit
      // names the program (lib/providers/capillary.ts), and this names it the user's way.
      text('pointsUnit', 'provider_capillary_text_pointsUnit'),
    ],
    signIns: [
      { labelKey: 'provider_capillary_signin_basic', fields: Object.keys(CAPILLARY_BASIC) },
      { labelKey: 'provider_capillary_signin_oauth', fields: Object.keys(CAPILLARY_OAUTH) },
    ],
    credentialRule: oneSignIn([CAPILLARY_BASIC, CAPILLARY_OAUTH], {
      both: { key: 'clientKey', messageKey: 'provider_capillary_either_not_both' },
      none: { key: 'username', messageKey: 'provider_capillary_need_either' },
    }),
    // One sign-in at a time: typing either pair retires the stored other one.
    replaces: {
      username: Object.keys(CAPILLARY_OAUTH),
      password: Object.keys(CAPILLARY_OAUTH),
      clientKey: Object.keys(CAPILLARY_BASIC),
      clientSecret: Object.keys(CAPILLARY_BASIC),
    },
    // Points, always; which program's points, each reading's unit says.
    fixedUnit: pointsUnit('capillary'),
  }),

  wix: entry('wix', {
    baseUrlPresets: BASE_URL_PRESETS.wix,
    credentials: [required(secret('apiKey', 'provider_wix_need_apiKey'))],
    params: [
      required(text('siteId', 'provider_wix_need_siteId')),
      required(text('poolId', 'provider_wix_need_poolId')),
    ],
    fixedUnit: CREDITS,
    // A site's pools are listed with the API key and the site id; a picked pool fills poolId.
    discovery: { needs: ['apiKey', 'siteId'] },
  }),

  onlinesales: entry('onlinesales', {
    baseUrlPresets: BASE_URL_PRESETS.onlinesales,
    credentials: [required(secret('token', 'provider_onlinesales_need_token'))],
    params: [
      required(text('merchantId', 'provider_onlinesales_need_merchantId')),
      required(
        choice('merchantType', 'provider_onlinesales_need_merchantType', [
          { value: 'seller', labelKey: 'provider_onlinesales_merchantType_seller' },
          { value: 'brand', labelKey: 'provider_onlinesales_merchantType_brand' },
        ]),
      ),
      required(wholeNumber('marketplaceClientId', 'provider_onlinesales_need_marketplaceClientId')),
    ],
  }),
};

export type ProviderId = keyof typeof CATALOG;

/** Any provider's entry. */
export type CatalogEntry = ProviderEntry<ProviderId>;

/** In the catalog's order, which is the order the form offers them. */
export const PROVIDER_IDS = Object.keys(CATALOG) as ProviderId[];

export function isProviderId(id: string): id is ProviderId {
  return Object.hasOwn(CATALOG, id);
}
