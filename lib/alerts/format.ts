import type { DestinationType } from '@/lib/alerts/destination';
import { discordMessage } from '@/lib/alerts/discord';
import { genericMessage } from '@/lib/alerts/generic';
import { slackMessage } from '@/lib/alerts/slack';
import { teamsMessage } from '@/lib/alerts/teams';
import type { WebhookEvent } from '@/lib/alerts/text';

const FORMATS: Record<DestinationType, (event: WebhookEvent, locale?: string) => object> = {
  slack: slackMessage,
  teams: teamsMessage,
  discord: discordMessage,
  generic: genericMessage,
};

/** The JSON body a destination of `type` gets for an event. */
export function webhookBody(type: DestinationType, event: WebhookEvent, locale?: string): object {
  return FORMATS[type](event, locale);
}
