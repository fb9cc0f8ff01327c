import ky, { HTTPError, type KyInstance, type Options, TimeoutError } from 'ky';
import { BalanceError, type BalanceErrorKind, errorMessage } from '@/lib/errors';
import { t } from '@/lib/i18n';

export interface HttpOptions {
  /** Per-attempt timeout in ms. */
  timeoutMs?: number;
  /** Retries after the first attempt, for network errors, 5xx and 429. */
  retries?: number;
  /** A Retry-After longer than this is not waited out in the request; the scheduler waits instead. */
  maxRetryAfterMs?: number;
  /** Upper bound for one backoff delay between attempts. */
  backoffLimitMs?: number;
  fetch?: typeof fetch;
}

export const HTTP_DEFAULTS = {
  timeoutMs: 15_000,
  retries: 2,
  maxRetryAfterMs: 10_000,
  backoffLimitMs: 3_000,
} as const;

/**
 * The one HTTP client factory. Retries include POST because Xoxoday's getBalance is a POST
 * that only reads.
 */
export function createHttp(options: HttpOptions = {}): KyInstance {
  const settings = { ...HTTP_DEFAULTS, ...options };
  const kyOptions: Options = {
    timeout: settings.timeoutMs,
    // Never followed: fetch would carry custom headers (X-CAP-API-OAUTH-TOKEN, wix-site-id) and
    // URL tokens to another host, or to plain http. 'manual' lets toBalanceError say so.
    redirect: 'manual',
    throwHttpErrors: true,
    retry: {
      limit: settings.retries,
      methods: ['get', 'post'],
      statusCodes: [408, 429, 500, 502, 503, 504],
      afterStatusCodes: [429, 503],
      maxRetryAfter: settings.maxRetryAfterMs,
      backoffLimit: settings.backoffLimitMs,
      jitter: true,
      // ky caps a long Retry-After to maxRetryAfter and still waits it out; a provider asking for
      // more than we are willing to wait gets the rate-limited error instead, and the scheduler
      // (which knows retryAfterMs) waits without holding a request open.
      shouldRetry: ({ error }) => {
        if (!(error instanceof HTTPError)) return undefined;
        const after = parseRetryAfter(error.response.headers.get('retry-after'));
        return after !== undefined && after > settings.maxRetryAfterMs ? false : undefined;
      },
    },
  };
  if (settings.fetch) kyOptions.fetch = settings.fetch;
  return ky.create(kyOptions);
}

/** What a provider's error body says, in its own words. */
export interface ProviderErrorDetail {
  code?: string;
  message?: string;
  /** A provider code that means something more precise than the HTTP status (Capillary 8015). */
  kind?: BalanceErrorKind;
}

export type ProviderErrorParser = (body: unknown, status: number) => ProviderErrorDetail;

export interface RequestSpec {
  method: 'get' | 'post';
  url: string;
  headers?: Record<string, string>;
  json?: unknown;
  searchParams?: Record<string, string>;
}

/**
 * Sends one request and returns its JSON body, turning every failure into a BalanceError.
 * `secrets` are scrubbed from any text that ends up in an error message.
 */
export async function requestJson(
  http: KyInstance,
  spec: RequestSpec,
  parseError: ProviderErrorParser,
  secrets: readonly string[],
): Promise<unknown> {
  let text: string;
  try {
    const response = await http(spec.url, {
      method: spec.method,
      headers: spec.headers,
      json: spec.json,
      searchParams: spec.searchParams,
    });
    text = await response.text();
  } catch (error) {
    throw await toBalanceError(error, parseError, secrets);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new BalanceError({
      kind: 'invalid-response',
      message: t('provider_error_not_json'),
    });
  }
}

export function kindForStatus(status: number): BalanceErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limited';
  if (status === 408) return 'timeout';
  if (status >= 500) return 'server';
  return 'config';
}

export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    // A body may echo a query parameter in its encoded form (OnlineSales' token in the URL).
    const formEncoded = new URLSearchParams({ s: secret }).toString().slice(2);
    for (const form of new Set([secret, encodeURIComponent(secret), formEncoded])) {
      out = out.split(form).join('•••');
    }
  }
  return out;
}

function isOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

export async function toBalanceError(
  error: unknown,
  parseError: ProviderErrorParser,
  secrets: readonly string[],
): Promise<BalanceError> {
  if (error instanceof BalanceError) return error;
  if (error instanceof HTTPError) {
    const { status, type } = error.response;
    // A browser hides a manual redirect behind status 0; Node shows the 3xx itself.
    if (type === 'opaqueredirect' || (status >= 300 && status < 400)) {
      // No status: it is no verdict on the credentials (a renewal refused would read as one).
      return new BalanceError({ kind: 'config', message: t('provider_error_redirected') });
    }
    let body: unknown;
    try {
      const raw = await error.response.text();
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = undefined;
    }
    const detail = body === undefined ? {} : safeParseError(parseError, body, status);
    const kind = detail.kind ?? kindForStatus(status);
    const message = detail.message
      ? redact(detail.message, secrets)
      : `${defaultMessage(kind)} (HTTP ${status})`;
    return new BalanceError({
      kind,
      message,
      status,
      providerCode: detail.code ? redact(detail.code, secrets) : undefined,
      retryAfterMs: parseRetryAfter(error.response.headers.get('retry-after')),
    });
  }
  if (error instanceof TimeoutError) {
    return new BalanceError({ kind: 'timeout', message: defaultMessage('timeout') });
  }
  if (isOffline()) return new BalanceError({ kind: 'offline', message: defaultMessage('offline') });
  // fetch rejects with a TypeError for DNS, refused and reset connections; its text can hold the
  // URL (and so OnlineSales' token), so it is never passed on.
  return new BalanceError({ kind: 'network', message: defaultMessage('network') });
}

/** A parser that trips over an odd body must not hide the HTTP status behind a TypeError. */
function safeParseError(
  parseError: ProviderErrorParser,
  body: unknown,
  status: number,
): ProviderErrorDetail {
  try {
    return parseError(body, status);
  } catch {
    return {};
  }
}

export function defaultMessage(kind: BalanceErrorKind): string {
  return errorMessage(kind);
}
