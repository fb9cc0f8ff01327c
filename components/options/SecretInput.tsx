import { useState } from 'preact/hooks';
import type { ControlProps } from '@/components/options/Field';
import { t } from '@/lib/i18n';

interface Props extends ControlProps {
  label: string;
  value: string;
  saved: boolean;
  onInput: (value: string) => void;
}

/** A password input with a Show/Hide toggle; a stored value shows only as "saved". */
export function SecretInput({ label, value, saved, onInput, ...control }: Props) {
  const [shown, setShown] = useState(false);
  return (
    <div class="secret">
      <input
        {...control}
        type={shown ? 'text' : 'password'}
        value={value}
        autocomplete="off"
        spellcheck={false}
        placeholder={saved ? t('options_secret_saved_placeholder') : undefined}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
      <button
        type="button"
        class="secondary"
        aria-controls={control.id}
        aria-label={t(shown ? 'options_secret_hide_named' : 'options_secret_show_named', label)}
        onClick={() => setShown((now) => !now)}
      >
        {t(shown ? 'options_secret_hide' : 'options_secret_show')}
      </button>
    </div>
  );
}
