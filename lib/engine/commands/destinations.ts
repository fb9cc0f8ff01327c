import type { Destination } from '@/lib/alerts/destination';
import { checkDestinationDraft } from '@/lib/alerts/destination-draft';
import { checkDestinationUrl, urlHint } from '@/lib/alerts/destination-url';
import type { CommandDeps, Handlers } from '@/lib/engine/commands/deps';
import { deliverAndRecord, type WebhookDeps } from '@/lib/engine/webhooks';
import { t } from '@/lib/i18n';
import type { DestinationDraft, FieldError } from '@/lib/messages';
import {
  type DestinationStores,
  readDestinations,
  readDestinationUrls,
  updateDestination,
  updateDestinations,
} from '@/lib/storage/writers/destinations';

/**
 * The team channels' form and buttons. A URL comes in with a save and is stored apart
 * (local:destinationUrls); what goes back is the destination without it, its hint only.
 */
export function destinationHandlers(deps: CommandDeps, webhooks: () => WebhookDeps) {
  return {
    async saveDestination(data) {
      const draft = (data ?? {}) as DestinationDraft;
      return updateDestinations((current) => saved(current, draft, deps.newId));
    },

    async deleteDestination({ id }) {
      await updateDestinations((current) => {
        if (!current.destinations.some((d) => d.id === id)) return { next: current, result: 0 };
        const { [id]: _gone, ...urls } = current.urls;
        const destinations = current.destinations.filter((d) => d.id !== id);
        return { next: { destinations, urls }, result: 1 };
      });
      return { ok: true };
    },

    async setDestinationEnabled({ id, enabled }) {
      const changed = await updateDestination(id, (destination) =>
        enabled
          ? { ...destination, enabled, failures: 0, lastError: null, disabledReason: null }
          : { ...destination, enabled },
      );
      return { ok: changed !== undefined };
    },

    async testDestination({ id }) {
      const [destinations, urls] = await Promise.all([readDestinations(), readDestinationUrls()]);
      const destination = destinations.find((d) => d.id === id);
      const url = urls[id];
      if (!destination || !url) return { ok: false, error: t('destination_error_gone') };
      // No retries: the person pressing Test waits for the answer.
      const test = { kind: 'test', at: deps.now() } as const;
      const after = await deliverAndRecord(destination, url, test, { ...webhooks(), retries: 0 });
      if (!after) return { ok: false, error: t('destination_error_gone') };
      return after.lastOkAt !== null && after.lastError === null && after.failures === 0
        ? { ok: true }
        : { ok: false, error: after.lastError ?? '' };
    },
  } satisfies Partial<Handlers>;
}

type Saved = { ok: true; destination: Destination } | { ok: false; errors: FieldError[] };

/** The stores after a save, or the form's errors and the stores unchanged. */
function saved(
  current: DestinationStores,
  draft: DestinationDraft,
  newId: () => string,
): { next: DestinationStores; result: Saved } {
  const before = draft.id ? current.destinations.find((d) => d.id === draft.id) : undefined;
  if (draft.id && !before) {
    return { next: current, result: { ok: false, errors: [gone()] } };
  }
  const { errors, url } = checkDestinationDraft(draft, !before);
  if (before && !url && before.type !== draft.type) errors.push(...storedUrlFits(current, draft));
  if (errors.length > 0) return { next: current, result: { ok: false, errors } };
  const id = before?.id ?? newId();
  // A new URL or type starts a new record of deliveries, and turns on one the failures turned off.
  const kept = before && !url && before.type === draft.type ? before : undefined;
  const destination: Destination = {
    id,
    name: draft.name.trim(),
    type: draft.type,
    events: [...new Set(draft.events)],
    enabled: before && (kept || before.disabledReason === null) ? before.enabled : true,
    urlHint: url ? urlHint(url.url) : (before?.urlHint ?? ''),
    ...(kept
      ? pickState(kept)
      : { lastOkAt: null, failures: 0, lastError: null, disabledReason: null }),
  };
  const destinations = before
    ? current.destinations.map((d) => (d.id === id ? destination : d))
    : [...current.destinations, destination];
  const urls = url ? { ...current.urls, [id]: url.url } : current.urls;
  return { next: { destinations, urls }, result: { ok: true, destination } };
}

/** A new type kept with the stored URL: the URL must fit it too ("This is a Slack webhook URL…"). */
function storedUrlFits(current: DestinationStores, draft: DestinationDraft): FieldError[] {
  const stored = draft.id ? current.urls[draft.id] : undefined;
  if (!stored) return [];
  const check = checkDestinationUrl(draft.type, stored);
  return check.ok ? [] : [{ field: 'url', message: check.message }];
}

function pickState({ lastOkAt, failures, lastError, disabledReason }: Destination) {
  return { lastOkAt, failures, lastError, disabledReason };
}

function gone(): FieldError {
  return { field: 'form', message: t('destination_error_gone') };
}
