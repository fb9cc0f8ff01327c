import type { z } from 'zod/mini';
import { checkBaseUrl } from '@/lib/host-permission';
import { t } from '@/lib/i18n';
import type { AccountDraft, FieldError } from '@/lib/messages';
import { toDecimal } from '@/lib/money';

/**
 * The rules every account draft meets, checked by the options form before it sends one and by
 * the engine before it stores one, so both say the same thing about the same field. Pure: the
 * engine adds only what needs the stores (the stored credentials a draft builds on).
 */

/** Names longer than this are refused: a name is a label, not a note. */
const NAME_MAX_LENGTH = 80;

/** Why a typed threshold is not one: below zero, a decimal comma, or not a number at all. */
export type ThresholdProblem = 'negative' | 'comma' | 'number';

/**
 * A low threshold as typed: empty is "none of its own", digits with an optional decimal part
 * (a comma-grouped "1,000.50" too) become a canonical decimal string.
 */
export function parseThreshold(
  text: string,
): { ok: true; value: string | null } | { ok: false; problem: ThresholdProblem } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null };
  const grouped = /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(trimmed);
  const plain = /^\d+(\.\d+)?$/.test(trimmed);
  if (grouped || plain) return { ok: true, value: toDecimal(trimmed.replaceAll(',', '')) };
  if (/^-\s*\d/.test(trimmed)) return { ok: false, problem: 'negative' };
  // "1,5" or "12,50": a decimal comma, which would otherwise read as a thousands separator.
  if (/^\d+,\d{1,2}$/.test(trimmed)) return { ok: false, problem: 'comma' };
  return { ok: false, problem: 'number' };
}

/** What to say about a threshold that does not parse; shared by the form, engine and file. */
export function thresholdMessage(problem: ThresholdProblem): string {
  return t(problem === 'number' ? 'options_error_threshold' : `options_error_threshold_${problem}`);
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

/** The message for each base URL problem, shared by the form, the engine and the settings file. */
export function baseUrlMessage(url: string): string | undefined {
  if (url === '') return t('common_baseurl_required');
  // A URL parser would percent-encode a space in a path; in a typed address it is a typo.
  if (/\s/.test(url)) return t('common_baseurl_spaces');
  const check = checkBaseUrl(url);
  return check.ok ? undefined : t(`common_baseurl_${check.problem}`);
}

/**
 * What is wrong with an account's top-up page (Account.topUpUrl): the pages open it in a tab, so
 * it is a web address, https unless on this computer, with no password in it. Blank is fine: the
 * provider's documented page, if any. Undefined when fine.
 */
export function topUpUrlMessage(url: string): string | undefined {
  if (url.trim() === '') return undefined;
  const check = checkBaseUrl(url);
  return check.ok ? undefined : t(`options_error_topUp_${check.problem}`);
}

/**
 * A run-out lead as typed (Settings.runOutLeadHours, Account.runOutLeadHours): empty is "none of
 * its own" (the account's default; no warnings in settings), else a positive number of hours.
 */
export function parseLeadHours(text: string): { ok: true; value: number | null } | { ok: false } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null };
  const hours = /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : 0;
  return hours > 0 ? { ok: true, value: hours } : { ok: false };
}

/**
 * What is wrong with an account's run-out lead: a number from a message or a file, or the form's
 * text; absent or null (the default) is fine. Undefined when fine.
 */
function leadHoursMessage(lead: unknown): string | undefined {
  if (lead === undefined || lead === null) return undefined;
  const fine =
    typeof lead === 'number'
      ? Number.isFinite(lead) && lead > 0
      : typeof lead === 'string' && parseLeadHours(lead).ok;
  return fine ? undefined : t('options_error_run_out_lead');
}

/** What is wrong with a name: none given, or longer than NAME_MAX_LENGTH; undefined when fine. */
export function nameMessage(name: unknown): string | undefined {
  if (typeof name !== 'string' || name.trim() === '') return t('options_error_name');
  const length = [...name.trim()].length;
  if (length > NAME_MAX_LENGTH) {
    return t('options_error_name_long', [String(NAME_MAX_LENGTH), String(length)]);
  }
  return undefined;
}

/** The parts of a draft every check reads; the engine's come from a message, so are unchecked. */
type DraftFields = Pick<
  AccountDraft,
  'name' | 'baseUrl' | 'lowThreshold' | 'params' | 'topUpUrl'
> & {
  runOutLeadHours?: unknown;
};

type DraftCheck =
  | { ok: true; credentials: Record<string, unknown>; params: Record<string, unknown> }
  | { ok: false; errors: FieldError[] };

/**
 * Checks a draft's name, base URL and threshold, and its credentials and params with the
 * provider's schema. Every problem is named by its dotted field ("credentials.token"); the
 * values come back as the schema normalised them.
 */
export function validateDraft(
  draft: DraftFields,
  provider: { schema: z.ZodMiniType },
  credentials: Record<string, unknown>,
): DraftCheck {
  const errors: FieldError[] = [];
  const nameProblem = nameMessage(draft.name);
  if (nameProblem) errors.push({ field: 'name', message: nameProblem });
  const urlProblem = baseUrlMessage(typeof draft.baseUrl === 'string' ? draft.baseUrl.trim() : '');
  if (urlProblem) errors.push({ field: 'baseUrl', message: urlProblem });
  const threshold = draft.lowThreshold === null ? null : parseThreshold(String(draft.lowThreshold));
  if (threshold && !threshold.ok) {
    errors.push({ field: 'lowThreshold', message: thresholdMessage(threshold.problem) });
  }
  const topUpProblem = topUpUrlMessage(typeof draft.topUpUrl === 'string' ? draft.topUpUrl : '');
  if (topUpProblem) errors.push({ field: 'topUpUrl', message: topUpProblem });
  const leadProblem = leadHoursMessage(draft.runOutLeadHours);
  if (leadProblem) errors.push({ field: 'runOutLeadHours', message: leadProblem });
  const parsed = provider.schema.safeParse({ credentials, params: draft.params ?? {} });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      errors.push({
        field: issue.path.map(String).join('.') || 'credentials',
        message: issue.message,
      });
    }
  }
  if (errors.length > 0 || !parsed.success) return { ok: false, errors };
  // Through JSON so keys a schema left undefined do not count as a change.
  const plain = (value: unknown) =>
    JSON.parse(JSON.stringify(value ?? {})) as Record<string, unknown>;
  const data = parsed.data as { credentials?: unknown; params?: unknown };
  return { ok: true, credentials: plain(data.credentials), params: plain(data.params) };
}
