import { BalanceError, type BalanceErrorData, errorMessage, isBalanceError } from '@/lib/errors';
import { t } from '@/lib/i18n';

/**
 * How one provider call is bounded and how whatever it throws becomes the error data a snapshot
 * or a page can hold: shared by the rounds and the options page's commands so both fail alike.
 */

/** Rejects with a 'timeout' BalanceError when `work` takes longer than `ms`. */
export function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new BalanceError({ kind: 'timeout', message: errorMessage('timeout') })),
      ms,
    );
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** `where` only labels the log line for an error that is not a BalanceError. */
export function toErrorData(error: unknown, where: string): BalanceErrorData {
  if (isBalanceError(error)) return error.toJSON();
  // An adapter bug, not the provider's fault; its text may hold anything, so it is not shown.
  console.error(`[balance-watch] unexpected error in ${where}`, error);
  return { kind: 'invalid-response', message: errorMessage('invalid-response') };
}

export function unknownProvider(id: string): BalanceErrorData {
  return { kind: 'config', message: t('engine_unknown_provider', id) };
}
