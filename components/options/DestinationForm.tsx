import { useState } from 'preact/hooks';
import { browser } from '#imports';
import { eventLabel } from '@/components/options/destination-text';
import { Field } from '@/components/options/Field';
import { SecretInput } from '@/components/options/SecretInput';
import { sendMessage } from '@/components/shared/send-message';
import {
  DESTINATION_EVENTS,
  DESTINATION_TYPES,
  type Destination,
  type DestinationType,
} from '@/lib/alerts/destination';
import { checkDestinationDraft } from '@/lib/alerts/destination-draft';
import { destinationTypeName } from '@/lib/alerts/destination-url';
import type { AlertKind } from '@/lib/alerts/event';
import { type MessageKey, t } from '@/lib/i18n';
import type { DestinationDraft } from '@/lib/messages';
import { hostOf } from '@/lib/url';

type Errors = Partial<Record<'name' | 'type' | 'events' | 'url' | 'form', string>>;

const URL_HELP: Record<DestinationType, MessageKey> = {
  slack: 'options_destination_url_help_slack',
  teams: 'options_destination_url_help_teams',
  discord: 'options_destination_url_help_discord',
  generic: 'options_destination_url_help_generic',
};

function errorsOf(list: { field: string; message: string }[]): Errors {
  const errors: Record<string, string> = {};
  for (const { field, message } of list) errors[field] ??= message;
  return errors;
}

/**
 * Saves the draft. The host permission is asked for first, in the click itself (browsers show
 * the prompt only during a user gesture, so before any await), and only for a URL that passes
 * the rules; refused, nothing is saved.
 */
function save(draft: DestinationDraft, isNew: boolean): Promise<Errors | null> {
  const { errors, url } = checkDestinationDraft(draft, isNew);
  if (errors.length > 0) return Promise.resolve(errorsOf(errors));
  const granted =
    url && !url.loopback
      ? browser.permissions.request({ origins: [url.pattern] })
      : Promise.resolve(true);
  return granted.then(async (ok) => {
    if (!ok && url) return { url: t('options_destination_permission_denied', hostOf(url.url)) };
    const reply = await sendMessage('saveDestination', draft);
    return reply.ok ? null : errorsOf(reply.errors);
  });
}

interface Props {
  /** Absent: a new channel. */
  destination?: Destination;
  onDone: (saved: boolean) => void;
}

export function DestinationForm({ destination, onDone }: Props) {
  const prefix = `destination-${destination?.id ?? 'new'}`;
  const [name, setName] = useState(destination?.name ?? '');
  const [type, setType] = useState<DestinationType>(destination?.type ?? 'slack');
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<AlertKind[]>(destination?.events ?? ['low', 'run-out']);
  const [errors, setErrors] = useState<Errors>({});

  const submit = (event: Event) => {
    event.preventDefault();
    const draft: DestinationDraft = { id: destination?.id, name, type, events, url };
    save(draft, !destination)
      .then((found) => (found ? setErrors(found) : onDone(true)))
      .catch((error: unknown) =>
        setErrors({ form: t('options_action_failed', String((error as Error)?.message ?? error)) }),
      );
  };
  const toggle = (kind: AlertKind, on: boolean) =>
    setEvents((now) => (on ? [...now, kind] : now.filter((k) => k !== kind)));

  return (
    <form
      class="account-form destination-form"
      aria-label={
        destination
          ? t('options_destination_edit_named', destination.name)
          : t('options_destination_form_new')
      }
      onSubmit={submit}
      noValidate
    >
      {errors.form ? (
        <p class="form-errors" role="alert">
          {errors.form}
        </p>
      ) : null}
      <Field
        id={`${prefix}-name`}
        label={t('options_destination_name')}
        required
        error={errors.name}
      >
        {(control) => (
          <input
            {...control}
            type="text"
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        )}
      </Field>
      <Field id={`${prefix}-type`} label={t('options_destination_type')} error={errors.type}>
        {(control) => (
          <select
            {...control}
            value={type}
            onChange={(e) => setType(e.currentTarget.value as DestinationType)}
          >
            {DESTINATION_TYPES.map((choice) => (
              <option key={choice} value={choice}>
                {destinationTypeName(choice)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <UrlField
        id={`${prefix}-url`}
        type={type}
        destination={destination}
        value={url}
        error={errors.url}
        onInput={setUrl}
      />
      <EventChoices prefix={prefix} events={events} error={errors.events} onToggle={toggle} />
      <div class="actions">
        <button type="submit">{t('options_destination_save')}</button>
        <button type="button" class="secondary" onClick={() => onDone(false)}>
          {t('options_destination_cancel')}
        </button>
      </div>
    </form>
  );
}

interface ChoicesProps {
  prefix: string;
  events: AlertKind[];
  error: string | undefined;
  onToggle: (kind: AlertKind, on: boolean) => void;
}

function EventChoices({ prefix, events, error, onToggle }: ChoicesProps) {
  const errorId = `${prefix}-events-error`;
  return (
    <fieldset
      class={error ? 'field field-invalid' : 'field'}
      aria-describedby={error ? errorId : undefined}
    >
      <legend>{t('options_destination_events')}</legend>
      {DESTINATION_EVENTS.map((kind) => (
        <div class="field-check" key={kind}>
          <input
            id={`${prefix}-event-${kind}`}
            type="checkbox"
            checked={events.includes(kind)}
            onChange={(e) => onToggle(kind, e.currentTarget.checked)}
          />
          <label for={`${prefix}-event-${kind}`}>{eventLabel(kind)}</label>
        </div>
      ))}
      {error ? (
        <p class="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

interface UrlProps {
  id: string;
  type: DestinationType;
  destination: Destination | undefined;
  value: string;
  error: string | undefined;
  onInput: (value: string) => void;
}

/** The webhook URL: a secret input; on edit, empty keeps the stored URL (shown by its hint). */
function UrlField({ id, type, destination, value, error, onInput }: UrlProps) {
  return (
    <Field
      id={id}
      label={t('options_destination_url')}
      required={!destination}
      help={t(URL_HELP[type])}
      note={destination ? t('options_destination_url_saved_note', destination.urlHint) : undefined}
      error={error}
    >
      {(control) => (
        <SecretInput
          {...control}
          label={t('options_destination_url')}
          value={value}
          saved={Boolean(destination)}
          onInput={onInput}
        />
      )}
    </Field>
  );
}
