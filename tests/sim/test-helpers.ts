import { md5Hex } from './providers/capillary';
import { type Simulator, startSimulator } from './server';

export const T0 = Date.UTC(2025, 0, 1, 12);
export const HOUR = 3_600_000;

/** A simulator on a free port with the demo data and a clock the test moves by hand. */
export async function startTestSim(): Promise<Simulator & { clock: { now: number } }> {
  const clock = { now: T0 };
  const sim = await startSimulator({ now: () => clock.now });
  return Object.assign(sim, { clock });
}

export const XOXODAY_QUERY = {
  query: 'plumProAPI.query.getBalance',
  tag: 'plumProAPI',
  variables: { data: {} },
};

/** Raw requests in each provider's documented form, for protocol tests without the adapters. */
export const raw = {
  xoxoday: (url: string, token: string | undefined, init: RequestInit = {}) =>
    fetch(`${url}/chef/v1/oauth/api`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      body: JSON.stringify(XOXODAY_QUERY),
      ...init,
    }),
  xoxodayRenew: (url: string, body: Record<string, unknown>) =>
    fetch(`${url}/chef/v1/oauth/token/user`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  capillaryBasic: (url: string, userId: number | string, username: string, password: string) =>
    fetch(`${url}/v2/customers/${userId}/points/balance`, {
      headers: {
        authorization: `Basic ${Buffer.from(`${username}:${md5Hex(password)}`).toString('base64')}`,
      },
    }),
  capillaryToken: (url: string, key: string, secret: string) =>
    fetch(`${url}/v3/oauth/token/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key, secret }),
    }),
  capillaryOAuth: (url: string, userId: number | string, token: string, query = '') =>
    fetch(`${url}/v2/customers/${userId}/points/balance${query}`, {
      headers: { 'x-cap-api-oauth-token': token },
    }),
  wix: (url: string, poolId: string, apiKey: string | undefined, siteId: string | undefined) =>
    fetch(`${url}/benefit-programs/v1/balances/${poolId}`, {
      headers: {
        ...(apiKey === undefined ? {} : { authorization: apiKey }),
        ...(siteId === undefined ? {} : { 'wix-site-id': siteId }),
      },
    }),
  wixQuery: (url: string, apiKey: string, siteId: string, cursorPaging: Record<string, unknown>) =>
    fetch(`${url}/benefit-programs/v1/balances/query`, {
      method: 'POST',
      headers: { authorization: apiKey, 'wix-site-id': siteId, 'content-type': 'application/json' },
      body: JSON.stringify({ query: { cursorPaging } }),
    }),
  onlinesales: (url: string, params: Record<string, string | number>) =>
    fetch(
      `${url}/osBillingServiceV2/marketplace/balance?${new URLSearchParams(
        Object.entries(params).map(([key, value]) => [key, String(value)]),
      )}`,
    ),
};

/** The demo accounts' fake credentials, as the tests need them. */
export const DEMO = {
  xoxoInr: { id: 'xoxo-inr', token: 'FAKE-xoxo-access-inr', refresh: 'FAKE-xoxo-refresh-inr' },
  xoxoUsd: { id: 'xoxo-usd', token: 'FAKE-xoxo-access-usd' },
  xoxoClient: { client_id: 'FAKE-xoxo-client-id', client_secret: 'FAKE-xoxo-client-secret' },
  capBasic: {
    id: 'cap-basic',
    userId: 565039505,
    username: 'fake_till_user',
    password: 'fake-till-password',
  },
  capOAuth: {
    id: 'cap-oauth',
    userId: 565039777,
    key: 'FAKE-cap-client-key',
    secret: 'FAKE-cap-client-secret',
  },
  wixGold: {
    id: 'wix-gold',
    poolId: '09010c62-181e-49b9-909c-099f4574c0f2',
    apiKey: 'FAKE.wix-api-key.demo',
    siteId: '0a1b2c3d-0000-4000-8000-00000000f00d',
  },
  wixSilver: { id: 'wix-silver', poolId: '1c2d3e4f-0000-4000-8000-0000000000c1' },
  osUsd: {
    id: 'os-usd',
    params: {
      token: 'FAKEonlinesalestokenusd0000000001',
      merchantId: 'TOQ-15126',
      merchantType: 'seller',
      marketplaceClientId: 110600,
    },
  },
  osInr: {
    id: 'os-inr',
    params: {
      token: 'FAKEonlinesalestokeninr0000000002',
      merchantId: '8979879123',
      merchantType: 'brand',
      marketplaceClientId: 110601,
    },
  },
} as const;
