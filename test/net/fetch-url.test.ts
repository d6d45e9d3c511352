/** The safe link fetcher against a local web server: redirects, limits, and private addresses refused. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchUrl, FetchError } from '../../src/net/fetch-url.ts';
import { TestWebServer } from '../helpers/web-server.ts';

describe('fetchUrl', () => {
  const web = new TestWebServer();
  const open = { allowPrivate: true };
  beforeAll(async () => {
    await web.start();
    web.page('/article', '<p>Hello</p>');
    web.redirect('/r1', '/r2').redirect('/r2', '/r3', 301).redirect('/r3', '/article', 307);
    for (let i = 0; i < 7; i++) web.redirect(`/loop${i}`, `/loop${i + 1}`);
    web.routes.set('/slow', () => undefined); // never answers
    web.routes.set('/endless', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = () => {
        while (res.write(chunk)) if (res.destroyed) return;
        res.once('drain', pump);
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
    });
    web.routes.set('/gzip', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      res.end(gzipSync('<p>zipped</p>'));
    });
    web.routes.set('/conditional', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304, { etag: '"v1"' });
        res.end();
      } else {
        res.writeHead(200, { etag: '"v1"', 'content-type': 'application/rss+xml' });
        res.end('<rss/>');
      }
    });
  });
  afterAll(() => web.stop());

  it('follows a redirect chain and says where it ended', async () => {
    const r = await fetchUrl(web.url('/r1'), open);
    expect(r.status).toBe(200);
    expect(r.url).toBe(web.url('/article'));
    expect(r.redirects).toHaveLength(3);
    expect(r.body.toString()).toBe('<p>Hello</p>');
  });

  it('stops after 5 redirects', async () => {
    await expect(fetchUrl(web.url('/loop0'), open)).rejects.toMatchObject({ code: 'too-many-redirects' });
  });

  it('gives up on a slow server and on an endless body', async () => {
    await expect(fetchUrl(web.url('/slow'), { ...open, timeoutMs: 300 })).rejects.toMatchObject({ code: 'timeout' });
    await expect(fetchUrl(web.url('/endless'), { ...open, maxBytes: 1024 * 1024 })).rejects.toMatchObject({ code: 'too-large' });
  });

  it('decompresses, and passes conditional-request headers through', async () => {
    expect((await fetchUrl(web.url('/gzip'), open)).body.toString()).toBe('<p>zipped</p>');
    const first = await fetchUrl(web.url('/conditional'), open);
    expect(first.headers.etag).toBe('"v1"');
    const again = await fetchUrl(web.url('/conditional'), { ...open, headers: { 'if-none-match': first.headers.etag! } });
    expect(again.status).toBe(304);
  });

  it('refuses loopback, private and metadata addresses without the flag, also behind a redirect', async () => {
    for (const url of [web.url('/article'), 'http://localhost:1/', 'http://10.0.0.1/', 'http://169.254.169.254/latest/meta-data', 'http://[::1]:1/', 'http://[::ffff:127.0.0.1]:1/']) {
      await expect(fetchUrl(url, { timeoutMs: 2000 }), url).rejects.toMatchObject({ code: 'blocked' });
    }
  });

  it('checks every redirect: an allowed server redirecting to a private address is refused at that hop', async () => {
    // The test server itself is let through by address; where it redirects to is checked on its own.
    const onlyTheTestServer = { allowAddresses: ['127.0.0.1'], timeoutMs: 2000 };
    expect((await fetchUrl(web.url('/article'), onlyTheTestServer)).status).toBe(200);
    for (const target of [`http://127.0.0.2:${web.port}/article`, `http://[::1]:${web.port}/article`, 'http://169.254.169.254/latest/meta-data/', 'http://192.168.1.1/']) {
      web.redirect('/to-private', target);
      const error = await fetchUrl(web.url('/to-private'), onlyTheTestServer).catch((e: unknown) => e);
      expect(error, target).toBeInstanceOf(FetchError);
      expect((error as FetchError).code, target).toBe('blocked');
    }
  });

  it('refuses a redirect to 127.0.0.1 from a server that is itself let through', async () => {
    // A server on the IPv6 loopback, allowed by address, redirecting to the IPv4 loopback (the test web server).
    const hop = http.createServer((_req, res) => {
      res.writeHead(302, { location: web.url('/article') });
      res.end();
    });
    await new Promise<void>((resolve) => hop.listen(0, '::1', resolve));
    try {
      const port = (hop.address() as AddressInfo).port;
      const before = web.requested.length;
      const error = await fetchUrl(`http://[::1]:${port}/story`, { allowAddresses: ['::1'], timeoutMs: 2000 }).catch((e: unknown) => e);
      expect((error as FetchError).code).toBe('blocked');
      expect(web.requested.length).toBe(before);
    } finally {
      await new Promise((resolve) => hop.close(resolve));
    }
  });

  it('refuses other schemes and credentials', async () => {
    await expect(fetchUrl('file:///etc/passwd')).rejects.toMatchObject({ code: 'bad-url' });
    await expect(fetchUrl('ftp://example.com/x')).rejects.toMatchObject({ code: 'bad-url' });
    await expect(fetchUrl('http://user:pw@example.com/')).rejects.toMatchObject({ code: 'bad-url' });
    await expect(fetchUrl('not a url')).rejects.toMatchObject({ code: 'bad-url' });
  });
});
