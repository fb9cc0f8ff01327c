import type { z } from 'zod/mini';
import { checkBaseUrl } from '@/lib/host-permission';
import { t } from '@/lib/i18n';
import type { AccountDraft, MaskedCredentials, WixPool } from '@/lib/messages';
import { isCurrency, toDecimal, unitLabel } from '@/lib/money';
import type { FieldSpec, Provider, ProviderId } from '@/lib/providers/types';
import type { Account } from '@/lib/state';

/**
 * The account form's logic, free of any UI: a draft built from the adapter's field specs, its
 * validation with the adapter's own zod schema mapped to one message per field, and the
 * AccountDraft the background receives. Field ids are "name", "baseUrl", "lowThreshold",
 * "credentials.<key>" and "params.<key>", the same dotted paths the settings file reports.
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
  enabled: boolean;
  /** Typed values by field key; a credential left empty on edit keeps the stored one. */
  values: Record<string, FieldValue>;
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

export function emptyDraft(provider: Provider): FormDraft {
  return {
    provider: provider.id,
    name: '',
    baseUrlChoice: provider.baseUrlPresets[0]?.url ?? CUSTOM_BASE_URL,
    customBaseUrl: '',
    lowThreshold: '',
    enabled: true,
    values: Object.fromEntries(provider.fields.map((spec) => [spec.key, emptyValue(spec)])),
  };
}

/** Another provider: its own fields and presets; what applies to any account is kept. */
export function switchProvider(draft: FormDraft, provider: Provider): FormDraft {
  return {
    ...emptyDraft(provider),
    id: draft.id,
    name: draft.name,
    lowThreshold: draft.lowThreshold,
    enabled: draft.enabled,
  };
}

function paramValue(spec: FieldSpec, value: unknown): FieldValue {
  if (spec.input === 'checkbox') return value === true;
  if (value === undefined || value === null) return emptyValue(spec);
  return String(value);
}

/** An existing account in the form. Credentials stay empty: the page never holds a secret. */
export function draftFromAccount(account: Account, provider: Provider): FormDraft {
  const preset = provider.baseUrlPresets.find((p) => p.url === account.baseUrl);
  const draft = emptyDraft(provider);
  return {
    ...draft,
    id: account.id,
    name: account.name,
    baseUrlChoice: preset ? preset.url : CUSTOM_BASE_URL,
    customBaseUrl: preset ? '' : account.baseUrl,
    lowThreshold: account.lowThreshold ?? '',
    enabled: account.enabled,
    values: Object.fromEntries(
      provider.fields.map((spec) => [
        spec.key,
        spec.group === 'params' ? paramValue(spec, account.params[spec.key]) : emptyValue(spec),
      ]),
    ),
  };
}

export function draftBaseUrl(draft: FormDraft): string {
  return (
    draft.baseUrlChoice === CUSTOM_BASE_URL ? draft.customBaseUrl : draft.baseUrlChoice
  ).trim();
}

/**
 * A low threshold as typed: empty is "none of its own", digits with an optional decimal part
 * (a comma-grouped "1,000.50" too) become a canonical decimal string.
 */
export function parseThreshold(text: string): { ok: true; value: string | null } | { ok: false } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null };
  const grouped = /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(trimmed);
  const plain = /^\d+(\.\d+)?$/.test(trimmed);
  if (!grouped && !plain) return { ok: false };
  return { ok: true, value: toDecimal(trimmed.replaceAll(',', '')) };
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

/** Whether two base URLs share scheme, host and port; one that does not parse shares nothing. */
export function sameOrigin(a: string, b: string): boolean {
  try {
    const origin = new URL(a.trim()).origin;
    // Opaque origins ("null") of odd schemes are all equal as text, yet the same as nothing.
    return origin !== 'null' && origin === new URL(b.trim()).origin;
  } catch {
    return false;
  }
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

/** The message for each base URL problem, shared by the form and the settings file. */
export function baseUrlMessage(url: string): string | undefined {
  if (url === '') return t('common_baseurl_required');
  const check = checkBaseUrl(url);
  if (check.ok) return undefined;
  const keys = {
    invalid: 'common_baseurl_invalid',
    insecure: 'common_baseurl_insecure',
    userinfo: 'common_baseurl_userinfo',
  } as const;
  return t(keys[check.problem]);
}

/** The draft as the background receives it; blank credentials are left out (kept on edit). */
export function toAccountDraft(draft: FormDraft, provider: Provider): AccountDraft {
  const credentials: Record<string, unknown> = {};
  const params: Record<string, unknown> = {};
  for (const spec of provider.fields) {
    const value = fieldInput(spec, draft.values[spec.key]);
    if (value === undefined) continue;
    if (spec.group === 'credentials') credentials[spec.key] = value;
    else params[spec.key] = value;
  }
  const threshold = parseThreshold(draft.lowThreshold);
  return {
    ...(draft.id ? { id: draft.id } : {}),
    provider: provider.id,
    name: draft.name.trim(),
    baseUrl: draftBaseUrl(draft),
    params,
    lowThreshold: threshold.ok ? threshold.value : null,
    enabled: draft.enabled,
    credentials,
  };
}

function issuesToFormErrors(
  issues: readonly z.core.$ZodIssue[],
  provider: Provider,
  keep: (id: string) => boolean,
): FormErrors {
  const errors: FormErrors = {};
  const firstOf = (group: FieldSpec['group']) =>
    provider.fields.find((spec) => spec.group === group);
  for (const issue of issues) {
    const [group, key] = issue.path.map(String);
    let id: string | undefined;
    if ((group === 'credentials' || group === 'params') && key !== undefined) {
      id = `${group}.${key}`;
    } else if (group === 'credentials' || group === 'params') {
      // A whole-group issue (an either/or rule): shown at the group's first field.
      const first = firstOf(group);
      id = first ? fieldId(first) : undefined;
    }
    const target = id && provider.fields.some((spec) => fieldId(spec) === id) ? id : 'form';
    if (!keep(target)) continue;
    errors[target] ??= issue.message;
  }
  return errors;
}

/**
 * Checks the draft with the provider's schema. On edit, a credential that is stored and left
 * empty is not an error: the background keeps the stored value (only for the stored account's
 * origin: `storedBaseUrl`).
 */
export function validateDraft(
  draft: FormDraft,
  provider: Provider,
  savedMasked: MaskedCredentials = {},
  storedBaseUrl?: string,
): { ok: true; draft: AccountDraft } | { ok: false; errors: FormErrors } {
  const masked = maskedFor(draft, savedMasked, storedBaseUrl);
  const errors: FormErrors = {};
  if (draft.name.trim() === '') errors.name = t('options_error_name');
  const urlProblem = baseUrlMessage(draftBaseUrl(draft));
  if (urlProblem) errors.baseUrl = urlProblem;
  if (!parseThreshold(draft.lowThreshold).ok) errors.lowThreshold = t('options_error_threshold');

  const accountDraft = toAccountDraft(draft, provider);
  const savedAndBlank = (id: string) => {
    const spec = provider.fields.find((s) => fieldId(s) === id);
    return (
      spec?.group === 'credentials' &&
      masked[spec.key]?.set === true &&
      accountDraft.credentials[spec.key] === undefined
    );
  };
  const anyCredentialSaved = Object.values(masked).some((entry) => entry.set);
  const result = provider.schema.safeParse({
    credentials: accountDraft.credentials,
    params: accountDraft.params,
  });
  if (!result.success) {
    Object.assign(
      errors,
      issuesToFormErrors(result.error.issues, provider, (id) => {
        if (savedAndBlank(id)) return false;
        // An either/or rule fires on an empty field of the set not in use; stored ones satisfy it.
        const spec = provider.fields.find((s) => fieldId(s) === id);
        return !(
          spec?.group === 'credentials' &&
          anyCredentialSaved &&
          Object.keys(accountDraft.credentials).length === 0
        );
      }),
    );
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, draft: accountDraft };
}

/** Errors the background returned (dotted field paths) as form errors. */
export function fieldErrorsToForm(
  errors: readonly { field: string; message: string }[],
  provider: Provider,
): FormErrors {
  const known = new Set(['name', 'baseUrl', 'lowThreshold', ...provider.fields.map(fieldId)]);
  const out: FormErrors = {};
  for (const error of errors) {
    const id = known.has(error.field) ? error.field : 'form';
    out[id] ??= error.message;
  }
  return out;
}

/** The unit thresholds are typed in: fixed by the provider, else the last reading's. */
export function thresholdUnit(provider: Provider, readingUnit?: string): string | undefined {
  const unit = provider.fixedUnit ?? readingUnit;
  if (unit === undefined) return undefined;
  return isCurrency(unit) ? unit : unitLabel(unit);
}

/** Whether "Find pools" has what listWixPools needs: an API key (typed or stored) and a site. */
export function canFindWixPools(draft: FormDraft, masked: MaskedCredentials = {}): boolean {
  const apiKey = !isBlank(draft.values.apiKey) || masked.apiKey?.set === true;
  return apiKey && !isBlank(draft.values.siteId);
}

/** One account per picked pool, each named after its pool unless the user typed a name. */
export function draftsForWixPools(
  draft: FormDraft,
  provider: Provider,
  pools: readonly WixPool[],
): AccountDraft[] {
  const base = toAccountDraft(draft, provider);
  return pools.map((pool) => ({
    ...base,
    name: pools.length === 1 && base.name ? base.name : pool.label || pool.poolId,
    params: { ...base.params, poolId: pool.poolId },
  }));
}
