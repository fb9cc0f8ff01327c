import { Field } from '@/components/options/Field';
import { t } from '@/lib/i18n';
import { TOP_UP_PAGES } from '@/lib/providers/names';
import type { ProviderId } from '@/lib/providers/types';

interface Props {
  id: string;
  provider: ProviderId;
  value: string;
  error?: string;
  onInput: (value: string) => void;
}

/**
 * The account's top-up page: optional. Its hint is the provider's documented page when there is
 * one (what an empty field means), else the scheme a page must start with.
 */
export function TopUpField({ id, provider, value, error, onInput }: Props) {
  return (
    <Field id={id} label={t('options_topUp_label')} help={t('options_topUp_help')} error={error}>
      {(control) => (
        <input
          {...control}
          type="url"
          inputMode="url"
          autocomplete="off"
          placeholder={TOP_UP_PAGES[provider] ?? t('options_topUp_placeholder')}
          value={value}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}
