import { type MessageKey, t } from '@/lib/i18n';

/**
 * The closed set of ways a balance refresh can fail. Every kind's UI text, badge effect and
 * retry rule lives in this one table so the popup, badge and scheduler never disagree. The text
 * is held as message keys (English in _locales/en/messages.json) and looked up when shown, so it
 * follows the browser's language and nothing calls the i18n API at module load.
 */
export const ERROR_KINDS = {
  auth: {
    message: 'common_error_auth_message',
    title: 'common_error_auth_title',
    hint: 'common_error_auth_hint',
    badge: 'error',
    retry: 'until-credentials-change',
    fix: 'credentials',
  },
  'not-found': {
    message: 'common_error_not_found_message',
    title: 'common_error_not_found_title',
    hint: 'common_error_not_found_hint',
    badge: 'error',
    retry: 'backoff',
    fix: 'ids',
  },
  'rate-limited': {
    message: 'common_error_rate_limited_message',
    title: 'common_error_rate_limited_title',
    hint: 'common_error_rate_limited_hint',
    badge: 'error',
    retry: 'retry-after',
    fix: null,
  },
  network: {
    message: 'common_error_network_message',
    title: 'common_error_network_title',
    hint: 'common_error_network_hint',
    badge: 'error',
    retry: 'backoff',
    fix: null,
  },
  offline: {
    message: 'common_error_offline_message',
    title: 'common_error_offline_title',
    hint: 'common_error_offline_hint',
    badge: 'offline',
    retry: 'when-online',
    fix: null,
  },
  timeout: {
    message: 'common_error_timeout_message',
    title: 'common_error_timeout_title',
    hint: 'common_error_timeout_hint',
    badge: 'error',
    retry: 'backoff',
    fix: null,
  },
  server: {
    message: 'common_error_server_message',
    title: 'common_error_server_title',
    hint: 'common_error_server_hint',
    badge: 'error',
    retry: 'backoff',
    fix: null,
  },
  'invalid-response': {
    message: 'common_error_invalid_response_message',
    title: 'common_error_invalid_response_title',
    hint: 'common_error_invalid_response_hint',
    badge: 'error',
    retry: 'backoff',
    fix: null,
  },
  config: {
    message: 'common_error_config_message',
    title: 'common_error_config_title',
    hint: 'common_error_config_hint',
    badge: 'error',
    retry: 'until-credentials-change',
    fix: 'setup',
  },
  permission: {
    message: 'common_error_permission_message',
    title: 'common_error_permission_title',
    hint: 'common_error_permission_hint',
    badge: 'error',
    retry: 'until-credentials-change',
    fix: 'access',
  },
} as const satisfies Record<
  string,
  {
    /** Used when the provider sent no message of its own. */
    message: MessageKey;
    /** A few words, for the badge tooltip and the popup's error line. */
    title: MessageKey;
    /** What the user can do about it. */
    hint: MessageKey;
    badge: 'error' | 'offline';
    retry: 'backoff' | 'retry-after' | 'until-credentials-change' | 'when-online';
    /**
     * What in the account's settings ends it (lib/error-advice.ts says which field): the sign-in,
     * the ids or base URL, the setup, the host access; null when nothing there can (the
     * provider's side, the network), so no "Fix in Settings" is offered.
     */
    fix: 'credentials' | 'ids' | 'setup' | 'access' | null;
  }
>;

export type BalanceErrorKind = keyof typeof ERROR_KINDS;
export const BALANCE_ERROR_KINDS = Object.keys(ERROR_KINDS) as BalanceErrorKind[];

export interface BalanceErrorData {
  kind: BalanceErrorKind;
  /** Human text: the provider's own message when it sent one, else the kind's title. */
  message: string;
  /** The provider's own error code (Xoxoday errorId, Capillary code, Wix applicationError code). */
  providerCode?: string;
  status?: number;
  /** How long the provider asked us to wait (429 Retry-After), in ms. */
  retryAfterMs?: number;
}

/** Thrown by adapters and the HTTP layer; plain data so it survives storage and messaging. */
export class BalanceError extends Error implements BalanceErrorData {
  readonly kind: BalanceErrorKind;
  readonly providerCode?: string;
  readonly status?: number;
  readonly retryAfterMs?: number;

  constructor(data: BalanceErrorData) {
    super(data.message);
    this.name = 'BalanceError';
    this.kind = data.kind;
    this.providerCode = data.providerCode;
    this.status = data.status;
    this.retryAfterMs = data.retryAfterMs;
  }

  toJSON(): BalanceErrorData {
    const { kind, message, providerCode, status, retryAfterMs } = this;
    return { kind, message, providerCode, status, retryAfterMs };
  }
}

export function isBalanceError(value: unknown): value is BalanceError {
  return value instanceof BalanceError;
}

/** The kind's generic sentence, for errors the provider did not explain. */
export function errorMessage(kind: BalanceErrorKind): string {
  return t(ERROR_KINDS[kind].message);
}

export function errorTitle(kind: BalanceErrorKind): string {
  return t(ERROR_KINDS[kind].title);
}

export function errorHint(kind: BalanceErrorKind): string {
  return t(ERROR_KINDS[kind].hint);
}

/**
 * The provider's own words (or the engine's specific explanation, such as how to renew a token),
 * or null when the message only repeats the kind's generic text, which the title already says.
 * A bare message key also counts as generic: code that stored `ERROR_KINDS[kind].message` itself
 * (before that field held a key) must not show the key to the user.
 */
export function specificMessage(kind: BalanceErrorKind, message: string): string | null {
  const text = message.trim();
  const keys = ERROR_KINDS[kind];
  if (text === '' || text === keys.message || text === keys.title) return null;
  if (text === t(keys.message) || text === t(keys.title)) return null;
  return text;
}
