import { browser } from '#imports';

/**
 * Which base URLs the extension may call, and whether calling one needs an optional host
 * permission first. The real provider hosts are manifest host_permissions; any other https host
 * is asked for on a click; loopback (the simulator, which sends CORS headers) needs nothing;
 * plain http anywhere else is refused because credentials would cross the network in clear.
 */

type BaseUrlProblem = 'invalid' | 'insecure' | 'userinfo';

export type BaseUrlCheck =
  | {
      ok: true;
      /** The URL as typed, trimmed. */
      url: string;
      /** Match pattern for permissions.request, e.g. "https://api.example.com/*". */
      pattern: string;
      loopback: boolean;
    }
  | { ok: false; problem: BaseUrlProblem };

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    /^127(\.\d{1,3}){3}$/.test(host)
  );
}

export function checkBaseUrl(text: string): BaseUrlCheck {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, problem: 'invalid' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, problem: 'invalid' };
  // fetch refuses such URLs, and a password in a URL ends up in places nobody scrubs.
  if (url.username || url.password) return { ok: false, problem: 'userinfo' };
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol === 'http:' && !loopback) return { ok: false, problem: 'insecure' };
  // No port: Firefox match patterns cannot hold one and Chrome's match every port without it.
  return { ok: true, url: text.trim(), pattern: `${url.protocol}//${url.hostname}/*`, loopback };
}

/** Does a manifest match pattern ("https://*.example.com/*", "<all_urls>") cover this URL? */
export function patternMatches(pattern: string, urlText: string): boolean {
  let url: URL;
  try {
    url = new URL(urlText);
  } catch {
    return false;
  }
  if (pattern === '<all_urls>') return url.protocol === 'https:' || url.protocol === 'http:';
  const match = /^(\*|https?):\/\/([^/]+)(\/.*)$/.exec(pattern);
  if (!match) return false;
  const [, scheme, host = '', pathPattern = '/*'] = match;
  if (
    scheme === '*' ? !['https:', 'http:'].includes(url.protocol) : `${scheme}:` !== url.protocol
  ) {
    return false;
  }
  const hostname = url.hostname.toLowerCase();
  const hostPattern = host.toLowerCase().replace(/:\d+$/, '');
  const hostOk =
    hostPattern === '*' ||
    hostPattern === hostname ||
    (hostPattern.startsWith('*.') &&
      (hostname === hostPattern.slice(2) || hostname.endsWith(hostPattern.slice(1))));
  if (!hostOk) return false;
  const pathRegex = new RegExp(
    `^${pathPattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return pathRegex.test(url.pathname);
}

/** The hosts granted at install (manifest host_permissions); optional ones are not included. */
function manifestHostPatterns(): string[] {
  const manifest = browser.runtime.getManifest() as { host_permissions?: string[] };
  return manifest.host_permissions ?? [];
}

/** True when saving this base URL must first ask for an optional host permission. */
export function needsHostPermission(
  baseUrl: string,
  granted: readonly string[] = manifestHostPatterns(),
): boolean {
  const check = checkBaseUrl(baseUrl);
  if (!check.ok || check.loopback) return false;
  return !granted.some((pattern) => patternMatches(pattern, check.url));
}

/**
 * Asks for access to the base URL's host. Browsers only show the prompt during a user gesture,
 * so call this synchronously at the top of a click handler, before any await.
 */
export function requestHostPermission(baseUrl: string): Promise<boolean> {
  const check = checkBaseUrl(baseUrl);
  if (!check.ok) return Promise.resolve(false);
  return browser.permissions.request({ origins: [check.pattern] });
}

/**
 * Whether the extension may call this base URL now: loopback always, any other host while the
 * browser grants it. A manifest host is asked about too: the user can take it back (Firefox
 * lets them switch each site off), and the manifest does not say whether they did.
 */
export async function hasHostAccess(baseUrl: string): Promise<boolean> {
  const check = checkBaseUrl(baseUrl);
  if (!check.ok) return false;
  if (check.loopback) return true;
  return browser.permissions.contains({ origins: [check.pattern] });
}
