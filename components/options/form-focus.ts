/**
 * Where the account form puts focus when it opens: the field a link or a Fix button names (an
 * error's fix, lib/error-advice.ts), else its first control. Field names are the form's dotted
 * ids ("baseUrl", "credentials.accessToken", "params.userId"); 'credentials' is the first shown
 * sign-in field.
 */
export function focusTarget(
  form: HTMLFormElement,
  field: string | undefined,
  customBaseUrl: boolean,
): HTMLElement | null {
  const first = form.querySelector<HTMLElement>('input, select');
  if (!field) return first;
  if (field === 'baseUrl') {
    return form.querySelector(customBaseUrl ? '#field-customBaseUrl' : '#field-baseUrl') ?? first;
  }
  if (field === 'credentials') {
    return form.querySelector('[id^="field-credentials-"]:not([type="checkbox"])') ?? first;
  }
  // Field ids are the catalog's keys (letters and digits), safe inside a quoted attribute value.
  const found = field.includes('.')
    ? form.querySelector<HTMLElement>(`[id="field-${field.replace('.', '-')}"]`)
    : form.querySelector<HTMLElement>(`[id$="-${field}"]`);
  return found ?? first;
}
