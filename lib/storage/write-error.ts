import { t } from '@/lib/i18n';

/**
 * A write the browser refused (storage quota reached, a damaged profile). Every writer in
 * lib/storage/writers/ reports a failed write as this error, whose message is for the user: a
 * command that fails with it rejects, and the options page shows the message as it is
 * ("That did not work: ..."). Each command's first failing write is its only one or one that lands
 * with all its stores at once, so "nothing was changed" holds.
 */
class StorageWriteError extends Error {
  constructor(cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(t('storage_write_failed', reason), { cause });
    this.name = 'StorageWriteError';
  }
}

/** Runs a storage write, reporting its failure as a StorageWriteError. */
export async function written(write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    throw error instanceof StorageWriteError ? error : new StorageWriteError(error);
  }
}
