import { useEffect, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { Settings } from '@/lib/state';

/** What the time shows before the user ever chose one. */
const SUGGESTED_TIME = '09:00';

interface Props {
  settings: Settings;
  /** The background's refusal of the time, if any. */
  error: string | undefined;
  save: (change: Partial<Settings>) => Promise<void>;
}

/**
 * The daily digest: a checkbox turns it on or off, a time (the computer's local time) says when.
 * The time shown stays while the digest is off, so turning it on again brings back the last one.
 * Each change is saved at once, like the rest of the settings.
 */
export function DigestField({ settings, error, save }: Props) {
  const on = settings.digestTime !== null;
  const [time, setTime] = useState(settings.digestTime ?? SUGGESTED_TIME);
  const [missing, setMissing] = useState(false);

  // A change from elsewhere (an import) shows here too.
  useEffect(() => {
    if (settings.digestTime !== null) setTime(settings.digestTime);
  }, [settings.digestTime]);

  const commitTime = (value: string) => {
    setTime(value);
    setMissing(value === '');
    if (value !== '' && value !== settings.digestTime) void save({ digestTime: value });
  };

  const problem = missing ? t('options_digest_time_missing') : error;
  return (
    <div class={problem ? 'field field-check field-invalid' : 'field field-check'}>
      <input
        id="setting-digest"
        type="checkbox"
        checked={on}
        aria-describedby="setting-digest-help"
        onChange={(e) => {
          setMissing(false);
          void save({ digestTime: e.currentTarget.checked ? time || SUGGESTED_TIME : null });
        }}
      />
      <label for="setting-digest">{t('options_digest_enabled')}</label>
      <p class="field-help" id="setting-digest-help">
        {t('options_digest_help')}
      </p>
      <p>
        <label for="setting-digest-time">{t('options_digest_at')}</label>{' '}
        <input
          id="setting-digest-time"
          type="time"
          value={time}
          disabled={!on}
          aria-invalid={problem ? 'true' : undefined}
          aria-describedby={problem ? 'setting-digest-error' : undefined}
          onChange={(e) => commitTime(e.currentTarget.value)}
        />
      </p>
      {problem ? (
        <p class="field-error" id="setting-digest-error">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
