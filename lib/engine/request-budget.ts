import type { KyInstance } from 'ky';
import { sha256Hex } from '@/lib/digest';
import { BalanceError } from '@/lib/errors';
import { t } from '@/lib/i18n';
import type { Provider } from '@/lib/providers/types';
import type { RequestLog } from '@/lib/storage/keys';
import { updateRequestBudget } from '@/lib/storage/writers/request-budget';

/**
 * Keeps every account under its provider's documented request limit (the catalog's `rateLimit`:
 * Xoxoday, 10 getBalance calls a minute per token), however often a refresh is asked for: alarm,
 * "Refresh now" pressed over and over, a save. Every request an account's call sends (in-request
 * retries and token renewals included) takes a slot first; with none left, it is not sent, and
 * the account waits until the oldest request leaves the window. The log is in session storage,
 * so a worker restarted within the minute still counts what the last one sent.
 */

type RateLimit = NonNullable<Provider['rateLimit']>;

/** Thrown instead of sending a request over the limit: nothing failed, the account waits. */
export class RequestBudgetSpent extends BalanceError {
  /** When the oldest request leaves the window, so a slot is free again (epoch ms). */
  readonly until: number;

  constructor(provider: Provider, limit: RateLimit, until: number, now: number) {
    super({
      kind: 'rate-limited',
      message: t('engine_request_budget', [
        provider.displayName,
        String(limit.calls),
        String(Math.round(limit.perMs / 1000)),
      ]),
      retryAfterMs: Math.max(0, until - now),
    });
    this.until = until;
  }
}

/**
 * Whose requests count together: the provider, the host and the caller's credential. The
 * credential is hashed: the log sits in session storage, where no secret goes.
 */
async function callerKey(
  provider: Provider,
  limit: RateLimit,
  baseUrl: string,
  caller: unknown,
): Promise<string> {
  let origin: string;
  try {
    origin = new URL(baseUrl).origin;
  } catch {
    origin = baseUrl;
  }
  const who = (await sha256Hex(String(caller ?? ''))).slice(0, 32);
  return `${provider.id} ${origin} ${limit.caller}:${who}`;
}

/**
 * Pure: the log with one more request for `key` if the limit allows it now, else the same log
 * and when a slot frees up. Requests older than their window are forgotten on the way.
 */
export function admit(
  log: RequestLog,
  key: string,
  limit: Pick<RateLimit, 'calls' | 'perMs'>,
  now: number,
): { log: RequestLog; heldUntil: number | null } {
  const next: RequestLog = {};
  for (const [other, entry] of Object.entries(log)) {
    const sentAt = entry.sentAt.filter((at) => at > now - entry.perMs && at <= now);
    if (sentAt.length > 0) next[other] = { perMs: entry.perMs, sentAt };
  }
  const sentAt = next[key]?.sentAt ?? [];
  if (sentAt.length >= limit.calls) {
    const oldest = sentAt[sentAt.length - limit.calls] as number;
    return { log, heldUntil: oldest + limit.perMs };
  }
  next[key] = { perMs: limit.perMs, sentAt: [...sentAt, now] };
  return { log: next, heldUntil: null };
}

interface SlotAsk {
  /** Still being hashed when asked (Web Crypto is asynchronous): resolved with the group. */
  key: Promise<string>;
  limit: RateLimit;
  now: number;
  answer(heldUntil: number | null): void;
  fail(error: unknown): void;
}

/** Asks that came while the log was being written: the next write admits them all. */
const asks: SlotAsk[] = [];
let admitting = false;

/** Admits the waiting asks in order, with one read and one write of the log per group. */
async function admitWaiting(): Promise<void> {
  admitting = true;
  while (asks.length > 0) {
    const group = asks.splice(0);
    const held: (number | null)[] = [];
    try {
      const keys = await Promise.all(group.map((ask) => ask.key));
      await updateRequestBudget((log) =>
        group.reduce((next, ask, i) => {
          const result = admit(next, keys[i] as string, ask.limit, ask.now);
          held.push(result.heldUntil);
          return result.log;
        }, log),
      );
      for (const [i, ask] of group.entries()) ask.answer(held[i] ?? null);
    } catch (error) {
      for (const ask of group) ask.fail(error);
    }
  }
  admitting = false;
}

/**
 * A slot for `key`, stored before the request goes out (null), or when one frees up. The
 * requests of a round ask at nearly the same time: those asking while the log is being written
 * are admitted together, in the order they asked, by one storage round trip instead of one each.
 */
function takeSlot(key: Promise<string>, limit: RateLimit, now: number): Promise<number | null> {
  return new Promise((answer, fail) => {
    asks.push({ key, limit, now, answer, fail });
    if (!admitting) void admitWaiting();
  });
}

/**
 * The HTTP client for one account's call: the round's, with a slot taken before every request
 * when the provider has a limit. `credentials` are those the call starts with.
 */
export function withRequestBudget(
  http: KyInstance,
  provider: Provider,
  call: { baseUrl: string; credentials: Record<string, unknown> },
  now: () => number,
): KyInstance {
  const limit = provider.rateLimit;
  if (!limit) return http;
  // Hashed once, on the first request (a call that never sends one never hashes).
  let key: Promise<string> | undefined;
  return http.extend({
    hooks: {
      beforeRequest: [
        async () => {
          key ??= callerKey(provider, limit, call.baseUrl, call.credentials[limit.caller]);
          const at = now();
          const heldUntil = await takeSlot(key, limit, at);
          // lib/providers/http.ts never retries a BalanceError: the request is simply not sent.
          if (heldUntil !== null) throw new RequestBudgetSpent(provider, limit, heldUntil, at);
        },
      ],
    },
  });
}
