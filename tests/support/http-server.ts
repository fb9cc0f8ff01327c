import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

/** What the code under test actually sent. */
interface RecordedRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Reply {
  status?: number;
  /** A string is sent as is (HTML pages, broken JSON); anything else as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Answer only after this long (timeouts). */
  delayMs?: number;
  /** Drop the connection without answering (network failures). */
  hangUp?: boolean;
}

export type Handler = (request: RecordedRequest, index: number) => Reply;

export interface TestServer {
  baseUrl: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 that records each request and answers with the handler. */
export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const reply = handler(recorded, requests.length - 1);
      if (reply.hangUp) {
        req.socket.destroy();
        return;
      }
      const send = () => writeReply(res, reply);
      if (reply.delayMs) setTimeout(send, reply.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * For a test file: returns `serve`, which starts a server like startServer, and registers an
 * afterEach that closes every server started during the test. Call it once, at the top level.
 */
export function serverPerTest(): (handler: Handler) => Promise<TestServer> {
  const servers: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  return async (handler) => {
    const server = await startServer(handler);
    servers.push(server);
    return server;
  };
}

function writeReply(res: ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  const isText = typeof reply.body === 'string';
  const payload = reply.body === undefined ? '' : isText ? reply.body : JSON.stringify(reply.body);
  res.writeHead(reply.status ?? 200, {
    'content-type': isText ? 'text/html; charset=utf-8' : 'application/json',
    ...reply.headers,
  });
  res.end(payload);
}

/** Answers the requests in order with these replies; the last one repeats. */
export function inOrder(...replies: Reply[]): Handler {
  return (_request, index) => replies[Math.min(index, replies.length - 1)] ?? { status: 500 };
}

/** A port nothing listens on: start a server, note its address, close it. */
export async function closedBaseUrl(): Promise<string> {
  const server = await startServer(() => ({}));
  await server.close();
  return server.baseUrl;
}

export function seed(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../fixtures/seeds/${name}`, import.meta.url), 'utf8'));
}
