import { alertText, type WebhookEvent } from '@/lib/alerts/text';
import { t } from '@/lib/i18n';

/** Slack's mrkdwn reads &, < and > as markup; an account name must not become a link. */
function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A Slack incoming webhook message: `text` for the notification and clients without blocks, and
 * Block Kit blocks (a section, then a "Top up" link button when there is one).
 */
export function slackMessage(event: WebhookEvent, locale?: string): object {
  const { title, lines, topUpUrl } = alertText(event, locale);
  const text = [title, ...lines].join('\n');
  const blocks: object[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: [`*${escapeMrkdwn(title)}*`, ...lines.map(escapeMrkdwn)].join('\n'),
      },
    },
  ];
  if (topUpUrl) {
    blocks.push({
      type: 'actions',
      elements: [
        { type: 'button', text: { type: 'plain_text', text: t('alert_top_up') }, url: topUpUrl },
      ],
    });
  }
  return { text, blocks };
}
