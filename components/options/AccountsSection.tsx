import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { SavedOutcome } from '@/components/options/AccountForm';
import { AccountRow } from '@/components/options/AccountRow';
import { useAnnounce } from '@/components/options/announce';
import { CompactRow } from '@/components/options/CompactRow';
import {
  LazyAccountForm as AccountForm,
  loadAccountForm,
} from '@/components/options/LazyAccountForm';
import { useHashLink } from '@/components/options/use-hash-link';
import { useMissingHostAccess } from '@/components/options/use-host-access';
import { useProgressiveCards } from '@/components/options/use-progressive-cards';
import { sendMessage } from '@/components/shared/send-message';
import type { AccountStores } from '@/components/shared/use-account-stores';
import { requestHostPermission } from '@/lib/host-permission';
import { t } from '@/lib/i18n';
import { isProviderId } from '@/lib/providers/catalog';
import type { Account } from '@/lib/state';
import { accountStatus } from '@/lib/status';
import { hostOf } from '@/lib/url';
import { tokenExpiresAt } from '@/lib/view/popup-view';

/** The open form; `focus` is the field to fix (lib/error-advice.ts), from a link or Fix. */
type Editing = { kind: 'new' } | { kind: 'edit'; id: string; focus?: string } | null;

/** After the first paint and the cards' first frames. */
const FORM_PRELOAD_MS = 1000;

function errorText(error: unknown): string {
  return t('options_action_failed', error instanceof Error ? error.message : String(error));
}

/**
 * Which form is open, and where focus goes when it closes (its Edit button, or Add account).
 * options.html#account=<id>[&field=<field>] opens that account's form at the field to fix, and #new
 * the new account form. Accounts arrive after the first paint: open once they include the id, not
 * again on every later change.
 */
function useEditing(accounts: readonly Account[]) {
  const link = useHashLink();
  const [editing, setEditing] = useState<Editing>(null);
  const returnFocus = useRef<string | null>(null);
  const hasAccounts = accounts.length > 0;
  useEffect(() => {
    if (link.adding) {
      setEditing({ kind: 'new' });
      return;
    }
    const id = link.account;
    if (!id || !accounts.some((account) => account.id === id)) return;
    setEditing({ kind: 'edit', id, focus: link.field ?? undefined });
    requestAnimationFrame(() => {
      document.getElementById(`account-${id}`)?.scrollIntoView?.({ block: 'start' });
      if (link.field === 'grant') document.getElementById(`grant-${id}`)?.focus();
    });
  }, [link, hasAccounts]);

  useEffect(() => {
    if (editing !== null || !returnFocus.current) return;
    document.getElementById(returnFocus.current)?.focus();
    returnFocus.current = null;
  }, [editing]);

  const close = () => {
    returnFocus.current =
      editing?.kind === 'edit' ? `edit-btn-${editing.id}` : 'add-account-button';
    setEditing(null);
  };
  return { link, editing, setEditing, returnFocus, close };
}

type EditingState = ReturnType<typeof useEditing>;

/** Delete, turn on or off, and Grant access: each confirmed aloud, a failure shown as a notice. */
function useAccountActions(state: EditingState, setNotice: (notice: string | null) => void) {
  const announce = useAnnounce();
  const { editing, setEditing, returnFocus } = state;
  const onDelete = async (account: Account) => {
    try {
      await sendMessage('deleteAccount', { id: account.id });
      announce(t('options_account_deleted', account.name));
      returnFocus.current = 'add-account-button';
      if (editing?.kind === 'edit' && editing.id === account.id) setEditing(null);
      else document.getElementById('add-account-button')?.focus();
    } catch (error) {
      setNotice(errorText(error));
    }
  };

  const onToggle = async (account: Account, enabled: boolean) => {
    try {
      await sendMessage('setAccountEnabled', { id: account.id, enabled });
      announce(t(enabled ? 'options_account_enabled' : 'options_account_disabled', account.name));
    } catch (error) {
      setNotice(errorText(error));
    }
  };

  const onGrant = (account: Account) => {
    // Called straight from the click: the permission prompt needs the user gesture.
    requestHostPermission(account.baseUrl)
      .then(async (granted) => {
        if (!granted) return;
        setNotice(null);
        announce(t('options_access_granted', hostOf(account.baseUrl)));
        await sendMessage('refreshNow', { accountIds: [account.id] });
      })
      .catch((error: unknown) => setNotice(errorText(error)));
  };
  return { onDelete, onToggle, onGrant };
}

interface ListProps {
  data: AccountStores;
  state: EditingState;
  actions: ReturnType<typeof useAccountActions>;
  open: (next: Editing) => void;
  onSaved: (outcome: SavedOutcome) => void;
}

function AccountList({ data, state, actions, open, onSaved }: ListProps) {
  const { accounts, snapshots, settings } = data;
  const { editing, link, close } = state;
  const missing = useMissingHostAccess(accounts);
  // Once per change of the stores, not again for every step of the cards below.
  const statuses = useMemo(() => {
    const now = Date.now();
    return accounts.map((account) => accountStatus(account, snapshots[account.id], settings, now));
  }, [accounts, snapshots, settings]);
  // A long list paints its rows first and builds their cards right after, a few at a time.
  const cards = useProgressiveCards(accounts.length);
  return (
    <ul class="accounts">
      {accounts.map((account, index) => {
        const status = statuses[index] as (typeof statuses)[number];
        const isEditing = editing?.kind === 'edit' && editing.id === account.id;
        if (index >= cards && !isEditing && link.account !== account.id) {
          return <CompactRow key={account.id} status={status} />;
        }
        return (
          <AccountRow
            key={account.id}
            status={status}
            noAccess={missing.has(account.id)}
            editing={isEditing}
            onEdit={() => (isEditing ? close() : open({ kind: 'edit', id: account.id }))}
            onDelete={() => actions.onDelete(account)}
            onToggle={(enabled) => actions.onToggle(account, enabled)}
            onGrant={() => actions.onGrant(account)}
            onFix={(field) => open({ kind: 'edit', id: account.id, focus: field })}
          >
            {isEditing && isProviderId(account.provider) ? (
              <AccountForm
                key={editing.focus ?? ''}
                focusField={editing.focus}
                account={account}
                readingUnit={status.reading?.primary.unit}
                tokenExpiresAt={tokenExpiresAt(account, snapshots[account.id])}
                onSaved={onSaved}
                onCancel={close}
              />
            ) : null}
          </AccountRow>
        );
      })}
    </ul>
  );
}

export function AccountsSection({ data }: { data: AccountStores }) {
  const announce = useAnnounce();
  const state = useEditing(data.accounts);
  const [notice, setNotice] = useState<string | null>(null);
  const actions = useAccountActions(state, setNotice);
  const { editing, setEditing, close } = state;
  // The form's code, once the list is up: Add account and Edit then open at once.
  useEffect(() => {
    const timer = setTimeout(() => void loadAccountForm(), FORM_PRELOAD_MS);
    return () => clearTimeout(timer);
  }, []);

  const onSaved = async (outcome: SavedOutcome) => {
    // The form's module is loaded: it is the form that saved.
    const text = (await loadAccountForm()).savedNotice(outcome);
    announce(text);
    setNotice(outcome.hostGranted ? null : text);
    close();
  };

  const open = (next: Editing) => {
    setNotice(null);
    setEditing(next);
  };

  return (
    <section aria-labelledby="accounts-heading">
      <div class="section-head">
        <h2 id="accounts-heading">{t('options_accounts_heading')}</h2>
        <button
          type="button"
          id="add-account-button"
          aria-expanded={editing?.kind === 'new'}
          onClick={() => open({ kind: 'new' })}
        >
          {t('options_add_account')}
        </button>
      </div>
      {notice ? (
        <p class="notice" role="alert">
          {notice}
        </p>
      ) : null}
      {editing?.kind === 'new' ? (
        <div class="new-account">
          <AccountForm onSaved={onSaved} onCancel={close} />
        </div>
      ) : null}
      {data.accounts.length === 0 ? (
        // Under an open form, "No accounts yet" would contradict what is being done.
        editing?.kind === 'new' ? null : (
          <p class="empty">{t('options_no_accounts')}</p>
        )
      ) : (
        <AccountList data={data} state={state} actions={actions} open={open} onSaved={onSaved} />
      )}
    </section>
  );
}
