import { useEffect, useRef, useState } from 'preact/hooks';
import type { TestState } from '@/components/options/TestResult';
import { needsHostPermission, requestHostPermission } from '@/lib/host-permission';
import { t } from '@/lib/i18n';
import { type AccountDraft, type MaskedCredentials, sendMessage } from '@/lib/messages';
import { CATALOG, isProviderId, PROVIDER_IDS } from '@/lib/providers/catalog';
import type { Account } from '@/lib/state';
import {
  draftFromAccount,
  emptyDraft,
  type FieldValue,
  type FormDraft,
  type FormErrors,
  fieldErrorsToForm,
  storedSignIn,
  switchProvider,
  validateForm,
} from '@/lib/view/account-form';

export interface SavedOutcome {
  accounts: Account[];
  /** False when the custom host's permission was refused: saved, but unreachable for now. */
  hostGranted: boolean;
}

export type Busy = 'save' | 'test' | 'pools' | null;

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Asks for the host permission when the URL needs one. Must run synchronously inside the click
 * handler (the browser only prompts during the user gesture), so callers await it afterwards.
 */
export function askForHost(baseUrl: string): Promise<boolean> {
  if (!needsHostPermission(baseUrl)) return Promise.resolve(true);
  return requestHostPermission(baseUrl).catch(() => false);
}

/** The stored credentials of an edited account, masked; null until the background answered. */
function useMasked(accountId: string | undefined): MaskedCredentials | null {
  const [masked, setMasked] = useState<MaskedCredentials | null>(accountId ? null : {});
  useEffect(() => {
    if (!accountId) return;
    let alive = true;
    sendMessage('getMaskedCredentials', { id: accountId })
      .then((value) => {
        if (alive) setMasked(value);
      })
      .catch(() => {
        // Without it every credential looks unsaved; saving then asks for them again.
        if (alive) setMasked({});
      });
    return () => {
      alive = false;
    };
  }, [accountId]);
  return masked;
}

/** The errors shown, with the summary, focusing the first wrong field after each check. */
function useFormErrors() {
  const [errors, setErrors] = useState<FormErrors>({});
  const [showSummary, setShowSummary] = useState(false);
  const [focusErrors, setFocusErrors] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (focusErrors === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusErrors]);
  const showErrors = (next: FormErrors) => {
    setErrors(next);
    setShowSummary(true);
    setFocusErrors((n) => n + 1);
  };
  const clearErrors = () => {
    setErrors({});
    setShowSummary(false);
  };
  return { errors, showSummary, formRef, showErrors, clearErrors };
}

interface SaveDeps {
  setBusy: (busy: Busy) => void;
  showErrors: (errors: FormErrors) => void;
  /** The background's field errors as the form's. */
  toForm: (errors: { field: string; message: string }[]) => FormErrors;
  onSaved: (outcome: SavedOutcome) => void;
}

/** Saves each draft in turn; stops at the first the background refuses, keeping the saved ones. */
async function saveDrafts(drafts: AccountDraft[], permission: Promise<boolean>, deps: SaveDeps) {
  deps.setBusy('save');
  try {
    const hostGranted = await permission;
    const saved: Account[] = [];
    for (const one of drafts) {
      const response = await sendMessage('saveAccount', one);
      if (!response.ok) {
        deps.showErrors(deps.toForm(response.errors));
        if (saved.length > 0) deps.onSaved({ accounts: saved, hostGranted });
        return;
      }
      saved.push(response.account);
    }
    deps.onSaved({ accounts: saved, hostGranted });
  } catch (error) {
    deps.showErrors({ form: t('options_action_failed', errorText(error)) });
  } finally {
    deps.setBusy(null);
  }
}

/**
 * The account form's state and checks: the draft, the stored credentials it may lean on, the
 * errors shown (focused on the first after each check), and saving through the background.
 */
export function useAccountForm(account: Account | undefined, onSaved: (o: SavedOutcome) => void) {
  const [draft, setDraft] = useState<FormDraft>(() => {
    const entry = CATALOG[account?.provider ?? PROVIDER_IDS[0] ?? 'xoxoday'];
    return account ? draftFromAccount(account, entry) : emptyDraft(entry);
  });
  const provider = CATALOG[draft.provider];
  const maskedOrNull = useMasked(account?.id);
  const masked = maskedOrNull ?? {};
  const { errors, showSummary, formRef, showErrors, clearErrors } = useFormErrors();
  const [busy, setBusy] = useState<Busy>(null);
  const [test, setTest] = useState<TestState>({ state: 'idle' });

  useEffect(() => {
    // An edited account shows the sign-in it stores, once the background said which.
    if (maskedOrNull) setDraft((d) => ({ ...d, signIn: storedSignIn(provider, maskedOrNull) }));
  }, [maskedOrNull]);

  const update = (change: Partial<FormDraft>) => {
    setDraft((current) => ({ ...current, ...change }));
    setTest({ state: 'idle' });
  };
  const setValue = (key: string, value: FieldValue) =>
    setDraft((current) => ({ ...current, values: { ...current.values, [key]: value } }));

  /** The draft as the background takes it, or null after showing what is wrong. */
  const checked = (candidate: FormDraft = draft): AccountDraft | null => {
    const result = validateForm(candidate, provider, masked, account?.baseUrl);
    if (result.ok) {
      clearErrors();
      return result.draft;
    }
    showErrors(result.errors);
    return null;
  };

  const save = (drafts: AccountDraft[], permission: Promise<boolean>) =>
    saveDrafts(drafts, permission, {
      setBusy,
      showErrors,
      toForm: (fieldErrors) => fieldErrorsToForm(fieldErrors, draft, provider),
      onSaved,
    });

  const chooseProvider = (id: string) => {
    if (!isProviderId(id)) return false;
    setDraft((current) => switchProvider(current, CATALOG[id]));
    clearErrors();
    setTest({ state: 'idle' });
    return true;
  };

  return {
    draft,
    setDraft,
    provider,
    masked,
    maskedLoaded: maskedOrNull !== null,
    errors,
    showSummary,
    busy,
    setBusy,
    test,
    setTest,
    formRef,
    update,
    setValue,
    showErrors,
    checked,
    save,
    chooseProvider,
  };
}

export type AccountFormState = ReturnType<typeof useAccountForm>;
