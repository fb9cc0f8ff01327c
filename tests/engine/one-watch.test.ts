import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { AccountDraft } from '@/lib/messages';
import { accountsItem } from '@/lib/storage/items';
import { commandSetup, START } from './support';

/**
 * One wallet, pool or customer is watched once: the account form and an import both find an
 * account already watching it by provider, origin and the parameters that pick it, with an
 * absent parameter equal to one set to its default. Watching one twice doubles its total.
 */

const CAPILLARY = 'https://eu.api.capillarytech.com';

/** The customer as the options form sends it: the program fields left at their defaults. */
function typedCapillary(overrides: Partial<AccountDraft> = {}): AccountDraft {
  return {
    provider: 'capillary',
    name: 'Loyalty (typed)',
    baseUrl: CAPILLARY,
    params: { userId: '4455', programId: '', fetchDataForAllPrograms: false, pointsUnit: 'Points' },
    lowThreshold: null,
    enabled: true,
    credentials: { clientKey: 'FAKE-key', clientSecret: 'FAKE-secret' },
    ...overrides,
  };
}

/** The same customer in a settings file: no program fields, no unit, a slash after the host. */
function settingsFile(params: Record<string, unknown>, baseUrl = `${CAPILLARY}/`): string {
  return JSON.stringify({
    format: 'balance-watch.settings',
    version: 1,
    settings: {},
    accounts: [
      {
        provider: 'capillary',
        name: 'Loyalty (imported)',
        baseUrl,
        lowThreshold: null,
        enabled: true,
        credentials: { clientKey: 'FAKE-key', clientSecret: 'FAKE-secret' },
        params,
      },
    ],
  });
}

function setUp() {
  const { handlers, refresher } = commandSetup(() => START);
  vi.spyOn(refresher, 'refresh').mockResolvedValue({ attempted: [], succeeded: [], failed: [] });
  return handlers;
}

async function storedNames(): Promise<string[]> {
  return (await accountsItem.getValue()).map((account) => account.name);
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('an import', () => {
  it('skips a customer already typed in the form, program fields absent or at their defaults', async () => {
    const handlers = setUp();
    expect((await handlers.saveAccount(typedCapillary())).ok).toBe(true);

    const text = settingsFile({ userId: '4455' });
    const preview = await handlers.previewImport({ text });
    const imported = await handlers.importSettings({ text });

    expect(preview.ok && preview.preview.accounts).toEqual([]);
    expect(imported).toEqual({ ok: true, added: 0, channels: 0 });
    expect(await storedNames()).toEqual(['Loyalty (typed)']);
  });

  it('adds the same customer in another program, or on another host', async () => {
    const handlers = setUp();
    await handlers.saveAccount(typedCapillary());

    await handlers.importSettings({ text: settingsFile({ userId: '4455', programId: '12' }) });
    await handlers.importSettings({
      text: settingsFile({ userId: '4455' }, 'https://us.api.capillarytech.com'),
    });

    expect(await accountsItem.getValue()).toHaveLength(3);
  });
});

describe('the account form', () => {
  it('refuses a second account for a customer an import already watches', async () => {
    const handlers = setUp();
    await handlers.importSettings({ text: settingsFile({ userId: '4455' }) });

    const saved = await handlers.saveAccount(typedCapillary());

    expect(saved).toEqual({
      ok: false,
      errors: [
        {
          field: 'params.userId',
          message: 'Loyalty (imported) already watches this. Edit that account instead.',
        },
      ],
    });
    expect(await storedNames()).toEqual(['Loyalty (imported)']);
  });

  it('refuses to point an account at what another one watches, and lets it save itself', async () => {
    const handlers = setUp();
    await handlers.saveAccount(typedCapillary());
    await handlers.saveAccount(
      typedCapillary({ name: 'Other program', params: { userId: '4455', programId: '12' } }),
    );

    const moved = await handlers.saveAccount(
      typedCapillary({ id: 'acct-2', name: 'Other program', params: { userId: '4455' } }),
    );
    const renamed = await handlers.saveAccount(
      typedCapillary({ id: 'acct-1', name: 'Loyalty', credentials: {} }),
    );

    expect(moved.ok).toBe(false);
    expect(renamed.ok).toBe(true);
    expect(await storedNames()).toEqual(['Loyalty', 'Other program']);
  });
});
