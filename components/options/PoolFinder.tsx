import type { AccountFormState } from '@/components/options/use-account-form';
import type { usePoolPicker } from '@/components/options/use-pool-picker';
import { WixPools } from '@/components/options/WixPools';
import { t } from '@/lib/i18n';
import type { MaskedCredentials } from '@/lib/messages';
import { canDiscover } from '@/lib/view/account-form';

interface Props {
  form: AccountFormState;
  picker: ReturnType<typeof usePoolPicker>;
  /** The stored credentials the listing may use. */
  saved: MaskedCredentials;
  idPrefix: string;
}

/**
 * "Find pools" and what it found. The hint says what the button needs until pools are listed;
 * then the list speaks for itself. Adding several is the form's Save, never a second primary.
 */
export function PoolFinder({ form, picker, saved, idPrefix }: Props) {
  const { draft, provider, busy } = form;
  const hintId = `${idPrefix}-pools-hint`;
  const found = picker.pools !== null;
  const label = found ? t('options_find_pools_again') : t('options_find_pools');
  return (
    <div class="wix-pools">
      <button
        type="button"
        class="secondary"
        disabled={!canDiscover(draft, provider, saved)}
        aria-disabled={busy !== null}
        aria-describedby={found ? undefined : hintId}
        onClick={picker.find}
      >
        {busy === 'pools' ? t('options_finding_pools') : label}
      </button>
      {found ? null : (
        <p class="field-help" id={hintId}>
          {t('options_find_pools_hint')}
        </p>
      )}
      {picker.pools ? (
        <WixPools
          pools={picker.pools}
          unit={provider.fixedUnit}
          picked={picker.picked}
          onToggle={picker.toggle}
        />
      ) : null}
    </div>
  );
}
