import { ThresholdInput } from '@/components/options/ThresholdInput';
import { t } from '@/lib/i18n';

type Props = Omit<Parameters<typeof ThresholdInput>[0], 'unit'>;

/** A run-out lead: "Warn before it runs low: [24] hours" (lib/account-draft.ts parseLeadHours reads it). */
export function LeadHoursInput(props: Props) {
  return <ThresholdInput {...props} unit={t('options_run_out_lead_hours')} />;
}
