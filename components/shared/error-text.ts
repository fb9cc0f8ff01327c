import { type BalanceErrorKind, ERROR_KINDS } from '../../lib/errors';
import type { MessageKey } from '../../lib/i18n';
import { t } from '../../lib/i18n';

/** 'not-found' -> 'not_found': message keys allow no hyphen. */
type KeyPart<K extends string> = K extends `${infer A}-${infer B}` ? KeyPart<`${A}_${B}`> : K;
type TitleKey = `common_error_${KeyPart<BalanceErrorKind>}_title`;
type HintKey = `common_error_${KeyPart<BalanceErrorKind>}_hint`;

// Fails to compile when messages.json lacks a kind's title or hint (ERROR_KINDS' text, translatable).
const everyKindHasText: [TitleKey, HintKey] extends [MessageKey, MessageKey] ? true : never = true;
void everyKindHasText;

function keyPart(kind: BalanceErrorKind): KeyPart<BalanceErrorKind> {
  return kind.replaceAll('-', '_') as KeyPart<BalanceErrorKind>;
}

export function errorTitle(kind: BalanceErrorKind): string {
  return t(`common_error_${keyPart(kind)}_title` satisfies TitleKey);
}

export function errorHint(kind: BalanceErrorKind): string {
  return t(`common_error_${keyPart(kind)}_hint` satisfies HintKey);
}

/**
 * The provider's own words, or null when the message is only the kind's generic English text
 * (then the title already says it).
 */
export function providerMessage(kind: BalanceErrorKind, message: string): string | null {
  const generic = ERROR_KINDS[kind];
  const text = message.trim();
  if (text === '' || text === generic.message || text === generic.title) return null;
  return text;
}
