import { useAnnounce } from '@/components/options/announce';
import { quarantinedWhat } from '@/components/options/quarantine-text';
import { formatWhen } from '@/components/options/settings-text';
import { useQuarantine } from '@/components/options/use-quarantine';
import { sendMessage } from '@/components/shared/send-message';
import type { AccountStores } from '@/components/shared/use-account-stores';
import { t } from '@/lib/i18n';
import type { QuarantineNotice } from '@/lib/storage/keys';

const WARNING_ID = 'quarantine-copy-warning';

function failed(error: unknown): string {
  return t('options_action_failed', error instanceof Error ? error.message : String(error));
}

/**
 * The stored values the background found damaged and set aside (lib/storage/guard.ts): what, when
 * and why, Copy for each, and Dismiss for all. Shown only while there are some.
 */
export function QuarantineSection({ data }: { data: AccountStores }) {
  const announce = useAnnounce();
  const { notices, ask } = useQuarantine(data);
  if (notices.length === 0) return null;

  const copy = async (notice: QuarantineNotice) => {
    try {
      // The raw value is fetched on this click and goes straight to the clipboard, never into
      // the page's state.
      const { key, path, at } = notice;
      const reply = await sendMessage('copyQuarantined', { key, path, at });
      if (!reply.ok) {
        announce(t('options_quarantine_gone'));
        await ask();
        return;
      }
      await navigator.clipboard.writeText(reply.text);
      announce(t('options_quarantine_copied'));
    } catch (error) {
      announce(failed(error));
    }
  };

  const dismiss = async () => {
    try {
      await sendMessage('dismissQuarantine');
      announce(t('options_quarantine_dismissed'));
      await ask();
      // The section and its button are gone; the page's heading keeps the keyboard's place.
      document.getElementById('options-title')?.focus();
    } catch (error) {
      announce(failed(error));
    }
  };

  return (
    <section class="notice quarantine" aria-labelledby="quarantine-heading">
      <h2 id="quarantine-heading">{t('options_quarantine_heading')}</h2>
      <p>{t('options_quarantine_intro')}</p>
      <p class="warning" id={WARNING_ID}>
        {t('options_quarantine_copy_warning')}
      </p>
      <ul class="quarantine-list">
        {notices.map((notice) => (
          <QuarantinedValue
            key={`${notice.key} ${notice.path} ${notice.at}`}
            notice={notice}
            what={quarantinedWhat(notice, data.accounts)}
            onCopy={() => void copy(notice)}
          />
        ))}
      </ul>
      <div class="actions">
        <button type="button" onClick={() => void dismiss()}>
          {t('options_quarantine_dismiss')}
        </button>
      </div>
    </section>
  );
}

interface ValueProps {
  notice: QuarantineNotice;
  what: string;
  onCopy: () => void;
}

function QuarantinedValue({ notice, what, onCopy }: ValueProps) {
  return (
    <li>
      <h3>{what}</h3>
      <p class="when">{t('options_quarantine_when', formatWhen(notice.at))}</p>
      <p>{t('options_quarantine_why')}</p>
      <ul>
        {notice.issues.map((issue) => (
          <li key={issue}>
            <code>{issue}</code>
          </li>
        ))}
      </ul>
      <button
        type="button"
        aria-label={t('options_quarantine_copy_named', what)}
        aria-describedby={WARNING_ID}
        onClick={onCopy}
      >
        {t('options_quarantine_copy')}
      </button>
    </li>
  );
}
