import type { SimAccount } from './data/schema';

/** The settings-file format of DESIGN.md, as far as the simulator fills it in. */
export interface SettingsFile {
  format: 'balance-watch.settings';
  version: 1;
  settings: { refreshMinutes: number; badge: 'low-count'; notifications: boolean };
  accounts: {
    provider: SimAccount['provider'];
    name: string;
    baseUrl: string;
    lowThreshold?: string;
    enabled: boolean;
    credentials: Record<string, unknown>;
    params: Record<string, unknown>;
  }[];
}

/** The credentials and params keys DESIGN.md gives per provider. */
export function accountKeys(account: SimAccount): {
  credentials: Record<string, unknown>;
  params: Record<string, unknown>;
} {
  switch (account.provider) {
    case 'xoxoday':
      return {
        credentials: {
          accessToken: account.accessToken,
          refreshToken: account.refreshToken,
          clientId: account.clientId,
          clientSecret: account.clientSecret,
        },
        params: {},
      };
    case 'capillary':
      return {
        credentials:
          account.auth.type === 'basic'
            ? { username: account.auth.username, password: account.auth.password }
            : { clientKey: account.auth.clientKey, clientSecret: account.auth.clientSecret },
        params: { userId: String(account.userId), programId: account.programId },
      };
    case 'wix':
      return {
        credentials: { apiKey: account.apiKey },
        params: { siteId: account.siteId, poolId: account.poolId },
      };
    case 'onlinesales':
      return {
        credentials: { token: account.token },
        params: {
          merchantId: account.merchantId,
          merchantType: account.merchantType,
          marketplaceClientId: account.marketplaceClientId,
        },
      };
  }
}

function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

export function buildSettingsFile(
  accounts: readonly SimAccount[],
  baseUrl: string,
  refreshMinutes = 15,
): SettingsFile {
  return {
    format: 'balance-watch.settings',
    version: 1,
    settings: { refreshMinutes, badge: 'low-count', notifications: true },
    accounts: accounts.map((account) => {
      const { credentials, params } = accountKeys(account);
      return {
        provider: account.provider,
        name: account.name,
        baseUrl,
        lowThreshold: account.lowThreshold,
        enabled: true,
        credentials: withoutUndefined(credentials),
        params: withoutUndefined(params),
      };
    }),
  };
}
