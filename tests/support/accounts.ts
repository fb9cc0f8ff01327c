import type { Account } from '@/lib/state';

/** The OnlineSales "Ads wallet" of seed 004, as stored; tests override what they vary. */
export function account(overrides: Partial<Account> & Pick<Account, 'id'>): Account {
  return {
    provider: 'onlinesales',
    name: 'Ads wallet',
    baseUrl: 'https://services.onlinesales.ai',
    params: { merchantId: 'TOQ-15126', merchantType: 'seller', marketplaceClientId: 110600 },
    lowThreshold: '100',
    enabled: true,
    createdAt: 1,
    ...overrides,
  };
}
