import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createCommandHandlers, registerCommands } from '@/lib/engine/commands';
import { createSessionTokenCache } from '@/lib/engine/token-cache';
import { getProvider, PROVIDERS } from '@/lib/providers';
import { createHttp } from '@/lib/providers/http';
import type { Account, Secrets, Settings } from '@/lib/state';
import { DEFAULT_SETTINGS } from '@/lib/state';
import { accountsItem, secretsItem, settingsItem } from '@/lib/storage/items';

/** The manifest's host_permissions: every provider preset's host (as in wxt.config.ts). */
export const MANIFEST_HOSTS = Object.values(PROVIDERS).flatMap((provider) =>
  provider.baseUrlPresets.map((preset) => `${new URL(preset.url).origin}/*`),
);

type Handlers = ReturnType<typeof createCommandHandlers>;

/**
 * fakeBrowser lacks permissions and getManifest; these stand-ins record what the page asked for.
 * `grant` decides the answer to permissions.request (the user's click in the prompt). As in a
 * browser after install, the manifest's hosts start granted; a test takes one back by deleting
 * it from `granted` (the user switching a provider's site off).
 */
export function installBrowserStubs(options: { grant?: boolean } = {}) {
  const granted = new Set<string>(MANIFEST_HOSTS);
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
    manifest_version: 3,
    name: 'Balance Watch',
    version: '0.1.0',
    host_permissions: MANIFEST_HOSTS,
  } as ReturnType<typeof fakeBrowser.runtime.getManifest>);
  const request = vi
    .spyOn(fakeBrowser.permissions, 'request')
    .mockImplementation(async ({ origins = [] }) => {
      if (!options.grant) return false;
      for (const origin of origins) granted.add(origin);
      return true;
    });
  vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async ({ origins = [] }) =>
    origins.every((origin) => granted.has(origin)),
  );
  for (const event of [fakeBrowser.permissions.onAdded, fakeBrowser.permissions.onRemoved]) {
    vi.spyOn(event, 'addListener').mockImplementation(() => {});
    vi.spyOn(event, 'removeListener').mockImplementation(() => {});
  }
  return { request, granted };
}

/**
 * The real background handlers (lib/engine/commands.ts) on the real protocol, over fakeBrowser storage.
 * Only the network-facing ones are replaced per test through `overrides`.
 */
export function startEngine(overrides: Partial<Handlers> = {}) {
  let n = 0;
  const refresh = vi.fn(async () => ({ attempted: [], succeeded: [], failed: [] }));
  const handlers = createCommandHandlers({
    refresher: { refresh, running: () => undefined },
    now: () => 1_700_000_000_000,
    newId: () => `acc-${++n}`,
    createHttp: () => createHttp(),
    getProvider: (id) => getProvider(id),
    tokenCache: createSessionTokenCache(),
    hostAccess: async () => ({ ok: true }),
    refreshBadge: async () => {},
    testDeadlineMs: 5_000,
  });
  const stop = registerCommands({ ...handlers, ...overrides });
  return { stop, refresh };
}

export async function seedStores(state: {
  accounts?: Account[];
  secrets?: Secrets;
  settings?: Partial<Settings>;
}) {
  if (state.accounts) await accountsItem.setValue(state.accounts);
  if (state.secrets) await secretsItem.setValue(state.secrets);
  if (state.settings) await settingsItem.setValue({ ...DEFAULT_SETTINGS, ...state.settings });
}

export { account } from '../../support/accounts';
