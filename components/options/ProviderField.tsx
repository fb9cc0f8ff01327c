import { Field } from '@/components/options/Field';
import { SecretInput } from '@/components/options/SecretInput';
import { t } from '@/lib/i18n';
import type { FieldSpec } from '@/lib/providers/fields';
import { type FieldValue, fieldId } from '@/lib/view/account-form';

interface Props {
  spec: FieldSpec;
  value: FieldValue | undefined;
  /** A value is stored for this credential (edit): empty keeps it. */
  saved: boolean;
  error?: string;
  onChange: (value: FieldValue) => void;
}

const domId = (spec: FieldSpec) => `field-${fieldId(spec).replace('.', '-')}`;

/** One input described by the catalog's FieldSpec; the form needs no provider code. */
export function ProviderField({ spec, value, saved, error, onChange }: Props) {
  const id = domId(spec);
  const text = typeof value === 'string' ? value : '';
  const note = saved ? t('options_secret_saved_note') : undefined;
  const label = t(spec.labelKey);
  const help = t(spec.helpKey);

  if (spec.input === 'checkbox') {
    return (
      <div class={error ? 'field field-check field-invalid' : 'field field-check'}>
        <input
          id={id}
          type="checkbox"
          checked={value === true}
          aria-describedby={[error ? `${id}-error` : '', `${id}-help`].join(' ').trim()}
          aria-invalid={error ? 'true' : undefined}
          onChange={(event) => onChange(event.currentTarget.checked)}
        />
        <label for={id}>{label}</label>
        {error ? (
          <p class="field-error" id={`${id}-error`}>
            {error}
          </p>
        ) : null}
        <p class="field-help" id={`${id}-help`}>
          {help}
        </p>
      </div>
    );
  }

  // A stored credential is never required again: leaving it empty keeps it.
  const required = spec.required && !saved;
  return (
    <Field id={id} label={label} required={required} help={help} note={note} error={error}>
      {(control) => {
        if (spec.secret || spec.input === 'password') {
          return (
            <SecretInput {...control} label={label} value={text} saved={saved} onInput={onChange} />
          );
        }
        if (spec.input === 'select') {
          return (
            <select
              {...control}
              value={text}
              onChange={(event) => onChange(event.currentTarget.value)}
            >
              {(spec.options ?? []).map((option) => (
                <option key={option.value} value={option.value}>
                  {t(option.labelKey)}
                </option>
              ))}
            </select>
          );
        }
        return (
          <input
            {...control}
            type={spec.input === 'datetime' ? 'datetime-local' : 'text'}
            inputMode={spec.input === 'number' ? 'numeric' : undefined}
            value={text}
            autocomplete="off"
            spellcheck={false}
            placeholder={saved ? t('options_secret_saved_placeholder') : undefined}
            onInput={(event) => onChange(event.currentTarget.value)}
          />
        );
      }}
    </Field>
  );
}
