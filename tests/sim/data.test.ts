import { describe, expect, it } from 'vitest';
import { loadSimData, parseSimData } from './data/load';
import { buildSettingsFile } from './settings';

const demo = loadSimData();

describe('simulator data', () => {
  it('the demo covers every response form the seeds show', () => {
    const of = <P extends string>(provider: P) =>
      demo.accounts.filter((a) => a.provider === provider);
    const xoxoday = demo.accounts.flatMap((a) => (a.provider === 'xoxoday' ? [a] : []));
    expect(xoxoday.some((a) => a.pointsPerValue)).toBe(true);
    expect(xoxoday.some((a) => !a.pointsPerValue)).toBe(true);
    expect(xoxoday.some((a) => a.refreshToken && a.clientId && a.clientSecret)).toBe(true);
    const capillary = demo.accounts.flatMap((a) => (a.provider === 'capillary' ? [a] : []));
    expect(new Set(capillary.map((a) => a.auth.type))).toEqual(new Set(['basic', 'oauth']));
    expect(
      capillary.some(
        (a) => Number(a.delayedAccrualPoints) + Number(a.externalTriggerBasedPoints) > 0,
      ),
    ).toBe(true);
    expect(of('wix').length).toBeGreaterThanOrEqual(2);
    const currencies = demo.accounts.flatMap((a) =>
      a.provider === 'onlinesales' ? [a.currency] : [],
    );
    expect(new Set(currencies).size).toBe(2);
  });

  it('the demo has accounts below their low threshold, and above', () => {
    const low = demo.accounts.filter(
      (a) => a.lowThreshold && Number(a.balance) < Number(a.lowThreshold),
    );
    expect(low.length).toBeGreaterThan(0);
    expect(low.length).toBeLessThan(demo.accounts.length);
  });

  it('refuses a file with a bad field, naming where', () => {
    const broken = structuredClone(demo) as { accounts: Record<string, unknown>[] };
    (broken.accounts[2] as Record<string, unknown>).balance = 'twelve';
    expect(() => parseSimData(broken)).toThrow(/accounts\.2\.balance/);
  });

  it('refuses duplicate account ids', () => {
    const twice = { accounts: [demo.accounts[0], demo.accounts[0]] };
    expect(() => parseSimData(twice)).toThrow(/duplicate id/);
  });
});

describe('settings file', () => {
  const file = buildSettingsFile(demo.accounts, 'http://127.0.0.1:8787');

  it('has the DESIGN.md header and one enabled account per simulated account', () => {
    expect(file).toMatchObject({
      format: 'balance-watch.settings',
      version: 1,
      settings: { refreshMinutes: 15, badge: 'low-count', notifications: true },
    });
    expect(file.accounts).toHaveLength(demo.accounts.length);
    for (const account of file.accounts) {
      expect(account).toMatchObject({ baseUrl: 'http://127.0.0.1:8787', enabled: true });
      expect(account.lowThreshold).toMatch(/^\d+(\.\d+)?$/);
    }
  });

  it('uses the credentials and params keys DESIGN.md gives per provider', () => {
    const keys = file.accounts.map((a) => [
      a.provider,
      Object.keys(a.credentials).sort().join(','),
      Object.keys(a.params).sort().join(','),
    ]);
    expect(keys).toEqual([
      ['xoxoday', 'accessToken,clientId,clientSecret,refreshToken', ''],
      ['xoxoday', 'accessToken', ''],
      ['capillary', 'password,username', 'userId'],
      ['capillary', 'clientKey,clientSecret', 'programId,userId'],
      ['wix', 'apiKey', 'poolId,siteId'],
      ['wix', 'apiKey', 'poolId,siteId'],
      ['onlinesales', 'token', 'marketplaceClientId,merchantId,merchantType'],
      ['onlinesales', 'token', 'marketplaceClientId,merchantId,merchantType'],
    ]);
  });
});
