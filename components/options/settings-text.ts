import { t } from '@/lib/i18n';
import type { BadgeMode, Settings } from '@/lib/state';

export function refreshLabel(minutes: number): string {
  if (minutes === 1) return t('options_refresh_minute');
  if (minutes === 60) return t('options_refresh_hour');
  if (minutes > 60 && minutes % 60 === 0) return t('options_refresh_hours', String(minutes / 60));
  return t('options_refresh_minutes', String(minutes));
}

export function badgeLabel(mode: BadgeMode): string {
  return mode === 'off' ? t('options_badge_off') : t('options_badge_low_count');
}

/** "Set Refresh every to 30 minutes" lines for the import preview, in the page's order. */
export function settingsLines(settings: Partial<Settings>): string[] {
  const lines: string[] = [];
  const set = (name: string, value: string) => lines.push(t('options_import_set', [name, value]));
  if (settings.refreshMinutes !== undefined) {
    set(t('options_refresh'), refreshLabel(settings.refreshMinutes));
  }
  if (settings.defaultLowThreshold !== undefined) {
    set(t('options_default_threshold'), settings.defaultLowThreshold ?? t('common_none'));
  }
  if (settings.badge !== undefined) set(t('options_badge'), badgeLabel(settings.badge));
  if (settings.notifications !== undefined) {
    set(t('options_notifications'), settings.notifications ? t('common_on') : t('common_off'));
  }
  return lines;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatWhen(epochMs: number): string {
  return dateTime.format(epochMs);
}
