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
import type { Workspace } from './workspaces.ts';

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

/**
 * A sink into a loaded workspace. Pages are fetched outside the workspace's turn; the duplicate check and the write
 * inside it (as /add does), against the indexed articles plus those added since the last re-index; `flush`
 * re-indexes once after a poll.
 */
export function articleSink(ws: Workspace, fetch: FetchOptions): FeedItemSink {
  const pending: Article[] = [];
  const articles = () => [...ws.desk.ctx.corpus.articles, ...pending];
  const add = (prepared: ReturnType<typeof prepareFromParts>, actor: Parameters<FeedItemSink['addUrl']>[1]) =>
    ws.exclusive(async () => {
      const outcome = await addPrepared(ws.store, prepared, articles(), actor);
      if (outcome.status === 'added') pending.push(outcome.article);
      return outcomeOf(outcome);
    });
  return {
    async addUrl(url, actor) {
      const known = findByLink(url, articles());
      if (known) return { status: 'duplicate', article: known.id };
      return add(await prepareFromUrl(url, { addedBy: actor, via: actor.id }, { fetch }), actor);
    },
    async addText(item, feed, actor) {
      const source = feed.title ?? new URL(feed.url).hostname.replace(/^www\./, '');
      const prepared = prepareFromParts(
        { title: item.title, source, published: item.published, url: item.link, text: itemText(item.content) },
        { addedBy: actor, via: actor.id },
      );
      return add(prepared, actor);
    },
    async flush() {
      await ws.exclusive(() => ws.refresh());
      pending.length = 0;
    },
  };
}
