import type { IncomingHttpHeaders } from 'node:http';
import type { SimProviderId } from './data/schema';
import type { EndpointKind } from './faults';
import type { Reply } from './reply';
import type { SimState } from './state';

export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  text: string;
  /** The parsed body, or undefined when it was empty or not JSON. */
  json: unknown;
}

export type PathParams = Record<string, string>;

export interface Route {
  provider: SimProviderId;
  endpoint: EndpointKind;
  method: 'GET' | 'POST';
  pattern: RegExp;
  /** Which account the request is for, before auth is checked, so account faults can apply. */
  identify(req: SimRequest, params: PathParams, state: SimState): string | undefined;
  /**
   * For a request that reads several accounts at once (Wix List Balances): all of them. A fault
   * aimed at any of them hits the whole request, as one HTTP answer can only fail whole.
   */
  identifyAll?(req: SimRequest, params: PathParams, state: SimState): string[];
  handle(req: SimRequest, params: PathParams, state: SimState): Reply;
}

/** A documented answer; `answer` is what the route would have said, for those that build on it. */
type DocumentedReply = (answer: () => Reply, status?: number) => Reply;

/** Each provider's own error bodies, used by its routes and by the fault injector alike. */
export interface ProviderErrors {
  unauthorized(): Reply;
  server(status: number): Reply;
  defaultServerStatus: number;
  rateLimited(retryAfterSeconds: number): Reply;
  /** The answer over the provider's request limit; `status` replaces its HTTP status. */
  overLimit(penaltySeconds: number, status?: number): Reply;
  notFound(req: SimRequest, params: PathParams): Reply;
  /** Valid JSON that is not the balance shape. */
  wrongShape(): Reply;
  /** The good answer's body with only the primary amount and its unit (null the rest if asked). */
  sparse(body: Record<string, unknown>, nulls: boolean): unknown;
  /** The provider's other documented answers, by the name a `documented` fault gives. */
  documented: Record<string, DocumentedReply>;
}

export function header(req: SimRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
