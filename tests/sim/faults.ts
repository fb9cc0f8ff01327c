import { z } from 'zod';
import type { SimProviderId } from './data/schema';

/** The kinds of endpoint a fault can be limited to. */
const ENDPOINT_KINDS = ['balance', 'query', 'token'] as const;
export type EndpointKind = (typeof ENDPOINT_KINDS)[number];

const shared = {
  /** Applies to this many matching requests, then clears itself (e.g. one 503, then success). */
  times: z.number().int().positive().optional(),
  /** Which endpoints it hits; defaults to balance and query, so token calls keep working. */
  endpoints: z.array(z.enum(ENDPOINT_KINDS)).optional(),
};

const faultSchema = z.discriminatedUnion('type', [
  /** Answers normally after `ms` (plus up to `jitterMs` more, uniformly). */
  z.object({
    type: z.literal('latency'),
    ms: z.number().int().min(0),
    jitterMs: z.number().int().min(0).default(0),
    ...shared,
  }),
  /** Never answers; the client's own timeout has to fire. */
  z.object({ type: z.literal('timeout'), ...shared }),
  /** The provider's 5xx error body; the status defaults per provider (Xoxoday 502, others 500). */
  z.object({
    type: z.literal('server-error'),
    status: z.number().int().min(500).max(599).optional(),
    ...shared,
  }),
  z.object({
    type: z.literal('rate-limit'),
    retryAfterSeconds: z.number().int().min(0).default(1),
    ...shared,
  }),
  /** A 200 that is a web page (captive portal, login wall, misrouted proxy). */
  z.object({ type: z.literal('html'), ...shared }),
  /** A 200 labelled JSON that does not parse. */
  z.object({ type: z.literal('malformed-json'), ...shared }),
  /** A 200 with valid JSON that is not the provider's balance shape. */
  z.object({ type: z.literal('wrong-shape'), ...shared }),
  /** The TCP connection is reset without an HTTP answer. */
  z.object({ type: z.literal('reset'), ...shared }),
  /** The provider's documented not-found error (Capillary 8015, Wix 404...). */
  z.object({ type: z.literal('not-found'), ...shared }),
  /** The provider's 401 body even with good credentials (a revoked key). */
  z.object({ type: z.literal('unauthorized'), ...shared }),
  /**
   * The provider's request limit, counted per account: `calls` requests in any `windowSeconds`
   * pass; the next one starts a penalty of `penaltySeconds`, during which every request gets the
   * provider's over-limit answer (Xoxoday: errors[] auth.request_limit_exceeded with
   * penaltySeconds; the others: 429 with Retry-After). `status` sets that answer's HTTP status,
   * which Xoxoday does not document.
   */
  z.object({
    type: z.literal('request-limit'),
    calls: z.number().int().min(0).default(10),
    windowSeconds: z.number().int().positive().default(60),
    penaltySeconds: z.number().int().min(0).default(60),
    status: z.number().int().min(200).max(599).optional(),
    ...shared,
  }),
  /**
   * One of the provider's documented answers by name (DOCUMENTED_NAMES in providers/index.ts):
   * Xoxoday's revoked tokens, Capillary's 201/461/521, Wix's scope and Pricing Plans errors...
   * `status` sets its HTTP status where the provider does not document one.
   */
  z.object({
    type: z.literal('documented'),
    name: z.string().min(1),
    status: z.number().int().min(200).max(599).optional(),
    ...shared,
  }),
  /**
   * A good answer with only the primary amount and its unit: every secondary field left out, or
   * with `nulls` sent as null, and an unknown field added (issue 13, item 10).
   */
  z.object({ type: z.literal('sparse'), nulls: z.boolean().default(false), ...shared }),
]);

export type Fault = z.output<typeof faultSchema>;
export type FaultInput = z.input<typeof faultSchema>;
export type FaultType = Fault['type'];
export type RequestLimitFault = Extract<Fault, { type: 'request-limit' }>;

/** Where a fault applies: one account, one provider, or (neither given) every request. */
export interface FaultTarget {
  account?: string;
  provider?: SimProviderId;
}

interface Entry {
  fault: Fault;
  remaining: number | undefined;
}

function keyOf(target: FaultTarget): string {
  if (target.account) return `account:${target.account}`;
  if (target.provider) return `provider:${target.provider}`;
  return 'all';
}

/** Faults by target; the most specific one wins (account, then provider, then all). */
export class FaultBook {
  private readonly entries = new Map<string, Entry>();

  set(target: FaultTarget, fault: FaultInput | null): void {
    const key = keyOf(target);
    if (fault === null) {
      this.entries.delete(key);
      return;
    }
    const parsed = faultSchema.parse(fault);
    this.entries.set(key, { fault: parsed, remaining: parsed.times });
  }

  clear(): void {
    this.entries.clear();
  }

  list(): { target: string; fault: Fault; remaining?: number }[] {
    return [...this.entries].map(([target, { fault, remaining }]) => ({
      target,
      fault,
      remaining,
    }));
  }

  /**
   * Finds the fault for a request and counts it as used. A request for several accounts takes
   * the first of their faults (in the order given), before the provider's and everyone's.
   */
  take(
    accountIds: string | readonly string[] | undefined,
    provider: SimProviderId,
    endpoint: EndpointKind,
  ): Fault | undefined {
    const accounts = [accountIds ?? []].flat().map((id) => `account:${id}`);
    for (const key of [...accounts, `provider:${provider}`, 'all']) {
      const entry = this.entries.get(key);
      if (!entry) continue;
      const endpoints = entry.fault.endpoints ?? ['balance', 'query'];
      if (!endpoints.includes(endpoint)) continue;
      if (entry.remaining !== undefined) {
        entry.remaining -= 1;
        if (entry.remaining <= 0) this.entries.delete(key);
      }
      return entry.fault;
    }
    return undefined;
  }
}
