import { AmountText } from '@/components/shared/AmountText';
import type { BalanceErrorData } from '@/lib/errors';
import { errorTitle, specificMessage } from '@/lib/errors';
import { t } from '@/lib/i18n';
import type { Reading } from '@/lib/providers/types';

export type TestState =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'ok'; reading: Reading }
  | { state: 'failed'; error: BalanceErrorData };

/** The outcome of "Test connection": the reading, or the error kind's title and the provider's words. */
export function TestResult({ test }: { test: TestState }) {
  return (
    <div class="test-result" role="status" aria-live="polite">
      {test.state === 'running' ? <p>{t('options_testing')}</p> : null}
      {test.state === 'ok' ? (
        <p class="ok">
          {t('options_test_ok')} <AmountText amount={test.reading.primary} />
        </p>
      ) : null}
      {test.state === 'failed' ? <TestError error={test.error} /> : null}
    </div>
  );
}

function TestError({ error }: { error: BalanceErrorData }) {
  const own = specificMessage(error.kind, error.message);
  return (
    <p class="error">
      <strong>{errorTitle(error.kind)}</strong>
      {own ? `: ${own}` : null}
      {error.providerCode ? ` ${t('options_test_code', error.providerCode)}` : null}
    </p>
  );
}
