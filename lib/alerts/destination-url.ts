import type { DestinationType } from '@/lib/alerts/destination';
import { checkBaseUrl } from '@/lib/host-permission';
import { t } from '@/lib/i18n';

/**
 * Whether a webhook URL may be saved for a destination type: the options form checks it as the
 * user saves and the background checks it again before storing. Https only (plain http to this
 * computer only: the simulator), and the URL must be the service's own: a Slack URL saved as a
 * Teams destination would get messages in a format Slack refuses.
 */

export type DestinationUrlCheck =
  | {
      ok: true;
      url: string;
      /** For permissions.request / contains, e.g. "https://hooks.slack.com/*". */
      pattern: string;
      /** Loopback needs no host permission (the simulator). */
      loopback: boolean;
    }
  | { ok: false; message: string };

type Service = Exclude<DestinationType, 'generic'>;

/**
 * The documented webhook hosts and paths. Teams: the Workflows app's "Send webhook alerts to a
 * channel" gives a Power Automate URL on *.logic.azure.com or *.powerplatform.com
 * (environment.api.powerplatform.com); the old Office 365 connector URLs were retired.
 */
const SERVICE_URLS: Record<Service, (url: URL) => boolean> = {
  slack: (url) => url.hostname === 'hooks.slack.com' && url.pathname.startsWith('/services/'),
  teams: (url) =>
    ['logic.azure.com', 'powerplatform.com', 'powerautomate.com'].some((domain) =>
      url.hostname.endsWith(`.${domain}`),
    ),
  discord: (url) =>
    /^((ptb|canary)\.)?discord(app)?\.com$/.test(url.hostname) &&
    url.pathname.startsWith('/api/webhooks/'),
};

/** The service's name, as the type select shows it. */
export function destinationTypeName(type: DestinationType): string {
  return t(`destination_type_${type}`);
}

function serviceOf(url: URL): Service | null {
  for (const service of Object.keys(SERVICE_URLS) as Service[]) {
    if (SERVICE_URLS[service](url)) return service;
  }
  return null;
}

/** Checks the URL typed for a destination of `type`; the message says what to change. */
export function checkDestinationUrl(type: DestinationType, text: string): DestinationUrlCheck {
  const base = checkBaseUrl(text);
  if (!base.ok) return { ok: false, message: t(`destination_url_${base.problem}`) };
  const url = new URL(base.url);
  const { pattern, loopback } = base;
  if (loopback || type === 'generic') return { ok: true, url: base.url, pattern, loopback };
  const service = serviceOf(url);
  if (service === type) return { ok: true, url: base.url, pattern, loopback };
  if (url.hostname.endsWith('.webhook.office.com')) {
    return { ok: false, message: t('destination_url_office_connector') };
  }
  if (service) {
    const found = destinationTypeName(service);
    return { ok: false, message: t('destination_url_other_service', found) };
  }
  return { ok: false, message: t(`destination_url_not_${type}`) };
}

/**
 * What the pages show of a URL: its host and last four characters ("hooks.slack.com/…/a1b2"),
 * enough to tell two destinations apart without showing the secret path.
 */
export function urlHint(url: string): string {
  const parsed = new URL(url);
  const tail = url.replace(/\/+$/, '').slice(-4);
  return `${parsed.host}/…/${tail}`;
}
