import type { CommandDeps, Handlers } from '@/lib/engine/commands/deps';
import { type MessageKey, t } from '@/lib/i18n';
import type { FieldError } from '@/lib/messages';
import type { Settings } from '@/lib/state';
import { settingsFieldSchemas } from '@/lib/storage/schemas';
import { updateSettings } from '@/lib/storage/writers/settings';

/** The settings form. */
export function settingsHandlers(deps: CommandDeps) {
  return {
    async saveSettings(data) {
      const errors: FieldError[] = [];
      const accepted: Partial<Settings> = {};
      for (const [key, value] of Object.entries(data ?? {})) {
        if (!Object.hasOwn(settingsFieldSchemas, key)) {
          errors.push({ field: key, message: t('engine_setting_unknown', key) });
          continue;
        }
        const name = key as keyof Settings;
        const parsed = settingsFieldSchemas[name].safeParse(value);
        if (parsed.success) Object.assign(accepted, { [name]: parsed.data });
        else errors.push({ field: key, message: t(SETTING_MESSAGES[name]) });
      }
      if (errors.length > 0) return { ok: false, errors };
      // The scheduler watches this item and re-creates the alarm when the interval changes.
      const settings = await updateSettings((stored) => ({ ...stored, ...accepted }));
      await deps.refreshBadge();
      return { ok: true, settings };
    },
  } satisfies Partial<Handlers>;
}

/** What each setting must be, as the form says it. */
const SETTING_MESSAGES = {
  refreshMinutes: 'engine_setting_refresh_minutes',
  badge: 'engine_setting_badge',
  notifications: 'engine_setting_notifications',
  defaultLowThreshold: 'engine_setting_default_threshold',
  runOutLeadHours: 'engine_setting_run_out_lead',
  digestTime: 'engine_setting_digest_time',
} as const satisfies Record<keyof Settings, MessageKey>;
