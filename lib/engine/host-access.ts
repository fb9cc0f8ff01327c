import { baseUrlMessage } from '@/lib/account-draft';
import type { BalanceErrorData } from '@/lib/errors';
import { checkBaseUrl, hasHostAccess } from '@/lib/host-permission';
import { t } from '@/lib/i18n';
import { hostOf } from '@/lib/url';

export type HostAccess = { ok: true } | { ok: false; error: BalanceErrorData };

/**
 * Whether a round may call this base URL. Loopback (the simulator) needs no permission; every
 * other host is asked of the browser (permissions.contains, through hasHostAccess) each round:
 * the providers' own hosts are manifest host_permissions, but the user can switch them off
 * (Firefox, per site), and any other https host needs the optional permission the options page
 * asks for. Without access the call is not even tried: the account is in the `permission` state
 * until the user grants it again, never a network error retried with backoff.
 */
export async function checkHostAccess(
  baseUrl: string,
  granted: (url: string) => Promise<boolean> = hasHostAccess,
): Promise<HostAccess> {
  const check = checkBaseUrl(baseUrl);
  if (!check.ok) {
    return { ok: false, error: { kind: 'config', message: baseUrlMessage(baseUrl.trim()) ?? '' } };
  }
  if (check.loopback || (await granted(check.url))) return { ok: true };
  return {
    ok: false,
    error: { kind: 'permission', message: t('engine_no_host_access', hostOf(check.url)) },
  };
}
