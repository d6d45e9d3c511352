/**
 * Feed documents for tests, written here (RSS 2.0, Atom, JSON Feed), each item with its own made-up article text:
 * nothing copied from a real corpus.
 */
import type { Route } from './web-server.ts';

export interface TestItem {
  id: string;
  title: string;
  /** Absolute link to the item's page. */
  link: string;
  published: string;
  /** The item's full text as HTML paragraphs. */
  html: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function rss(title: string, items: TestItem[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>${esc(title)}</title><link>https://news.example/</link><description>Test feed</description>
${items
  .map(
    (i) => `<item><title>${esc(i.title)}</title><link>${esc(i.link)}</link><guid isPermaLink="false">${esc(i.id)}</guid>
<pubDate>${new Date(i.published).toUTCString()}</pubDate><description>${esc(i.html.slice(0, 80))}</description>
<content:encoded><![CDATA[${i.html}]]></content:encoded></item>`,
  )
  .join('\n')}
</channel></rss>`;
}

export function atom(title: string, items: TestItem[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>${esc(title)}</title><link href="https://news.example/"/><id>urn:test:${esc(title)}</id>
<updated>2026-11-29T00:00:00Z</updated>
${items
  .map(
    (i) => `<entry><title>${esc(i.title)}</title><link href="${esc(i.link)}"/><id>${esc(i.id)}</id><updated>${i.published}</updated>
<summary>${esc(i.html.slice(0, 80))}</summary><content type="html">${esc(i.html)}</content></entry>`,
  )
  .join('\n')}
</feed>`;
}

export function jsonFeed(title: string, items: TestItem[]): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title,
    home_page_url: 'https://news.example/',
    items: items.map((i) => ({ id: i.id, url: i.link, title: i.title, date_published: i.published, content_html: i.html })),
  });
}

/** A route serving a document, answering 304 to a matching If-None-Match (or, without one, If-Modified-Since). */
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
