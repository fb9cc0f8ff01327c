import { randomUUID } from 'node:crypto';
import type Big from 'big.js';
import { decayedAmount } from './amounts';
import { type SimAccount, type SimData, type SimProviderId, simAccountSchema } from './data/schema';
import { FaultBook } from './faults';
import { RequestLog } from './log';
import { RequestLimiter } from './request-limit';

/** Decimals each provider's primary amount is kept to while it decays. */
const SCALE: Record<SimProviderId, number> = { xoxoday: 2, capillary: 3, wix: 2, onlinesales: 2 };

export interface RuntimeAccount<A extends SimAccount = SimAccount> {
  data: A;
  /** When data.balance was true, epoch ms of simulator time. */
  sinceMs: number;
}

const DAY_SECONDS = 24 * 3600;

/** What a Xoxoday renewal issued. */
export interface IssuedXoxoday {
  accessToken: string;
  refreshToken: string;
  expiresInSeconds: number;
  accessExpiresAt: number;
  refreshExpiresAt: number;
}

interface IssuedToken {
  accountId: string;
  expiresAt?: number;
}

/** Everything that changes while the simulator runs; the routes and control API share it. */
export class SimState {
  readonly faults = new FaultBook();
  readonly log = new RequestLog();
  readonly limiter = new RequestLimiter();
  private accounts = new Map<string, RuntimeAccount>();
  /** Xoxoday access and refresh tokens currently accepted. */
  private xoxodayAccess = new Map<string, IssuedToken>();
  private xoxodayRefresh = new Map<string, IssuedToken>();
  /** Capillary OAuth tokens by value; they authorise every account sharing the client key. */
  private capillaryTokens = new Map<string, { clientKey: string; expiresAt: number }>();
  private offsetMs = 0;

  constructor(
    private readonly initial: SimData,
    private readonly baseNow: () => number,
  ) {
    this.reset();
  }

  now(): number {
    return this.baseNow() + this.offsetMs;
  }

  /** Moves simulator time on (token expiry, decay) without touching the injected clock. */
  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** Back to the data as loaded: balances restart now, tokens, faults and the log are cleared. */
  reset(): void {
    this.offsetMs = 0;
    const start = this.now();
    this.accounts = new Map(
      this.initial.accounts.map((account) => [
        account.id,
        {
          data: structuredClone(account),
          sinceMs: account.since ? Date.parse(account.since) : start,
        },
      ]),
    );
    this.xoxodayAccess.clear();
    this.xoxodayRefresh.clear();
    this.capillaryTokens.clear();
    for (const { data } of this.accounts.values()) this.indexTokens(data);
    this.faults.clear();
    this.limiter.clear();
    this.log.clear();
  }

  list(): RuntimeAccount[] {
    return [...this.accounts.values()];
  }

  get(id: string): RuntimeAccount | undefined {
    return this.accounts.get(id);
  }

  ofProvider<P extends SimProviderId>(
    provider: P,
  ): RuntimeAccount<Extract<SimAccount, { provider: P }>>[] {
    return this.list().filter(
      (account): account is RuntimeAccount<Extract<SimAccount, { provider: P }>> =>
        account.data.provider === provider,
    );
  }

  primary(account: RuntimeAccount): Big {
    const { data, sinceMs } = account;
    return decayedAmount(data.balance, data.ratePerHour, sinceMs, this.now(), SCALE[data.provider]);
  }

  /**
   * Changes an account's data (validated again). A new balance or rate takes effect from now;
   * otherwise the current decayed amount carries on from its old start.
   */
  update(id: string, patch: Record<string, unknown>): RuntimeAccount {
    const current = this.accounts.get(id);
    if (!current) throw new Error(`no account ${id}`);
    const restart = 'balance' in patch || 'ratePerHour' in patch;
    const base = restart
      ? { ...current.data, balance: this.primary(current).toFixed(), since: undefined }
      : current.data;
    const data = simAccountSchema.parse({ ...base, ...patch, id, provider: current.data.provider });
    const next = { data, sinceMs: restart ? this.now() : current.sinceMs };
    this.accounts.set(id, next);
    this.indexTokens(data);
    return next;
  }

  /** Makes the account's data tokens the accepted ones (a control change replaces old ones). */
  private indexTokens(data: SimAccount): void {
    if (data.provider !== 'xoxoday') return;
    for (const [token, issued] of this.xoxodayRefresh) {
      if (issued.accountId === data.id && token !== data.refreshToken) {
        this.xoxodayRefresh.delete(token);
      }
    }
    this.xoxodayAccess.set(data.accessToken, {
      accountId: data.id,
      expiresAt: data.accessTokenExpiresAt,
    });
    if (data.refreshToken && !this.xoxodayRefresh.has(data.refreshToken)) {
      this.xoxodayRefresh.set(data.refreshToken, { accountId: data.id });
    }
  }

  xoxodayAccount(accessToken: string): RuntimeAccount | undefined {
    const issued = this.xoxodayAccess.get(accessToken);
    if (!issued) return undefined;
    if (issued.expiresAt !== undefined && this.now() >= issued.expiresAt) return undefined;
    return this.accounts.get(issued.accountId);
  }

  xoxodayRefreshOwner(refreshToken: string): RuntimeAccount | undefined {
    const issued = this.xoxodayRefresh.get(refreshToken);
    if (!issued) return undefined;
    if (issued.expiresAt !== undefined && this.now() >= issued.expiresAt) return undefined;
    return this.accounts.get(issued.accountId);
  }

  /** Issues a new access and refresh token; the old refresh token stops working at once. */
  rotateXoxoday(id: string, oldRefreshToken: string): IssuedXoxoday {
    const account = this.accounts.get(id);
    if (account?.data.provider !== 'xoxoday') throw new Error(`no xoxoday ${id}`);
    const now = this.now();
    const accessToken = `sim-xoxo-access-${randomUUID()}`;
    const refreshToken = `sim-xoxo-refresh-${randomUUID()}`;
    const { accessTokenTtlSeconds = 15 * DAY_SECONDS, refreshTokenTtlSeconds = 90 * DAY_SECONDS } =
      account.data;
    const accessExpiresAt = now + accessTokenTtlSeconds * 1000;
    const refreshExpiresAt = now + refreshTokenTtlSeconds * 1000;
    this.xoxodayRefresh.delete(oldRefreshToken);
    this.xoxodayRefresh.set(refreshToken, { accountId: id, expiresAt: refreshExpiresAt });
    this.xoxodayAccess.set(accessToken, { accountId: id, expiresAt: accessExpiresAt });
    account.data = {
      ...account.data,
      accessToken,
      refreshToken,
      accessTokenExpiresAt: accessExpiresAt,
    };
    return {
      accessToken,
      refreshToken,
      expiresInSeconds: accessTokenTtlSeconds,
      accessExpiresAt,
      refreshExpiresAt,
    };
  }

  issueCapillaryToken(clientKey: string, ttlSeconds: number): string {
    const token = `sim-cap-oauth-${randomUUID()}`;
    this.capillaryTokens.set(token, { clientKey, expiresAt: this.now() + ttlSeconds * 1000 });
    return token;
  }

  /** The client key a live Capillary OAuth token belongs to; expired tokens are forgotten. */
  capillaryTokenKey(token: string): string | undefined {
    const issued = this.capillaryTokens.get(token);
    if (!issued) return undefined;
    if (this.now() >= issued.expiresAt) {
      this.capillaryTokens.delete(token);
      return undefined;
    }
    return issued.clientKey;
  }
}
