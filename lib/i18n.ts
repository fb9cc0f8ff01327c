import { nativeBrowser } from '@/lib/native-browser';
import type messages from '../public/_locales/en/messages.json';

/** Every key of _locales/en/messages.json; a missing key is a type error, not a blank label. */
export type MessageKey = keyof typeof messages;

/**
 * Each message asked for once per page (getMessage costs tens of microseconds in Chrome: a list
 * of 500 amounts spent 25 ms in it), kept per getMessage function, so a test that installs its
 * own is asked afresh. A message with substitutions is kept with a marker where each goes.
 */
const asked = new WeakMap<object, Map<string, string>>();
/** Private-use characters, never in a message: $1 to $9 (getMessage takes at most nine). */
const FIRST_MARKER = 0xe000;
const MARKERS = /[\ue000-\ue008]/g;
const marker = (_: string, index: number) => String.fromCharCode(FIRST_MARKER + index);

/**
 * The one way user-visible text is looked up, so every string can be translated by adding a
 * _locales/<lang>/messages.json. Substitutions fill the message's placeholders ($1..$9).
 * getMessage is synchronous everywhere this runs (pages, the background, tests' fakeBrowser), so
 * text can be built whenever it is needed; it is never built at module load.
 */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  const { i18n } = nativeBrowser();
  const subs = substitutions === undefined ? [] : ([] as string[]).concat(substitutions);
  let texts = asked.get(i18n.getMessage);
  if (!texts) {
    texts = new Map();
    asked.set(i18n.getMessage, texts);
  }
  const id = `${key}/${subs.length}`;
  let text = texts.get(id);
  if (text === undefined) {
    text = i18n.getMessage(key, subs.length === 0 ? substitutions : subs.map(marker));
    texts.set(id, text);
  }
  if (subs.length === 0) return text;
  return text.replace(MARKERS, (found) => subs[found.charCodeAt(0) - FIRST_MARKER] ?? '');
}

/** The browser's UI language (e.g. "en-US"), for the pages' `lang`. */
export function uiLanguage(): string {
  return nativeBrowser().i18n.getUILanguage();
}
