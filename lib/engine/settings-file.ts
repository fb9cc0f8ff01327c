import { z } from 'zod/mini';
import {
  baseUrlMessage,
  nameMessage,
  parseThreshold,
  thresholdMessage,
  topUpUrlMessage,
} from '@/lib/account-draft';
import { watchesSame } from '@/lib/account-identity';
import {
  destinationsPreview,
  type FileDestination,
  fileDestinations,
  parseFileDestinations,
} from '@/lib/engine/destinations-file';
import { t } from '@/lib/i18n';
import { fieldBag } from '@/lib/lean-schemas';
import type { FieldError, ImportPreview } from '@/lib/messages';
import { getProvider } from '@/lib/providers';
import { CATALOG, PROVIDER_IDS, type ProviderId } from '@/lib/providers/catalog';
import { accountSchema } from '@/lib/providers/form-schema';
import { isRecord } from '@/lib/providers/response';
import type { Provider } from '@/lib/providers/types';
import {
  type Account,
  BADGE_MODES,
  REFRESH_CHOICES,
  type Secrets,
  type Settings,
} from '@/lib/state';
import type { DestinationStores } from '@/lib/storage/writers/destinations';

/**
 * The settings file of DESIGN.md ("Settings file"): export, validation and the import plan.
 *
 * Credentials are optional per account. Export leaves them out unless the user asks, and such a
 * file must still import: an account without credentials is added as it is and simply fails with
 * a 'config' error ("Setup incomplete") until the user types its credentials in the options page.
 * When credentials ARE present they must pass the provider's schema like everything else.
 *
 * Import is all or nothing: parseSettingsFile reports every problem it finds (each naming the
 * account and the field path), and nothing is applied unless there are none.
 */

const SETTINGS_FILE_FORMAT = 'balance-watch.settings';
const SETTINGS_FILE_VERSION = 1;

interface FileAccount {
  provider: ProviderId;
  name: string;
  baseUrl: string;
  /** Canonical decimal string in the account's unit; null: use the default from settings. */
  lowThreshold: string | null;
  enabled: boolean;
  /** Absent when the file was exported without credentials. */
  credentials?: Record<string, unknown>;
  params: Record<string, unknown>;
  /** As Account.topUpUrl: absent, the provider's page; null or "", none. */
  topUpUrl?: string | null;
  /** As Account.runOutLeadHours: absent or null, the default from settings. */
  runOutLeadHours?: number | null;
}

export interface SettingsFile {
  format: typeof SETTINGS_FILE_FORMAT;
  version: typeof SETTINGS_FILE_VERSION;
  settings: Partial<Settings>;
  accounts: FileAccount[];
  /** Team channels, URLs included: only in a file exported with credentials. */
  destinations?: FileDestination[];
}

export type ParseResult =
  | { ok: true; file: SettingsFile }
  | {
      ok: false;
      errors: FieldError[];
      /**
       * When only some accounts are wrong: the rest of the file (its settings and valid
       * accounts), which the user may choose to import alone, and how many accounts it leaves out.
       */
      validPart?: { file: SettingsFile; invalid: number };
    };

function dottedPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** One FieldError per zod issue; unknown keys get one error each so every typo is named. */
function issuesToErrors(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[],
  account?: string,
): FieldError[] {
  return issues.flatMap((issue): FieldError[] => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        account,
        field: dottedPath([...path, key]),
        message: t('options_file_unknown_field', key),
      }));
    }
    return [{ account, field: dottedPath(path), message: issue.message }];
  });
}

/** A check that says the form's words (lib/account-draft.ts): `message` is undefined when fine. */
function formRule(message: (value: string) => string | undefined) {
  return z.superRefine((value: string, ctx) => {
    const problem = message(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

/** Built per call: t() must run after the page or worker has its i18n, not at module load. */
function fileSchemas() {
  const threshold = z.transform((value: unknown, ctx) => {
    const parsed =
      typeof value === 'number' && Number.isFinite(value)
        ? parseThreshold(String(value))
        : value === null || value === undefined
          ? ({ ok: true, value: null } as const)
          : typeof value === 'string'
            ? parseThreshold(value)
            : ({ ok: false, problem: 'number' } as const);
    if (parsed.ok) return parsed.value;
    // zod/mini's transform has no addIssue; the issue goes on the parse payload directly.
    ctx.issues.push({ code: 'custom', message: thresholdMessage(parsed.problem), input: value });
    return z.NEVER;
  });

  const leadMessage = t('options_error_run_out_lead');
  const settings = z.strictObject(
    {
      refreshMinutes: z.optional(z.literal(REFRESH_CHOICES, { error: t('options_file_refresh') })),
      badge: z.optional(z.enum(BADGE_MODES, { error: t('options_file_badge') })),
      notifications: z.optional(z.boolean({ error: t('options_file_boolean') })),
      defaultLowThreshold: z.optional(threshold),
      runOutLeadHours: z.optional(
        z.nullable(z.number({ error: t('engine_setting_run_out_lead') }).check(z.positive())),
      ),
      digestTime: z.optional(
        z.nullable(
          z
            .string({ error: t('engine_setting_digest_time') })
            .check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, t('engine_setting_digest_time'))),
        ),
      ),
    },
    { error: t('options_file_object') },
  );

  const top = z.object(
    {
      format: z.literal(SETTINGS_FILE_FORMAT, { error: t('options_file_format') }),
      version: z.unknown(),
      // Checked apart from the rest, so a bad setting does not hide the accounts' problems.
      settings: z.unknown(),
      accounts: z.array(z.unknown(), { error: t('options_file_accounts') }),
      destinations: z.optional(z.unknown()),
    },
    { error: t('options_file_not_settings') },
  );

  const account = z.strictObject(
    {
      provider: z.string({ error: t('options_file_provider_missing') }),
      name: z.string({ error: t('options_error_name') }).check(z.trim(), formRule(nameMessage)),
      baseUrl: z
        .string({ error: t('common_baseurl_invalid') })
        .check(z.trim(), formRule(baseUrlMessage)),
      lowThreshold: z.optional(threshold),
      enabled: z.optional(z.boolean({ error: t('options_file_boolean') })),
      credentials: z.optional(fieldBag({ error: t('options_file_object') })),
      params: z.optional(fieldBag({ error: t('options_file_object') })),
      topUpUrl: z.optional(
        z.nullable(
          z
            .string({ error: t('options_error_topUp_invalid') })
            .check(z.trim(), formRule(topUpUrlMessage)),
        ),
      ),
      // A positive number of hours, or null for the default.
      runOutLeadHours: z.optional(
        z.nullable(z.number({ error: leadMessage }).check(z.positive({ error: leadMessage }))),
      ),
    },
    { error: t('options_file_account_object') },
  );

  return { top, settings, account };
}

/** How an account is named in messages: its name, else its 1-based position ("#2"). */
function accountLabel(raw: unknown, index: number): string {
  if (isRecord(raw) && typeof raw.name === 'string' && raw.name.trim()) return raw.name.trim();
  return t('options_file_account_number', String(index + 1));
}

/**
 * Checks credentials and params with the provider's own schema. Without credentials only the
 * params are checked; the credentials' issues would only say "missing", which is allowed here.
 */
function parseProviderPart(
  provider: Provider,
  credentials: Record<string, unknown> | undefined,
  params: Record<string, unknown>,
  label: string,
):
  | { ok: true; credentials?: Record<string, unknown>; params: Record<string, unknown> }
  | {
      ok: false;
      errors: FieldError[];
    } {
  if (credentials !== undefined) {
    const result = provider.schema.safeParse({ credentials, params });
    if (!result.success)
      return { ok: false, errors: issuesToErrors(result.error.issues, [], label) };
    return {
      ok: true,
      credentials: withoutUndefined(result.data.credentials),
      params: withoutUndefined(result.data.params),
    };
  }
  // Every adapter checks its params with its catalog fields' schema (an adapter's own schema
  // reshapes only the sign-in: lib/providers/adapter.ts).
  const result = accountSchema(CATALOG[provider.id]).shape.params.safeParse(params);
  if (!result.success) {
    return { ok: false, errors: issuesToErrors(result.error.issues, ['params'], label) };
  }
  return { ok: true, params: withoutUndefined(result.data) };
}

/** An account's own top-up page and run-out lead, when it has them (absent: the defaults). */
function ownChoices({
  topUpUrl,
  runOutLeadHours,
}: Pick<FileAccount, 'topUpUrl' | 'runOutLeadHours'>) {
  return {
    ...(topUpUrl !== undefined ? { topUpUrl } : {}),
    ...(runOutLeadHours != null ? { runOutLeadHours } : {}),
  };
}

function withoutUndefined(value: unknown): Record<string, unknown> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

function parseAccount(
  raw: unknown,
  index: number,
  schema: ReturnType<typeof fileSchemas>['account'],
): { ok: true; account: FileAccount } | { ok: false; errors: FieldError[] } {
  const label = accountLabel(raw, index);
  const base = schema.safeParse(raw);
  if (!base.success) {
    const errors = issuesToErrors(base.error.issues, [], label);
    // Still check the provider part, so one pass names every wrong field of the account.
    if (isRecord(raw)) {
      const provider = typeof raw.provider === 'string' ? getProvider(raw.provider) : undefined;
      const credentials = isRecord(raw.credentials) ? raw.credentials : undefined;
      const params = isRecord(raw.params) ? raw.params : {};
      if (provider) {
        const part = parseProviderPart(provider, credentials, params, label);
        if (!part.ok) errors.push(...part.errors);
      } else if (typeof raw.provider === 'string') {
        errors.push(unknownProvider(raw.provider, label));
      }
    }
    return { ok: false, errors };
  }
  const data = base.data;
  const provider = getProvider(data.provider);
  if (!provider) return { ok: false, errors: [unknownProvider(data.provider, label)] };
  const part = parseProviderPart(provider, data.credentials, data.params ?? {}, label);
  if (!part.ok) return part;
  return {
    ok: true,
    account: {
      provider: provider.id,
      name: data.name,
      baseUrl: data.baseUrl,
      lowThreshold: data.lowThreshold ?? null,
      enabled: data.enabled ?? true,
      ...(part.credentials ? { credentials: part.credentials } : {}),
      params: part.params,
      ...ownChoices(data),
    },
  };
}

function unknownProvider(id: string, account: string): FieldError {
  return {
    account,
    field: 'provider',
    message: t('options_file_provider_unknown', [id, PROVIDER_IDS.join(', ')]),
  };
}

/** Validates a whole settings file. Every problem is reported; the file is usable only if none. */
export function parseSettingsFile(text: string): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, errors: [{ field: 'file', message: t('options_file_not_json') }] };
  }
  const schemas = fileSchemas();
  const top = schemas.top.safeParse(json);
  if (!top.success) {
    const errors = issuesToErrors(top.error.issues, []);
    return {
      ok: false,
      errors: errors.map((error) => ({ ...error, field: error.field || 'file' })),
    };
  }
  if (top.data.version !== SETTINGS_FILE_VERSION) {
    // Reading a newer file as if it were version 1 could silently drop what it adds.
    const version = JSON.stringify(top.data.version) ?? 'none';
    return {
      ok: false,
      errors: [{ field: 'version', message: t('options_file_version', version) }],
    };
  }
  const errors: FieldError[] = [];
  const settings = z.optional(schemas.settings).safeParse(top.data.settings);
  if (!settings.success) errors.push(...issuesToErrors(settings.error.issues, ['settings']));
  const accounts: FileAccount[] = [];
  top.data.accounts.forEach((raw, index) => {
    const result = parseAccount(raw, index, schemas.account);
    if (result.ok) accounts.push(result.account);
    else
      errors.push(...result.errors.map((error) => ({ ...error, field: error.field || 'account' })));
  });
  const destinations = parseFileDestinations(top.data.destinations, errors);
  const file: SettingsFile = {
    format: SETTINGS_FILE_FORMAT,
    version: SETTINGS_FILE_VERSION,
    settings: withoutUndefined(settings.success ? (settings.data ?? {}) : {}) as Partial<Settings>,
    accounts,
    ...(destinations ? { destinations } : {}),
  };
  if (errors.length === 0 && settings.success) return { ok: true, file };
  // Only accounts are wrong: the rest stands on its own, for an import of the valid part.
  const invalid = top.data.accounts.length - accounts.length;
  return settings.success && invalid > 0
    ? { ok: false, errors, validPart: { file, invalid } }
    : { ok: false, errors };
}

export interface ExportInput {
  accounts: readonly Account[];
  secrets: Secrets;
  settings: Settings;
  includeCredentials: boolean;
  /** Written only with the credentials: a channel's URL is a secret. */
  destinations?: DestinationStores;
}

/** The settings file as text. Credentials are only written when the user asked for them. */
export function exportSettingsFile({
  accounts,
  secrets,
  settings,
  includeCredentials,
  destinations,
}: ExportInput): string {
  const file: SettingsFile = {
    format: SETTINGS_FILE_FORMAT,
    version: SETTINGS_FILE_VERSION,
    settings: {
      refreshMinutes: settings.refreshMinutes,
      badge: settings.badge,
      notifications: settings.notifications,
      defaultLowThreshold: settings.defaultLowThreshold,
      runOutLeadHours: settings.runOutLeadHours,
      digestTime: settings.digestTime,
    },
    accounts: accounts.map((account) => {
      const credentials = withoutUndefined(secrets[account.id]);
      return {
        provider: account.provider,
        name: account.name,
        baseUrl: account.baseUrl,
        lowThreshold: account.lowThreshold,
        enabled: account.enabled,
        ...(includeCredentials && Object.keys(credentials).length > 0 ? { credentials } : {}),
        params: withoutUndefined(account.params),
        ...ownChoices(account),
      };
    }),
    ...(includeCredentials && destinations ? { destinations: fileDestinations(destinations) } : {}),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export interface ImportPlan {
  settings: Partial<Settings>;
  /** Accounts the import adds, in file order. */
  add: FileAccount[];
  /** Accounts already watched (lib/account-identity.ts) or listed twice: left as they are. */
  skip: FileAccount[];
  /** The file's team channels; which are added is decided against the stored ones. */
  destinations: FileDestination[];
}

/**
 * What importing this file would do: the settings it sets and the accounts it adds. Re-importing
 * a backup must not double every account, so a wallet that is already watched is skipped.
 */
export function importPlan(file: SettingsFile, existingAccounts: readonly Account[]): ImportPlan {
  const add: FileAccount[] = [];
  const skip: FileAccount[] = [];
  for (const account of file.accounts) {
    const known = existingAccounts.some((existing) => watchesSame(account, existing));
    const twice = add.some((added) => watchesSame(account, added));
    (known || twice ? skip : add).push(account);
  }
  return { settings: file.settings, add, skip, destinations: file.destinations ?? [] };
}

/** Why each skipped account is left out: which watched account (or earlier entry) it is. */
function skippedOf(plan: ImportPlan, existing: readonly Account[]): ImportPreview['skipped'] {
  return plan.skip.map((account) => {
    const watched = existing.find((other) => watchesSame(account, other));
    const earlier = plan.add.find((other) => watchesSame(account, other));
    return {
      provider: account.provider,
      name: account.name,
      reason: watched ? 'already-watched' : 'twice-in-file',
      same: (watched ?? earlier)?.name ?? account.name,
    };
  });
}

const NO_CHANNELS: DestinationStores = { destinations: [], urls: {} };

/**
 * What the preview shows: the accounts added, the accounts skipped and why, only the settings
 * that change (with what they are now), so a re-imported backup does not list "changes" that
 * change nothing, and the team channels added or left out (against the stored `channels`).
 */
export function toImportPreview(
  plan: ImportPlan,
  existing: readonly Account[] = [],
  current?: Settings,
  invalid = 0,
  channels: DestinationStores = NO_CHANNELS,
): ImportPreview {
  const keys = Object.keys(plan.settings) as (keyof Settings)[];
  const changed = keys.filter((key) => !current || current[key] !== plan.settings[key]);
  const pick = (from: Partial<Settings>) =>
    Object.fromEntries(changed.map((key) => [key, from[key]])) as Partial<Settings>;
  return {
    settings: pick(plan.settings),
    settingsBefore: current ? pick(current) : {},
    accounts: plan.add.map((account) => ({
      provider: account.provider,
      name: account.name,
      baseUrl: account.baseUrl,
      hasCredentials: account.credentials !== undefined,
    })),
    skipped: skippedOf(plan, existing),
    invalid,
    ...destinationsPreview(channels, plan.destinations),
  };
}

export interface StoredState {
  accounts: Account[];
  secrets: Secrets;
  settings: Settings;
}

/** The stores after the import, for the caller to write; pure, so nothing is half-applied. */
export function applyImport(
  plan: ImportPlan,
  state: StoredState,
  ids: { newId: () => string; now: number },
): StoredState & { added: number } {
  const accounts = [...state.accounts];
  const secrets = { ...state.secrets };
  for (const entry of plan.add) {
    const id = ids.newId();
    accounts.push({
      id,
      provider: entry.provider,
      name: entry.name,
      baseUrl: entry.baseUrl,
      params: entry.params,
      lowThreshold: entry.lowThreshold,
      enabled: entry.enabled,
      createdAt: ids.now,
      ...ownChoices(entry),
    });
    if (entry.credentials) secrets[id] = entry.credentials;
  }
  return {
    accounts,
    secrets,
    settings: { ...state.settings, ...plan.settings },
    added: plan.add.length,
  };
}
