import { alertText, type WebhookEvent } from '@/lib/alerts/text';
import { t } from '@/lib/i18n';

/** Red for low, amber for running out or failing, blue otherwise (Discord's embed colour). */
const COLOURS: Partial<Record<WebhookEvent['kind'], number>> = {
  low: 0xb3261e,
  'run-out': 0xc77700,
  'sign-in': 0xc77700,
};
const NEUTRAL = 0x0b57d0;

/**
 * A Discord webhook message: `content` is the title (what a push notification shows), one embed
 * holds the lines and a "Top up" link when there is one. No mentions are parsed, so an account
 * named "@everyone" pings nobody.
 */
export function discordMessage(event: WebhookEvent, locale?: string): object {
  const { title, lines, topUpUrl } = alertText(event, locale);
  const link = topUpUrl ? [`[${t('alert_top_up')}](${topUpUrl})`] : [];
  const embed = {
    description: [...lines, ...link].join('\n'),
    color: COLOURS[event.kind] ?? NEUTRAL,
    timestamp: new Date(event.at).toISOString(),
  };
  return { content: title, embeds: [embed], allowed_mentions: { parse: [] } };
}
