import type { KyInstance } from 'ky';
import { sha256Hex } from '@/lib/digest';
import { BalanceError } from '@/lib/errors';
import { plural } from '@/lib/plural';
import type { Provider } from '@/lib/providers/types';
import type { RequestLog } from '@/lib/storage/keys';
import { lockRequestBudget } from '@/lib/storage/writers/request-budget';

/**
 * Keeps every account under its provider's documented request limit (the catalog's `rateLimit`:
 * Xoxoday, 10 getBalance calls a minute per token), however often a refresh is asked for: alarm,
 * "Refresh now" pressed over and over, a save. Every request an account's call sends (in-request
 * retries and token renewals included) takes a slot first; with none left, it is not sent, and
 * the account waits until the oldest request leaves the window. The log is in session storage,
 * so a worker restarted within the minute still counts what the last one sent. The calls made
 * for a page (Test connection) take their slots from the same log (createCallBudget).
 */

type RateLimit = NonNullable<Provider['rateLimit']>;

/**
 * Thrown instead of sending a request over the limit: nothing failed, the account waits (a
 * page's call shows it: its message says when to try again).
 */
export class RequestBudgetSpent extends BalanceError {
  /** When the oldest request leaves the window, so a slot is free again (epoch ms). */
  readonly until: number;

  constructor(provider: Provider, limit: RateLimit, until: number, now: number) {
    const waitMs = Math.max(0, until - now);
    super({
      kind: 'rate-limited',
      message: plural(
        Math.max(1, Math.ceil(waitMs / 1000)),
        { one: 'engine_request_budget_one', other: 'engine_request_budget_other' },
        [provider.displayName, String(limit.calls), String(Math.round(limit.perMs / 1000))],
      ),
      retryAfterMs: waitMs,
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

/**
 * Longest a slot taken waits to be stored: the slots of requests sent meanwhile share a write.
 * Half a second: a round of 200 accounts at 50 ms latency (under a second) then writes the log
 * twice and at its end, instead of 16 read-and-writes of session storage between its requests
 * (issue 17). Only a worker stopped within that half second loses its last slots, and a round's
 * requests keep its worker alive.
 */
const SAVE_WINDOW_MS = 500;

/** A slot the round took and has not stored yet. */
interface Slot {
  key: string;
  perMs: number;
  at: number;
}

/**
 * The times with one more, oldest first (a page's slot and a round's may come in out of order):
 * `admit` reads when a slot frees up from that order.
 */
function sentWith(sentAt: readonly number[] | undefined, at: number): number[] {
  return [...(sentAt ?? []), at].sort((a, b) => a - b);
}

/** The log with this slot added. */
function withSlot(log: RequestLog, { key, perMs, at }: Slot): RequestLog {
  return { ...log, [key]: { perMs, sentAt: sentWith(log[key]?.sentAt, at) } };
}

/** The stored log with these slots added, and what left its window forgotten on the way. */
function withSlots(log: RequestLog, slots: readonly Slot[], now: number): RequestLog {
  const next: RequestLog = {};
  for (const [key, entry] of Object.entries(log)) {
    const sentAt = entry.sentAt.filter((at) => at > now - entry.perMs && at <= now);
    if (sentAt.length > 0) next[key] = { perMs: entry.perMs, sentAt };
  }
  for (const { key, perMs, at } of slots) {
    next[key] = { perMs, sentAt: sentWith(next[key]?.sentAt, at) };
  }
  return next;
}

/**
 * What a page's call must know of the round running beside it (in the same worker: only one
 * runs at a time): the slots the round took and has not stored yet, and a way to tell the
 * round of the page's own slot, since the round decides from its memory.
 */
interface OpenRound {
  unstored(): readonly Slot[];
  note(slot: Slot): void;
}

/** The rounds that have read the log and not yet stored their last slot. */
const openRounds = new Set<OpenRound>();

/**
 * One round's request slots. One round runs at a time (refresh.ts's single flight in a worker,
 * the round lease across workers), so the round decides its slots in memory: against the log
 * as read at its first request, plus every slot it took since. The slots are stored as the
 * requests go out, at most SAVE_WINDOW_MS after each, by one write carrying every slot taken
 * meanwhile (the stored log read and changed under the writer's lock), and `close` stores the
 * rest: the next round, or a worker started again within the minute, counts them all. A
 * request no longer waits for a storage round trip, which a round of 50 Xoxoday accounts paid
 * 13 times in a row. A page's call meanwhile (createCallBudget) decides under the writer's lock,
 * where the round reads the log and stores its slots: it counts the slots the round has not
 * stored, and notes its own in the round's memory.
 */
export function createRoundBudget(now: () => number) {
  let current: RequestLog | undefined;
  let loading: Promise<void> | undefined;
  let unsaved: Slot[] = [];
  let saving: Promise<void> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Each caller's key, hashed once a round: accounts on one token, and every call of a round,
  // share it (a Web Crypto digest each time put a task between a response and the next request).
  const keys = new Map<string, Promise<string>>();

  // A page's call sees the unstored slots here, so they leave `unsaved` only once written, in
  // the same locked section: a slot is in the stored log or here, never in both or neither.
  const round: OpenRound = {
    unstored: () => unsaved,
    note(slot) {
      if (current) current = withSlot(current, slot);
    },
  };

  async function writeUnsaved(): Promise<void> {
    while (unsaved.length > 0) {
      await lockRequestBudget(async (stored, write) => {
        const slots = [...unsaved];
        await write(withSlots(stored, slots, now()));
        // A failed write keeps them for the next write (or close): never dropped unstored.
        unsaved = unsaved.slice(slots.length);
      });
    }
  }

  function save(): Promise<void> {
    saving ??= writeUnsaved().finally(() => {
      saving = undefined;
    });
    return saving;
  }

  async function load(): Promise<RequestLog> {
    // Under the lock: a page's slot stored before is read here, and one decided after is noted.
    loading ??= lockRequestBudget(async (log) => {
      current ??= log;
      openRounds.add(round);
    }).catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    await loading;
    return current as RequestLog;
  }

  return {
    /** Whose requests count together (callerKey), worked out once per caller in a round. */
    keyOf(provider: Provider, limit: RateLimit, baseUrl: string, caller: unknown): Promise<string> {
      const memo = `${provider.id}\n${baseUrl}\n${limit.caller}\n${String(caller ?? '')}`;
      let key = keys.get(memo);
      if (!key) {
        key = callerKey(provider, limit, baseUrl, caller);
        keys.set(memo, key);
      }
      return key;
    },
    /** A slot for `key` at `at` (null), or when one frees up; a slot taken is stored as it goes. */
    async take(key: string, limit: RateLimit, at: number): Promise<number | null> {
      // The log as it is after the wait: calls that waited for the same load each admit
      // against the slots the others took (`current ?? await load()` admitted every one of
      // them against the log as loaded, so a burst on one token went over the limit).
      let sentAt = at;
      if (current === undefined) {
        await load();
        // A page's slot noted during the wait is later than `at`, and admit counts none later.
        sentAt = Math.max(at, now());
      }
      const result = admit(current as RequestLog, key, limit, sentAt);
      if (result.heldUntil !== null) return result.heldUntil;
      current = result.log;
      unsaved.push({ key, perMs: limit.perMs, at: sentAt });
      timer ??= setTimeout(() => {
        timer = undefined;
        save().catch((error: unknown) => console.error('[balance-watch] request budget', error));
      }, SAVE_WINDOW_MS);
      return null;
    },
    /** Once every slot taken is stored (a failed write is tried once more here). */
    async close(): Promise<void> {
      clearTimeout(timer);
      timer = undefined;
      try {
        await saving?.catch(() => undefined);
        if (unsaved.length > 0) await save();
      } finally {
        openRounds.delete(round);
      }
    },
  };
}

export type RoundBudget = ReturnType<typeof createRoundBudget>;

/** Where one call's requests take their slots: the round's budget, or a page call's. */
type SlotSource = Pick<RoundBudget, 'keyOf' | 'take'>;

/**
 * The slots of one call made for a page (Test connection, discovery), in the rounds' log: same
 * caller key, so a test and a round on one token count together. Pages' calls are few, so each
 * slot is decided and stored in one section under the writer's lock, against the stored log
 * and the slots an open round has not stored yet; the round is told of it before the write.
 */
export function createCallBudget(now: () => number): SlotSource {
  return {
    keyOf: callerKey,
    take: (key, limit) =>
      lockRequestBudget(async (stored, write) => {
        // The time under the lock: every round slot it must count was taken before it.
        const at = now();
        const rounds = [...openRounds];
        const seen = withSlots(
          stored,
          rounds.flatMap((open) => open.unstored()),
          at,
        );
        const { heldUntil } = admit(seen, key, limit, at);
        if (heldUntil !== null) return heldUntil;
        const slot = { key, perMs: limit.perMs, at };
        for (const open of rounds) open.note(slot);
        await write(withSlots(stored, [slot], at));
        return null;
      }),
  };
}

/**
 * The HTTP client for one call, a round's account or a page's test: the given one, with a slot
 * taken before every request when the provider has a limit. `credentials` are those the call
 * starts with.
 */
export function withRequestBudget(
  http: KyInstance,
  provider: Provider,
  call: { baseUrl: string; credentials: Record<string, unknown>; budget: SlotSource },
  now: () => number,
): KyInstance {
  const limit = provider.rateLimit;
  if (!limit) return http;
  return http.extend({
    hooks: {
      beforeRequest: [
        async () => {
          // Hashed on the first request (a call that never sends one never hashes).
          const caller = await call.budget.keyOf(
            provider,
            limit,
            call.baseUrl,
            call.credentials[limit.caller],
          );
          const at = now();
          const heldUntil = await call.budget.take(caller, limit, at);
          // lib/providers/http.ts never retries a BalanceError: the request is simply not sent.
          if (heldUntil !== null) throw new RequestBudgetSpent(provider, limit, heldUntil, at);
        },
      ],
    },
  });
}
