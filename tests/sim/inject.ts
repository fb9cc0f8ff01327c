import type { Fault } from './faults';
import { htmlReply, type Reply } from './reply';
import type { PathParams, ProviderErrors, SimRequest } from './route';

export type FaultEffect =
  | { kind: 'reply'; reply: Reply }
  /** Answer normally (after the latency already waited out). */
  | { kind: 'continue' }
  | { kind: 'hang' }
  | { kind: 'reset' };

const LOGIN_PAGE =
  '<!doctype html><html><head><title>Sign in</title></head><body><h1>Sign in to continue</h1></body></html>';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Turns a fault into what the server does instead of (or before) the real answer. */
export async function applyFault(
  fault: Fault,
  errors: ProviderErrors,
  req: SimRequest,
  params: PathParams,
): Promise<FaultEffect> {
  switch (fault.type) {
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
