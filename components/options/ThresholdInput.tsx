import { type ControlProps, Field } from '@/components/options/Field';

interface Props {
  id: string;
  label: string;
  help: string;
  error?: string;
  value: string;
  onInput: (value: string) => void;
  /** Called when the value is committed: on change (leaving the field) and on Enter. */
  onCommit?: () => void;
  /** A unit word after the field ("hours"); the label already says it to screen readers. */
  unit?: string;
}

/**
 * A number typed as text: a low-balance threshold, so "12.50" stays exactly as written, or a
 * run-out lead, so an empty field can mean "none" and a bad one can be said so.
 */
export function ThresholdInput({ id, label, help, error, value, onInput, onCommit, unit }: Props) {
  const input = (control: ControlProps) => (
    <input
      {...control}
      type="text"
      inputMode="decimal"
      size={unit ? 5 : undefined}
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
  );
  return (
    <Field id={id} label={label} help={help} error={error}>
      {(control) =>
        unit ? (
          <span class="with-unit">
            {input(control)} <span aria-hidden="true">{unit}</span>
          </span>
        ) : (
          input(control)
        )
      }
    </Field>
  );
}
