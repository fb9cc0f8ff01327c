import { BalanceError } from '@/lib/errors';
import { t } from '@/lib/i18n';

/**
 * A path whose interpolated values are encoded as single segments, so an id like "a/b" or ".."
 * can never reach another endpoint: path`v2/customers/${userId}/points/balance`.
 */
export function path(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  return strings.reduce((out, text, index) => {
    if (index === 0) return text;
    return out + pathSegment(String(values[index - 1])) + text;
  }, '');
}

function pathSegment(value: string): string {
  if (value === '' || value === '.' || value === '..') {
    throw new BalanceError({
      kind: 'config',
      message: t('provider_error_bad_id'),
    });
  }
  return encodeURIComponent(value);
}

/**
 * Joins the account's base URL (preset or custom, with or without a trailing slash, possibly with
 * a path such as "/chef") and an API path.
 */
export function joinUrl(baseUrl: string, apiPath: string): string {
  let base: URL;
  try {
    base = new URL(baseUrl.trim());
  } catch {
    throw new BalanceError({ kind: 'config', message: t('provider_error_base_url_invalid') });
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new BalanceError({ kind: 'config', message: t('provider_error_base_url_scheme') });
  }
  if (base.username || base.password) {
    // fetch refuses such URLs, and a password in a URL would end up in places we do not scrub.
    throw new BalanceError({
      kind: 'config',
      message: t('provider_error_base_url_userinfo'),
    });
  }
  const prefix = base.pathname.replace(/\/+$/, '');
  return `${base.origin}${prefix}/${apiPath.replace(/^\/+/, '')}`;
}
