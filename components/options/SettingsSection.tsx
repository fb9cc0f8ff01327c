import { useEffect, useRef, useState } from 'preact/hooks';
import { useAnnounce } from '@/components/options/announce';
import { DigestField } from '@/components/options/DigestField';
import { Field } from '@/components/options/Field';
import { LeadHoursInput } from '@/components/options/LeadHoursInput';
import { badgeLabel, refreshLabel } from '@/components/options/settings-text';
import { ThresholdInput } from '@/components/options/ThresholdInput';
import { sendMessage } from '@/components/shared/send-message';
import { parseLeadHours, parseThreshold, thresholdMessage } from '@/lib/account-draft';
import { t } from '@/lib/i18n';
import { BADGE_MODES, type BadgeMode, REFRESH_CHOICES, type Settings } from '@/lib/state';

type SettingsErrors = Partial<Record<keyof Settings | 'form', string>>;

/**
 * The settings form's state: each change is saved at once and confirmed in the page's polite live
 * region; a refusal shows next to its field.
 */
function useSettingsForm(settings: Settings) {
  const announce = useAnnounce();
  const [threshold, setThreshold] = useState(settings.defaultLowThreshold ?? '');
  const [errors, setErrors] = useState<SettingsErrors>({});

  // A change from elsewhere (an import) shows here too; only a real change replaces what is typed.
  const shown = useRef(settings.defaultLowThreshold);
  useEffect(() => {
    if (shown.current === settings.defaultLowThreshold) return;
    shown.current = settings.defaultLowThreshold;
    setThreshold(settings.defaultLowThreshold ?? '');
  }, [settings.defaultLowThreshold]);

  const save = async (change: Partial<Settings>) => {
    try {
      const result = await sendMessage('saveSettings', change);
      if (result.ok) {
        setErrors({});
        announce(t('options_saved'));
        return;
      }
      const next: Record<string, string> = {};
      for (const error of result.errors) next[error.field] ??= error.message;
      setErrors(next);
    } catch (error) {
      setErrors({
        form: t('options_action_failed', error instanceof Error ? error.message : String(error)),
      });
    }
  };

  const saveThreshold = () => {
    const parsed = parseThreshold(threshold);
    if (!parsed.ok) {
      setErrors({ defaultLowThreshold: thresholdMessage(parsed.problem) });
      return;
    }
    setErrors({});
    if (parsed.value === settings.defaultLowThreshold) return;
    void save({ defaultLowThreshold: parsed.value });
  };

  return { threshold, setThreshold, errors, save, saveThreshold };
}

interface FieldProps {
  settings: Settings;
  error: string | undefined;
  save: (change: Partial<Settings>) => Promise<void>;
}

function RefreshField({ settings, error, save }: FieldProps) {
  return (
    <Field id="setting-refresh" label={t('options_refresh')} error={error}>
      {(control) => (
        <select
          {...control}
          value={String(settings.refreshMinutes)}
          onChange={(e) => {
            const minutes = Number(e.currentTarget.value) as Settings['refreshMinutes'];
            void save({ refreshMinutes: minutes });
          }}
        >
          {REFRESH_CHOICES.map((minutes) => (
            <option key={minutes} value={String(minutes)}>
              {refreshLabel(minutes)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function BadgeField({ settings, error, save }: FieldProps) {
  return (
    <Field id="setting-badge" label={t('options_badge')} error={error}>
      {(control) => (
        <select
          {...control}
          value={settings.badge}
          onChange={(e) => void save({ badge: e.currentTarget.value as BadgeMode })}
        >
          {BADGE_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {badgeLabel(mode)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function NotificationsField({ settings, error, save }: FieldProps) {
  return (
    <div class={error ? 'field field-check field-invalid' : 'field field-check'}>
      <input
        id="setting-notifications"
        type="checkbox"
        checked={settings.notifications}
        aria-describedby="setting-notifications-help"
        onChange={(e) => void save({ notifications: e.currentTarget.checked })}
      />
      <label for="setting-notifications">{t('options_notifications')}</label>
      <p class="field-help" id="setting-notifications-help">
        {t('options_notifications_help')}
      </p>
      {error ? <p class="field-error">{error}</p> : null}
    </div>
  );
}

/**
 * The run-out trigger's default: "Warn before it runs low: [24] hours", empty for none. What is
 * typed stays until it is a number of hours; a change from elsewhere (an import) replaces it.
 */
function RunOutLeadField({ settings, error, save }: FieldProps) {
  const text = (hours: number | null) => (hours === null ? '' : String(hours));
  const [value, setValue] = useState(text(settings.runOutLeadHours));
  const [problem, setProblem] = useState<string | undefined>();
  // Only a real change from elsewhere replaces what is typed: an effect may run after typing.
  const shown = useRef(settings.runOutLeadHours);
  useEffect(() => {
    if (shown.current === settings.runOutLeadHours) return;
    shown.current = settings.runOutLeadHours;
    setValue(text(settings.runOutLeadHours));
  }, [settings.runOutLeadHours]);
  const commit = () => {
    const parsed = parseLeadHours(value);
    setProblem(parsed.ok ? undefined : t('engine_setting_run_out_lead'));
    if (!parsed.ok || parsed.value === settings.runOutLeadHours) return;
    // Our own save coming back is no change from elsewhere: what is typed stays.
    shown.current = parsed.value;
    void save({ runOutLeadHours: parsed.value });
  };
  return (
    <LeadHoursInput
      id="setting-run-out-lead"
      label={t('options_run_out_lead')}
      help={t('options_run_out_lead_help')}
      error={problem ?? error}
      value={value}
      onInput={setValue}
      onCommit={commit}
    />
  );
}

export function SettingsSection({ settings }: { settings: Settings }) {
  const { threshold, setThreshold, errors, save, saveThreshold } = useSettingsForm(settings);
  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('options_settings_heading')}</h2>
      {errors.form ? (
        <p class="notice" role="alert">
          {errors.form}
        </p>
      ) : null}
      <RefreshField settings={settings} error={errors.refreshMinutes} save={save} />
      <ThresholdInput
        id="setting-threshold"
        label={t('options_default_threshold')}
        help={t('options_default_threshold_help')}
        error={errors.defaultLowThreshold}
        value={threshold}
        onInput={setThreshold}
        onCommit={saveThreshold}
      />
      <RunOutLeadField settings={settings} error={errors.runOutLeadHours} save={save} />
      <BadgeField settings={settings} error={errors.badge} save={save} />
      <NotificationsField settings={settings} error={errors.notifications} save={save} />
      <DigestField settings={settings} error={errors.digestTime} save={save} />
    </section>
  );
}
