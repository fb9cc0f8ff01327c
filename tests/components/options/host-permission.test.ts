import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  checkBaseUrl,
  needsHostPermission,
  patternMatches,
  requestHostPermission,
} from '@/lib/host-permission';
import { installBrowserStubs, MANIFEST_HOSTS } from './harness';

beforeEach(() => {
  fakeBrowser.reset();
});

describe('checkBaseUrl', () => {
  it('gives the origin pattern to ask for, without port or path', () => {
    expect(checkBaseUrl(' https://Proxy.Example.com:8443/chef/ ')).toEqual({
      ok: true,
      url: 'https://Proxy.Example.com:8443/chef/',
      pattern: 'https://proxy.example.com/*',
      loopback: false,
    });
  });

  it('allows http only on loopback', () => {
    expect(checkBaseUrl('http://localhost:8787')).toMatchObject({ ok: true, loopback: true });
    expect(checkBaseUrl('http://127.0.0.1:1')).toMatchObject({ ok: true, loopback: true });
    expect(checkBaseUrl('http://[::1]:80/x')).toMatchObject({ ok: true, loopback: true });
    expect(checkBaseUrl('http://sim.localhost')).toMatchObject({ ok: true, loopback: true });
    expect(checkBaseUrl('http://example.com')).toEqual({ ok: false, problem: 'insecure' });
    expect(checkBaseUrl('http://127.0.0.1.example.com')).toEqual({
      ok: false,
      problem: 'insecure',
    });
  });

  it('refuses what is not an http(s) URL or carries a password', () => {
    expect(checkBaseUrl('services.onlinesales.ai')).toEqual({ ok: false, problem: 'invalid' });
    expect(checkBaseUrl('ftp://x.example')).toEqual({ ok: false, problem: 'invalid' });
    expect(checkBaseUrl('https://u:p@x.example')).toEqual({ ok: false, problem: 'userinfo' });
  });
});

describe('needsHostPermission', () => {
  it('is false for the manifest’s hosts and loopback, true for other https hosts', () => {
    expect(needsHostPermission('https://accounts.xoxoday.com/chef', MANIFEST_HOSTS)).toBe(false);
    expect(needsHostPermission('https://www.wixapis.com/', MANIFEST_HOSTS)).toBe(false);
    expect(needsHostPermission('http://localhost:8787', MANIFEST_HOSTS)).toBe(false);
    expect(needsHostPermission('https://xoxoday.com.evil.example', MANIFEST_HOSTS)).toBe(true);
    expect(needsHostPermission('https://apac3.api.capillarytech.com', MANIFEST_HOSTS)).toBe(true);
  });

  it('reads the manifest by default', () => {
    installBrowserStubs();
    expect(needsHostPermission('https://services.onlinesales.ai')).toBe(false);
    expect(needsHostPermission('https://staging.onlinesales.ai')).toBe(true);
  });

  it('matches wildcard patterns as browsers do', () => {
    expect(patternMatches('https://*.example.com/*', 'https://a.b.example.com/x')).toBe(true);
    expect(patternMatches('https://*.example.com/*', 'https://example.com/')).toBe(true);
    expect(patternMatches('https://*.example.com/*', 'https://badexample.com/')).toBe(false);
    expect(patternMatches('https://x.example/api/*', 'https://x.example/other')).toBe(false);
    expect(patternMatches('<all_urls>', 'https://anything.example')).toBe(true);
  });
});

describe('requestHostPermission', () => {
  it('asks for the origin pattern, and for nothing when the URL is unusable', async () => {
    const { request } = installBrowserStubs({ grant: true });
    await expect(requestHostPermission('https://proxy.example.com/a')).resolves.toBe(true);
    expect(request).toHaveBeenCalledWith({ origins: ['https://proxy.example.com/*'] });
    await expect(requestHostPermission('http://proxy.example.com')).resolves.toBe(false);
    expect(request).toHaveBeenCalledTimes(1);
    vi.restoreAllMocks();
  });
});
