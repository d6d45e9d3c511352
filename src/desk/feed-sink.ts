/**
 * Where the feed poller puts a workspace's new items: each item's page is fetched and added exactly as `/add url`
 * adds a link (src/desk/add-article.ts: the safe fetcher, Readability, front matter, duplicates by link and content);
 * when the page cannot be had, the feed's own text of the item is added instead, with the item's title, date and link.
 */
import { parseHTML } from 'linkedom';
import type { Article } from '../corpus/types.ts';
import type { FetchOptions } from '../net/fetch-url.ts';
import { addPrepared, findByLink, prepareFromParts, prepareFromUrl, type AddOutcome as DeskAddOutcome } from './add-article.ts';
import type { AddOutcome, FeedItemSink } from './feeds.ts';
import type { WorkspaceStore } from './store.ts';

const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre';

/** The paragraphs of an item's HTML (or plain) text, separated by blank lines. */
export function itemText(content: string): string {
  if (!/<[a-z!/][^>]*>/i.test(content)) return content.replace(/\r\n?/g, '\n').trim();
  const { document } = parseHTML(`<!doctype html><html><body>${content}</body></html>`);
  const blocks = [...document.querySelectorAll(BLOCKS)]
    .filter((el) => !el.querySelector(BLOCKS))
    .map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  if (blocks.length) return blocks.join('\n\n');
  return (document.body?.textContent ?? '').split(/\n\s*\n/).map((b) => b.replace(/\s+/g, ' ').trim()).filter(Boolean).join('\n\n');
}

function outcomeOf(outcome: DeskAddOutcome): AddOutcome {
  return outcome.status === 'added' ? { status: 'added', article: outcome.id } : { status: 'duplicate', article: outcome.existing.id };
}

export interface ArticleSinkOptions {
  /** The workspace's indexed articles now (for duplicates). */
  articles: () => Iterable<Article>;
  /** The address policy and limits for fetching item pages (NEWSDESK_ALLOW_PRIVATE_URLS, timeout). */
  fetch: FetchOptions;
}

export function articleSink(store: WorkspaceStore, options: ArticleSinkOptions): FeedItemSink {
  return {
    async addUrl(url, actor) {
      const known = findByLink(url, options.articles());
      if (known) return { status: 'duplicate', article: known.id };
      const prepared = await prepareFromUrl(url, { addedBy: actor, via: actor.id }, { fetch: options.fetch });
      return outcomeOf(await addPrepared(store, prepared, options.articles(), actor));
    },
    async addText(item, feed, actor) {
      const source = feed.title ?? new URL(feed.url).hostname.replace(/^www\./, '');
      const prepared = prepareFromParts(
        { title: item.title, source, published: item.published, url: item.link, text: itemText(item.content) },
        { addedBy: actor, via: actor.id },
      );
      return outcomeOf(await addPrepared(store, prepared, options.articles(), actor));
    },
  };
}
