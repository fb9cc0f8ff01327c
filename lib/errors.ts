/**
 * The closed set of ways a balance refresh can fail. Every kind's UI text, badge effect and
 * retry rule lives in this one table so the popup, badge and scheduler never disagree.
 */
export const ERROR_KINDS = {
  auth: {
    message: 'The provider rejected the credentials',
    title: 'Sign-in failed',
    hint: 'Check the credentials for this account in Settings.',
    badge: 'error',
    retry: 'until-credentials-change',
  },
  'not-found': {
    message: 'The provider does not know this account',
    title: 'Not found',
    hint: 'Check the account ids (customer, pool or merchant) in Settings.',
    badge: 'error',
    retry: 'backoff',
  },
  'rate-limited': {
    message: 'The provider is limiting requests',
    title: 'Too many requests',
    hint: 'The provider asked us to slow down; we will try again later.',
    badge: 'error',
    retry: 'retry-after',
  },
  network: {
    message: 'The provider could not be reached',
    title: 'Could not connect',
    hint: 'The provider could not be reached. We will try again.',
    badge: 'error',
    retry: 'backoff',
  },
  offline: {
    message: 'This computer is offline',
    title: 'Offline',
    hint: 'This computer is offline. We will refresh when it is back online.',
    badge: 'offline',
    retry: 'when-online',
  },
  timeout: {
    message: 'The provider did not answer in time',
    title: 'Timed out',
    hint: 'The provider took too long to answer. We will try again.',
    badge: 'error',
    retry: 'backoff',
  },
  server: {
    message: 'The provider reported a server error',
    title: 'Provider error',
    hint: 'The provider had a problem answering. We will try again.',
    badge: 'error',
    retry: 'backoff',
  },
  'invalid-response': {
    message: 'The provider answered in an unexpected form',
    title: 'Unexpected answer',
    hint: 'The provider answered in a form Balance Watch does not understand.',
    badge: 'error',
    retry: 'backoff',
  },
  config: {
    message: 'The provider refused the request as malformed',
    title: 'Setup incomplete',
    hint: 'A required field is missing or wrong. Fix it in Settings.',
    badge: 'error',
    retry: 'until-credentials-change',
  },
  permission: {
    message: 'Balance Watch has no access to this host',
    title: 'Access not granted',
    hint: 'Grant Balance Watch access to this host in Settings.',
    badge: 'error',
    retry: 'until-credentials-change',
  },
} as const satisfies Record<
  string,
  {
    /** Used when the provider sent no message of its own. */
    message: string;
    title: string;
    hint: string;
    badge: 'error' | 'offline';
    retry: 'backoff' | 'retry-after' | 'until-credentials-change' | 'when-online';
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
