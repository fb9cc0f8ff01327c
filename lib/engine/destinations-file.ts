import type { Destination, DestinationType, DestinationUrls } from '@/lib/alerts/destination';
import { checkDestinationDraft } from '@/lib/alerts/destination-draft';
import { urlHint } from '@/lib/alerts/destination-url';
import type { AlertKind } from '@/lib/alerts/event';
import { t } from '@/lib/i18n';
import type { DestinationDraft, FieldError, ImportPreview } from '@/lib/messages';
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

/** Why an import leaves a channel of the file out: its URL is stored, or earlier in the file. */
type SkipReason = ImportPreview['skippedChannels'][number]['reason'];

/**
 * What an import does with the file's channels: adds those whose URL is not stored yet (nor
 * earlier in the file); the rest stay out, naming the channel that has their URL, which stays as
 * it is. The URL is the channel's identity: the same hook under another name is the same channel.
 */
interface DestinationImportPlan {
  add: FileDestination[];
  skip: { channel: FileDestination; reason: SkipReason; same: string }[];
}

function planDestinationImport(
  current: DestinationStores,
  imported: readonly FileDestination[],
): DestinationImportPlan {
  const stored = new Set(Object.values(current.urls));
  const storedName = new Map(
    current.destinations.flatMap(({ id, name }) => {
      const url = current.urls[id];
      return url ? [[url, name] as const] : [];
    }),
  );
  const earlier = new Map<string, string>();
  const plan: DestinationImportPlan = { add: [], skip: [] };
  for (const channel of imported) {
    const { url } = channel;
    if (stored.has(url)) {
      const same = storedName.get(url) ?? channel.name;
      plan.skip.push({ channel, reason: 'already-added', same });
    } else if (earlier.has(url)) {
      plan.skip.push({ channel, reason: 'twice-in-file', same: earlier.get(url) ?? channel.name });
    } else {
      plan.add.push(channel);
      earlier.set(url, channel.name);
    }
  }
  return plan;
}

/** A channel as the import preview shows it: the URL's hint only, never the URL (a secret). */
function previewOf({ name, type, url }: FileDestination) {
  return { name, type, urlHint: urlHint(url) };
}

/** The import preview's channels: those added, and those left out with why. */
export function destinationsPreview(
  current: DestinationStores,
  imported: readonly FileDestination[],
): Pick<ImportPreview, 'channels' | 'skippedChannels'> {
  const plan = planDestinationImport(current, imported);
  return {
    channels: plan.add.map(previewOf),
    skippedChannels: plan.skip.map(({ channel, reason, same }) => ({
      ...previewOf(channel),
      reason,
      same,
    })),
  };
}

/** The stores with the file's channels added, except those whose URL is already stored. */
export function withImportedDestinations(
  current: DestinationStores,
  imported: readonly FileDestination[],
  newId: () => string,
): DestinationStores {
  const { add } = planDestinationImport(current, imported);
  if (add.length === 0) return current;
  const destinations: Destination[] = [...current.destinations];
  const urls: DestinationUrls = { ...current.urls };
  for (const { url, ...channel } of add) {
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
  return { destinations, urls };
}
