import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { SnoozeChoice } from '@/lib/messages';

const CHOICES = [
  ['1h', 'popup_snooze_1h'],
  ['1d', 'popup_snooze_1d'],
  ['1w', 'popup_snooze_1w'],
  ['topped-up', 'popup_snooze_toppedUp'],
] as const satisfies readonly (readonly [SnoozeChoice, string])[];

/**
 * "Snooze alerts": a native select, so it works by keyboard and screen reader as any other; a
 * choice snoozes at once and the menu goes back to "Choose…". Loaded with the row's details
 * (AccountDetails), not with the popup's first paint.
 */
export function SnoozeMenu({ accountId }: { accountId: string }) {
  const [problem, setProblem] = useState<string | null>(null);
  const id = `snooze-${accountId}`;
  const snooze = (select: HTMLSelectElement) => {
    const choice = select.value as SnoozeChoice;
    select.value = '';
    setProblem(null);
    import('@/lib/messages')
      .then(({ sendMessage }) => sendMessage('snoozeAccount', { id: accountId, choice }))
      .then((result) => setProblem(result.ok ? null : result.message))
      .catch((error: unknown) => setProblem(String(error)));
  };
  return (
    <p class="snooze-menu">
      <label for={id}>{t('popup_snooze_label')}</label>{' '}
      <select id={id} value="" onChange={(e) => snooze(e.currentTarget)}>
        <option value="">{t('popup_snooze_choose')}</option>
        {CHOICES.map(([value, key]) => (
          <option key={value} value={value}>
            {t(key)}
          </option>
        ))}
      </select>
      {problem && <span role="alert">{problem}</span>}
    </p>
  );
}
