import { DESTINATION_EVENTS, DESTINATION_TYPES } from '@/lib/alerts/destination';
import { checkDestinationUrl } from '@/lib/alerts/destination-url';
import { t } from '@/lib/i18n';
import type { DestinationDraft, FieldError } from '@/lib/messages';

/** Longest name a destination may have, as for accounts. */
const NAME_MAX_LENGTH = 80;

/**
 * The rules of the team channel form, checked by the page as the user saves (to ask for the
 * host permission only for a URL that will be kept) and by the background before it stores
 * anything. `urlRequired`: a new destination needs one; an edit without one keeps the stored URL.
 * Returns the URL's permission pattern when a URL was given and is good.
 */
export function checkDestinationDraft(
  draft: DestinationDraft,
  urlRequired: boolean,
): { errors: FieldError[]; url?: { url: string; pattern: string; loopback: boolean } } {
  const errors: FieldError[] = [];
  const name = typeof draft.name === 'string' ? draft.name.trim() : '';
  if (!name || [...name].length > NAME_MAX_LENGTH) {
    errors.push({ field: 'name', message: t('destination_error_name') });
  }
  if (!DESTINATION_TYPES.includes(draft.type)) {
    errors.push({ field: 'type', message: t('destination_error_type') });
  }
  const events = Array.isArray(draft.events) ? draft.events : [];
  if (events.length === 0 || events.some((kind) => !DESTINATION_EVENTS.includes(kind))) {
    errors.push({ field: 'events', message: t('destination_error_events') });
  }
  const text = typeof draft.url === 'string' ? draft.url.trim() : '';
  if (!text) {
    if (urlRequired) errors.push({ field: 'url', message: t('destination_url_invalid') });
    return { errors };
  }
  if (!DESTINATION_TYPES.includes(draft.type)) return { errors };
  const checked = checkDestinationUrl(draft.type, text);
  if (!checked.ok) {
    errors.push({ field: 'url', message: checked.message });
    return { errors };
  }
  const { url, pattern, loopback } = checked;
  return { errors, url: { url, pattern, loopback } };
}
