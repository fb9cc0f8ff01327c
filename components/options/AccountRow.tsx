import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { StatusFacts } from '@/components/options/StatusFacts';
import { t } from '@/lib/i18n';
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
  /** Opens the edit form at the field that fixes the failure (lib/error-advice.ts). */
  onFix: (field: string) => void;
  /** The edit form, shown inside the row while editing. */
  children?: ComponentChildren;
}

export function AccountRow(props: Props) {
  const { status, noAccess, editing, onEdit, onDelete, onToggle, onGrant, onFix, children } = props;
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
    <li
      class={`account state-${status.state}`}
      id={`account-${account.id}`}
      data-failing={status.failing ? 'true' : undefined}
    >
      <div class="account-summary">
        {/* Cut to one line; the whole name shows on hover. */}
        <h3 class="account-name" title={account.name}>
          {account.name}
        </h3>
        <StatusFacts status={status} noAccess={noAccess} onFix={onFix} />
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
              id={`grant-${account.id}`}
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
