/** A small web server on 127.0.0.1 for tests that fetch links: routes are plain handlers set per test. */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Route = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export class TestWebServer {
  readonly routes = new Map<string, Route>();
  /** Paths requested, in order. */
  readonly requested: string[] = [];
  private server?: http.Server;
  private readonly sockets = new Set<Socket>();
  port = 0;

  url(pathname: string): string {
    return `http://127.0.0.1:${this.port}${pathname}`;
  }

  /** Serves `body` with `type` at `pathname`. */
  page(pathname: string, body: string, type = 'text/html; charset=utf-8', headers: Record<string, string> = {}): this {
    this.routes.set(pathname, (_req, res) => {
      res.writeHead(200, { 'content-type': type, ...headers });
      res.end(body);
    });
    return this;
  }

  redirect(pathname: string, location: string, status = 302): this {
    this.routes.set(pathname, (_req, res) => {
      res.writeHead(status, { location });
      res.end();
    });
    return this;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      this.requested.push(pathname);
      const route = this.routes.get(pathname);
      if (route) route(req, res);
      else {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
      }
    });
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** A test article page: a headline, a site name, a date, a canonical link and a few paragraphs with a quote. */
export function articlePage(options: { title: string; site: string; published: string; canonical?: string; paragraphs: string[] }): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${options.title} | ${options.site}</title>
<meta property="og:site_name" content="${options.site}">
<meta property="article:published_time" content="${options.published}">
${options.canonical ? `<link rel="canonical" href="${options.canonical}">` : ''}
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>${options.title}</h1>
${options.paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
</article><footer>Subscribe to our newsletter.</footer></body></html>`;
}
