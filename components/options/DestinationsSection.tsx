import { useState } from 'preact/hooks';
import { browser } from '#imports';
import { useAnnounce } from '@/components/options/announce';
import { DestinationForm } from '@/components/options/DestinationForm';
import { DestinationRow } from '@/components/options/DestinationRow';
import {
  destinationPattern,
  useMissingDestinationAccess,
} from '@/components/options/use-destination-access';
import { sendMessage } from '@/components/shared/send-message';
import { openStoresByKey, useStoresByKey } from '@/components/shared/stores';
import type { Destination } from '@/lib/alerts/destination';
import { t } from '@/lib/i18n';
import { STORE } from '@/lib/storage/keys';

/** Read by key like every page store: the list and delivery state, never the URLs. */
const openDestinations = () =>
  openStoresByKey<{ destinations: Destination[] }>({ destinations: STORE.destinations });

function failed(error: unknown): string {
  return t('options_action_failed', error instanceof Error ? error.message : String(error));
}

/**
 * Team channels: webhook destinations that get the same alerts as the notifications. Each row
 * shows how its deliveries go; the form adds or edits one (its URL is a secret the page sends
 * once and never reads back).
 */
export function DestinationsSection() {
  const stores = useStoresByKey(openDestinations);
  const announce = useAnnounce();
  /** The id being edited, 'new' for the add form, null for none. */
  const [editing, setEditing] = useState<string | null>(null);
  const destinations = stores?.destinations ?? [];
  const missingAccess = useMissingDestinationAccess(destinations);
  const now = Date.now();

  const run = async (step: () => Promise<string>) => {
    try {
      announce(await step());
    } catch (error) {
      announce(failed(error));
    }
  };
  const test = (d: Destination) =>
    run(async () => {
      const reply = await sendMessage('testDestination', { id: d.id });
      return reply.ok
        ? t('options_destination_test_sent', d.name)
        : t('options_destination_test_failed', [d.name, reply.error]);
    });
  const remove = (d: Destination) =>
    run(async () => {
      await sendMessage('deleteDestination', { id: d.id });
      return t('options_destination_removed', d.name);
    });
  const enable = (d: Destination, enabled: boolean) =>
    run(async () => {
      await sendMessage('setDestinationEnabled', { id: d.id, enabled });
      return t('options_saved');
    });
  // In the click itself: browsers show the prompt only during a user gesture.
  const grant = (d: Destination) => {
    const pattern = destinationPattern(d);
    if (!pattern) return;
    browser.permissions
      .request({ origins: [pattern] })
      .then((ok) =>
        announce(t(ok ? 'options_destination_granted' : 'options_destination_not_granted')),
      )
      .catch((error) => announce(failed(error)));
  };
  const done = (saved: boolean) => {
    setEditing(null);
    if (saved) announce(t('options_destination_saved'));
  };

  return (
    <section aria-labelledby="destinations-heading">
      <div class="section-head">
        <h2 id="destinations-heading">{t('options_destinations_heading')}</h2>
        {editing === 'new' ? null : (
          <button type="button" onClick={() => setEditing('new')}>
            {t('options_destinations_add')}
          </button>
        )}
      </div>
      <p>{t('options_destinations_intro')}</p>
      {editing === 'new' ? (
        <div class="new-account">
          <DestinationForm onDone={done} />
        </div>
      ) : null}
      {destinations.length === 0 && editing !== 'new' ? (
        <p class="muted">{t('options_destinations_empty')}</p>
      ) : null}
      <ul class="accounts destinations">
        {destinations.map((d) =>
          editing === d.id ? (
            <li class="account" key={d.id}>
              <h3>{d.name}</h3>
              <DestinationForm destination={d} onDone={done} />
            </li>
          ) : (
            <DestinationRow
              key={d.id}
              destination={d}
              now={now}
              onEdit={() => setEditing(d.id)}
              onTest={() => test(d)}
              onRemove={() => void remove(d)}
              onEnable={(on) => void enable(d, on)}
              onGrant={missingAccess.has(d.id) ? () => grant(d) : undefined}
            />
          ),
        )}
      </ul>
    </section>
  );
}
