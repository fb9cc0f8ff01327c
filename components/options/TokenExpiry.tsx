import { formatWhen } from '@/components/options/settings-text';
import { t } from '@/lib/i18n';

/** The access token's expiry, when the engine knows it (after a renewal or typed in). */
export function TokenExpiry({ expiresAt, now = Date.now() }: { expiresAt: number; now?: number }) {
  const when = formatWhen(expiresAt);
  return (
    <p class={expiresAt <= now ? 'field-note warning' : 'field-note'}>
      {expiresAt <= now ? t('options_token_expired', when) : t('options_token_expires', when)}
    </p>
  );
}
