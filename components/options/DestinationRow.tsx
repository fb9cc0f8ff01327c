import { useState } from 'preact/hooks';
import { deliveryState, eventLabel } from '@/components/options/destination-text';
import type { Destination } from '@/lib/alerts/destination';
import { destinationTypeName } from '@/lib/alerts/destination-url';
import { t } from '@/lib/i18n';

interface Props {
  destination: Destination;
  now: number;
  onEdit: () => void;
  onTest: () => Promise<void>;
  onRemove: () => void;
  onEnable: (enabled: boolean) => void;
  /** Set when the browser does not grant the channel's site: the row offers Grant access. */
  onGrant?: () => void;
}

/** One team channel: what it is, what it gets, how its deliveries go, and its buttons. */
export function DestinationRow(props: Props) {
  const { destination, now, onEdit, onTest, onRemove, onEnable, onGrant } = props;
  const [testing, setTesting] = useState(false);
  const { name, type, urlHint, events, enabled, disabledReason } = destination;
  const state = deliveryState(destination, now);
  const test = async () => {
    setTesting(true);
    try {
      await onTest();
    } finally {
      setTesting(false);
    }
  };
  return (
    <li
      class="account destination"
      data-failing={state.tone === 'failing' || disabledReason !== null || undefined}
    >
      <h3 class="account-name" title={name}>
        {name}
      </h3>
      <dl>
        <div>
          <dt>{t('options_destination_type')}</dt>
          <dd>{destinationTypeName(type)}</dd>
        </div>
        <div>
          <dt>{t('options_destination_url')}</dt>
          <dd>
            <code>{urlHint}</code>
          </dd>
        </div>
        <div>
          <dt>{t('options_destination_events')}</dt>
          <dd>{events.map(eventLabel).join(', ')}</dd>
        </div>
      </dl>
      <p class={`status delivery-${state.tone}`} role="status">
        {state.text}
      </p>
      <div class="row-actions">
        {onGrant ? (
          <button type="button" onClick={onGrant}>
            {t('options_destination_grant')}
          </button>
        ) : null}
        {enabled ? null : (
          <button type="button" onClick={() => onEnable(true)}>
            {t(
              disabledReason ? 'options_destination_turn_on_again' : 'options_destination_turn_on',
            )}
          </button>
        )}
        <button
          type="button"
          class="secondary"
          aria-label={t('options_destination_test_named', name)}
          aria-disabled={testing || undefined}
          onClick={() => void (testing ? undefined : test())}
        >
          {t(testing ? 'options_destination_testing' : 'options_destination_test')}
        </button>
        <button
          type="button"
          class="secondary"
          aria-label={t('options_destination_edit_named', name)}
          onClick={onEdit}
        >
          {t('options_destination_edit')}
        </button>
        {enabled ? (
          <button type="button" class="secondary" onClick={() => onEnable(false)}>
            {t('options_destination_turn_off')}
          </button>
        ) : null}
        <button
          type="button"
          class="danger"
          aria-label={t('options_destination_remove_named', name)}
          onClick={onRemove}
        >
          {t('options_destination_remove')}
        </button>
      </div>
    </li>
  );
}
