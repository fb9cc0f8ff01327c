import { useState } from 'preact/hooks';
import { openOptionsPage } from '@/components/shared/options-link';
import { t } from '@/lib/i18n';

interface Props {
  /** engineStatusItem.roundRunning: a round started by anyone (alarm, startup, another page). */
  roundRunning: boolean;
  online: boolean;
}

export function Toolbar({ roundRunning, online }: Props) {
  // The reply comes when the round ends, which covers the moment before the engine marks it.
  const [sending, setSending] = useState(false);
  const [failed, setFailed] = useState(false);
  const busy = roundRunning || sending;

  const refresh = () => {
    setSending(true);
    setFailed(false);
    // Loaded on the click: the messaging library is about a fifth of the popup's script, and
    // the first paint never needs it.
    import('@/lib/messages')
      .then(({ sendMessage }) => sendMessage('refreshNow', {}))
      .catch(() => setFailed(true))
      .finally(() => setSending(false));
  };

  let status = '';
  if (busy) status = t('popup_refreshing');
  else if (failed) status = t('popup_refreshFailed');
  else if (!online) status = t('popup_offline');

  return (
    <div class="toolbar">
      <div class="actions">
        <button type="button" class="primary" disabled={busy} aria-busy={busy} onClick={refresh}>
          {busy && <span class="spinner" aria-hidden="true" />}
          {t('popup_refreshNow')}
        </button>
        <button type="button" onClick={() => void openOptionsPage()}>
          {t('common_settings')}
        </button>
        <a class="dashboard-link" href="/dashboard.html" target="_blank" rel="noopener">
          {t('dashboard_open')}
        </a>
      </div>
      <p class="status" role="status">
        {status}
      </p>
    </div>
  );
}
