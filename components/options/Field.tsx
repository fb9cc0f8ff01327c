import type { ComponentChildren } from 'preact';
import { t } from '@/lib/i18n';

interface Props {
  id: string;
  label: string;
  required?: boolean;
  help?: string;
  /** Extra description under the help (e.g. "a value is saved"). */
  note?: string;
  error?: string;
  /** Render prop: the control gets the ids it must point at. */
  children: (control: ControlProps) => ComponentChildren;
}

export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: 'true';
  'aria-required'?: 'true';
}

function helpId(id: string): string {
  return `${id}-help`;
}

function errorId(id: string): string {
  return `${id}-error`;
}

/**
 * A labelled control with its help and its error right next to it: the control names both in
 * aria-describedby and is aria-invalid while the error shows, so screen readers hear why.
 */
export function Field({ id, label, required, help, note, error, children }: Props) {
  const described = [
    error ? errorId(id) : null,
    help ? helpId(id) : null,
    note ? `${id}-note` : null,
  ].filter(Boolean);
  return (
    <div class={error ? 'field field-invalid' : 'field'}>
      <label for={id}>
        {label}
        {required ? <span class="required"> {t('common_required')}</span> : null}
      </label>
      {children({
        id,
        ...(described.length > 0 ? { 'aria-describedby': described.join(' ') } : {}),
        ...(error ? { 'aria-invalid': 'true' } : {}),
        ...(required ? { 'aria-required': 'true' } : {}),
      })}
      {error ? (
        <p class="field-error" id={errorId(id)}>
          {error}
        </p>
      ) : null}
      {help ? (
        <p class="field-help" id={helpId(id)}>
          {help}
        </p>
      ) : null}
      {note ? (
        <p class="field-note" id={`${id}-note`}>
          {note}
        </p>
      ) : null}
    </div>
  );
}
