import { useState } from 'preact/hooks';
import {
  type AccountFormState,
  askForHost,
  errorText,
} from '@/components/options/use-account-form';
import { sendMessage } from '@/lib/messages';
import type { DiscoveredTarget } from '@/lib/providers/types';
import type { Account } from '@/lib/state';
import { draftsForTargets, toAccountDraft, validateForm } from '@/lib/view/account-form';

/**
 * The provider's discovery in the account form (a Wix site's pools): list them, pick one (it
 * fills the form's params) or, when adding, several (one account each).
 */
export function usePoolPicker(form: AccountFormState, account: Account | undefined) {
  const [pools, setPools] = useState<DiscoveredTarget[] | null>(null);
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const { draft, provider, busy, setBusy, setTest, setDraft } = form;

  const find = () => {
    if (busy) return;
    const request = toAccountDraft(draft, provider);
    const permission = askForHost(request.baseUrl);
    setBusy('pools');
    void (async () => {
      try {
        await permission;
        const { provider: id, baseUrl, credentials, params } = request;
        const result = await sendMessage('discoverTargets', {
          provider: id,
          id: request.id,
          baseUrl,
          credentials,
          params,
        });
        setPools(result.ok ? result.targets : null);
        setPicked(new Set());
        if (!result.ok) setTest({ state: 'failed', error: result.error });
      } catch (error) {
        setTest({ state: 'failed', error: { kind: 'network', message: errorText(error) } });
      } finally {
        setBusy(null);
      }
    })();
  };

  const toggle = (targetId: string, on: boolean) => {
    // Editing changes one account's pool; several new accounts are only made when adding.
    const next = new Set(account ? [] : picked);
    if (on) next.add(targetId);
    else next.delete(targetId);
    setPicked(next);
    // Exactly one picked: it is this form's pool, and its label a good default name.
    const only = next.size === 1 ? pools?.find((pool) => next.has(pool.id)) : undefined;
    if (only) {
      setDraft((current) => ({
        ...current,
        name: current.name.trim() ? current.name : only.label || only.id,
        values: { ...current.values, ...only.params },
      }));
    }
  };

  /** Saves one account per picked pool; the form's Save does this when several are picked. */
  const addPicked = () => {
    if (busy || !pools) return;
    const chosen = pools.filter((pool) => picked.has(pool.id));
    // Validate with a stand-in pool and name: each account gets its own below.
    const first = chosen[0];
    if (!first) return;
    const stand = {
      ...draft,
      name: draft.name || first.label || first.id,
      values: { ...draft.values, ...first.params },
    };
    const result = validateForm(stand, provider, form.masked, account?.baseUrl);
    if (!result.ok) {
      form.showErrors(result.errors);
      return;
    }
    const drafts = draftsForTargets({ ...draft, id: undefined }, provider, chosen);
    const permission = askForHost(result.draft.baseUrl);
    void form.save(drafts, permission);
  };

  const reset = () => setPools(null);

  return { pools, picked, find, toggle, addPicked, reset, many: picked.size > 1 };
}
