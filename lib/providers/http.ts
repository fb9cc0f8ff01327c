import ky, { HTTPError, type KyInstance, type Options, TimeoutError } from 'ky';
import { BalanceError, type BalanceErrorKind, errorMessage, isBalanceError } from '@/lib/errors';
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

const HTTP_DEFAULTS = {
  timeoutMs: 15_000,
  retries: 2,
  maxRetryAfterMs: 10_000,
  backoffLimitMs: 3_000,
} as const;

/**
 * Statuses retried within the request: passing troubles. 461 (Capillary's search engine busy)
 * and 521 (Capillary: other actions running for the same customer) both mean "try later".
 */
const RETRIED_STATUSES = [408, 429, 461, 500, 502, 503, 504, 521];

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
      statusCodes: RETRIED_STATUSES,
      afterStatusCodes: [429, 503],
      maxRetryAfter: settings.maxRetryAfterMs,
      backoffLimit: settings.backoffLimitMs,
      jitter: true,
      shouldRetry: ({ error }) => shouldRetry(error, settings.maxRetryAfterMs),
    },
  };
  if (settings.fetch) kyOptions.fetch = settings.fetch;
  return ky.create(kyOptions);
}

/**
 * Whether ky may send a failed request again; undefined leaves it to ky's status list.
 * - A BalanceError was thrown before anything was sent (the engine's request budget): no.
 * - A Retry-After longer than we are willing to wait: ky would cap it and still wait; the
 *   rate-limited error goes to the scheduler instead, which waits without holding a request open.
 * - A 429 that does not say when: at once would only prolong the provider's penalty.
 * - A body the provider's parser reads as a verdict (Xoxoday's request limit, at any status;
 *   Capillary's customer not found): asking again gets the same answer.
 */
async function shouldRetry(error: Error, maxRetryAfterMs: number): Promise<boolean | undefined> {
  if (isBalanceError(error)) return false;
  if (!(error instanceof HTTPError)) return undefined;
  const after = parseRetryAfter(error.response.headers.get('retry-after'));
  if (after !== undefined && after > maxRetryAfterMs) return false;
  if (error.response.status === 429 && after === undefined) return false;
  const detail = await peekDetail(error);
  return detail.kind && detail.kind !== 'server' ? false : undefined;
}

/** What the provider's parser makes of a failed answer, leaving the response unread. */
async function peekDetail(error: HTTPError): Promise<ProviderErrorDetail> {
  const parseError = error.options.context.parseError as ProviderErrorParser | undefined;
  if (!parseError) return {};
  const body = await readJson(error.response.clone());
  return safeParseError(parseError, body, error.response.status);
}

async function readJson(response: Response): Promise<unknown> {
  try {
    const raw = await response.text();
    return raw ? JSON.parse(raw) : undefined;
  } catch {
    return undefined;
  }
}

/** What a provider's error body says, in its own words. */
export interface ProviderErrorDetail {
  code?: string;
  message?: string;
  /** A provider code that means something more precise than the HTTP status (Capillary 8015). */
  kind?: BalanceErrorKind;
  /** How long the provider's body says to wait (Xoxoday's penaltySeconds), in ms. */
  retryAfterMs?: number;
}

/**
 * Reads a failed answer: the body is undefined when it was empty or not JSON, so a parser can
 * still judge by the status alone (Capillary's 461).
 */
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
      // For shouldRetry, which asks the parser whether a failed answer is a verdict.
      context: { parseError },
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

async function toBalanceError(
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
    const body = await readJson(error.response);
    const detail = safeParseError(parseError, body, status);
    const kind = detail.kind ?? kindForStatus(status);
    const message = detail.message
      ? redact(detail.message, secrets)
      : `${errorMessage(kind)} (HTTP ${status})`;
    return new BalanceError({
      kind,
      message,
      status,
      providerCode: detail.code ? redact(detail.code, secrets) : undefined,
      retryAfterMs:
        detail.retryAfterMs ?? parseRetryAfter(error.response.headers.get('retry-after')),
    });
  }
  if (error instanceof TimeoutError) {
    return new BalanceError({ kind: 'timeout', message: errorMessage('timeout') });
  }
  if (isOffline()) return new BalanceError({ kind: 'offline', message: errorMessage('offline') });
  // fetch rejects with a TypeError for DNS, refused and reset connections; its text can hold the
  // URL (and so OnlineSales' token), so it is never passed on.
  return new BalanceError({ kind: 'network', message: errorMessage('network') });
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
