import { Field } from '@/components/options/Field';
import { checkBaseUrl, needsHostPermission } from '@/lib/host-permission';
import { t } from '@/lib/i18n';
import type { BaseUrlPreset } from '@/lib/providers/presets';
import { hostOf } from '@/lib/url';
import { CUSTOM_BASE_URL } from '@/lib/view/account-form';

interface Props {
  presets: readonly BaseUrlPreset[];
  choice: string;
  custom: string;
  error?: string;
  onChoice: (choice: string) => void;
  onCustom: (url: string) => void;
}

/** The provider's presets plus a custom URL (staging, regional cluster, proxy, simulator). */
export function BaseUrlField({ presets, choice, custom, error, onChoice, onCustom }: Props) {
  const isCustom = choice === CUSTOM_BASE_URL;
  const check = checkBaseUrl(custom);
  const asks = isCustom && check.ok && needsHostPermission(custom);
  return (
    <>
      <Field
        id="field-baseUrl"
        label={t('options_base_url')}
        required
        help={t('options_base_url_help')}
        error={isCustom ? undefined : error}
      >
        {(control) => (
          <select {...control} value={choice} onChange={(e) => onChoice(e.currentTarget.value)}>
            {presets.map((preset) => (
              <option key={preset.url} value={preset.url}>
                {t('options_base_url_preset', [t(preset.labelKey), preset.url])}
              </option>
            ))}
            <option value={CUSTOM_BASE_URL}>{t('options_base_url_custom')}</option>
          </select>
        )}
      </Field>
      {isCustom ? (
        <Field
          id="field-customBaseUrl"
          label={t('options_custom_url')}
          required
          help={t('options_custom_url_help')}
          note={asks ? t('options_custom_url_access', hostOf(custom)) : undefined}
          error={error}
        >
          {(control) => (
            <input
              {...control}
              type="url"
              inputMode="url"
              autocomplete="url"
              spellcheck={false}
              placeholder={t('options_custom_url_placeholder')}
              value={custom}
              onInput={(e) => onCustom(e.currentTarget.value)}
            />
          )}
        </Field>
      ) : null}
    </>
  );
}
