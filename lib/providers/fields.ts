import type { MessageKey } from '@/lib/i18n';

/**
 * How a catalog entry declares its inputs: one short constructor call per field. The constructor
 * says what the value is (it picks the input and the check); the entry adds the group and the
 * label and help keys, which are named after the provider and the field.
 */

export type FieldGroup = 'credentials' | 'params';

/** What a value must be; lib/providers/form-schema.ts turns each kind into its zod check. */
export type ValueKind = 'text' | 'wholeNumber' | 'numericId' | 'boolean' | 'epochMs' | 'choice';

interface ChoiceOption {
  value: string;
  labelKey: MessageKey;
}

/** A stored value and its check: enough to build the provider's {credentials, params} schema. */
export interface ValueSpec {
  key: string;
  group: FieldGroup;
  value: ValueKind;
  required: boolean;
  /** The message shown when the value is missing or wrong: it says what to enter. */
  invalidKey: MessageKey;
  /** The allowed values of a 'choice', in the order the form lists them. */
  options?: readonly ChoiceOption[];
}

/** One input on the account form: the value plus how it is shown. */
export interface FieldSpec extends ValueSpec {
  labelKey: MessageKey;
  helpKey: MessageKey;
  /** Typed into a masked input, stored in local:secrets, never sent back to a page. */
  secret: boolean;
  input: 'text' | 'password' | 'number' | 'select' | 'checkbox' | 'datetime';
}

/** A field as its constructor returns it; the catalog entry fills in the rest. */
export type FieldDraft<K extends string = string> = Omit<
  FieldSpec,
  'key' | 'group' | 'labelKey' | 'helpKey'
> & { key: K };

type Kind = Pick<FieldSpec, 'value' | 'input' | 'secret'>;

function field<K extends string>(key: K, invalidKey: MessageKey, kind: Kind): FieldDraft<K> {
  return { key, invalidKey, required: false, ...kind };
}

/** A masked text input (a token, a password, a client secret). */
export const secret = <K extends string>(key: K, invalidKey: MessageKey) =>
  field(key, invalidKey, { value: 'text', input: 'password', secret: true });

export const text = <K extends string>(key: K, invalidKey: MessageKey) =>
  field(key, invalidKey, { value: 'text', input: 'text', secret: false });

/** A whole number (a client id) typed into a numeric text box. */
export const wholeNumber = <K extends string>(key: K, invalidKey: MessageKey) =>
  field(key, invalidKey, { value: 'wholeNumber', input: 'number', secret: false });

/** An id the provider defines as an integer but that is only ever echoed back: kept as text. */
export const numericId = <K extends string>(key: K, invalidKey: MessageKey) =>
  field(key, invalidKey, { value: 'numericId', input: 'text', secret: false });

export const flag = <K extends string>(key: K, invalidKey: MessageKey) =>
  field(key, invalidKey, { value: 'boolean', input: 'checkbox', secret: false });

/** A moment, stored as epoch milliseconds. */
export const datetime = <K extends string>(key: K, invalidKey: MessageKey) =>
  field(key, invalidKey, { value: 'epochMs', input: 'datetime', secret: false });

export const choice = <K extends string>(
  key: K,
  invalidKey: MessageKey,
  options: readonly ChoiceOption[],
): FieldDraft<K> => ({
  ...field(key, invalidKey, { value: 'choice', input: 'select', secret: false }),
  options,
});

/** The same field, which the account cannot do without. */
export function required<K extends string>(draft: FieldDraft<K>): FieldDraft<K> {
  return { ...draft, required: true };
}
