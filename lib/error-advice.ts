import { type BalanceErrorData, ERROR_KINDS, specificMessage } from '@/lib/errors';
import type { MessageKey } from '@/lib/i18n';
import { providerName } from '@/lib/providers/names';
import { BASE_URL_PRESETS } from '@/lib/providers/presets';
import type { Account } from '@/lib/state';
import type { AccountStatus } from '@/lib/status';
import { hostOf } from '@/lib/url';

/**
 * What a failed refresh means to the person reading it: what happened in plain words, what to do,
 * and which setting fixes it. The kind's row in lib/errors.ts says whether Settings can fix it at
 * all; this adds what the providers' documentation explains (an expired Xoxoday token, a Capillary
 * customer that does not exist, a Wix key without the Benefit Programs scope) and what the account
 * itself shows (a 404 from a custom base URL is most likely a typo in that URL). Words are message
 * keys with their substitutions, looked up when shown. Only the pages ask for advice
 * (statusAdvice); the account status (lib/status.ts) does not carry it, so none of this is in
 * the worker's bundle.
 */

export interface Words {
  key: MessageKey;
  /** Fills the message's placeholders in order. */
  subs?: string[];
}

/**
 * Where in Settings the fix is: a field of the account form ("credentials.accessToken",
 * "params.userId", "baseUrl"), 'credentials' (the sign-in shown first), 'check' (the form
 * checks itself and points at what it finds) or 'grant' (the row's Grant access button).
 */
type FixTarget = string;

export interface ErrorAdvice {
  /** What happened; null when the title says it all (offline). */
  what: Words | null;
  todo: Words;
  /** Null when nothing in Settings can fix it (the provider's side, the network). */
  fix: FixTarget | null;
  /** The provider's own words (or the engine's explanation) and code, when there are any. */
  details: string | null;
  code: string | null;
}

type AdviceAccount = Pick<Account, 'provider' | 'baseUrl'>;
type Part = Pick<ErrorAdvice, 'what' | 'todo' | 'fix'>;

const trimmed = (url: string) => url.trim().replace(/\/+$/, '').toLowerCase();

/** A base URL the user typed rather than picked from the provider's documented presets. */
export function isCustomBaseUrl(account: AdviceAccount): boolean {
  // The presets alone (plain data), not the catalog: the popup's first paint needs no more.
  const presets: readonly { url: string }[] =
    BASE_URL_PRESETS[account.provider as keyof typeof BASE_URL_PRESETS] ?? [];
  return !presets.some((preset) => trimmed(preset.url) === trimmed(account.baseUrl));
}

/** The provider's words without the " (HTTP 404)" the HTTP layer adds to its generic text. */
function detailsOf(error: BalanceErrorData): string | null {
  const withoutStatus = error.message.replace(/\s*\(HTTP \d{3}\)$/, '');
  return specificMessage(error.kind, withoutStatus);
}

const say = (key: MessageKey, ...subs: string[]): Words => ({ key, subs });

function authAdvice(provider: string, error: BalanceErrorData): Part {
  switch (provider) {
    case 'xoxoday':
      return {
        what: say('advice_xoxoday_auth_what'),
        todo: say('advice_xoxoday_auth_todo'),
        fix: 'credentials.accessToken',
      };
    case 'capillary':
      return {
        what: say('advice_capillary_auth_what'),
        todo: say('advice_capillary_auth_todo'),
        fix: 'credentials',
      };
    case 'wix':
      // Wix answers 403 to a key that lacks the scope or belongs to someone else's site.
      return error.status === 403
        ? {
            what: say('advice_wix_scope_what'),
            todo: say('advice_wix_scope_todo'),
            fix: 'credentials.apiKey',
          }
        : {
            what: say('advice_wix_auth_what'),
            todo: say('advice_wix_auth_todo'),
            fix: 'credentials.apiKey',
          };
    case 'onlinesales':
      return {
        what: say('advice_onlinesales_auth_what'),
        todo: say('advice_onlinesales_auth_todo'),
        fix: 'credentials.token',
      };
    default:
      return {
        what: say('advice_auth_what'),
        todo: say('common_error_auth_hint'),
        fix: 'credentials',
      };
  }
}

function notFoundAdvice(account: AdviceAccount, error: BalanceErrorData): Part {
  // The provider's own code means it read the request and knows no such account; without one,
  // a custom URL that answers 404 most likely has a typo in its path.
  if (!error.providerCode && isCustomBaseUrl(account)) {
    return {
      what: say('advice_custom_url_what'),
      todo: say('advice_custom_url_todo'),
      fix: 'baseUrl',
    };
  }
  switch (account.provider) {
    case 'xoxoday':
      return {
        what: say('advice_xoxoday_not_found_what'),
        todo: say('advice_check_url_todo'),
        fix: 'baseUrl',
      };
    case 'capillary':
      return {
        what: say('advice_capillary_not_found_what'),
        todo: say('advice_capillary_not_found_todo'),
        fix: 'params.userId',
      };
    case 'wix':
      return {
        what: say('advice_wix_not_found_what'),
        todo: say('advice_wix_not_found_todo'),
        fix: 'params.poolId',
      };
    case 'onlinesales':
      return {
        what: say('advice_onlinesales_not_found_what'),
        todo: say('advice_onlinesales_not_found_todo'),
        fix: 'params.merchantId',
      };
    default:
      return { what: null, todo: say('common_error_not_found_hint'), fix: 'check' };
  }
}

/** Kinds that Settings cannot fix: what happened, and that Balance Watch tries again itself. */
function passingAdvice(account: AdviceAccount, error: BalanceErrorData, name: string): Part {
  const host = hostOf(account.baseUrl);
  const status = error.status ? String(error.status) : '';
  switch (error.kind) {
    case 'rate-limited':
      return {
        what: say('advice_rate_limited_what', name),
        todo: say('common_error_rate_limited_hint'),
        fix: null,
      };
    case 'network':
      return {
        what: say('advice_network_what', host),
        todo: say('common_error_network_hint'),
        fix: null,
      };
    case 'timeout':
      return {
        what: say('advice_timeout_what', name),
        todo: say('common_error_timeout_hint'),
        fix: null,
      };
    case 'server':
      return {
        what: status
          ? say('advice_server_status_what', name, status)
          : say('advice_server_what', name),
        todo: say('common_error_server_hint'),
        fix: null,
      };
    case 'storage':
      // The browser's storage, not the provider: what to free up, and that nothing is lost yet.
      return {
        what: say('advice_storage_what', name),
        todo: say('common_error_storage_hint'),
        fix: null,
      };
    case 'invalid-response':
      return {
        what: say('advice_invalid_response_what', name),
        todo: say('common_error_invalid_response_hint'),
        fix: null,
      };
    default:
      return { what: null, todo: say('common_error_offline_hint'), fix: null };
  }
}

/** The advice for one failed attempt of one account. */
export function errorAdvice(error: BalanceErrorData, account: AdviceAccount): ErrorAdvice {
  const found = { details: detailsOf(error), code: error.providerCode ?? null };
  switch (ERROR_KINDS[error.kind].fix) {
    case 'credentials':
      return { ...authAdvice(account.provider, error), ...found };
    case 'ids':
      return { ...notFoundAdvice(account, error), ...found };
    case 'access':
      return {
        what: say('advice_permission_what', hostOf(account.baseUrl)),
        todo: say('common_error_permission_hint'),
        fix: 'grant',
        ...found,
      };
    case 'setup':
      // The engine's own words say which value is missing; they are the explanation here.
      return {
        what: found.details ? null : say('advice_config_what'),
        todo: say('common_error_config_hint'),
        fix: 'check',
        ...found,
      };
    default:
      return { ...passingAdvice(account, error, providerName(account.provider)), ...found };
  }
}

/**
 * The advice for an account status (lib/status.ts): null when its last attempt did not fail or
 * the account is turned off (the status then has no error).
 */
export function statusAdvice(status: Pick<AccountStatus, 'error' | 'account'>): ErrorAdvice | null {
  return status.error ? errorAdvice(status.error, status.account) : null;
}
