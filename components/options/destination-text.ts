import { formatWhen } from '@/components/options/settings-text';
import { type Destination, MAX_DELIVERY_FAILURES } from '@/lib/alerts/destination';
import type { AlertKind } from '@/lib/alerts/event';
import { type MessageKey, t } from '@/lib/i18n';

/** The words of the Team channels section: event names and each channel's delivery state. */

const EVENT_LABELS: Record<AlertKind, MessageKey> = {
  low: 'options_destination_event_low',
  'run-out': 'options_destination_event_run_out',
  'sign-in': 'options_destination_event_sign_in',
  digest: 'options_destination_event_digest',
};

export function eventLabel(kind: AlertKind): string {
  return t(EVENT_LABELS[kind]);
}

const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** "14:02" today, else the date too. */
function when(epochMs: number, now: number): string {
  return new Date(epochMs).toDateString() === new Date(now).toDateString()
    ? timeOnly.format(epochMs)
    : formatWhen(epochMs);
}

export type DeliveryTone = 'ok' | 'failing' | 'off' | 'none';

/**
 * "Delivered 14:02", "Failing: 404 Not Found (2 of 3)", "Turned off after 3 failures: …",
 * "Not sent: Access to hooks.slack.com was not granted", "Nothing sent yet".
 */
export function deliveryState(
  destination: Destination,
  now: number,
): {
  text: string;
  tone: DeliveryTone;
} {
  const { disabledReason, enabled, failures, lastError, lastOkAt } = destination;
  const max = String(MAX_DELIVERY_FAILURES);
  if (disabledReason !== null) {
    return {
      text: t('options_destination_state_off_failures', [max, disabledReason]),
      tone: 'off',
    };
  }
  if (!enabled) return { text: t('options_destination_state_off'), tone: 'off' };
  if (lastError !== null && failures > 0) {
    return {
      text: t('options_destination_state_failing', [lastError, String(failures), max]),
      tone: 'failing',
    };
  }
  if (lastError !== null) {
    return { text: t('options_destination_state_not_sent', lastError), tone: 'failing' };
  }
  if (lastOkAt !== null) {
    return { text: t('options_destination_state_ok', when(lastOkAt, now)), tone: 'ok' };
  }
  return { text: t('options_destination_state_new'), tone: 'none' };
}
