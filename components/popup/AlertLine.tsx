import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { AccountRow } from '@/lib/view/popup-view';

/**
 * What a row says about its alerts, on the row itself: "Snoozed until 14:00" with Unsnooze, and
 * "Top up" (the account's top-up page, in a new tab) while it is low or running out. The menu
 * that snoozes is in the row's details (SnoozeMenu), loaded when they open.
 */
export function AlertLine({ row }: { row: AccountRow }) {
  const [problem, setProblem] = useState<string | null>(null);
  if (!row.snoozed && !row.topUpUrl) return null;
  const unsnooze = () => {
    setProblem(null);
    // The messaging library loads on the first command, never with the popup (Toolbar.tsx).
    import('@/lib/messages')
      .then(({ sendMessage }) => sendMessage('unsnoozeAccount', { id: row.id }))
      .then((result) => setProblem(result.ok ? null : result.message))
      .catch((error: unknown) => setProblem(String(error)));
  };
  return (
    <p class="alert-line">
      {row.snoozed && (
        <span class="snoozed">
          {row.snoozed}{' '}
          <button type="button" class="link" onClick={unsnooze}>
            {t('popup_unsnooze')}
          </button>
        </span>
      )}
      {row.topUpUrl && (
        <a class="top-up" href={row.topUpUrl} target="_blank" rel="noopener noreferrer">
          {t('popup_topUp')}
        </a>
      )}
      {problem && <span role="alert">{problem}</span>}
    </p>
  );
}
