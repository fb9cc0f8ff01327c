import { useEffect } from 'preact/hooks';
import { BaseUrlField } from '@/components/options/BaseUrlField';
import { Field } from '@/components/options/Field';
import { focusTarget } from '@/components/options/form-focus';
import { LeadHoursInput } from '@/components/options/LeadHoursInput';
import { PoolFinder } from '@/components/options/PoolFinder';
import { ProviderField } from '@/components/options/ProviderField';
import { SignInChoice } from '@/components/options/SignInChoice';
import { TestResult } from '@/components/options/TestResult';
import { ThresholdInput } from '@/components/options/ThresholdInput';
import { TokenExpiry } from '@/components/options/TokenExpiry';
import { TopUpField } from '@/components/options/TopUpField';
import {
  type AccountFormState,
  askForHost,
  errorText,
  type SavedOutcome,
  useAccountForm,
} from '@/components/options/use-account-form';
import { usePoolPicker } from '@/components/options/use-pool-picker';
import { t } from '@/lib/i18n';
import { sendMessage } from '@/lib/messages';
import { PROVIDER_IDS, type ProviderId } from '@/lib/providers/catalog';
import { providerName } from '@/lib/providers/names';
import type { Account } from '@/lib/state';
import { hostOf } from '@/lib/url';
import { CUSTOM_BASE_URL, maskedFor, thresholdUnit, visibleFields } from '@/lib/view/account-form';

export type { SavedOutcome } from '@/components/options/use-account-form';

interface Props {
  /** The account being edited; absent when adding. */
  account?: Account;
  /** The unit of the account's last reading, for the threshold label. */
  readingUnit?: string;
  tokenExpiresAt?: number | null;
  /**
   * The field to focus when the form opens (an error's fix); 'check' checks the form and
   * focuses what is wrong. Absent: the first field.
   */
  focusField?: string;
  onSaved: (outcome: SavedOutcome) => void;
  onCancel: () => void;
}

/** Focus on open: the named field, or what a check finds wrong, or the first field. */
function useOpeningFocus(form: AccountFormState, focusField: string | undefined) {
  const { formRef, maskedLoaded, draft } = form;
  useEffect(() => {
    // Stored credentials count in the check, so it waits until the background said which.
    if (!maskedLoaded || !formRef.current) return;
    if (focusField === 'check' && !form.checked()) return;
    const custom = draft.baseUrlChoice === CUSTOM_BASE_URL;
    focusTarget(formRef.current, focusField === 'check' ? undefined : focusField, custom)?.focus();
  }, [maskedLoaded]);
}

/** Test connection: the draft as it stands, against the provider, nothing stored. */
function testConnection(form: AccountFormState) {
  if (form.busy) return;
  const valid = form.checked();
  if (!valid) return;
  const permission = askForHost(valid.baseUrl);
  form.setBusy('test');
  form.setTest({ state: 'running' });
  void (async () => {
    try {
      await permission;
      const result = await sendMessage('testConnection', valid);
      form.setTest(
        result.ok
          ? { state: 'ok', reading: result.reading }
          : { state: 'failed', error: result.error },
      );
    } catch (error) {
      form.setTest({ state: 'failed', error: { kind: 'network', message: errorText(error) } });
    } finally {
      form.setBusy(null);
    }
  })();
}

export function AccountForm(props: Props) {
  const { account, readingUnit, tokenExpiresAt, focusField, onSaved, onCancel } = props;
  const form = useAccountForm(account, onSaved);
  const picker = usePoolPicker(form, account);
  useOpeningFocus(form, focusField);
  const idPrefix = account ? `edit-${account.id}` : 'new';
  const headingId = `${idPrefix}-heading`;
  const fid = (name: string) => `${idPrefix}-${name}`;

  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (form.busy) return;
    // Several pools picked: Save adds one account per pool.
    if (picker.many) return picker.addPicked();
    const valid = form.checked();
    if (!valid) return;
    // No await before this call: the permission prompt needs the click's user gesture.
    void form.save([valid], askForHost(valid.baseUrl));
  };

  return (
    <form
      ref={form.formRef}
      class="account-form"
      aria-labelledby={headingId}
      noValidate
      onSubmit={onSubmit}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !event.defaultPrevented) onCancel();
      }}
      data-provider={form.provider.id}
    >
      <FormHead
        form={form}
        account={account}
        headingId={headingId}
        fid={fid}
        onPool={picker.reset}
      />
      <WhereAndWho form={form} account={account} fid={fid} tokenExpiresAt={tokenExpiresAt} />
      <ProviderFields form={form} account={account} picker={picker} idPrefix={idPrefix} />
      <FormFoot
        form={form}
        picker={picker}
        fid={fid}
        readingUnit={readingUnit}
        onCancel={onCancel}
      />
    </form>
  );
}

interface PartProps {
  form: AccountFormState;
  fid: (name: string) => string;
}

/** The account's name, its base URL and, when known, when its token expires. */
function WhereAndWho(props: PartProps & { account?: Account; tokenExpiresAt?: number | null }) {
  const { form, fid, tokenExpiresAt } = props;
  const { draft, provider, errors, update } = form;
  return (
    <>
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
    </>
  );
}

interface ProviderFieldsProps {
  form: AccountFormState;
  account?: Account;
  picker: ReturnType<typeof usePoolPicker>;
  idPrefix: string;
}

/** The provider's own fields (only the chosen sign-in's), and its pool finder. */
function ProviderFields({ form, account, picker, idPrefix }: ProviderFieldsProps) {
  const { draft, provider, errors } = form;
  // What is saved counts only while the base URL stays on the stored account's origin.
  const saved = maskedFor(draft, form.masked, account?.baseUrl);
  return (
    <>
      <SignInChoice
        provider={provider}
        idPrefix={idPrefix}
        chosen={draft.signIn}
        onChoose={(signIn) => form.update({ signIn })}
      />
      {visibleFields(draft, provider).map((spec) => (
        <ProviderField
          key={`${provider.id}-${spec.key}`}
          spec={spec}
          value={draft.values[spec.key]}
          saved={spec.group === 'credentials' && saved[spec.key]?.set === true}
          error={errors[`${spec.group}.${spec.key}`]}
          onChange={(value) => form.setValue(spec.key, value)}
        />
      ))}
      {provider.discovery ? (
        <PoolFinder form={form} picker={picker} saved={saved} idPrefix={idPrefix} />
      ) : null}
    </>
  );
}

interface FootProps extends PartProps {
  picker: ReturnType<typeof usePoolPicker>;
  readingUnit?: string;
  onCancel: () => void;
}

/** The threshold, on or off, the test's outcome and the actions: one primary, Save. */
function FormFoot({ form, picker, fid, readingUnit, onCancel }: FootProps) {
  const { draft, provider, errors, busy, update } = form;
  const unit = thresholdUnit(provider, readingUnit);
  return (
    <>
      <ThresholdInput
        id={fid('lowThreshold')}
        label={unit ? t('options_threshold_in', unit) : t('options_threshold_in_currency')}
        help={t('options_threshold_help')}
        error={errors.lowThreshold}
        value={draft.lowThreshold}
        onInput={(lowThreshold) => update({ lowThreshold })}
      />
      <TopUpField
        id={fid('topUpUrl')}
        provider={provider.id}
        value={draft.topUpUrl}
        error={errors.topUpUrl}
        onInput={(topUpUrl) => update({ topUpUrl })}
      />
      <LeadHoursInput
        id={fid('runOutLeadHours')}
        label={t('options_account_run_out_lead')}
        help={t('options_account_run_out_lead_help')}
        error={errors.runOutLeadHours}
        value={draft.runOutLeadHours}
        onInput={(runOutLeadHours) => update({ runOutLeadHours })}
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
      <TestResult test={form.test} />
      <div class="actions">
        {/* Not disabled while busy: that would drop keyboard focus; the handlers ignore repeats. */}
        <button
          type="button"
          class="secondary"
          aria-disabled={busy !== null}
          onClick={() => testConnection(form)}
        >
          {t('options_test_connection')}
        </button>
        <button type="submit" aria-disabled={busy !== null}>
          {picker.many ? t('options_add_pools', String(picker.picked.size)) : t('options_save')}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('common_cancel')}
        </button>
      </div>
      {busy === 'save' ? <p class="field-note">{t('options_saving')}</p> : null}
    </>
  );
}

interface HeadProps {
  form: AccountFormState;
  account: Account | undefined;
  headingId: string;
  fid: (name: string) => string;
  /** The provider changed: what was found for the old one no longer applies. */
  onPool: () => void;
}

/** The heading, the error summary, and the provider (chosen when adding, fixed when editing). */
function FormHead({ form, account, headingId, fid, onPool }: HeadProps) {
  const { provider, errors, draft } = form;
  return (
    <>
      <h3 id={headingId}>
        {account ? t('options_form_edit_heading', account.name) : t('options_form_add_heading')}
      </h3>
      {form.showSummary && Object.keys(errors).length > 0 ? (
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
              onChange={(e) => {
                if (form.chooseProvider(e.currentTarget.value)) onPool();
              }}
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
    </>
  );
}

export function savedNotice(outcome: SavedOutcome): string {
  const first = outcome.accounts[0];
  if (!first) return '';
  if (!outcome.hostGranted) return t('options_saved_no_access', hostOf(first.baseUrl));
  if (outcome.accounts.length > 1) return t('options_pools_added', String(outcome.accounts.length));
  return t('options_account_saved', first.name);
}
