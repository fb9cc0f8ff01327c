import { alertText, type WebhookEvent } from '@/lib/alerts/text';
import { t } from '@/lib/i18n';

/**
 * A Microsoft Teams Workflows webhook message: one Adaptive Card in a message's attachments (what
 * the "Send webhook alerts to a channel" workflow posts), the title in bold, the lines below, and
 * an "Top up" button opening the link when there is one.
 */
export function teamsMessage(event: WebhookEvent, locale?: string): object {
  const { title, lines, topUpUrl } = alertText(event, locale);
  const card = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body: [
      { type: 'TextBlock', text: title, weight: 'Bolder', size: 'Medium', wrap: true },
      ...lines.map((line) => ({ type: 'TextBlock', text: line, wrap: true, spacing: 'Small' })),
    ],
    actions: topUpUrl ? [{ type: 'Action.OpenUrl', title: t('alert_top_up'), url: topUpUrl }] : [],
  };
  return {
    type: 'message',
    attachments: [
      { contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card },
    ],
  };
}
