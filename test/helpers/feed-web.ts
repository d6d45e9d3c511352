/**
 * A tiny web server on 127.0.0.1 for tests: routes are functions of the request, changeable while it runs; every
 * request is recorded (method, path, headers) so a test can check what the client sent.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = (req: IncomingMessage, res: ServerResponse) => void;

export interface TestWebServer {
  url: (path: string) => string;
  routes: Map<string, Route>;
  requests: Array<{ path: string; headers: IncomingMessage['headers'] }>;
  close: () => Promise<void>;
}

export async function startWebServer(): Promise<TestWebServer> {
  const routes = new Map<string, Route>();
  const requests: TestWebServer['requests'] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push({ path, headers: req.headers });
    const route = routes.get(path);
    if (route) route(req, res);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    routes,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A route serving `body` with `type`, answering 304 to a matching If-None-Match or If-Modified-Since. */
export function conditional(get: () => { body: string; type: string; etag: string; modified: string }): Route {
  return (req, res) => {
    const doc = get();
    if (req.headers['if-none-match'] === doc.etag || (!req.headers['if-none-match'] && req.headers['if-modified-since'] === doc.modified)) {
      res.writeHead(304, { etag: doc.etag, 'last-modified': doc.modified }).end();
      return;
    }
    res.writeHead(200, { 'content-type': doc.type, etag: doc.etag, 'last-modified': doc.modified }).end(doc.body);
  };
}

export function page(html: string): Route {
  return (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
}
