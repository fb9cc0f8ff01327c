import { vi } from 'vitest';
import type { ExtensionPage } from '../../../scripts/lib/extension-page';
import type { Query } from '../../../scripts/lib/page-query';
import { engineStatus } from '../../../scripts/lib/read-popup';

export const REFRESH_BUTTON: Query = { role: 'button', name: 'Refresh now' };

/** Waits until the engine has finished a round that ended after `since` (epoch ms). */
export async function roundFinishedAfter(page: ExtensionPage, since: number, timeout = 45_000) {
  await vi.waitFor(
    async () => {
      const status = await engineStatus(page);
      if (!status || status.roundRunning || (status.lastRoundAt ?? 0) <= since) {
        throw new Error(`no round has finished since ${since}: ${JSON.stringify(status)}`);
      }
    },
    { timeout, interval: 100 },
  );
}

/** Presses the popup's "Refresh now" and waits for that round to end and the button to return. */
export async function refreshNow(popup: ExtensionPage, timeout = 45_000): Promise<void> {
  // A round already running (an import's, an alarm's) would end first and look like ours.
  await waitEnabled(popup, timeout);
  const before = Date.now();
  await popup.click(REFRESH_BUTTON);
  await roundFinishedAfter(popup, before, timeout);
  await waitEnabled(popup, 5_000);
}

async function waitEnabled(popup: ExtensionPage, timeout: number): Promise<void> {
  await vi.waitFor(
    async () => {
      if (!(await popup.isEnabled(REFRESH_BUTTON)))
        throw new Error('Refresh now is still disabled');
    },
    { timeout, interval: 50 },
  );
}

/** The extension's own id for the account with this name (notification ids carry it). */
export async function accountIdByName(page: ExtensionPage, name: string): Promise<string> {
  const accounts = await page.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: LocalApi }).chrome;
    const stored = await api.storage.local.get('accounts');
    return (stored.accounts ?? []) as { id: string; name: string }[];
  });
  const found = accounts.find((account) => account.name === name);
  if (!found) throw new Error(`no account named ${name}`);
  return found.id;
}

interface LocalApi {
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
}
