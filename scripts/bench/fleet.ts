import type { ProviderId } from '../../lib/providers/types';
import type { Account, Secrets } from '../../lib/state';
import type { SimAccount } from '../../tests/sim/data/schema';
import { accountKeys } from '../../tests/sim/settings';

/**
 * The benchmark's accounts: the same number at each of the four providers, dealt round-robin so
 * the first N of a larger fleet is still an even split. Credentials are chosen so a balance read
 * is exactly one request (no token renewal, no OAuth token call), which is what the round's lower
 * bound counts.
 */

export const PROVIDERS: readonly ProviderId[] = ['xoxoday', 'capillary', 'wix', 'onlinesales'];

/**
 * Wix pools per site: a site's pools are its members' balances, read with the site owner's one
 * API key, so the round reads each site's pools with one List Balances call.
 */
const WIX_POOLS_PER_SITE = 10;
/**
 * Capillary customers per org: a till's sign-in reads its org's customers, and their points are
 * one unit (one total), so ten customers share a sign-in. Each is still one balance request.
 */
const CAPILLARY_CUSTOMERS_PER_ORG = 10;

/** A UUID-shaped id, stable per account, as Wix uses for sites and pools. */
function uuid(tag: number, n: number): string {
  return `${tag.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

function simAccount(provider: ProviderId, n: number): SimAccount {
  const common = { id: `${provider}-${n}`, name: `${provider} account ${n}`, ratePerHour: '0' };
  switch (provider) {
    case 'xoxoday':
      // An access token alone: with a refresh token and no expiry the adapter renews first.
      return {
        ...common,
        provider,
        balance: `${1000 + n}.50`,
        currency: 'USD',
        accessToken: `FAKE-xoxo-access-${n}`,
      };
    case 'capillary': {
      // Basic auth: OAuth would add a token request per account.
      const org = Math.ceil(n / CAPILLARY_CUSTOMERS_PER_ORG);
      return {
        ...common,
        provider,
        balance: `${5000 + n}.000`,
        userId: 565_000_000 + n,
        auth: { type: 'basic', username: `fake_till_${org}`, password: `fake-password-${org}` },
        delayedAccrualPoints: '0',
        externalTriggerBasedPoints: '0',
      };
    }
    case 'wix': {
      const site = Math.ceil(n / WIX_POOLS_PER_SITE);
      return {
        ...common,
        provider,
        balance: `${100 + n}.25`,
        reserved: '0',
        apiKey: `FAKE.wix-api-key.site-${site}`,
        siteId: uuid(0x517e, site),
        poolId: uuid(0x9001, n),
        poolStatus: 'ACTIVE',
      };
    }
    case 'onlinesales':
      return {
        ...common,
        provider,
        balance: `${2000 + n}`,
        currency: 'INR',
        totalCredit: '100000',
        token: `FAKEonlinesalestoken${String(n).padStart(12, '0')}`,
        merchantId: `M-${n}`,
        merchantType: 'seller',
        marketplaceClientId: 110600,
      };
  }
}

export function fleetSimAccounts(total: number): SimAccount[] {
  return Array.from({ length: total }, (_, i) => {
    const provider = PROVIDERS[i % PROVIDERS.length] as ProviderId;
    return simAccount(provider, Math.floor(i / PROVIDERS.length) + 1);
  });
}

export interface FleetStorage {
  accounts: Account[];
  secrets: Secrets;
}

/**
 * The extension's side of the same accounts: each provider's accounts on that provider's host,
 * and one in ten with a threshold above its balance so the popup has low rows to draw.
 */
export function fleetStorage(
  simAccounts: readonly SimAccount[],
  baseUrls: Readonly<Record<ProviderId, string>>,
  createdAt: number,
): FleetStorage {
  const accounts: Account[] = [];
  const secrets: Secrets = {};
  simAccounts.forEach((sim, i) => {
    const { credentials, params } = accountKeys(sim);
    accounts.push({
      id: sim.id,
      provider: sim.provider,
      name: sim.name,
      baseUrl: baseUrls[sim.provider],
      params: Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)),
      lowThreshold: i % 10 === 0 ? '999999' : null,
      enabled: true,
      createdAt,
    });
    secrets[sim.id] = Object.fromEntries(
      Object.entries(credentials).filter(([, v]) => v !== undefined),
    );
  });
  return { accounts, secrets };
}

/** Accounts per host. */
export function accountsPerHost(accounts: readonly Account[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const account of accounts) {
    const host = new URL(account.baseUrl).host;
    counts.set(host, (counts.get(host) ?? 0) + 1);
  }
  return counts;
}

/**
 * The balance requests a round of these accounts makes, per provider: one per account, except
 * Wix, whose pools of one site share a List Balances call (one per site; one Get Balance for a
 * site with a single pool). With `batched` false (the one-at-a-time baseline), one per account.
 */
export function expectedRequests(
  accounts: readonly Account[],
  batched = true,
): Record<ProviderId, number> {
  const counts = Object.fromEntries(PROVIDERS.map((p) => [p, 0])) as Record<ProviderId, number>;
  const sites = new Set<string>();
  for (const account of accounts) {
    if (batched && account.provider === 'wix') sites.add(String(account.params.siteId));
    else counts[account.provider] += 1;
  }
  counts.wix += sites.size;
  return counts;
}
