import { t } from '@/lib/i18n';
import type { BadgeMode } from '@/lib/state';

export function refreshLabel(minutes: number): string {
  if (minutes === 1) return t('options_refresh_minute');
  if (minutes === 60) return t('options_refresh_hour');
  if (minutes > 60 && minutes % 60 === 0) return t('options_refresh_hours', String(minutes / 60));
  return t('options_refresh_minutes', String(minutes));
}

export function badgeLabel(mode: BadgeMode): string {
  return mode === 'off' ? t('options_badge_off') : t('options_badge_low_count');
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatWhen(epochMs: number): string {
  return dateTime.format(epochMs);
}
