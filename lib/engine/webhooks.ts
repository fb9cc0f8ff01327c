import { HTTPError, TimeoutError } from 'ky';
import { browser } from '#imports';
import { type Destination, MAX_DELIVERY_FAILURES } from '@/lib/alerts/destination';
import { checkDestinationUrl } from '@/lib/alerts/destination-url';
import type { AlertEvent } from '@/lib/alerts/event';
import { webhookBody } from '@/lib/alerts/format';
import type { WebhookEvent } from '@/lib/alerts/text';
import { t } from '@/lib/i18n';
import { createHttp } from '@/lib/providers/http';
import {
  readDestinations,
  readDestinationUrls,
  updateDestination,
} from '@/lib/storage/writers/destinations';
import { hostOf } from '@/lib/url';

/**
 * Posts alerts to the team channels (local:destinations). A round hands its events over and
 * moves on: delivery runs on its own, its errors are caught and recorded on the destination,
 * never thrown into the round. Each destination gets its own messages in order; a success resets
 * its failures, and after MAX_DELIVERY_FAILURES failures in a row it is turned off with the last
 * reason, which Options shows.
 */

export interface WebhookDeps {
  now: () => number;
  /** Retries after the first attempt, for network errors, 408, 429 and 5xx. */
  retries: number;
  timeoutMs: number;
  /** Whether the optional host permission for a match pattern is granted. */
  hasAccess: (pattern: string) => Promise<boolean>;
  fetch?: typeof fetch;
}

type DeliveryOutcome =
  | { ok: true }
  /** `counts`: a failure of the destination itself (not a missing permission on our side). */
  | { ok: false; error: string; counts: boolean };

export function defaultWebhookDeps(): WebhookDeps {
  return {
    now: Date.now,
    retries: 3,
    timeoutMs: 10_000,
    hasAccess: (pattern) => browser.permissions.contains({ origins: [pattern] }),
  };
}

/** Fire and forget: the caller never waits for a channel, nor sees its failure. */
export function deliverAlerts(
  events: readonly AlertEvent[],
  deps: WebhookDeps = defaultWebhookDeps(),
): void {
  if (events.length === 0) return;
  deliverAll(events, deps).catch((error) =>
    console.error('[balance-watch] team channel delivery failed', error),
  );
}

/** Every enabled destination's events, each destination in parallel, its own in order. */
export async function deliverAll(events: readonly AlertEvent[], deps: WebhookDeps): Promise<void> {
  const [destinations, urls] = await Promise.all([readDestinations(), readDestinationUrls()]);
  await Promise.all(
    destinations.map(async (destination) => {
      const url = urls[destination.id];
      if (!url) return;
      for (const event of events) {
        if (!destination.events.includes(event.kind)) continue;
        const now = await deliverAndRecord(destination, url, event, deps);
        if (!now?.enabled) return;
      }
    }),
  );
}

/** Sends one event and records how it went; the destination as it is now (undefined: gone). */
export async function deliverAndRecord(
  destination: Destination,
  url: string,
  event: WebhookEvent,
  deps: WebhookDeps,
): Promise<Destination | undefined> {
  if (!destination.enabled && event.kind !== 'test') return destination;
  const outcome = await post(destination, url, event, deps);
  return updateDestination(destination.id, (stored) => recorded(stored, outcome, deps.now()));
}

/** The delivery state after an outcome. */
function recorded(destination: Destination, outcome: DeliveryOutcome, now: number): Destination {
  if (outcome.ok) return { ...destination, lastOkAt: now, failures: 0, lastError: null };
  if (!outcome.counts) return { ...destination, lastError: outcome.error };
  const failures = destination.failures + 1;
  const off = failures >= MAX_DELIVERY_FAILURES;
  return {
    ...destination,
    failures,
    lastError: outcome.error,
    ...(off && destination.enabled ? { enabled: false, disabledReason: outcome.error } : {}),
  };
}

/** One POST to the destination's own URL, retried with backoff on passing troubles. */
async function post(
  destination: Destination,
  url: string,
  event: WebhookEvent,
  deps: WebhookDeps,
): Promise<DeliveryOutcome> {
  const check = checkDestinationUrl(destination.type, url);
  if (!check.ok) return { ok: false, error: check.message, counts: true };
  if (!check.loopback && !(await deps.hasAccess(check.pattern))) {
    return { ok: false, error: t('destination_error_no_access', hostOf(url)), counts: false };
  }
  try {
    // The one HTTP client (lib/providers/http.ts): retries network errors, 408, 429 after its
    // Retry-After, 5xx; never follows a redirect, so the message reaches this origin or nothing.
    // A Retry-After stays under the 30 s a stopped worker is left idle.
    const http = createHttp({
      timeoutMs: deps.timeoutMs,
      retries: deps.retries,
      maxRetryAfterMs: 20_000,
      backoffLimitMs: 10_000,
      fetch: deps.fetch,
    });
    await http.post(check.url, { json: webhookBody(destination.type, event), credentials: 'omit' });
    return { ok: true };
  } catch (error) {
    return { ok: false, error: failureText(error, deps.timeoutMs), counts: true };
  }
}

/** A failure in the words Options shows: "404 Not Found", "No answer within 10 s", … */
function failureText(error: unknown, timeoutMs: number): string {
  if (error instanceof HTTPError) {
    const { status, statusText, type } = error.response;
    if (type === 'opaqueredirect' || (status >= 300 && status < 400)) {
      return t('destination_error_redirect');
    }
    return statusText ? `${status} ${statusText}` : t('destination_error_http', String(status));
  }
  if (error instanceof TimeoutError) {
    return t('destination_error_timeout', String(Math.round(timeoutMs / 1000)));
  }
  return t('destination_error_network', error instanceof Error ? error.message : String(error));
}
