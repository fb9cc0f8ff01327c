import type { Destination, DestinationType, DestinationUrls } from '@/lib/alerts/destination';
import { checkDestinationDraft } from '@/lib/alerts/destination-draft';
import { urlHint } from '@/lib/alerts/destination-url';
import type { AlertKind } from '@/lib/alerts/event';
import { t } from '@/lib/i18n';
import type { DestinationDraft, FieldError } from '@/lib/messages';
import { isRecord } from '@/lib/providers/response';
import type { DestinationStores } from '@/lib/storage/writers/destinations';

/**
 * The team channels in the settings file (lib/engine/settings-file.ts). A channel's URL is a
 * secret, so channels are written only when the export includes credentials; an import adds the
 * channels whose URL is not stored yet, checked by the form's rules.
 */

export interface FileDestination {
  name: string;
  type: DestinationType;
  events: AlertKind[];
  enabled: boolean;
  url: string;
}

/** The stored channels as the file lists them, URLs included. */
export function fileDestinations({ destinations, urls }: DestinationStores): FileDestination[] {
  return destinations.flatMap(({ id, name, type, events, enabled }) => {
    const url = urls[id];
    return url ? [{ name, type, events, enabled, url }] : [];
  });
}

function channelLabel(raw: unknown, index: number): string {
  if (isRecord(raw) && typeof raw.name === 'string' && raw.name.trim()) return raw.name.trim();
  return t('options_file_destination_number', String(index + 1));
}

/**
 * The file's channels, or errors naming each wrong field (`destinations.<n>.<field>`) and the
 * channel; undefined when the file has none.
 */
export function parseFileDestinations(
  raw: unknown,
  errors: FieldError[],
): FileDestination[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) {
    errors.push({ field: 'destinations', message: t('options_file_destinations') });
    return [];
  }
  return raw.flatMap((entry, index) => {
    const account = channelLabel(entry, index);
    const field = (name: string) =>
      name ? `destinations.${index}.${name}` : `destinations.${index}`;
    if (!isRecord(entry)) {
      errors.push({ account, field: field(''), message: t('options_file_object') });
      return [];
    }
    const { errors: found, url } = checkDestinationDraft(
      entry as unknown as DestinationDraft,
      true,
    );
    const enabled = (entry.enabled ?? true) as boolean;
    if (typeof enabled !== 'boolean')
      found.push({ field: 'enabled', message: t('options_file_boolean') });
    errors.push(...found.map((e) => ({ account, field: field(e.field), message: e.message })));
    if (found.length > 0 || !url) return [];
    const draft = entry as unknown as DestinationDraft;
    return [
      {
        name: draft.name.trim(),
        type: draft.type,
        events: [...new Set(draft.events)],
        enabled,
        url: url.url,
      },
    ];
  });
}

/** The stores with the file's channels added, except those whose URL is already stored. */
export function withImportedDestinations(
  current: DestinationStores,
  imported: readonly FileDestination[],
  newId: () => string,
): DestinationStores {
  const known = new Set(Object.values(current.urls));
  const destinations: Destination[] = [...current.destinations];
  const urls: DestinationUrls = { ...current.urls };
  for (const { url, ...channel } of imported) {
    if (known.has(url)) continue;
    known.add(url);
    const id = newId();
    destinations.push({
      id,
      ...channel,
      urlHint: urlHint(url),
      lastOkAt: null,
      failures: 0,
      lastError: null,
      disabledReason: null,
    });
    urls[id] = url;
  }
  return destinations.length === current.destinations.length ? current : { destinations, urls };
}
