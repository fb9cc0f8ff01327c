import { badgeLabel, refreshLabel } from '@/components/options/settings-text';
import { destinationTypeName } from '@/lib/alerts/destination-url';
import { type MessageKey, t } from '@/lib/i18n';
import type { FieldError, ImportPreview } from '@/lib/messages';
import { plural } from '@/lib/plural';
import { CATALOG } from '@/lib/providers/catalog';
import { providerName } from '@/lib/providers/names';
import type { Settings } from '@/lib/state';

/**
 * The import's words: a field path of the settings file ("lowThreshold", "credentials.token",
 * "settings.refreshMinutes") as the label the form shows for it, each setting change as
 * "Refresh every: 15 minutes → 30 minutes", each skipped account with why, each team channel
 * added or skipped (by its URL's hint, never the URL), and what was done.
 */

const FIELD_LABELS: Record<string, MessageKey> = {
  name: 'options_name',
  baseUrl: 'options_base_url',
  lowThreshold: 'options_field_lowThreshold',
  runOutLeadHours: 'options_account_run_out_lead',
  enabled: 'options_field_enabled',
  provider: 'options_provider_label',
  credentials: 'options_field_credentials',
  params: 'options_field_params',
  file: 'options_field_file',
  version: 'options_field_version',
  format: 'options_field_format',
  accounts: 'options_field_accounts',
  settings: 'options_field_settings',
  'settings.refreshMinutes': 'options_refresh',
  'settings.defaultLowThreshold': 'options_default_threshold',
  'settings.badge': 'options_badge',
  'settings.notifications': 'options_notifications',
  'settings.runOutLeadHours': 'options_run_out_lead',
};

/** The label of a file's field path; a provider field by its form label; else the path. */
function fieldLabel(path: string): string {
  const known = FIELD_LABELS[path];
  if (known) return t(known);
  const [group, key] = path.split('.');
  const spec = Object.values(CATALOG)
    .flatMap((entry) => entry.fields)
    .find((field) => field.group === group && field.key === key);
  return spec ? t(spec.labelKey) : path;
}

export function importErrorText(error: FieldError): string {
  const field = fieldLabel(error.field);
  return error.account
    ? t('options_import_error_account', [error.account, field, error.message])
    : t('options_import_error_field', [field, error.message]);
}

function settingValue(key: keyof Settings, value: Settings[keyof Settings] | undefined): string {
  if (value === undefined || value === null) return t('common_none');
  if (key === 'refreshMinutes') return refreshLabel(value as number);
  if (key === 'badge') return badgeLabel(value as Settings['badge']);
  if (key === 'notifications') return value ? t('common_on') : t('common_off');
  if (key === 'runOutLeadHours') return `${value} ${t('options_run_out_lead_hours')}`;
  return String(value);
}

const SETTING_NAMES: Record<keyof Settings, MessageKey> = {
  refreshMinutes: 'options_refresh',
  defaultLowThreshold: 'options_default_threshold',
  badge: 'options_badge',
  notifications: 'options_notifications',
  runOutLeadHours: 'options_run_out_lead',
  digestTime: 'options_digest_time',
};

/** "Refresh every: 15 minutes → 30 minutes", for each setting the import changes. */
export function changeLines(preview: ImportPreview): string[] {
  return (Object.keys(SETTING_NAMES) as (keyof Settings)[])
    .filter((key) => preview.settings[key] !== undefined)
    .map((key) =>
      t('options_import_change', [
        t(SETTING_NAMES[key]),
        settingValue(key, preview.settingsBefore[key]),
        settingValue(key, preview.settings[key]),
      ]),
    );
}

export function skipLine(skipped: ImportPreview['skipped'][number]): string {
  const key =
    skipped.reason === 'already-watched'
      ? 'options_import_skip_watched'
      : 'options_import_skip_twice';
  return t(key, [skipped.name, providerName(skipped.provider), skipped.same]);
}

/** "Add Finance (Slack, hooks.slack.com/…/a1b2)": the URL's hint only, never the URL. */
export function channelAddLine(channel: ImportPreview['channels'][number]): string {
  const { name, type, urlHint } = channel;
  return t('options_import_channel_add', [name, destinationTypeName(type), urlHint]);
}

/** A team channel the import leaves out, and the channel (stored or earlier) with its URL. */
export function channelSkipLine(skipped: ImportPreview['skippedChannels'][number]): string {
  const key =
    skipped.reason === 'already-added'
      ? 'options_import_channel_skip_added'
      : 'options_import_channel_skip_twice';
  const { name, type, urlHint, same } = skipped;
  return t(key, [name, destinationTypeName(type), urlHint, same]);
}

/** Whether importing would change anything at all. */
export function importsAnything(preview: ImportPreview): boolean {
  return (
    preview.accounts.length > 0 || preview.channels.length > 0 || changeLines(preview).length > 0
  );
}

/** What an import did, for the announcement: "Imported 2 accounts", or the settings alone. */
export function doneText(added: number, channels: number): string {
  const accounts = plural(added, {
    one: 'options_import_done_one',
    other: 'options_import_done_other',
  });
  const teamChannels = plural(channels, {
    one: 'options_import_done_channels_one',
    other: 'options_import_done_channels_other',
  });
  if (channels === 0) return added === 0 ? t('options_import_done_settings') : accounts;
  if (added === 0) return teamChannels;
  const alsoChannels = plural(channels, {
    one: 'options_import_done_and_channels_one',
    other: 'options_import_done_and_channels_other',
  });
  return `${accounts} ${alsoChannels}`;
}
