import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { checkHostAccess } from '@/lib/engine/host-access';
import { createRefresher } from '@/lib/engine/refresh';
import { createHttp } from '@/lib/providers/http';
import { presetHostPermissions } from '@/lib/providers/presets';
import { accountsItem, secretsItem, snapshotsItem } from '@/lib/storage/items';
import { START, testRefresherDeps } from './support';

/**
 * The providers' hosts are manifest host permissions, but the user can take them back (Firefox
 * lets them switch each site off; Chrome's "site access"). Access is asked of the browser for
 * every call, not assumed from the manifest: a revoked host is the `permission` state, which
 * waits for the user's Grant access, not a network error retried with backoff.
 */

const HOST = 'https://services.onlinesales.ai';
const MANIFEST_HOSTS = presetHostPermissions();

/** The browser as installed: the manifest's hosts granted, less those the user switched off. */
function browserWith(revoked: readonly string[]) {
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
    manifest_version: 3,
    name: 'Balance Watch',
    version: '0.1.0',
    host_permissions: MANIFEST_HOSTS,
  } as ReturnType<typeof fakeBrowser.runtime.getManifest>);
  return vi
    .spyOn(fakeBrowser.permissions, 'contains')
    .mockImplementation(async ({ origins = [] }) =>
      origins.every((origin) => MANIFEST_HOSTS.includes(origin) && !revoked.includes(origin)),
    );
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('host access', () => {
  it('asks the browser about a manifest host, and refuses it once revoked', async () => {
    const contains = browserWith([`${HOST}/*`]);

    const access = await checkHostAccess(`${HOST}/`);

    expect(contains).toHaveBeenCalledWith({ origins: [`${HOST}/*`] });
    expect(access).toEqual({
      ok: false,
      error: {
        kind: 'permission',
        message: 'Balance Watch has no access to services.onlinesales.ai. Grant it in Settings.',
      },
    });
    expect(await checkHostAccess('https://www.wixapis.com')).toEqual({ ok: true });
  });

  it('needs no permission for loopback', async () => {
    const contains = browserWith([]);
    expect(await checkHostAccess('http://127.0.0.1:8787')).toEqual({ ok: true });
    expect(contains).not.toHaveBeenCalled();
  });

  it('turns a revoked provider host into the permission state, without calling it', async () => {
    browserWith([`${HOST}/*`]);
    const calls: string[] = [];
    const recording: typeof fetch = async (input) => {
      calls.push(String(input instanceof Request ? input.url : input));
      return new Response('unreachable', { status: 503 });
    };
    await accountsItem.setValue([
      {
        id: 'os-1',
        provider: 'onlinesales',
        name: 'Ads wallet',
        baseUrl: HOST,
        params: { merchantId: 'M-1', merchantType: 'seller', marketplaceClientId: 110600 },
        lowThreshold: null,
        enabled: true,
        createdAt: START,
      },
    ]);
    await secretsItem.setValue({ 'os-1': { token: 'FAKE-os-token' } });

    const deps = testRefresherDeps(() => START, {
      createHttp: () => createHttp({ retries: 0, fetch: recording }),
    });
    await createRefresher(deps).refresh();

    const snapshot = (await snapshotsItem.getValue())['os-1'];
    expect(calls).toEqual([]);
    expect(snapshot?.error?.kind).toBe('permission');
    // No backoff: it waits for the user to grant access again.
    expect(snapshot?.nextAttemptAt).toBeNull();
  });
});
