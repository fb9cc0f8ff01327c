import { Field } from '@/components/options/Field';

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

/** A low-balance threshold: a decimal typed as text, so "12.50" stays exactly as written. */
export function ThresholdInput({ id, label, help, error, value, onInput, onCommit }: Props) {
  return (
    <Field id={id} label={label} help={help} error={error}>
      {(control) => (
        <input
          {...control}
          type="text"
          inputMode="decimal"
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
        />
      )}
    </Field>
  );
}
