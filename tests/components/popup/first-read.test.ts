import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { FIRST_KEYS, openFirstStores } from '@/components/popup/stores';
import { STORE } from '@/lib/storage/keys';

/**
 * public/popup-first-read.js sends the popup's first read before the popup's own scripts have
 * loaded; openFirstStores takes it over, with every change seen since, and nothing is lost.
 */

const SCRIPT = readFileSync(resolve('public/popup-first-read.js'), 'utf8');

function runEarlyScript(): void {
  new Function(SCRIPT)();
}

const engine = (roundRunning: boolean) => ({ ...STORE.engineStatus.fallback, roundRunning });

beforeEach(() => {
  fakeBrowser.reset();
});

describe('the popup first read, sent early', () => {
  it('reads the keys the popup paints from', () => {
    for (const { key } of Object.values(FIRST_KEYS)) expect(SCRIPT).toContain(`'${key}'`);
  });

  it('is taken over with the changes seen since, and used once', async () => {
    const summary = { at: 1, accountCount: 0 };
    await fakeBrowser.storage.local.set({ popupSummary: summary });
    await fakeBrowser.storage.session.set({ engineStatus: engine(false) });

    runEarlyScript();
    // A round starts while the popup's scripts load.
    await fakeBrowser.storage.session.set({ engineStatus: engine(true) });
    const stores = openFirstStores();

    const first = await stores.first;
    expect(first.summary).toEqual(summary);
    expect(first.engine.roundRunning).toBe(true);
    expect(
      (globalThis as { balanceWatchFirstRead?: unknown }).balanceWatchFirstRead,
    ).toBeUndefined();
    stores.close();
  });
});
