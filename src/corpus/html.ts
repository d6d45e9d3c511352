/** Main text and metadata of an HTML page saved from a browser, via Mozilla Readability over linkedom. */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { FrontMatter } from './front-matter.ts';

export interface HtmlArticle {
  /** The main text, one paragraph per block, separated by blank lines. */
  text: string;
  meta: FrontMatter;
}

const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre';

function metaContent(document: Document, selectors: string[]): string | undefined {
  for (const s of selectors) {
    const v = document.querySelector(s)?.getAttribute('content') ?? document.querySelector(s)?.getAttribute('href');
    if (v && v.trim()) return v.trim();
  }
  return undefined;
}

export function readHtml(html: string): HtmlArticle {
  const { document } = parseHTML(html);
  const meta: FrontMatter = {
    published: metaContent(document as unknown as Document, [
      'meta[property="article:published_time"]',
      'meta[name="date"]',
      'meta[itemprop="datePublished"]',
    ]) ?? document.querySelector('time[datetime]')?.getAttribute('datetime') ?? undefined,
    url: metaContent(document as unknown as Document, ['link[rel="canonical"]', 'meta[property="og:url"]']),
    source: metaContent(document as unknown as Document, ['meta[property="og:site_name"]']),
  };
  const parsed = new Readability(document as unknown as Document).parse();
  const { document: body } = parseHTML(`<html><body>${parsed?.content ?? ''}</body></html>`);
  let blocks = [...body.querySelectorAll(BLOCKS)]
    .filter((el) => !el.querySelector(BLOCKS))
    .map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  if (!blocks.length && parsed?.textContent) blocks = parsed.textContent.split(/\n\s*\n/).map((b) => b.replace(/\s+/g, ' ').trim()).filter(Boolean);
  meta.title = parsed?.title?.trim() || undefined;
  meta.author = parsed?.byline?.trim() || undefined;
  if (!meta.source && parsed?.siteName) meta.source = parsed.siteName;
  return { text: blocks.join('\n\n'), meta };
}
