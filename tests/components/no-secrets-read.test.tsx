// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import type { VNode } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

/**
 * DESIGN.md: secrets are never returned unmasked to a page. A page that imports lib/storage
 * defines its versioned items, whose migration check reads every one in full, secrets included,
 * so the pages read their stores by key instead. This file imports no page code and no
 * lib/storage statically: each test loads its page fresh after the spy is in place, so a read made
 * at module load counts too.
 */

vi.mock('@/lib/messages', () => ({ sendMessage: vi.fn(async () => undefined) }));

const SECRET = 'sk-live-do-not-read';

beforeEach(async () => {
  fakeBrowser.reset();
  vi.resetModules();
  // fakeBrowser lacks these; the options page asks them about host access.
  vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true);
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
    manifest_version: 3,
    name: 'Balance Watch',
    version: '0.1.0',
    host_permissions: ['https://services.onlinesales.ai/*'],
  } as ReturnType<typeof fakeBrowser.runtime.getManifest>);
  for (const event of [fakeBrowser.permissions.onAdded, fakeBrowser.permissions.onRemoved]) {
    vi.spyOn(event, 'addListener').mockImplementation(() => {});
    vi.spyOn(event, 'removeListener').mockImplementation(() => {});
  }
  await fakeBrowser.storage.local.set({
    accounts: [
      {
        id: 'a1',
        provider: 'onlinesales',
        name: 'Ads US',
        baseUrl: 'https://services.onlinesales.ai',
        params: {},
        lowThreshold: null,
        enabled: true,
        createdAt: 0,
      },
    ],
    accounts$: { v: 1 },
    secrets: { a1: { apiKey: SECRET } },
    secrets$: { v: 1 },
    // A team channel's webhook URL is a secret too (lib/storage/keys.ts destinationUrls).
    destinationUrls: { d1: `https://hooks.slack.com/services/${SECRET}` },
    destinationUrls$: { v: 1 },
    quarantine: [{ key: 'local:secrets', path: '', at: 0, issues: [], raw: SECRET }],
  });
});

afterEach(() => {
  cleanup();
});

/** Every key any storage.local.get asked for while the page loaded and rendered. */
async function keysReadWhileShowing(load: () => Promise<VNode>): Promise<string[]> {
  const get = vi.spyOn(fakeBrowser.storage.local, 'get');
  render(await load());
  await screen.findByText('Ads US');
  // Let any read started at load (a migration check) settle before counting.
  await new Promise((resolve) => setTimeout(resolve, 20));
  return get.mock.calls.flatMap(([keys]: unknown[]) =>
    keys == null
      ? ['<everything>']
      : typeof keys === 'string'
        ? [keys]
        : Array.isArray(keys)
          ? keys
          : Object.keys(keys),
  );
}

describe('pages never read the stored secrets', () => {
  it('the options page', async () => {
    const keys = await keysReadWhileShowing(async () => {
      const { OptionsPage } = await import('@/components/options/OptionsPage');
      return <OptionsPage />;
    });
    expect(keys).toContain('accounts');
    expect(keys).toContain('destinations');
    expect(
      keys.filter((key) => /^(secrets|quarantine|destinationUrls)\$?$|<everything>/.test(key)),
    ).toEqual([]);
  });

  it('the popup', async () => {
    const keys = await keysReadWhileShowing(async () => {
      const { Popup } = await import('@/components/popup/Popup');
      return <Popup />;
    });
    expect(keys).toContain('accounts');
    expect(keys.filter((key) => /^(secrets|quarantine)\$?$|<everything>/.test(key))).toEqual([]);
  });
});
