import { nativeBrowser } from '@/lib/native-browser';
import type messages from '../public/_locales/en/messages.json';

/** Every key of _locales/en/messages.json; a missing key is a type error, not a blank label. */
export type MessageKey = keyof typeof messages;

/**
 * The one way user-visible text is looked up, so every string can be translated by adding a
 * _locales/<lang>/messages.json. Substitutions fill the message's placeholders ($1..$9).
 * getMessage is synchronous everywhere this runs (pages, the background, tests' fakeBrowser), so
 * text can be built whenever it is needed; it is never built at module load.
 */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  return nativeBrowser().i18n.getMessage(key, substitutions);
}

/** The browser's UI language (e.g. "en-US"), for the pages' `lang`. */
export function uiLanguage(): string {
  return nativeBrowser().i18n.getUILanguage();
}
