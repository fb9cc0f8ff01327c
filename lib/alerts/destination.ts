import type { AlertKind } from '@/lib/alerts/event';

/**
 * A team channel: where the engine posts the same alerts it shows as notifications
 * (lib/engine/webhooks.ts). Stored in local:destinations, which the pages read; the URL is a
 * secret and lives apart in local:destinationUrls, which only the background reads.
 */

export const DESTINATION_TYPES = ['slack', 'teams', 'discord', 'generic'] as const;
export type DestinationType = (typeof DESTINATION_TYPES)[number];

export const DESTINATION_EVENTS = [
  'low',
  'run-out',
  'sign-in',
  'digest',
] as const satisfies readonly AlertKind[];

/** Consecutive failed deliveries after which a destination is turned off. */
export const MAX_DELIVERY_FAILURES = 3;

export interface Destination {
  id: string;
  name: string;
  type: DestinationType;
  /** The alert kinds it gets. */
  events: AlertKind[];
  enabled: boolean;
  /** What the pages show of the URL: its host and last characters ("hooks.slack.com/…/a1b2"). */
  urlHint: string;
  /** Delivery state: the last success (epoch ms), failures since, the last failure in words. */
  lastOkAt: number | null;
  failures: number;
  lastError: string | null;
  /** Why the engine turned it off (the last failure after MAX_DELIVERY_FAILURES); null: it did not. */
  disabledReason: string | null;
}

/** The secret half: each destination's URL by id. Background only; never synced or sent out. */
export type DestinationUrls = Record<string, string>;
