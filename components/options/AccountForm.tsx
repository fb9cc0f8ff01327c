import { useEffect, useRef, useState } from 'preact/hooks';
import { BaseUrlField } from '@/components/options/BaseUrlField';
import { Field } from '@/components/options/Field';
import { ProviderField } from '@/components/options/ProviderField';
import { TestResult, type TestState } from '@/components/options/TestResult';
import { ThresholdInput } from '@/components/options/ThresholdInput';
import { TokenExpiry } from '@/components/options/TokenExpiry';
import { WixPools } from '@/components/options/WixPools';
import { needsHostPermission, requestHostPermission } from '@/lib/host-permission';
import { t } from '@/lib/i18n';
import { type AccountDraft, type MaskedCredentials, sendMessage } from '@/lib/messages';
import { CATALOG, isProviderId, PROVIDER_IDS, type ProviderId } from '@/lib/providers/catalog';
import { providerName } from '@/lib/providers/names';
import type { DiscoveredTarget } from '@/lib/providers/types';
import type { Account } from '@/lib/state';
import { hostOf } from '@/lib/url';
import {
  CUSTOM_BASE_URL,
  canDiscover,
  draftFromAccount,
  draftsForTargets,
  emptyDraft,
  type FieldValue,
  type FormDraft,
  type FormErrors,
  fieldErrorsToForm,
  maskedFor,
  switchProvider,
  thresholdUnit,
  toAccountDraft,
  validateForm,
} from '@/lib/view/account-form';

export interface SavedOutcome {
  accounts: Account[];
  /** False when the custom host's permission was refused: saved, but unreachable for now. */
  hostGranted: boolean;
}

interface Props {
  /** The account being edited; absent when adding. */
  account?: Account;
  /** The unit of the account's last reading, for the threshold label. */
  readingUnit?: string;
  tokenExpiresAt?: number | null;
  onSaved: (outcome: SavedOutcome) => void;
  onCancel: () => void;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Asks for the host permission when the URL needs one. Must run synchronously inside the click
 * handler (the browser only prompts during the user gesture), so callers await it afterwards.
 */
function askForHost(baseUrl: string): Promise<boolean> {
  if (!needsHostPermission(baseUrl)) return Promise.resolve(true);
  return requestHostPermission(baseUrl).catch(() => false);
}

export function AccountForm({ account, readingUnit, tokenExpiresAt, onSaved, onCancel }: Props) {
  const [draft, setDraft] = useState<FormDraft>(() => {
    const provider = CATALOG[account?.provider ?? PROVIDER_IDS[0] ?? 'xoxoday'];
    return account ? draftFromAccount(account, provider) : emptyDraft(provider);
  });
  const provider = CATALOG[draft.provider];
  const [masked, setMasked] = useState<MaskedCredentials>({});
  const [errors, setErrors] = useState<FormErrors>({});
  const [showSummary, setShowSummary] = useState(false);
  const [busy, setBusy] = useState<'save' | 'test' | 'pools' | null>(null);
  const [test, setTest] = useState<TestState>({ state: 'idle' });
  const [pools, setPools] = useState<DiscoveredTarget[] | null>(null);
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [focusErrors, setFocusErrors] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const idPrefix = account ? `edit-${account.id}` : 'new';

  const accountId = account?.id;
  useEffect(() => {
    if (!accountId) return;
    let alive = true;
    sendMessage('getMaskedCredentials', { id: accountId })
      .then((value) => {
        if (alive) setMasked(value);
      })
      .catch(() => {
        // Without it every credential looks unsaved; saving then asks for them again.
      });
    return () => {
      alive = false;
    };
  }, [accountId]);

  useEffect(() => {
    if (focusErrors === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusErrors]);

  const update = (change: Partial<FormDraft>) => {
    setDraft((current) => ({ ...current, ...change }));
    setTest({ state: 'idle' });
  };
  const setValue = (key: string, value: FieldValue) =>
    setDraft((current) => ({ ...current, values: { ...current.values, [key]: value } }));

  const showErrors = (next: FormErrors) => {
    setErrors(next);
    setShowSummary(true);
    setFocusErrors((n) => n + 1);
  };

  const checked = (): AccountDraft | null => {
    const result = validateForm(draft, provider, masked, account?.baseUrl);
    if (result.ok) {
      setErrors({});
      setShowSummary(false);
      return result.draft;
    }
    showErrors(result.errors);
    return null;
  };

  const save = async (drafts: AccountDraft[], permission: Promise<boolean>) => {
    setBusy('save');
    try {
      const hostGranted = await permission;
      const saved: Account[] = [];
      for (const one of drafts) {
        const response = await sendMessage('saveAccount', one);
        if (!response.ok) {
          showErrors(fieldErrorsToForm(response.errors, provider));
          if (saved.length > 0) onSaved({ accounts: saved, hostGranted });
          return;
        }
        saved.push(response.account);
      }
      onSaved({ accounts: saved, hostGranted });
    } catch (error) {
      showErrors({ form: t('options_action_failed', message(error)) });
    } finally {
      setBusy(null);
    }
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const valid = checked();
    if (!valid) return;
    // No await before this call: the permission prompt needs the click's user gesture.
    const permission = askForHost(valid.baseUrl);
    void save([valid], permission);
  };

  const onTest = () => {
    if (busy) return;
    const valid = checked();
    if (!valid) return;
    const permission = askForHost(valid.baseUrl);
    setBusy('test');
    setTest({ state: 'running' });
    void (async () => {
      try {
        await permission;
        const result = await sendMessage('testConnection', valid);
        setTest(
          result.ok
            ? { state: 'ok', reading: result.reading }
            : { state: 'failed', error: result.error },
        );
      } catch (error) {
        setTest({ state: 'failed', error: { kind: 'network', message: message(error) } });
      } finally {
        setBusy(null);
      }
    })();
  };

  const onFindPools = () => {
    if (busy) return;
    const request = toAccountDraft(draft, provider);
    const permission = askForHost(request.baseUrl);
    setBusy('pools');
    void (async () => {
      try {
        await permission;
        const { provider, id, baseUrl, credentials, params } = request;
        const result = await sendMessage('discoverTargets', {
          provider,
          id,
          baseUrl,
          credentials,
          params,
        });
        if (result.ok) {
          setPools(result.targets);
          setPicked(new Set());
        } else {
          setPools(null);
          setTest({ state: 'failed', error: result.error });
        }
      } catch (error) {
        setTest({ state: 'failed', error: { kind: 'network', message: message(error) } });
      } finally {
        setBusy(null);
      }
    })();
  };

  const onTogglePool = (targetId: string, on: boolean) => {
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

  const onAddPools = () => {
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
    const result = validateForm(stand, provider, masked, account?.baseUrl);
    if (!result.ok) {
      showErrors(result.errors);
      return;
    }
    const drafts = draftsForTargets({ ...draft, id: undefined }, provider, chosen);
    const permission = askForHost(result.draft.baseUrl);
    void save(drafts, permission);
  };

  const onProvider = (id: string) => {
    if (!isProviderId(id)) return;
    setDraft((current) => switchProvider(current, CATALOG[id]));
    setErrors({});
    setShowSummary(false);
    setPools(null);
    setTest({ state: 'idle' });
  };

  // What is saved counts only while the base URL stays on the stored account's origin.
  const saved = maskedFor(draft, masked, account?.baseUrl);
  const unit = thresholdUnit(provider, readingUnit);
  const headingId = `${idPrefix}-heading`;
  const fid = (name: string) => `${idPrefix}-${name}`;

  return (
    <form
      ref={formRef}
      class="account-form"
      aria-labelledby={headingId}
      noValidate
      onSubmit={onSubmit}
      data-provider={provider.id}
    >
      <h3 id={headingId}>
        {account ? t('options_form_edit_heading', account.name) : t('options_form_add_heading')}
      </h3>
      {showSummary && Object.keys(errors).length > 0 ? (
        <div class="form-errors" role="alert">
          <p>{t('options_form_errors')}</p>
          {errors.form ? <p>{errors.form}</p> : null}
        </div>
      ) : null}

      {account ? (
        <p class="provider-fixed">
          {t('options_provider_label')}: <strong>{providerName(provider.id)}</strong>
        </p>
      ) : (
        <Field id={fid('provider')} label={t('options_provider_label')} required>
          {(control) => (
            <select
              {...control}
              value={draft.provider}
              onChange={(e) => onProvider(e.currentTarget.value)}
            >
              {PROVIDER_IDS.map((id: ProviderId) => (
                <option key={id} value={id}>
                  {providerName(id)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}

      <Field
        id={fid('name')}
        label={t('options_name')}
        required
        help={t('options_name_help')}
        error={errors.name}
      >
        {(control) => (
          <input
            {...control}
            type="text"
            value={draft.name}
            autocomplete="off"
            onInput={(e) => update({ name: e.currentTarget.value })}
          />
        )}
      </Field>

      <BaseUrlField
        presets={provider.baseUrlPresets}
        choice={draft.baseUrlChoice}
        custom={draft.customBaseUrl}
        error={errors.baseUrl}
        onChoice={(choice) => update({ baseUrlChoice: choice })}
        onCustom={(url) => update({ customBaseUrl: url, baseUrlChoice: CUSTOM_BASE_URL })}
      />

      {tokenExpiresAt ? <TokenExpiry expiresAt={tokenExpiresAt} /> : null}

      {provider.fields.map((spec) => (
        <ProviderField
          key={`${provider.id}-${spec.key}`}
          spec={spec}
          value={draft.values[spec.key]}
          saved={spec.group === 'credentials' && saved[spec.key]?.set === true}
          error={errors[`${spec.group}.${spec.key}`]}
          onChange={(value) => setValue(spec.key, value)}
        />
      ))}

      {provider.discovery ? (
        <div class="wix-pools">
          <button
            type="button"
            class="secondary"
            disabled={!canDiscover(draft, provider, saved)}
            aria-disabled={busy !== null}
            aria-describedby={fid('pools-hint')}
            onClick={onFindPools}
          >
            {busy === 'pools' ? t('options_finding_pools') : t('options_find_pools')}
          </button>
          <p class="field-help" id={fid('pools-hint')}>
            {t('options_find_pools_hint')}
          </p>
          {pools ? (
            <WixPools
              pools={pools}
              unit={provider.fixedUnit}
              picked={picked}
              onToggle={onTogglePool}
              onAddMany={onAddPools}
              busy={busy !== null}
            />
          ) : null}
        </div>
      ) : null}

      <ThresholdInput
        id={fid('lowThreshold')}
        label={unit ? t('options_threshold_in', unit) : t('options_threshold_in_currency')}
        help={t('options_threshold_help')}
        error={errors.lowThreshold}
        value={draft.lowThreshold}
        onInput={(lowThreshold) => update({ lowThreshold })}
      />

      <div class="field field-check">
        <input
          id={fid('enabled')}
          type="checkbox"
          checked={draft.enabled}
          onChange={(e) => update({ enabled: e.currentTarget.checked })}
        />
        <label for={fid('enabled')}>{t('options_account_enabled_label')}</label>
      </div>

      <TestResult test={test} />

      <div class="actions">
        {/* Not disabled while busy: that would drop keyboard focus; the handlers ignore repeats. */}
        <button type="button" class="secondary" aria-disabled={busy !== null} onClick={onTest}>
          {t('options_test_connection')}
        </button>
        <button type="submit" aria-disabled={busy !== null}>
          {t('options_save')}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('common_cancel')}
        </button>
      </div>
      {busy === 'save' ? <p class="field-note">{t('options_saving')}</p> : null}
    </form>
  );
}

export function savedNotice(outcome: SavedOutcome): string {
  const first = outcome.accounts[0];
  if (!first) return '';
  if (!outcome.hostGranted) return t('options_saved_no_access', hostOf(first.baseUrl));
  if (outcome.accounts.length > 1) return t('options_pools_added', String(outcome.accounts.length));
  return t('options_account_saved', first.name);
}
