import { openOptionsAt } from '@/components/popup/open-options';
import { optionsHash } from '@/lib/account-link';
import { errorTitle } from '@/lib/errors';
import { t } from '@/lib/i18n';
import type { AccountRow } from '@/lib/view/popup-view';
import { wordsText } from '@/lib/view/status-text';

/**
 * Why the last refresh failed: the kind's title with the provider's own words, then what it means
 * and what to do (lib/error-advice.ts). "Fix in Settings" only where Settings can fix it, opening
 * this account's form at the field to fix.
 */
export function ErrorNote({ row }: { row: AccountRow }) {
  const { error, advice } = row;
  if (!error || !advice) return null;
  return (
    <div class="note error">
      <p>
        <strong>{errorTitle(error.kind)}</strong>
        {advice.details && `: ${advice.details}`}
        {advice.code && ` (${t('popup_errorCode', advice.code)})`}
      </p>
      <p class="advice">
        {advice.what && `${wordsText(advice.what)} `}
        {wordsText(advice.todo)}
        {advice.fix && (
          <>
            {' '}
            <FixLink account={row.id} field={advice.fix} label={t('popup_fixInSettings')} />
          </>
        )}
      </p>
    </div>
  );
}

/** A link to the account's form in the options tab already open, focused on `field`. */
export function FixLink({
  account,
  field,
  label,
}: {
  account: string;
  field: string;
  label: string;
}) {
  const hash = optionsHash({ account, field });
  return (
    <a
      href={`/options.html${hash}`}
      onClick={(event) => {
        event.preventDefault();
        void openOptionsAt({ account, field });
      }}
    >
      {label}
    </a>
  );
}
