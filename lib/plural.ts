import { type MessageKey, t } from '@/lib/i18n';

/**
 * A counted message in the right plural form. browser.i18n has no plural rules, so each counted
 * message has a "one" and an "other" key and Intl.PluralRules picks; a language with more forms
 * words "other" to fit them all. The count is the first substitution. At the lib root because
 * the pages and the worker (the daily digest) both count.
 */

let rules: Intl.PluralRules | undefined;

export function plural(
  count: number,
  forms: { one: MessageKey; other: MessageKey },
  more: string[] = [],
): string {
  rules ??= new Intl.PluralRules();
  const key = rules.select(count) === 'one' ? forms.one : forms.other;
  return t(key, [String(count), ...more]);
}
