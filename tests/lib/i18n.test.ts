import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  BALANCE_ERROR_KINDS,
  type BalanceErrorKind,
  errorHint,
  errorKey,
  errorMessage,
  errorTitle,
  specificMessage,
} from '@/lib/errors';
import { type MessageKey, t, uiLanguage } from '@/lib/i18n';
import { CREDITS, pointsUnit, unitLabel } from '@/lib/money';
import { DETAIL_LABELS, detailLabel, providerName } from '@/lib/providers/names';
import messages from '../../public/_locales/en/messages.json';

const globals = globalThis as { browser?: unknown; chrome?: unknown };
const original = { browser: globals.browser, chrome: globals.chrome };

// Put back by hand: vi.unstubAllGlobals would also undo WXT's own fakeBrowser globals.
afterEach(() => {
  Object.assign(globals, original);
});

describe('t', () => {
  it('looks text up in the shipped English messages', () => {
    expect(t('extName')).toBe('Balance Watch');
    expect(t('popup_lowCount', '3')).toBe('3 low');
  });

  it('asks Firefox’s browser.i18n first and Chrome’s chrome.i18n otherwise', () => {
    const firefox = vi.fn(() => 'from browser');
    const chrome = vi.fn(() => 'from chrome');
    globals.browser = { runtime: { id: 'ext' }, i18n: { getMessage: firefox } };
    globals.chrome = { runtime: {}, i18n: { getMessage: chrome } };
    expect(t('extName')).toBe('from browser');
    // A `browser` global without a runtime id is not the extension API (e.g. an element id).
    globals.browser = {};
    expect(t('extName')).toBe('from chrome');
    expect(chrome).toHaveBeenCalledWith('extName', undefined);
  });

  it('says where it is when no extension API is there, instead of returning blanks', () => {
    globals.browser = undefined;
    globals.chrome = undefined;
    expect(() => t('extName')).toThrow(/extension/);
  });

  it('reads the UI language', () => {
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('de-DE');
    expect(uiLanguage()).toBe('de-DE');
  });
});

describe('the error table', () => {
  const keys = (kind: BalanceErrorKind): MessageKey[] => [
    errorKey(kind, 'message'),
    errorKey(kind, 'title'),
    errorKey(kind, 'hint'),
  ];

  it('names, for every kind, a message, a title and a hint that exist in messages.json', () => {
    for (const kind of BALANCE_ERROR_KINDS) {
      for (const key of keys(kind)) {
        expect(Object.keys(messages)).toContain(key);
        expect(t(key)).not.toBe('');
      }
    }
    // Titles tell kinds apart in the badge tooltip, so no two are the same.
    const titles = BALANCE_ERROR_KINDS.map(errorTitle);
    expect(new Set(titles).size).toBe(titles.length);
    expect(errorTitle('auth')).toBe('Sign-in failed');
    expect(errorMessage('timeout')).toBe('The provider did not answer in time');
    expect(errorHint('offline')).toBe(
      'This computer is offline. We will refresh when it is back online.',
    );
  });

  it('tells the provider’s own words from the generic text', () => {
    expect(specificMessage('auth', 'Invalid authorization header')).toBe(
      'Invalid authorization header',
    );
    expect(specificMessage('auth', 'The provider rejected the credentials')).toBeNull();
    expect(specificMessage('auth', 'Sign-in failed')).toBeNull();
    expect(specificMessage('timeout', '  ')).toBeNull();
    // A key stored in place of text is never shown as if it were words.
    expect(specificMessage('timeout', 'common_error_timeout_message')).toBeNull();
  });
});

describe('names and units', () => {
  it('gives every provider and reading detail a name from the messages', () => {
    expect(providerName('wix')).toBe('Wix Benefit Programs');
    for (const key of Object.keys(DETAIL_LABELS)) {
      expect(detailLabel({ key, label: 'stored' })).not.toBe('stored');
    }
    expect(detailLabel({ key: 'someNewDetail', label: 'As the adapter said' })).toBe(
      'As the adapter said',
    );
  });

  it('words units through the messages and leaves currency codes alone', () => {
    expect(unitLabel(pointsUnit('capillary'))).toBe('points');
    expect(unitLabel(CREDITS)).toBe('credits');
    expect(unitLabel('USD')).toBe('USD');
  });
});
