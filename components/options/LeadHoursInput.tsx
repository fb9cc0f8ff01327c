import { Field } from '@/components/options/Field';
import { t } from '@/lib/i18n';

interface Props {
  id: string;
  label: string;
  help: string;
  error?: string;
  value: string;
  onInput: (value: string) => void;
  /** Called when the value is committed: on change (leaving the field) and on Enter. */
  onCommit?: () => void;
}

/**
 * A run-out lead: "Warn before it runs low: [24] hours". Typed as text (lib/account-draft.ts
 * parseLeadHours reads it), so an empty field can mean "none" and a bad one can be said so.
 */
export function LeadHoursInput({ id, label, help, error, value, onInput, onCommit }: Props) {
  return (
    <Field id={id} label={label} help={help} error={error}>
      {(control) => (
        <span class="with-unit">
          <input
            {...control}
            type="text"
            inputMode="decimal"
            size={5}
            autocomplete="off"
            value={value}
            onInput={(e) => onInput(e.currentTarget.value)}
            onChange={onCommit}
            onKeyDown={
              onCommit
                ? (e) => {
                    if (e.key === 'Enter') onCommit();
                  }
                : undefined
            }
          />{' '}
          <span aria-hidden="true">{t('options_run_out_lead_hours')}</span>
        </span>
      )}
    </Field>
  );
}
