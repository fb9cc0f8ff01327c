import { parseLeadHours, parseThreshold, sameOrigin, validateDraft } from '@/lib/account-draft';
import type { AccountDraft, MaskedCredentials } from '@/lib/messages';
import { isCurrency, unitLabel } from '@/lib/money';
import type { CatalogEntry, ProviderId } from '@/lib/providers/catalog';
import type { FieldSpec } from '@/lib/providers/fields';
import { accountSchema } from '@/lib/providers/form-schema';
import type { DiscoveredTarget } from '@/lib/providers/types';
import type { Account } from '@/lib/state';

/**
 * The account form's logic, free of any UI: a draft built from the catalog's field specs, its
 * validation by the rules the engine applies too (lib/account-draft.ts) mapped to one message per
 * field, and the AccountDraft the background receives. Field ids are "name", "baseUrl",
 * "lowThreshold", "credentials.<key>" and "params.<key>", the same dotted paths the settings file
 * reports.
 */

export const CUSTOM_BASE_URL = 'custom';

export type FieldValue = string | boolean;

export interface FormDraft {
  id?: string;
  provider: ProviderId;
  name: string;
  /** A preset URL, or CUSTOM_BASE_URL when customBaseUrl holds the URL. */
  baseUrlChoice: string;
  customBaseUrl: string;
  /** As typed, in the account's unit; empty means "use the default threshold". */
  lowThreshold: string;
  /** As typed; empty: the provider's documented page, if any (lib/status.ts topUpUrl). */
  topUpUrl: string;
  /** Hours, as typed; empty: the default from settings. */
  runOutLeadHours: string;
  enabled: boolean;
  /** Typed values by field key; a credential left empty on edit keeps the stored one. */
  values: Record<string, FieldValue>;
  /** The chosen sign-in of the provider's `signIns` (its index); only its fields are shown. */
  signIn: number;
}

export type FormErrors = Record<string, string>;

export function fieldId(spec: Pick<FieldSpec, 'group' | 'key'>): string {
  return `${spec.group}.${spec.key}`;
}

function emptyValue(spec: FieldSpec): FieldValue {
  if (spec.input === 'checkbox') return false;
  if (spec.input === 'select') return spec.options?.[0]?.value ?? '';
  return '';
}

export function emptyDraft(provider: CatalogEntry): FormDraft {
  return {
    provider: provider.id,
    name: '',
    baseUrlChoice: provider.baseUrlPresets[0]?.url ?? CUSTOM_BASE_URL,
    customBaseUrl: '',
    lowThreshold: '',
    topUpUrl: '',
    runOutLeadHours: '',
    enabled: true,
    values: Object.fromEntries(provider.fields.map((spec) => [spec.key, emptyValue(spec)])),
    signIn: 0,
  };
}

/**
 * The fields the form shows: all of them, except the credentials of the sign-ins not chosen
 * (a provider's `signIns`, which map to its oneSignIn rule). Hidden ones are not sent either.
 */
export function visibleFields(draft: FormDraft, provider: CatalogEntry): FieldSpec[] {
  const chosen = provider.signIns?.[draft.signIn];
  if (!chosen || !provider.signIns) return [...provider.fields];
  const other = provider.signIns.flatMap((option) =>
    option === chosen ? [] : option.fields.filter((key) => !chosen.fields.includes(key)),
  );
  return provider.fields.filter(
    (spec) => spec.group !== 'credentials' || !other.includes(spec.key),
  );
}

/** The sign-in an edited account uses: the one whose credentials are stored (else the first). */
export function storedSignIn(provider: CatalogEntry, masked: MaskedCredentials): number {
  const index = (provider.signIns ?? []).findIndex((option) =>
    option.fields.some((key) => masked[key]?.set === true),
  );
  return Math.max(0, index);
}

/** Another provider: its own fields and presets; what applies to any account is kept. */
export function switchProvider(draft: FormDraft, provider: CatalogEntry): FormDraft {
  return {
    ...emptyDraft(provider),
    id: draft.id,
    name: draft.name,
    lowThreshold: draft.lowThreshold,
    topUpUrl: draft.topUpUrl,
    runOutLeadHours: draft.runOutLeadHours,
    enabled: draft.enabled,
  };
}

function paramValue(spec: FieldSpec, value: unknown): FieldValue {
  if (spec.input === 'checkbox') return value === true;
  if (value === undefined || value === null) return emptyValue(spec);
  return String(value);
}

/** An existing account in the form. Credentials stay empty: the page never holds a secret. */
export function draftFromAccount(account: Account, provider: CatalogEntry): FormDraft {
  const preset = provider.baseUrlPresets.find((p) => p.url === account.baseUrl);
  const draft = emptyDraft(provider);
  return {
    ...draft,
    id: account.id,
    name: account.name,
    baseUrlChoice: preset ? preset.url : CUSTOM_BASE_URL,
    customBaseUrl: preset ? '' : account.baseUrl,
    lowThreshold: account.lowThreshold ?? '',
    topUpUrl: account.topUpUrl ?? '',
    runOutLeadHours: account.runOutLeadHours == null ? '' : String(account.runOutLeadHours),
    enabled: account.enabled,
    values: Object.fromEntries(
      provider.fields.map((spec) => [
        spec.key,
        spec.group === 'params' ? paramValue(spec, account.params[spec.key]) : emptyValue(spec),
      ]),
    ),
  };
}

function draftBaseUrl(draft: FormDraft): string {
  return (
    draft.baseUrlChoice === CUSTOM_BASE_URL ? draft.customBaseUrl : draft.baseUrlChoice
  ).trim();
}

function isBlank(value: FieldValue | undefined): boolean {
  return value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** What a typed value means to the schema: blank is absent, a datetime is epoch ms. */
function fieldInput(spec: FieldSpec, value: FieldValue | undefined): unknown {
  if (spec.input === 'checkbox') return value === true;
  if (isBlank(value)) return undefined;
  const text = String(value).trim();
  if (spec.input === 'datetime') {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? text : ms;
  }
  return text;
}

/**
 * The stored credentials a draft may lean on: none once its base URL leaves the stored account's
 * origin, since a secret only ever goes to its own host; the form then asks for it again.
 */
export function maskedFor(
  draft: FormDraft,
  masked: MaskedCredentials,
  storedBaseUrl: string | undefined,
): MaskedCredentials {
  return storedBaseUrl === undefined || sameOrigin(draftBaseUrl(draft), storedBaseUrl)
    ? masked
    : {};
}

/** The draft as the background receives it; blank credentials are left out (kept on edit). */
export function toAccountDraft(draft: FormDraft, provider: CatalogEntry): AccountDraft {
  const credentials: Record<string, unknown> = {};
  const params: Record<string, unknown> = {};
  for (const spec of visibleFields(draft, provider)) {
    const value = fieldInput(spec, draft.values[spec.key]);
    if (value === undefined) continue;
    if (spec.group === 'credentials') credentials[spec.key] = value;
    else params[spec.key] = value;
  }
  const threshold = parseThreshold(draft.lowThreshold);
  const lead = parseLeadHours(draft.runOutLeadHours);
  const topUpUrl = draft.topUpUrl.trim();
  return {
    ...(draft.id ? { id: draft.id } : {}),
    provider: provider.id,
    name: draft.name.trim(),
    baseUrl: draftBaseUrl(draft),
    params,
    lowThreshold: threshold.ok ? threshold.value : null,
    // Empty: none of its own, so the default from settings applies.
    ...(lead.ok && lead.value !== null ? { runOutLeadHours: lead.value } : {}),
    ...(topUpUrl ? { topUpUrl } : {}),
    enabled: draft.enabled,
    credentials,
  };
}

const ACCOUNT_FIELDS = ['name', 'baseUrl', 'lowThreshold', 'topUpUrl', 'runOutLeadHours'];

/**
 * The form field a dotted error field belongs to: its own input, the group's first shown input
 * for a rule about a whole group (or about a field of a sign-in not chosen), else the form.
 */
function formFieldOf(field: string, provider: CatalogEntry, shown: readonly FieldSpec[]): string {
  if (ACCOUNT_FIELDS.includes(field)) return field;
  const [group, key] = field.split('.');
  const spec =
    shown.find((s) => s.group === group && s.key === key) ?? shown.find((s) => s.group === group);
  return spec && provider.fields.includes(spec) ? fieldId(spec) : 'form';
}

/**
 * Checks the draft as the background will (lib/account-draft.ts). On edit, a credential that is
 * stored and left empty is not an error: the background keeps the stored value (only for the
 * stored account's origin: `storedBaseUrl`).
 */
export function validateForm(
  draft: FormDraft,
  provider: CatalogEntry,
  savedMasked: MaskedCredentials = {},
  storedBaseUrl?: string,
): { ok: true; draft: AccountDraft } | { ok: false; errors: FormErrors } {
  const masked = maskedFor(draft, savedMasked, storedBaseUrl);
  const accountDraft = toAccountDraft(draft, provider);
  const checked = validateDraft(
    {
      ...accountDraft,
      name: draft.name,
      lowThreshold: draft.lowThreshold,
      runOutLeadHours: draft.runOutLeadHours,
    },
    { schema: accountSchema(provider) },
    accountDraft.credentials,
  );
  if (checked.ok) return { ok: true, draft: accountDraft };
  const anyCredentialSaved = Object.values(masked).some((entry) => entry.set);
  const anyCredentialTyped = Object.keys(accountDraft.credentials).length > 0;
  const errors: FormErrors = {};
  const shown = visibleFields(draft, provider);
  for (const error of checked.errors) {
    const id = formFieldOf(error.field, provider, shown);
    const spec = provider.fields.find((s) => fieldId(s) === id);
    if (spec?.group === 'credentials') {
      if (masked[spec.key]?.set === true && accountDraft.credentials[spec.key] === undefined) {
        continue;
      }
      // An either/or rule fires on an empty field of the set not in use; stored ones satisfy it.
      if (anyCredentialSaved && !anyCredentialTyped) continue;
    }
    errors[id] ??= error.message;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, draft: accountDraft };
}

/** Errors the background returned (dotted field paths) as form errors. */
export function fieldErrorsToForm(
  errors: readonly { field: string; message: string }[],
  draft: FormDraft,
  provider: CatalogEntry,
): FormErrors {
  const out: FormErrors = {};
  const shown = visibleFields(draft, provider);
  for (const error of errors) out[formFieldOf(error.field, provider, shown)] ??= error.message;
  return out;
}

/** The unit thresholds are typed in: fixed by the provider, else the last reading's. */
export function thresholdUnit(provider: CatalogEntry, readingUnit?: string): string | undefined {
  const unit = provider.fixedUnit ?? readingUnit;
  if (unit === undefined) return undefined;
  return isCurrency(unit) ? unit : unitLabel(unit);
}

/**
 * Whether the provider's discovery ("Find pools") has what it needs: each field it names typed,
 * or for a credential, stored.
 */
export function canDiscover(
  draft: FormDraft,
  provider: CatalogEntry,
  masked: MaskedCredentials = {},
): boolean {
  const needs = provider.discovery?.needs;
  if (!needs) return false;
  return needs.every((key) => {
    const stored = provider.fields.some((s) => s.key === key && s.group === 'credentials');
    return !isBlank(draft.values[key]) || (stored && masked[key]?.set === true);
  });
}

/** One account per picked target, each named after its target unless the user typed a name. */
export function draftsForTargets(
  draft: FormDraft,
  provider: CatalogEntry,
  targets: readonly DiscoveredTarget[],
): AccountDraft[] {
  const base = toAccountDraft(draft, provider);
  return targets.map((target) => ({
    ...base,
    name: targets.length === 1 && base.name ? base.name : target.label || target.id,
    params: { ...base.params, ...target.params },
  }));
}
