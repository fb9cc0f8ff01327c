import { jsonReply, type Reply } from './reply';
import type { SimRequest } from './route';

/**
 * The simulator's webhook receiver: stands in for Slack, Teams, Discord or any JSON endpoint, so
 * the extension's team channels can be pointed at `<sim>/webhooks/<name>` over loopback. It keeps
 * every POST it gets, and can answer the next N with a chosen status (a channel that was deleted:
 * 404; one that is overloaded: 503 or 429 with Retry-After).
 */

export const WEBHOOK_PREFIX = '/webhooks/';

/** Headers worth asserting on; the rest (host, connection...) are noise. */
const KEPT_HEADERS = ['content-type', 'user-agent', 'origin', 'authorization'];

export interface ReceivedWebhook {
  /** The path's last part: `/webhooks/team-a` is "team-a". */
  name: string;
  headers: Record<string, string>;
  /** The parsed JSON, or the text when it is not JSON. */
  body: unknown;
  /** ISO time it arrived (wall clock: deliveries happen in real time). */
  at: string;
  /** What the receiver answered. */
  status: number;
}

interface Failing {
  status: number;
  remaining: number;
  retryAfterSeconds?: number;
}

export interface WebhookFailInput {
  /** Only this receiver's deliveries; every name when absent. */
  name?: string;
  status: number;
  /** How many deliveries in a row get it (default 1). */
  times?: number;
  retryAfterSeconds?: number;
}

export class WebhookReceiver {
  #received: ReceivedWebhook[] = [];
  #failing = new Map<string, Failing>();
  #listeners = new Set<(entry: ReceivedWebhook) => void>();

  /** Calls `listener` with each delivery as it arrives (`npm run sim` prints them). */
  onReceive(listener: (entry: ReceivedWebhook) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Answers a POST to /webhooks/<name>; other methods get 405. */
  receive(req: SimRequest, now: number): Reply {
    const name = decodeURIComponent(req.path.slice(WEBHOOK_PREFIX.length));
    if (req.method !== 'POST') return jsonReply(405, { message: 'POST a JSON body' });
    const failing = this.#take(name);
    const status = failing?.status ?? 200;
    const entry: ReceivedWebhook = {
      name,
      headers: keptHeaders(req),
      body: req.json ?? req.text,
      at: new Date(now).toISOString(),
      status,
    };
    this.#received.push(entry);
    for (const listener of this.#listeners) listener(entry);
    if (!failing) return jsonReply(200, { ok: true });
    const headers =
      failing.retryAfterSeconds === undefined
        ? undefined
        : { 'retry-after': String(failing.retryAfterSeconds) };
    return jsonReply(status, { ok: false, message: `simulated ${status}` }, headers);
  }

  /** What arrived, oldest first; only `name`'s when given. */
  list(name?: string): ReceivedWebhook[] {
    return this.#received.filter((entry) => name === undefined || entry.name === name);
  }

  clear(): void {
    this.#received = [];
    this.#failing.clear();
  }

  failNext({ name, status, times = 1, retryAfterSeconds }: WebhookFailInput): void {
    if (!Number.isInteger(status) || status < 200 || status > 599) {
      throw new Error('status must be an HTTP status (200-599)');
    }
    this.#failing.set(name ?? '*', { status, remaining: times, retryAfterSeconds });
  }

  #take(name: string): Failing | undefined {
    const key = this.#failing.has(name) ? name : '*';
    const failing = this.#failing.get(key);
    if (!failing) return undefined;
    failing.remaining -= 1;
    if (failing.remaining <= 0) this.#failing.delete(key);
    return failing;
  }
}

function keptHeaders(req: SimRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = req.headers[name];
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** The receiver's control routes (under /__sim/): list, clear, fail the next deliveries. */
export function handleWebhookControl(
  route: string,
  req: SimRequest,
  receiver: WebhookReceiver,
): Reply | undefined {
  switch (route) {
    case 'GET /webhooks':
      return jsonReply(200, { received: receiver.list(req.query.get('name') ?? undefined) });
    case 'DELETE /webhooks':
      receiver.clear();
      return jsonReply(200, { ok: true });
    case 'POST /webhooks/fail': {
      const input = (req.json ?? {}) as WebhookFailInput;
      receiver.failNext(input);
      return jsonReply(200, { ok: true });
    }
    default:
      return undefined;
  }
}
