import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatWhen } from '@/components/options/settings-text';
import { AmountText } from '@/components/shared/AmountText';
import { errorTitle } from '@/lib/errors';
import { t } from '@/lib/i18n';
import { providerName } from '@/lib/providers/names';
import type { AccountStatus } from '@/lib/status';
import { hostOf } from '@/lib/url';

interface Props {
  status: AccountStatus;
  /** The custom host is not granted: the account cannot be checked. */
  noAccess: boolean;
  editing: boolean;
  onEdit: () => void;
  onDelete: () => void;
  onToggle: (enabled: boolean) => void;
  onGrant: () => void;
  /** The edit form, shown inside the row while editing. */
  children?: ComponentChildren;
}

/**
 * The row's words for the account's status (lib/status.ts). `noAccess` is not a status but what
 * the browser says right now: the host was never granted, so the next attempt cannot even start;
 * the row says so (with Grant access) for any account that is watched.
 */
function statusText(status: AccountStatus, noAccess: boolean): string {
  if (status.state === 'disabled') return t('options_status_disabled');
  if (noAccess) return t('options_status_no_access', hostOf(status.account.baseUrl));
  switch (status.state) {
    case 'pending':
      return t('options_status_pending');
    case 'ok':
      return t('options_status_ok');
    case 'low':
      return t('options_status_low');
    case 'due':
      return t('options_status_stale');
    case 'waiting':
    case 'stale':
    case 'error':
      return status.error ? errorTitle(status.error.kind) : t('options_status_stale');
  }
}

export function AccountRow(props: Props) {
  const { status, noAccess, editing, onEdit, onDelete, onToggle, onGrant, children } = props;
  const { account } = status;
  const [confirming, setConfirming] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  useEffect(() => {
    // Focus follows the question, and returns to Delete when it is cancelled.
    if (confirming) cancelRef.current?.focus();
    else if (wasConfirming.current) deleteRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  const toggleId = `enabled-${account.id}`;
  return (
    <li class={`account state-${status.state}`} id={`account-${account.id}`}>
      <div class="account-summary">
        <h3 class="account-name">{account.name}</h3>
        <dl>
          <div>
            <dt>{t('options_provider_label')}</dt>
            <dd>{providerName(account.provider)}</dd>
          </div>
          <div>
            <dt>{t('options_status_label')}</dt>
            <dd class="status">{statusText(status, noAccess)}</dd>
          </div>
          <div>
            <dt>{t('options_reading_label')}</dt>
            <dd>
              {status.reading ? (
                <>
                  <AmountText amount={status.reading.primary} />
                  {status.readingAt ? (
                    <span class="when">
                      {' '}
                      {t('options_reading_when', formatWhen(status.readingAt))}
                    </span>
                  ) : null}
                </>
              ) : (
                t('options_reading_none')
              )}
            </dd>
          </div>
        </dl>
        <div class="row-actions">
          <span class="switch">
            <input
              id={toggleId}
              type="checkbox"
              checked={account.enabled}
              onChange={(e) => onToggle(e.currentTarget.checked)}
            />
            {/* The hidden name tells the rows' switches apart; the visible words stay first. */}
            <label for={toggleId}>
              {t('options_enabled')}
              <span class="visually-hidden"> ({account.name})</span>
            </label>
          </span>
          {noAccess ? (
            <button
              type="button"
              aria-label={t('options_grant_access_named', hostOf(account.baseUrl))}
              onClick={onGrant}
            >
              {t('options_grant_access')}
            </button>
          ) : null}
          <button
            type="button"
            class="secondary"
            id={`edit-btn-${account.id}`}
            aria-expanded={editing}
            aria-label={t('options_edit_named', account.name)}
            onClick={onEdit}
          >
            {t('options_edit')}
          </button>
          <button
            type="button"
            class="secondary danger"
            ref={deleteRef}
            aria-label={t('options_delete_named', account.name)}
            onClick={() => setConfirming(true)}
          >
            {t('options_delete')}
          </button>
        </div>
        {confirming ? (
          <div class="confirm">
            <p id={`confirm-${account.id}`}>{t('options_delete_confirm', account.name)}</p>
            <button type="button" class="danger" onClick={onDelete}>
              {t('options_delete')}
            </button>
            <button
              type="button"
              class="secondary"
              ref={cancelRef}
              onClick={() => setConfirming(false)}
            >
              {t('common_cancel')}
            </button>
          </div>
        ) : null}
      </div>
      {children}
    </li>
  );
}
