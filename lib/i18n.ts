import { browser } from '#imports';
import type messages from '../public/_locales/en/messages.json';

/** Every key of _locales/en/messages.json; a missing key is a type error, not a blank label. */
export type MessageKey = keyof typeof messages;

/**
 * The one way user-visible text is looked up, so every string can be translated by adding a
 * _locales/<lang>/messages.json. Substitutions fill the message's placeholders ($1..$9).
 */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions);
}
