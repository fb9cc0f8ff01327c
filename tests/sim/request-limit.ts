import type { RequestLimitFault } from './faults';

interface Seen {
  sentAt: number[];
  penaltyUntil: number;
}

/**
 * The state behind the request-limit fault: requests per key (an account) in a sliding window,
 * and a penalty once the limit is passed. A request during the penalty is refused and not
 * counted, as the provider's "wait penaltySeconds" implies.
 */
export class RequestLimiter {
  private readonly seen = new Map<string, Seen>();

  /** Counts one request; the whole seconds of penalty left when it is refused, else undefined. */
  admit(key: string, limit: RequestLimitFault, now: number): number | undefined {
    const seen = this.seen.get(key) ?? { sentAt: [], penaltyUntil: 0 };
    this.seen.set(key, seen);
    if (now < seen.penaltyUntil) return Math.ceil((seen.penaltyUntil - now) / 1000);
    seen.sentAt = seen.sentAt.filter((at) => at > now - limit.windowSeconds * 1000);
    if (seen.sentAt.length < limit.calls) {
      seen.sentAt.push(now);
      return undefined;
    }
    seen.penaltyUntil = now + limit.penaltySeconds * 1000;
    return limit.penaltySeconds;
  }

  clear(): void {
    this.seen.clear();
  }
}
