import type { Fault, RequestLimitFault } from './faults';
import { htmlReply, jsonReply, type Reply } from './reply';
import type { PathParams, ProviderErrors, SimRequest } from './route';

export type FaultEffect =
  | { kind: 'reply'; reply: Reply }
  /** Answer normally (after the latency already waited out). */
  | { kind: 'continue' }
  /** Answer with what this makes of the normal answer. */
  | { kind: 'transform'; apply: (answer: () => Reply) => Reply }
  | { kind: 'hang' }
  | { kind: 'reset' };

/** What a fault needs besides the request: the request-limit fault's count for this account. */
export interface FaultContext {
  /** Counts the request; the penalty seconds left when it is over the limit, else undefined. */
  admit(fault: RequestLimitFault): number | undefined;
}

/** The good answer cut down to its primary amount and unit, plus a field no one knows. */
function sparseReply(answer: Reply, errors: ProviderErrors, nulls: boolean): Reply {
  if (answer.status !== 200) return answer;
  const body = JSON.parse(answer.body) as Record<string, unknown>;
  return jsonReply(200, { ...(errors.sparse(body, nulls) as object), simUnknownField: { x: 1 } });
}

const LOGIN_PAGE =
  '<!doctype html><html><head><title>Sign in</title></head><body><h1>Sign in to continue</h1></body></html>';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Turns a fault into what the server does instead of (or before) the real answer. */
export async function applyFault(
  fault: Fault,
  errors: ProviderErrors,
  req: SimRequest,
  params: PathParams,
  context: FaultContext,
): Promise<FaultEffect> {
  switch (fault.type) {
    case 'request-limit': {
      const penalty = context.admit(fault);
      if (penalty === undefined) return { kind: 'continue' };
      return { kind: 'reply', reply: errors.overLimit(penalty, fault.status) };
    }
    case 'documented': {
      const documented = errors.documented[fault.name];
      if (!documented) throw new Error(`no documented answer ${fault.name}`);
      return { kind: 'transform', apply: (answer) => documented(answer, fault.status) };
    }
    case 'sparse':
      return { kind: 'transform', apply: (answer) => sparseReply(answer(), errors, fault.nulls) };
    case 'latency':
      await sleep(fault.ms + Math.floor(Math.random() * (fault.jitterMs + 1)));
      return { kind: 'continue' };
    case 'timeout':
      return { kind: 'hang' };
    case 'reset':
      return { kind: 'reset' };
    case 'server-error':
      return { kind: 'reply', reply: errors.server(fault.status ?? errors.defaultServerStatus) };
    case 'rate-limit':
      return { kind: 'reply', reply: errors.rateLimited(fault.retryAfterSeconds) };
    case 'html':
      return { kind: 'reply', reply: htmlReply(200, LOGIN_PAGE) };
    case 'malformed-json':
      return {
        kind: 'reply',
        reply: {
          status: 200,
          contentType: 'application/json; charset=utf-8',
          body: '{"data": {"balance": 12',
        },
      };
    case 'wrong-shape':
      return { kind: 'reply', reply: errors.wrongShape() };
    case 'not-found':
      return { kind: 'reply', reply: errors.notFound(req, params) };
    case 'unauthorized':
      return { kind: 'reply', reply: errors.unauthorized() };
  }
}
