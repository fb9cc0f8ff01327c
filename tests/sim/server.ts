import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTROL_PREFIX, createControl, handleControl, type SimControl } from './control';
import { loadSimData, parseSimData } from './data/load';
import type { SimData, SimDataInput } from './data/schema';
import { applyFault } from './inject';
import type { LoggedRequest } from './log';
import { PROVIDER_ERRORS, ROUTES } from './providers';
import { corsHeaders, jsonReply, type Reply, writeReply } from './reply';
import type { PathParams, Route, SimRequest } from './route';
import { SimState } from './state';
import { WEBHOOK_PREFIX } from './webhooks';

export interface SimulatorOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Accounts to serve; the demo data set when absent. Validated either way. */
  data?: SimData | SimDataInput;
  /** The simulator's clock (epoch ms); balances decay and tokens expire by it. */
  now?: () => number;
}

export interface Simulator {
  /** e.g. http://127.0.0.1:8787, no trailing slash: the baseUrl for every account. */
  url: string;
  port: number;
  control: SimControl;
  close(): Promise<void>;
}

async function readRequest(req: IncomingMessage, url: URL): Promise<SimRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    text,
    json,
  };
}

function findRoute(req: SimRequest): { route: Route; params: PathParams } | Reply {
  let pathMatched = false;
  for (const route of ROUTES) {
    const match = route.pattern.exec(req.path);
    if (!match) continue;
    pathMatched = true;
    if (route.method === req.method) return { route, params: { ...match.groups } };
  }
  return pathMatched
    ? jsonReply(405, { message: 'Method not allowed' })
    : jsonReply(404, { message: `No simulated endpoint at ${req.path}` });
}

function logEntry(req: SimRequest, at: number): Omit<LoggedRequest, 'seq'> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return {
    at: new Date(at).toISOString(),
    method: req.method,
    path: req.path,
    query: Object.fromEntries(req.query),
    search: req.query.toString(),
    headers,
    body: req.json ?? (req.text || undefined),
    outcome: 'pending',
  };
}

async function handle(
  state: SimState,
  control: SimControl,
  raw: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const req = await readRequest(raw, new URL(raw.url ?? '/', 'http://sim.invalid'));
  if (req.method === 'OPTIONS') {
    state.log.add({
      ...logEntry(req, state.now()),
      endpoint: 'preflight',
      status: 204,
      outcome: 'answered',
    });
    res.writeHead(204, corsHeaders(raw));
    res.end();
    return;
  }
  if (req.path.startsWith(CONTROL_PREFIX)) {
    writeReply(raw, res, handleControl(req, control));
    return;
  }
  if (req.path.startsWith(WEBHOOK_PREFIX)) {
    // Team channel deliveries arrive in real time; they stay out of the providers' request log.
    writeReply(raw, res, control.webhooks.receive(req, Date.now()));
    return;
  }
  const entry = state.log.add(logEntry(req, state.now()));
  const found = findRoute(req);
  if (!('route' in found)) {
    Object.assign(entry, { endpoint: 'unknown', status: found.status, outcome: 'answered' });
    writeReply(raw, res, found);
    return;
  }
  const { route, params } = found;
  const accountId = route.identify(req, params, state);
  const accountIds = route.identifyAll?.(req, params, state);
  Object.assign(entry, { provider: route.provider, endpoint: route.endpoint, accountId });
  if (accountIds) entry.accountIds = accountIds;
  const routed: Routed = { route, params, accountId, accountIds, req };
  const reply = await answerWithFault(state, routed, entry, raw);
  if (reply === undefined) return;
  Object.assign(entry, { status: reply.status, outcome: 'answered' });
  writeReply(raw, res, reply);
}

interface Routed {
  route: Route;
  params: PathParams;
  accountId: string | undefined;
  accountIds: string[] | undefined;
  req: SimRequest;
}

/**
 * The route's answer, or what a fault makes of it; undefined when nothing is to be written (the
 * connection hangs, is reset, or the client left during the latency).
 */
async function answerWithFault(
  state: SimState,
  { route, params, accountId, accountIds, req }: Routed,
  entry: LoggedRequest,
  raw: IncomingMessage,
): Promise<Reply | undefined> {
  const answer = () => route.handle(req, params, state);
  const fault = state.faults.take(accountIds ?? accountId, route.provider, route.endpoint);
  if (!fault) return answer();
  entry.fault = fault.type;
  const effect = await applyFault(fault, PROVIDER_ERRORS[route.provider], req, params, {
    admit: (limit) =>
      state.limiter.admit(`${route.provider}:${accountId ?? '?'}`, limit, state.now()),
  });
  if (effect.kind === 'hang') {
    entry.outcome = 'no-answer';
    return undefined;
  }
  if (effect.kind === 'reset') {
    entry.outcome = 'reset';
    // An RST rather than a FIN, so the client sees ECONNRESET as a real reset would give.
    raw.socket.resetAndDestroy();
    return undefined;
  }
  if (raw.socket.destroyed) {
    // The client gave up during the latency; there is no one left to answer.
    entry.outcome = 'no-answer';
    return undefined;
  }
  if (effect.kind === 'reply') return effect.reply;
  if (effect.kind === 'transform') return effect.apply(answer);
  return answer();
}

/** Starts the simulator in this process; tests, `npm run sim` and the benchmark share it. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const { port = 0, host = '127.0.0.1', now = Date.now } = options;
  const data = options.data ? parseSimData(options.data) : loadSimData();
  const state = new SimState(data, now);
  let baseUrl = '';
  const control = createControl(state, () => baseUrl);
  const server = createServer((raw, res) => {
    handle(state, control, raw, res).catch((error: unknown) => {
      if (!res.headersSent) {
        writeReply(raw, res, jsonReply(500, { message: `simulator bug: ${String(error)}` }));
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  baseUrl = `http://${urlHost}:${address.port}`;
  return {
    url: baseUrl,
    port: address.port,
    control,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Hung (timeout-fault) requests would otherwise keep close() waiting forever.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
