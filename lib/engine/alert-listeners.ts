import type { AlertEvent } from '@/lib/alerts/event';

/**
 * The alert pipeline's one entry point: `emitAlerts(events)` hands alert events to whoever
 * delivers them beyond the desktop (the team's webhooks: lib/engine/background.ts wires
 * `onAlertEvents(deliverAlerts)`). The round emits its crossings here (lib/engine/round-effects.ts)
 * after storing them as sent; the daily digest emits its DigestAlert the same way.
 *
 * A listener is never awaited and its failure is logged: delivery (with its retries) must never
 * delay or fail a refresh round. A listener that needs to outlive the worker keeps its own queue.
 */

type AlertListener = (events: readonly AlertEvent[]) => unknown;

const listeners = new Set<AlertListener>();

/** Adds a listener; returns a function that removes it. */
export function onAlertEvents(listener: AlertListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function emitAlerts(events: readonly AlertEvent[]): void {
  if (events.length === 0) return;
  for (const listener of listeners) {
    Promise.resolve()
      .then(() => listener(events))
      .catch((error) => console.error('[balance-watch] alert delivery failed', error));
  }
}
