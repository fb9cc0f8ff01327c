import { describe, expect, it } from 'vitest';
import { parseLeadHours, parseThreshold } from '@/lib/account-draft';
import { CATALOG } from '@/lib/providers/catalog';
import {
  CUSTOM_BASE_URL,
  canDiscover,
  draftFromAccount,
  draftsForTargets,
  emptyDraft,
  storedSignIn,
  switchProvider,
  thresholdUnit,
  toAccountDraft,
  validateForm,
  visibleFields,
} from '@/lib/view/account-form';
import { account } from '../components/options/harness';

const { xoxoday, capillary, onlinesales, wix } = CATALOG;

describe('parseThreshold', () => {
  it.each([
    ['', null],
    ['  ', null],
    ['100', '100'],
    ['12.50', '12.5'],
    ['1,000.50', '1000.5'],
    ['0', '0'],
  ])('accepts %j as %j', (text, value) => {
    expect(parseThreshold(text)).toEqual({ ok: true, value });
  });

  it.each(['-5', 'abc', '1.2.3', '12,5', '1e3', '10,00'])('refuses %j', (text) => {
    expect(parseThreshold(text).ok).toBe(false);
  });

  it.each([
    ['-5', 'negative'],
    ['- 0.5', 'negative'],
    ['1,5', 'comma'],
    ['12,50', 'comma'],
    ['abc', 'number'],
    ['1.2.3', 'number'],
  ])('says why %j is refused: %s', (text, problem) => {
    expect(parseThreshold(text)).toEqual({ ok: false, problem });
  });
});

describe('sign-in choice (Capillary)', () => {
  it('shows only the chosen sign-in’s fields, which map to the oneSignIn rule’s sets', () => {
    const credentials = (signIn: number) =>
      visibleFields({ ...emptyDraft(capillary), signIn }, capillary)
        .filter((spec) => spec.group === 'credentials')
        .map((spec) => spec.key);
    expect(credentials(0)).toEqual(['username', 'password']);
    expect(credentials(1)).toEqual(['clientKey', 'clientSecret']);
    // Every credential of the rule is in exactly one sign-in.
    expect([...credentials(0), ...credentials(1)].sort()).toEqual(
      capillary.fields
        .filter((spec) => spec.group === 'credentials')
        .map((spec) => spec.key)
        .sort(),
    );
  });

  it('sends only the chosen pair and names a missing one at a field that is shown', () => {
    const draft = { ...emptyDraft(capillary), name: 'Points', signIn: 1 };
    draft.values = { ...draft.values, userId: '42', username: 'left over', clientKey: 'k' };
    expect(toAccountDraft(draft, capillary).credentials).toEqual({ clientKey: 'k' });
    const result = validateForm(draft, capillary);
    if (result.ok) throw new Error('expected errors');
    expect(Object.keys(result.errors)).toEqual(['credentials.clientSecret']);
    const none = { ...draft, values: { ...draft.values, clientKey: '', username: '' } };
    const empty = validateForm(none, capillary);
    if (empty.ok) throw new Error('expected errors');
    // The rule names the user name; the OAuth form shows its own first field instead.
    expect(Object.keys(empty.errors)).toEqual(['credentials.clientKey']);
  });

  it('opens an edited account on the sign-in it stores', () => {
    expect(storedSignIn(capillary, { clientKey: { set: true }, clientSecret: { set: true } })).toBe(
      1,
    );
    expect(storedSignIn(capillary, { username: { set: true } })).toBe(0);
    expect(storedSignIn(capillary, {})).toBe(0);
  });
});

describe('drafts', () => {
  it('starts with the first preset and the provider’s fields', () => {
    const draft = emptyDraft(onlinesales);
    expect(draft.baseUrlChoice).toBe('https://services.onlinesales.ai');
    expect(Object.keys(draft.values)).toEqual([
      'token',
      'merchantId',
      'merchantType',
      'marketplaceClientId',
    ]);
    expect(draft.values.merchantType).toBe('seller');
  });

  it('keeps name and threshold across a provider switch, nothing provider-specific', () => {
    const draft = { ...emptyDraft(onlinesales), name: 'Mine', lowThreshold: '5' };
    draft.values.token = 'secret';
    const next = switchProvider(draft, xoxoday);
    expect(next.name).toBe('Mine');
    expect(next.lowThreshold).toBe('5');
    expect(next.values).not.toHaveProperty('token');
    expect(next.baseUrlChoice).toBe('https://accounts.xoxoday.com/chef');
  });

  it('opens a stored account with its params and a custom URL, but no credentials', () => {
    const stored = account({ id: 'a1', baseUrl: 'https://proxy.example.com/os' });
    const draft = draftFromAccount(stored, onlinesales);
    expect(draft.baseUrlChoice).toBe(CUSTOM_BASE_URL);
    expect(draft.customBaseUrl).toBe('https://proxy.example.com/os');
    expect(draft.values).toMatchObject({
      token: '',
      merchantId: 'TOQ-15126',
      marketplaceClientId: '110600',
    });
  });

  it('sends typed values only: blanks are left out and a datetime becomes epoch ms', () => {
    const draft = { ...emptyDraft(xoxoday), name: ' Rewards ' };
    draft.values.accessToken = ' tok ';
    draft.values.accessTokenExpiresAt = '2030-01-02T03:04';
    const sent = toAccountDraft(draft, xoxoday);
    expect(sent).toEqual({
      provider: 'xoxoday',
      name: 'Rewards',
      baseUrl: 'https://accounts.xoxoday.com/chef',
      params: {},
      lowThreshold: null,
      enabled: true,
      credentials: {
        accessToken: 'tok',
        accessTokenExpiresAt: new Date(2030, 0, 2, 3, 4).getTime(),
      },
    });
  });
});

describe('validateForm', () => {
  it('maps the provider schema’s issues to their fields', () => {
    const draft = { ...emptyDraft(xoxoday), name: 'Rewards' };
    draft.values.accessToken = 'tok';
    draft.values.refreshToken = 'refresh';
    const result = validateForm(draft, xoxoday);
    expect(result).toEqual({
      ok: false,
      errors: {
        'credentials.clientId': 'Enter the client id too, or leave all three renewal fields empty',
        'credentials.clientSecret':
          'Enter the client secret too, or leave all three renewal fields empty',
      },
    });
  });

  it('puts an either/or rule on the group’s first field', () => {
    const draft = { ...emptyDraft(capillary), name: 'Points' };
    draft.values.userId = '42';
    const result = validateForm(draft, capillary);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors)).toEqual(['credentials.username']);
  });

  it('accepts stored credentials left empty on edit', () => {
    const draft = draftFromAccount(account({ id: 'a1' }), onlinesales);
    expect(validateForm(draft, onlinesales).ok).toBe(false);
    const result = validateForm(draft, onlinesales, { token: { set: true } });
    expect(result).toMatchObject({ ok: true, draft: { id: 'a1', credentials: {} } });
  });

  it('asks for a stored secret again once the base URL points at another origin', () => {
    const stored = account({ id: 'a1' });
    const draft = draftFromAccount(stored, onlinesales);
    const masked = { token: { set: true } };
    const at = (customBaseUrl: string) => ({
      ...draft,
      baseUrlChoice: CUSTOM_BASE_URL,
      customBaseUrl,
    });
    expect(validateForm(draft, onlinesales, masked, stored.baseUrl).ok).toBe(true);
    // Another path on the same origin still reaches the host the secret belongs to.
    expect(validateForm(at(`${stored.baseUrl}/v2`), onlinesales, masked, stored.baseUrl).ok).toBe(
      true,
    );
    for (const moved of ['https://proxy.example.com', 'https://services.onlinesales.ai:8443']) {
      expect(validateForm(at(moved), onlinesales, masked, stored.baseUrl)).toEqual({
        ok: false,
        errors: { 'credentials.token': 'Enter the app token' },
      });
    }
  });

  it('refuses a bad custom URL and threshold with their own messages', () => {
    const draft = {
      ...emptyDraft(wix),
      name: 'W',
      baseUrlChoice: CUSTOM_BASE_URL,
      customBaseUrl: 'ftp://x',
      lowThreshold: 'ten',
    };
    const result = validateForm(draft, wix, { apiKey: { set: true } });
    if (result.ok) throw new Error('expected errors');
    expect(result.errors.baseUrl).toMatch(/valid base URL/);
    expect(result.errors.lowThreshold).toMatch(/threshold as a number/);
    expect(result.errors['params.siteId']).toBe('Enter the site id');
  });
});

describe('the run-out lead', () => {
  it('reads hours as typed: empty is the default, a positive number is hours', () => {
    expect(parseLeadHours('')).toEqual({ ok: true, value: null });
    expect(parseLeadHours(' 24 ')).toEqual({ ok: true, value: 24 });
    expect(parseLeadHours('1.5')).toEqual({ ok: true, value: 1.5 });
    for (const bad of ['0', '-3', 'soon', '1,5', '24h']) expect(parseLeadHours(bad).ok).toBe(false);
  });

  it('opens an account with its own lead, or empty for the default, and sends it back', () => {
    const own = draftFromAccount(account({ id: 'a1', runOutLeadHours: 6 }), onlinesales);
    expect(own.runOutLeadHours).toBe('6');
    expect(toAccountDraft(own, onlinesales).runOutLeadHours).toBe(6);
    const plain = draftFromAccount(account({ id: 'a2' }), onlinesales);
    expect(plain.runOutLeadHours).toBe('');
    expect(toAccountDraft(plain, onlinesales)).not.toHaveProperty('runOutLeadHours');
    // Kept across a provider switch, like the threshold.
    expect(switchProvider(own, xoxoday).runOutLeadHours).toBe('6');
  });

  it('refuses a lead that is not a number of hours, at its field', () => {
    const draft = {
      ...draftFromAccount(account({ id: 'a1' }), onlinesales),
      runOutLeadHours: 'soon',
    };
    const result = validateForm(draft, onlinesales, { token: { set: true } });
    if (result.ok) throw new Error('expected errors');
    expect(result.errors).toEqual({
      runOutLeadHours:
        'Enter how many hours ahead to warn, like 24, or leave it empty for the default.',
    });
  });
});

describe('units and pools', () => {
  it('knows the threshold unit when the provider fixes it or a reading told it', () => {
    expect(thresholdUnit(capillary)).toBe('points');
    expect(thresholdUnit(wix)).toBe('credits');
    expect(thresholdUnit(xoxoday)).toBeUndefined();
    expect(thresholdUnit(xoxoday, 'INR')).toBe('INR');
  });

  it('makes one draft per pool, named after the pool', () => {
    const draft = { ...emptyDraft(wix) };
    draft.values = { apiKey: 'k', siteId: 's', poolId: '' };
    const drafts = draftsForTargets(draft, wix, [
      { id: 'p1', label: 'One', params: { poolId: 'p1' }, available: '1' },
      { id: 'p2', label: '', params: { poolId: 'p2' }, available: '1' },
    ]);
    expect(drafts.map((d) => [d.name, d.params])).toEqual([
      ['One', { siteId: 's', poolId: 'p1' }],
      ['p2', { siteId: 's', poolId: 'p2' }],
    ]);
    expect(drafts[0]?.credentials).toEqual({ apiKey: 'k' });
  });

  it('finds pools once the API key (typed or stored) and the site id are there', () => {
    const draft = { ...emptyDraft(wix) };
    expect(canDiscover(draft, wix)).toBe(false);
    draft.values = { ...draft.values, siteId: 'site-1' };
    expect(canDiscover(draft, wix)).toBe(false);
    expect(canDiscover(draft, wix, { apiKey: { set: true } })).toBe(true);
    draft.values = { ...draft.values, apiKey: 'k' };
    expect(canDiscover(draft, wix)).toBe(true);
    // A provider without discovery never offers it.
    expect(canDiscover(emptyDraft(onlinesales), onlinesales, { token: { set: true } })).toBe(false);
  });
});
