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
  handle(req: SimRequest, params: PathParams, state: SimState): Reply;
}

/** Each provider's own error bodies, used by its routes and by the fault injector alike. */
export interface ProviderErrors {
  unauthorized(): Reply;
  server(status: number): Reply;
  defaultServerStatus: number;
  rateLimited(retryAfterSeconds: number): Reply;
  notFound(req: SimRequest, params: PathParams): Reply;
  /** Valid JSON that is not the balance shape. */
  wrongShape(): Reply;
}

export function header(req: SimRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
