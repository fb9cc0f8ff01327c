// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { render as renderInto } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsPage } from '@/components/options/OptionsPage';
import { formatWhen } from '@/components/options/settings-text';
import { Popup } from '@/components/popup/Popup';
import { badgeFor } from '@/lib/engine/badge';
import { notificationsFor } from '@/lib/engine/notify';
import { sendMessage } from '@/lib/messages';
import { DEFAULT_SETTINGS, type Snapshots } from '@/lib/state';
import { accountStatuses } from '@/lib/status';
import { snapshotsItem } from '@/lib/storage/items';
import { clockText } from '@/lib/view/status-text';
import messages from '../../public/_locales/en/messages.json';
import {
  installBrowserStubs,
  account as optionsAccount,
  seedStores,
  startEngine,
} from './options/harness';
import { account, DAY, failure, MINUTE, seed, snapshot } from './popup/seed';

/**
 * Issue 9: every user-visible string comes from messages.json through t(). The pages are rendered
 * with getMessage answering `⟦key⟧` (substitutions follow it), and every text node and every
 * attribute a user can see or hear must then be made of those tokens plus data: the test's account
 * and provider data, numbers, amounts and dates Intl formatted, punctuation. A word typed into a
 * component, a FieldSpec or a zod schema shows up as leftover letters and fails the test.
 */

vi.mock('@/lib/messages', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/messages')>();
  // The popup's Refresh now goes through sendMessage; the options page needs the real protocol.
  return { ...actual, sendMessage: vi.fn(actual.sendMessage) };
});

const KNOWN_KEYS = new Set(Object.keys(messages));
const TOKEN = /⟦([A-Za-z0-9_@]+)⟧/g;
/** Keys the pages looked up, to check the pages really went through the fake. */
const looked = new Set<string>();

function tokenMessage(key: string, substitutions?: string | string[]): string {
  if (!KNOWN_KEYS.has(key)) return '';
  looked.add(key);
  const subs = substitutions === undefined ? [] : [substitutions].flat();
  return [`⟦${key}⟧`, ...subs].join(' ');
}

/** Attributes whose text a user sees (tooltips, placeholders) or hears (accessible names). */
const VISIBLE_ATTRIBUTES = [
  'aria-label',
  'aria-description',
  'aria-valuetext',
  'title',
  'placeholder',
  'alt',
];

/** Text no message holds because it is data, not wording: removed before the check. */
let data: string[] = [];

function allowData(...values: string[]) {
  data = [...new Set([...data, ...values.filter((value) => value.trim() !== '')])].sort(
    (a, b) => b.length - a.length,
  );
}

/** What is left of `text` once tokens, data, numbers, symbols and punctuation are taken out. */
function leftover(text: string): string {
  let rest = text.replace(TOKEN, ' ');
  for (const value of data) rest = rest.split(value).join(' ');
  return rest.replace(/[\p{N}\p{P}\p{S}\p{Z}\s]+/gu, ' ').trim();
}

interface Finding {
  where: string;
  text: string;
  leftover: string;
}

/** Every visible text node and attribute under `root` that is not made of tokens and data. */
function hardCoded(root: ParentNode = document.body): Finding[] {
  const findings: Finding[] = [];
  const check = (where: string, text: string | null) => {
    if (!text) return;
    const rest = leftover(text);
    if (rest !== '') findings.push({ where, text, leftover: rest });
  };
  const walker = document.createTreeWalker(root as Node, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent?.closest('script, style')) continue;
    check(`text in <${parent?.tagName.toLowerCase()}>`, node.textContent);
  }
  for (const element of root.querySelectorAll('*')) {
    for (const name of VISIBLE_ATTRIBUTES) {
      check(`${name} of <${element.tagName.toLowerCase()}>`, element.getAttribute(name));
    }
    if (
      element instanceof HTMLInputElement &&
      ['button', 'submit', 'reset'].includes(element.type)
    ) {
      check('value of <input>', element.value);
    }
  }
  return findings;
}

/** Also checks that the check itself ran on something: tokens were found, all of known keys. */
function expectOnlyMessages(root: ParentNode = document.body) {
  expect(hardCoded(root)).toEqual([]);
  const text = (root as Element).textContent ?? '';
  const keys = [...text.matchAll(TOKEN)].map((match) => match[1]);
  expect(keys.length).toBeGreaterThan(0);
  for (const key of keys) expect(KNOWN_KEYS).toContain(key);
}

/** Accessible names are tokens here, so controls are found by key. */
const named = (key: string) => new RegExp(`^⟦${key}⟧`);

beforeEach(() => {
  fakeBrowser.reset();
  data = [];
  // After tests/setup.ts put the English answers in: this fake wins for this file.
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(tokenMessage);
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-US');
});

afterEach(() => {
  cleanup();
});

describe('the check itself', () => {
  it('flags words that did not come from a message, in text and in attributes', () => {
    allowData('Ads wallet');
    document.body.innerHTML = `
      <p>⟦popup_totals⟧ $1,234.50 · 12 (3%)</p>
      <p>⟦options_edit_named⟧ Ads wallet</p>
      <button aria-label="Close">⟦common_cancel⟧</button>
      <p>Refresh now</p>
      <input placeholder="https://">`;
    expect(hardCoded().map((finding) => finding.leftover)).toEqual([
      'Refresh now',
      'Close',
      'https',
    ]);
    document.body.innerHTML = '';
  });
});

describe('badge and notifications: every string is a message', () => {
  it('builds the badge text, the tooltip and both kinds of notice from messages', () => {
    const now = Date.now();
    const names = ['Ads wallet', 'Gift float', 'Loyalty', ''];
    allowData(...names.filter(Boolean), 'Invalid authorization header');
    const accounts = names.map((name, i) =>
      account(`a${i}`, {
        name,
        lowThreshold: '100',
        provider: i === 2 ? 'capillary' : 'onlinesales',
      }),
    );
    const before: Snapshots = {};
    const after: Snapshots = {
      a0: snapshot({ value: '80', unit: 'USD' }, now),
      a1: snapshot(null, null, { error: failure('auth', 'Invalid authorization header') }),
      a2: snapshot({ value: '5', unit: 'points:capillary' }, now - 30 * DAY),
      a3: snapshot(null, null, { error: failure('auth', '') }),
    };
    const settings = { ...DEFAULT_SETTINGS, notifications: true };
    const statuses = accountStatuses(accounts, after, settings, now);
    const texts: string[] = [];
    for (const engine of [
      { online: true, firstRound: false },
      { online: false, firstRound: false },
      { online: true, firstRound: true },
    ]) {
      const badge = badgeFor({
        statuses,
        engine: { roundRunning: false, lastRoundAt: now, ...engine },
        settings,
      });
      texts.push(badge.text, badge.tooltip);
    }
    // "off" shows only when no account is low (a low count wins).
    const offline = badgeFor({
      statuses: statuses.filter((status) => !status.isLow),
      engine: { roundRunning: false, lastRoundAt: now, online: false, firstRound: false },
      settings,
    });
    expect(offline.text).toBe('⟦badge_text_offline⟧');
    texts.push(offline.text, offline.tooltip);
    const quiet = badgeFor({
      statuses: [],
      engine: { roundRunning: false, lastRoundAt: now, online: true, firstRound: false },
      settings,
    });
    texts.push(quiet.tooltip);
    const { toShow } = notificationsFor(before, after, accounts, settings);
    expect(toShow.map((notice) => notice.kind).sort()).toEqual(['auth', 'auth', 'low', 'low']);
    for (const notice of toShow) texts.push(notice.title, notice.message);
    expect(texts.map(leftover).filter(Boolean)).toEqual([]);
    for (const key of ['badge_text_offline', 'badge_low_other', 'notify_unnamed_account']) {
      expect(looked).toContain(key);
    }
  });
});

describe('popup: every visible string is a message', () => {
  it('with low, failing, stale, expiring and detailed accounts, offline, history expanded', async () => {
    const now = Date.now();
    const history = Array.from({ length: 5 }, (_, i) => ({
      t: now - (4 - i) * DAY,
      v: String(1000 - 100 * i),
    }));
    const names = [
      'Ads wallet',
      'Gift float',
      'Loyalty',
      'Benefits',
      'Plum',
      'Old wallet',
      'Off one',
    ];
    const providerWords = [
      'Invalid authorization header',
      'PIPE10013',
      'Points expiry is recalculated',
    ];
    allowData(...names, ...providerWords);
    allowData(new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }).format(2, 'day'));
    // The failed try's time, as Intl formats it ("Nov 26, 2:07 PM").
    allowData(clockText(now - 5 * DAY, now));
    await seed({
      accounts: [
        account('a', { name: 'Ads wallet', lowThreshold: '100' }),
        account('b', { name: 'Gift float', provider: 'xoxoday' }),
        account('c', { name: 'Loyalty', provider: 'capillary' }),
        account('d', { name: 'Benefits', provider: 'wix' }),
        account('e', { name: 'Plum', provider: 'xoxoday' }),
        account('f', { name: 'Old wallet' }),
        account('g', { name: 'Off one', enabled: false }),
      ],
      snapshots: {
        a: snapshot({ value: '80', unit: 'USD' }, now - 5 * MINUTE),
        b: snapshot(null, null, {
          error: failure('auth', 'Invalid authorization header', 'PIPE10013'),
        }),
        c: snapshot({ value: '1200', unit: 'points:capillary' }, now - 3 * 60 * MINUTE, {
          details: [
            {
              key: 'totalPoints',
              label: 'Total points',
              amount: { value: '1500', unit: 'points:capillary' },
            },
          ],
          warnings: ['Points expiry is recalculated'],
        }),
        d: snapshot({ value: '40.5', unit: 'credits' }, now, {
          details: [
            { key: 'reserved', label: 'Reserved', amount: { value: '2', unit: 'credits' } },
          ],
        }),
        e: {
          ...snapshot({ value: '10', unit: 'EUR' }, now),
          tokenExpiresAt: now + 2 * DAY + MINUTE,
        },
        f: snapshot({ value: '600', unit: 'INR' }, now - 5 * DAY, {
          error: failure('timeout', 'common_error_timeout_message'),
        }),
      } as never,
      engine: { online: false },
      history: { a: history, c: history },
    });
    render(<Popup />);
    await screen.findByRole('main');
    await screen.findAllByRole('img', { name: named('popup_history') });
    for (const head of document.querySelectorAll<HTMLButtonElement>('button.account-head')) {
      fireEvent.click(head);
    }
    await screen.findByText('Points expiry is recalculated');
    expectOnlyMessages();
    // A generic message (here even a bare key an older engine stored) never shows as the
    // provider's words.
    expect(document.body.textContent).not.toContain('common_error_timeout_message ');
    for (const key of [
      'popup_lowFlag',
      'popup_offline',
      'popup_tokenExpires',
      'common_amount_points',
    ]) {
      expect(looked).toContain(key);
    }
  });

  it('with no account, with every account turned off, and after a failed refresh', async () => {
    await seed({});
    render(<Popup />);
    await screen.findByRole('main');
    expectOnlyMessages();
    cleanup();

    allowData('Off one');
    await seed({ accounts: [account('g', { name: 'Off one', enabled: false })] });
    render(<Popup />);
    await screen.findByText(named('popup_allDisabled'));
    expectOnlyMessages();
    cleanup();

    allowData('Ads wallet');
    vi.mocked(sendMessage).mockRejectedValueOnce(new Error('no receiver'));
    await seed({
      accounts: [account('a', { name: 'Ads wallet' })],
      snapshots: { a: snapshot({ value: '5', unit: 'USD' }, Date.now()) },
    });
    render(<Popup />);
    fireEvent.click(await screen.findByRole('button', { name: named('popup_refreshNow') }));
    await screen.findByText(named('popup_refreshFailed'));
    expectOnlyMessages();
  });

  it('sets the page title and language from the browser (entrypoints/popup/main.tsx)', async () => {
    await seed({});
    const app = document.createElement('div');
    app.id = 'app';
    document.body.append(app);
    await import('../../entrypoints/popup/main');
    expect(document.title).toBe('⟦extName⟧');
    expect(document.documentElement.lang).toBe('en-US');
    await screen.findByRole('main');
    expectOnlyMessages();
    // Unmounted here: testing-library's cleanup does not know this root.
    renderInto(null, app);
    app.remove();
  });
});

describe('options page: every visible string is a message', () => {
  let stopEngine: () => void = () => {};
  afterEach(() => stopEngine());

  const fixture = (name: string) =>
    readFileSync(join(process.cwd(), 'tests/fixtures/settings', name), 'utf8');

  function chooseFile(text: string, name: string) {
    const input = screen.getByLabelText(named('options_import')) as HTMLInputElement;
    const file = new File([text], name, { type: 'application/json' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    fireEvent.change(input);
  }

  async function openPage(engine: Parameters<typeof startEngine>[0] = {}) {
    stopEngine = startEngine(engine).stop;
    render(<OptionsPage />);
    await screen.findByRole('heading', { name: named('options_accounts_heading') });
  }

  const URLS = [
    'https://accounts.xoxoday.com/chef',
    'https://stagingaccount.xoxoday.com/chef',
    'https://stagingstores.xoxoday.com/chef',
    'https://canvas.xoxoday.com/chef',
    'https://apac.api.capillarytech.com',
    'https://apac2.api.capillarytech.com',
    'https://eu.api.capillarytech.com',
    'https://us.api.capillarytech.com',
    'https://api.capillarytech.cn.com',
    'https://www.wixapis.com',
    'https://services.onlinesales.ai',
    'https://wallet.example.com',
  ];

  it('lists accounts in every state and shows settings and backup', async () => {
    installBrowserStubs({ grant: false });
    const now = Date.now();
    allowData(...URLS, 'wallet.example.com', 'Ads wallet', 'Proxy wallet', 'Rewards', 'Paused');
    allowData('Unauthorized');
    allowData(formatWhen(now - MINUTE));
    await seedStores({
      accounts: [
        optionsAccount({ id: 'a1', name: 'Ads wallet' }),
        optionsAccount({ id: 'a2', name: 'Proxy wallet', baseUrl: 'https://wallet.example.com' }),
        optionsAccount({
          id: 'a3',
          name: 'Rewards',
          provider: 'xoxoday',
          baseUrl: 'https://accounts.xoxoday.com/chef',
          params: {},
        }),
        optionsAccount({ id: 'a4', name: 'Paused', enabled: false }),
      ],
    });
    await snapshotsItem.setValue({
      a1: snapshot({ value: '80', unit: 'USD' }, now - MINUTE),
      a3: snapshot(null, null, { error: failure('auth', 'Unauthorized') }),
    });
    await openPage();
    await screen.findByRole('button', { name: named('options_grant_access_named') });
    expectOnlyMessages();
  });

  it('shows every provider’s form, its validation messages and its presets', async () => {
    installBrowserStubs();
    allowData(...URLS);
    await openPage();
    fireEvent.click(screen.getByRole('button', { name: named('options_add_account') }));
    const form = within(
      await screen.findByRole('form', { name: named('options_form_add_heading') }),
    );
    for (const provider of ['xoxoday', 'capillary', 'wix', 'onlinesales']) {
      fireEvent.change(form.getByLabelText(named('options_provider_label')), {
        target: { value: provider },
      });
      fireEvent.click(form.getByRole('button', { name: named('options_save') }));
      await form.findByRole('alert');
      expectOnlyMessages();
    }
    // The custom URL field, its placeholder and its host-permission note.
    fireEvent.change(form.getByLabelText(named('options_base_url')), {
      target: { value: 'custom' },
    });
    fireEvent.input(form.getByLabelText(named('options_custom_url')), {
      target: { value: 'https://wallet.example.com' },
    });
    allowData('wallet.example.com');
    expectOnlyMessages();
    // A schema message looked up lazily still comes through t().
    expect(looked).toContain('provider_onlinesales_need_token');
  });

  it('shows a failed and a passed connection test, and Wix pools to pick', async () => {
    installBrowserStubs();
    allowData(...URLS, 'Gift credits', 'Staff perks', 'Customer not found', '8015');
    allowData('site-1', 'wix-key', 'p1', 'p2');
    let testOk = false;
    await openPage({
      async testConnection() {
        return testOk
          ? {
              ok: true,
              reading: { primary: { value: '120', unit: 'credits' }, details: [], warnings: [] },
            }
          : {
              ok: false,
              error: { kind: 'not-found', message: 'Customer not found', providerCode: '8015' },
            };
      },
      async discoverTargets() {
        return {
          ok: true,
          targets: [
            { id: 'p1', label: 'Gift credits', params: { poolId: 'p1' }, available: '120' },
            { id: 'p2', label: 'Staff perks', params: { poolId: 'p2' }, available: '40.5' },
          ],
        };
      },
    });
    fireEvent.click(screen.getByRole('button', { name: named('options_add_account') }));
    const form = within(
      await screen.findByRole('form', { name: named('options_form_add_heading') }),
    );
    fireEvent.change(form.getByLabelText(named('options_provider_label')), {
      target: { value: 'wix' },
    });
    fireEvent.input(form.getByLabelText(named('options_name')), {
      target: { value: 'Gift credits' },
    });
    fireEvent.input(form.getByLabelText(named('provider_wix_apiKey_label')), {
      target: { value: 'wix-key' },
    });
    fireEvent.input(form.getByLabelText(named('provider_wix_siteId_label')), {
      target: { value: 'site-1' },
    });
    fireEvent.click(form.getByRole('button', { name: named('options_find_pools') }));
    for (const box of await form.findAllByRole('checkbox', { name: /⟦options_pool_option⟧/ })) {
      fireEvent.click(box);
    }
    await form.findByRole('button', { name: named('options_add_pools') });
    fireEvent.click(form.getByRole('button', { name: named('options_test_connection') }));
    await form.findByText('Customer not found', { exact: false });
    expectOnlyMessages();
    testOk = true;
    fireEvent.click(form.getByRole('button', { name: named('options_test_connection') }));
    await form.findByText(named('options_test_ok'));
    expectOnlyMessages();
  });

  it('edits an account with saved secrets and a token expiry', async () => {
    installBrowserStubs();
    const expiresAt = Date.now() + 3 * DAY;
    allowData(...URLS, 'Rewards', formatWhen(expiresAt));
    await seedStores({
      accounts: [
        optionsAccount({
          id: 'x1',
          name: 'Rewards',
          provider: 'xoxoday',
          baseUrl: 'https://accounts.xoxoday.com/chef',
          params: { tokenExpiresAt: expiresAt },
        }),
      ],
      secrets: { x1: { accessToken: 'xo-token', refreshToken: 'xo-refresh' } },
    });
    await openPage();
    fireEvent.click(screen.getByRole('button', { name: named('options_edit_named') }));
    await screen.findAllByPlaceholderText(named('options_secret_saved_placeholder'));
    fireEvent.click(
      screen.getAllByRole('button', { name: named('options_secret_show_named') })[0] as HTMLElement,
    );
    expectOnlyMessages();
    fireEvent.click(screen.getByRole('button', { name: named('options_delete_named') }));
    await screen.findByText(named('options_delete_confirm'));
    expectOnlyMessages();
  });

  it('previews an import, and refuses a bad file naming account and field', async () => {
    installBrowserStubs();
    allowData(...URLS, 'backup.json', 'bad.json', 'notes.txt');
    allowData('Ads wallet', 'Rewards', 'Loyalty points', 'Gift credits', 'Brand wallet');
    // Field paths are the settings file's own JSON keys, the same in every language.
    allowData('params.merchantType', 'file');
    await openPage();
    chooseFile(fixture('good.json'), 'backup.json');
    await screen.findByRole('region', { name: named('options_import_preview') });
    expectOnlyMessages();
    chooseFile(fixture('bad-field.json'), 'bad.json');
    await screen.findByText(named('options_import_refused'));
    expectOnlyMessages();
    chooseFile('not json at all', 'notes.txt');
    await waitFor(() => expect(looked).toContain('options_file_not_json'));
    expectOnlyMessages();
  });

  it('sets the page title and language from the browser (entrypoints/options/main.tsx)', async () => {
    installBrowserStubs();
    stopEngine = startEngine().stop;
    const app = document.createElement('div');
    app.id = 'app';
    document.body.append(app);
    await import('../../entrypoints/options/main');
    expect(document.title).toBe('⟦options_title⟧');
    expect(document.documentElement.lang).toBe('en-US');
    await screen.findByRole('heading', { name: named('options_settings_heading') });
    expectOnlyMessages();
    // Unmounted here: testing-library's cleanup does not know this root.
    renderInto(null, app);
    app.remove();
  });
});
