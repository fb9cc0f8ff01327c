import type { IncomingMessage, ServerResponse } from 'node:http';
import { stringifyJson } from './json';

/** What a route answers; the server writes it (or a fault replaces it). */
export interface Reply {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

export function jsonReply(status: number, value: unknown, headers?: Record<string, string>): Reply {
  return {
    status,
    contentType: 'application/json; charset=utf-8',
    body: stringifyJson(value),
    headers,
  };
}

export function textReply(status: number, text: string, headers?: Record<string, string>): Reply {
  return { status, contentType: 'text/plain; charset=utf-8', body: text, headers };
}

export function htmlReply(status: number, html: string): Reply {
  return { status, contentType: 'text/html; charset=utf-8', body: html };
}

/**
 * The real APIs promise no CORS; the simulator does, so an extension page or worker can call
 * 127.0.0.1 without a host permission. Request headers are echoed so new auth headers just work.
 */
export function corsHeaders(req: IncomingMessage): Record<string, string> {
  const requested = req.headers['access-control-request-headers'];
  return {
    'access-control-allow-origin': req.headers.origin ?? '*',
    'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
    'access-control-allow-headers':
      typeof requested === 'string' && requested
        ? requested
        : 'authorization, content-type, wix-site-id, x-cap-api-oauth-token',
    'access-control-expose-headers': 'retry-after',
    'access-control-max-age': '600',
    // Chrome's Private Network Access asks this of loopback targets.
    'access-control-allow-private-network': 'true',
    vary: 'origin',
  };
}

export function writeReply(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, {
    ...corsHeaders(req),
    'content-type': reply.contentType,
    'cache-control': 'no-store',
    ...reply.headers,
  });
  res.end(reply.body);
}
