import { type MessageKey, t } from '@/lib/i18n';

/**
 * The closed set of ways a balance refresh can fail. Every kind's badge effect, retry rule and
 * fix lives in this one table so the popup, badge and scheduler never disagree; its texts are
 * the message keys `errorKey` names (English in _locales/en/messages.json), looked up when shown,
 * so they follow the browser's language and nothing calls the i18n API at module load.
 */
export const ERROR_KINDS = {
  auth: {
    badge: 'error',
    retry: 'until-credentials-change',
    fix: 'credentials',
  },
  'not-found': {
    badge: 'error',
    retry: 'backoff',
    fix: 'ids',
  },
  'rate-limited': {
    badge: 'error',
    retry: 'retry-after',
    fix: null,
  },
  network: {
    badge: 'error',
    retry: 'backoff',
    fix: null,
  },
  offline: {
    badge: 'offline',
    retry: 'when-online',
    fix: null,
  },
  timeout: {
    badge: 'error',
    retry: 'backoff',
    fix: null,
  },
  server: {
    badge: 'error',
    retry: 'backoff',
    fix: null,
  },
  'invalid-response': {
    badge: 'error',
    retry: 'backoff',
    fix: null,
  },
  /**
   * The browser refused to store what the extension must keep (storage.local.set rejected: full
   * or damaged): a renewed sign-in, lib/engine/unsaved-renewals.ts. Not the provider's fault, so
   * not 'server'; retried at every round, never backed off, since each attempt only retries the
   * write (no provider call) and the worker holding the new sign-in may not live an hour.
   */
  storage: {
    badge: 'error',
    retry: 'next-round',
    fix: null,
  },
  config: {
    badge: 'error',
    retry: 'until-credentials-change',
    fix: 'setup',
  },
  permission: {
    badge: 'error',
    retry: 'until-credentials-change',
    fix: 'access',
  },
} as const satisfies Record<
  string,
  {
    badge: 'error' | 'offline';
    /**
     * When the rounds call it again (lib/engine/retry-rules.ts): after a growing backoff, after
     * the provider's Retry-After, only once the setup changes, when back online, or at the next
     * round whatever the failures.
     */
    retry: 'backoff' | 'retry-after' | 'until-credentials-change' | 'when-online' | 'next-round';
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

/** Kebab-case to snake case, as the message keys spell a kind ('rate-limited': rate_limited). */
type Snake<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}_${Snake<Tail>}`
  : S;

/**
 * A kind's three texts: `message`, used when the provider sent no message of its own; `title`, a
 * few words for the badge tooltip and the popup's error line; `hint`, what the user can do.
 */
type ErrorText = 'message' | 'title' | 'hint';

/**
 * The message key of a kind's text, common_error_<kind>_<text>. Spelled out once here rather
 * than 30 times in the table (which both bundles carry); a kind without all three keys in
 * messages.json is a type error on the return.
 */
export function errorKey(kind: BalanceErrorKind, text: ErrorText): MessageKey {
  return `common_error_${kind.replaceAll('-', '_')}_${text}` as `common_error_${Snake<BalanceErrorKind>}_${ErrorText}`;
}

/** The kind's generic sentence, for errors the provider did not explain. */
export function errorMessage(kind: BalanceErrorKind): string {
  return t(errorKey(kind, 'message'));
}

export function errorTitle(kind: BalanceErrorKind): string {
  return t(errorKey(kind, 'title'));
}

export function errorHint(kind: BalanceErrorKind): string {
  return t(errorKey(kind, 'hint'));
}

/**
 * The provider's own words (or the engine's specific explanation, such as how to renew a token),
 * or null when the message only repeats the kind's generic text, which the title already says.
 * A bare message key also counts as generic: code that stored `ERROR_KINDS[kind].message` itself
 * (before the table held keys) must not show the key to the user.
 */
export function specificMessage(kind: BalanceErrorKind, message: string): string | null {
  const text = message.trim();
  const generic = [errorKey(kind, 'message'), errorKey(kind, 'title')];
  if (text === '' || generic.some((key) => text === key || text === t(key))) return null;
  return text;
}
