import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type ErrorAdvice, errorAdvice, isCustomBaseUrl } from '@/lib/error-advice';
import { BALANCE_ERROR_KINDS, type BalanceErrorData, ERROR_KINDS } from '@/lib/errors';
import { t } from '@/lib/i18n';

/**
 * Issue 14: every error kind says what happened and what to do, specific to the provider where
 * its docs give a reason, and offers a fix in Settings only where Settings can fix it.
 */

beforeEach(() => {
  fakeBrowser.reset();
});

const preset = {
  xoxoday: 'https://accounts.xoxoday.com/chef',
  capillary: 'https://eu.api.capillarytech.com',
  wix: 'https://www.wixapis.com',
  onlinesales: 'https://services.onlinesales.ai',
} as const;

function advise(provider: keyof typeof preset, error: BalanceErrorData, baseUrl?: string) {
  return errorAdvice(error, { provider, baseUrl: baseUrl ?? preset[provider] });
}

const said = (advice: ErrorAdvice) => ({
  what: advice.what && t(advice.what.key, advice.what.subs),
  todo: t(advice.todo.key, advice.todo.subs),
  fix: advice.fix,
});

describe('errorAdvice', () => {
  it('gives every kind of every provider plain words and what to do', () => {
    for (const provider of Object.keys(preset) as (keyof typeof preset)[]) {
      for (const kind of BALANCE_ERROR_KINDS) {
        const { what, todo, fix } = said(advise(provider, { kind, message: '', status: 500 }));
        expect(todo, `${provider} ${kind}`).toMatch(/\w+.*\.$/);
        if (kind !== 'offline') expect(what, `${provider} ${kind}`).toMatch(/\w+.*\.$/);
        // "Fix in Settings" only where the settings can fix it.
        expect(fix !== null, `${provider} ${kind}`).toBe(ERROR_KINDS[kind].fix !== null);
      }
    }
  });

  it('offers no fix for server errors, rate limits, timeouts or bad answers', () => {
    for (const kind of [
      'server',
      'rate-limited',
      'timeout',
      'invalid-response',
      'network',
    ] as const) {
      expect(advise('onlinesales', { kind, message: '' }).fix).toBeNull();
    }
  });

  it('says a refused Xoxoday token has probably expired, and how to get a new one', () => {
    const advice = advise('xoxoday', {
      kind: 'auth',
      message: 'Invalid authorization header',
      providerCode: 'PIPE10013',
      status: 401,
    });
    expect(said(advice)).toEqual({
      what: expect.stringMatching(/^Xoxoday refused the access token\. Most likely it has expired/),
      todo: 'Make a new access token in the Xoxoday dashboard and paste it in Settings.',
      fix: 'credentials.accessToken',
    });
    expect(advice.details).toBe('Invalid authorization header');
    expect(advice.code).toBe('PIPE10013');
  });

  it('says Capillary has no such customer, and points at the customer id', () => {
    const advice = advise('capillary', {
      kind: 'not-found',
      message: 'Customer not found',
      providerCode: '8015',
    });
    expect(said(advice)).toMatchObject({
      what: 'Capillary has no customer with this user id.',
      fix: 'params.userId',
    });
  });

  it('says a Wix key refused for the site may lack the Benefit Programs scope', () => {
    const advice = advise('wix', { kind: 'auth', message: 'Permission denied', status: 403 });
    expect(said(advice).what).toContain('SCOPE.BENEFIT_PROGRAMS.READ');
    expect(advice.fix).toBe('credentials.apiKey');
  });

  it('says a 404 from a custom base URL is most likely the URL, and never names ids Xoxoday has none of', () => {
    const generic = {
      kind: 'not-found' as const,
      message: 'The provider does not know this account (HTTP 404)',
      status: 404,
    };
    const custom = advise('xoxoday', generic, 'https://proxy.example.com/chef-typo');
    expect(said(custom)).toEqual({
      what: 'Nothing was found at this address (HTTP 404). The custom base URL probably has a mistake in its path.',
      todo: 'Check the custom base URL in Settings.',
      fix: 'baseUrl',
    });
    // The generic text is not shown as if the provider had said it.
    expect(custom.details).toBeNull();
    const onPreset = said(advise('xoxoday', generic));
    expect(`${onPreset.what} ${onPreset.todo}`).not.toMatch(/customer|pool|merchant|ids/i);
    expect(onPreset.fix).toBe('baseUrl');
  });

  it('tells presets from custom base URLs, whatever the case or a trailing slash', () => {
    expect(isCustomBaseUrl({ provider: 'wix', baseUrl: 'https://WWW.wixapis.com/' })).toBe(false);
    expect(isCustomBaseUrl({ provider: 'wix', baseUrl: 'http://127.0.0.1:8787' })).toBe(true);
  });
});
