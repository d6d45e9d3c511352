/**
 * Answer → Discord message payloads: embeds with cited excerpts, ◀ ▶ / context / share buttons, autocomplete choices.
 * Pure functions of plain data: every payload stays inside Discord's limits (see limits.ts), escapes text that came
 * from users or files, and allows no mentions.
 */
import { ButtonStyle, ComponentType } from 'discord.js';
import type {
  APIActionRowComponent,
  APIApplicationCommandOptionChoice,
  APIButtonComponentWithCustomId,
  APIEmbed,
} from 'discord.js';
import type { Article, Paragraph } from '../corpus/types.ts';
import type { Answer, AnswerItem, Citation } from '../answers/types.ts';
import { describeDate } from '../answers/dates.ts';
import { LIMITS, fitLabel, fitText, splitText } from './limits.ts';
import { escapeText, safeUrl } from './escape.ts';

/** Items shown per page of an answer. */
export const PAGE_SIZE = 5;

/** The brand colour of newsdesk embeds. */
export const EMBED_COLOR = 0x2b6cb0;

/** A message body for `reply`, `editReply`, `update` and `followUp` (discord.js accepts API-shaped components). */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  /** Nothing to parse: no `@everyone`, role or user mention in a reply ever pings anyone. */
  allowedMentions: { parse: [] };
}

export const NO_MENTIONS = Object.freeze({ parse: [] as [] });

// ---------------------------------------------------------------------------------------------------------------
// Escaping and emphasis

export { escapeText, safeUrl };

/** The text with the marked ranges in bold, everything escaped. Overlapping or out-of-range marks are tolerated. */
export function emphasise(text: string, marks: ReadonlyArray<readonly [number, number]> = []): string {
  const ranges = marks
    .map(([a, b]) => [Math.max(0, a), Math.min(text.length, b)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let out = '';
  let last = 0;
  for (const [a, b] of ranges) {
    const start = Math.max(a, last);
    if (b <= start) continue;
    out += escapeText(text.slice(last, start)) + `**${escapeText(text.slice(start, b))}**`;
    last = b;
  }
  // Adjacent bold runs ("**a****b**") would read as four asterisks: join them.
  return (out + escapeText(text.slice(last))).replace(/\*\*\*\*/g, '');
}

/** Wraps bare links of plain text (message content) in `<...>` so Discord shows no preview card. */
export function suppressLinkPreviews(text: string): string {
  return text.replace(/(^|[^<(\w])(https?:\/\/[^\s<>]+[^\s<>.,;:!?)"'”’])/g, '$1<$2>');
}

// ---------------------------------------------------------------------------------------------------------------
// Citations and items

/** How a citation's date reads: the ISO date when there is one, else words ("9 September (year unknown)"). */
function citationDate(published: string | null): string {
  return published && !published.startsWith('--') ? published : describeDate(published);
}

/** "Press TV · 2021-11-24 · ¶8 · [Title](url)": the title linked when the article has a URL. */
export function citationLine(c: Citation): string {
  const head = escapeText(`${fitLabel(c.source ?? 'source unknown', 80)} · ${citationDate(c.published)} · ¶${c.paragraph}`);
  const url = safeUrl(c.url);
  const title = c.title ? fitLabel(c.title, 120) : null;
  if (url) return `${head} · [${escapeText(title ?? 'link')}](${url})`;
  if (title) return `${head} · *${escapeText(title)}*`;
  return `${head} · ${escapeText(c.article)}`;
}

/** One item: number, date, excerpt (query terms bold), speaker, then its citation line(s). */
export function itemBlock(item: AnswerItem, n: number, maxText = Infinity): string {
  let text = item.text;
  let marks = item.marks ?? [];
  if (text.length > maxText) {
    text = fitText(text, Math.max(20, Math.floor(maxText)));
    const kept = text.endsWith('…') ? text.length - 1 : text.length;
    marks = marks.filter(([a]) => a < kept).map(([a, b]) => [a, Math.min(b, kept)] as [number, number]);
  }
  let body = emphasise(text, marks);
  if (item.speaker) {
    body = `“${body}”${item.partial ? ' (partial)' : ''} — **${escapeText(fitLabel(item.speaker, 100))}**`;
    if (item.role) body += `, ${escapeText(fitLabel(item.role, 100))}`;
  } else if (item.role) {
    body += ` — ${escapeText(fitLabel(item.role, 100))}`;
  }
  if (item.date) body = `**${escapeText(describeDate(item.date))}:** ${body}`;
  const lines = [`**${n}.** ${body}`, `└ ${citationLine(item.citation)}`];
  const also = item.alsoCitedBy ?? [];
  if (also.length) {
    const shown = also.slice(0, 3).map(citationLine).join('; ');
    lines.push(`  also reported by ${shown}${also.length > 3 ? ` and ${also.length - 3} more` : ''}`);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Button state: everything a button needs lives in its custom_id, so buttons work after a restart.

/** Version prefix of every newsdesk custom_id. */
export const ID_PREFIX = 'nd1';

/**
 * A reference to "the answer of command X with arguments Y": `ask|["How much did the US seize?"]`, or `~key` when
 * that is too long for a custom_id and the bot keeps it in memory instead (then it expires with a restart).
 */
export type AnswerRef = string;

/** Longest AnswerRef that fits in every button's custom_id (100 characters minus the longest prefix). */
export const MAX_REF = LIMITS.customId - `${ID_PREFIX}|cr|999|99|`.length;

export type ArgValue = string | number | boolean | null;

export function encodeRef(command: string, args: ArgValue[]): AnswerRef {
  return `${command}|${JSON.stringify(args)}`;
}

export function decodeRef(ref: AnswerRef): { command: string; args: ArgValue[] } | { key: string } | null {
  if (ref.startsWith('~')) return { key: ref.slice(1) };
  const bar = ref.indexOf('|');
  if (bar <= 0) return null;
  try {
    const args: unknown = JSON.parse(ref.slice(bar + 1));
    if (!Array.isArray(args) || !args.every((a) => a === null || ['string', 'number', 'boolean'].includes(typeof a))) return null;
    return { command: ref.slice(0, bar), args: args as ArgValue[] };
  } catch {
    return null;
  }
}

export type ButtonAction =
  /** Show page `page` of the answer `ref` (◀ ▶). */
  | { kind: 'page'; page: number; ref: AnswerRef }
  /** Post page `page` of the answer `ref` publicly. */
  | { kind: 'share'; page: number; ref: AnswerRef }
  /** Show the paragraphs around ¶`paragraph` of `article`; `n` keeps ids unique within a message. */
  | { kind: 'context'; n: number; article: string; paragraph: number }
  /** Show the context of item `index` (0-based) of the answer `ref` (when the article id is too long to carry). */
  | { kind: 'contextOf'; index: number; ref: AnswerRef };

/** The custom_id of a button, or null when it would exceed Discord's 100 characters. */
export function encodeButton(action: ButtonAction): string | null {
  let id: string;
  switch (action.kind) {
    case 'page':
      id = `${ID_PREFIX}|pg|${action.page}|${action.ref}`;
      break;
    case 'share':
      id = `${ID_PREFIX}|sh|${action.page}|${action.ref}`;
      break;
    case 'context':
      id = `${ID_PREFIX}|cx|${action.n}|${action.paragraph}|${action.article}`;
      break;
    case 'contextOf':
      id = `${ID_PREFIX}|cr|${action.index}|${action.ref}`;
      break;
  }
  return id.length <= LIMITS.customId ? id : null;
}

/** Reads a custom_id written by encodeButton; null for anything else (an old format, another bot's id). */
export function decodeButton(customId: string): ButtonAction | null {
  const parts = customId.split('|');
  if (parts[0] !== ID_PREFIX || parts.length < 4) return null;
  const int = (s: string | undefined) => (s !== undefined && /^\d{1,6}$/.test(s) ? Number(s) : null);
  const rest = (from: number) => parts.slice(from).join('|');
  switch (parts[1]) {
    case 'pg':
    case 'sh': {
      const page = int(parts[2]);
      if (page === null) return null;
      return { kind: parts[1] === 'pg' ? 'page' : 'share', page, ref: rest(3) };
    }
    case 'cx': {
      const n = int(parts[2]);
      const paragraph = int(parts[3]);
      if (n === null || paragraph === null || parts.length < 5) return null;
      return { kind: 'context', n, paragraph, article: rest(4) };
    }
    case 'cr': {
      const index = int(parts[2]);
      if (index === null) return null;
      return { kind: 'contextOf', index, ref: rest(3) };
    }
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Answers

export interface AnswerView {
  /** 0-based page; clamped to the pages there are. */
  page: number;
  /** A private (ephemeral) answer gets a "share" button. */
  private: boolean;
  /** How buttons find this answer again; null: no buttons that need it. */
  ref: AnswerRef | null;
  /** A line above the embed, e.g. "Shared by @someone" (mentions never ping). */
  content?: string;
}

interface Entry {
  item: AnswerItem;
  /** 0-based position in the whole answer. */
  index: number;
  section?: string;
}

interface PageSlice {
  entries: Entry[];
  /** Section notes that fall on this page. */
  notes: Array<{ section: string; notes: string[] }>;
}

/** The answer's items (top-level, then per section) cut into pages of PAGE_SIZE. */
function paginate(answer: Answer): PageSlice[] {
  const pages: PageSlice[] = [];
  let current: PageSlice | undefined;
  const page = (forItem: boolean): PageSlice => {
    if (!current || (forItem && current.entries.length >= PAGE_SIZE)) {
      current = { entries: [], notes: [] };
      pages.push(current);
    }
    return current;
  };
  let index = 0;
  for (const item of answer.items) page(true).entries.push({ item, index: index++ });
  for (const section of answer.sections ?? []) {
    for (const item of section.items) page(true).entries.push({ item, index: index++, section: section.title });
    if (section.notes?.length) page(false).notes.push({ section: section.title, notes: section.notes });
  }
  return pages.length ? pages : [{ entries: [], notes: [] }];
}

/** How many pages `renderAnswer` shows for this answer. */
export function pageCount(answer: Answer): number {
  return paginate(answer).length;
}

/** The answer's item at a 0-based index (top-level items first, then sections in order). */
export function itemAt(answer: Answer, index: number): AnswerItem | undefined {
  const all = answer.items.concat(...(answer.sections ?? []).map((s) => s.items));
  return all[index];
}

const COMMAND_LABELS: Record<string, string> = {
  ask: 'Ask',
  who: 'Who',
  when: 'When',
  quote: 'Quotes',
  sources: 'Sources',
  brief: 'Briefing',
};

/** A shrinkable part of an embed description. */
interface Block {
  /** Renders the block with its text cut to `cap` characters. */
  render: (cap: number) => string;
  cap: number;
  /** Never cut below this. */
  floor: number;
}

/**
 * Joins blocks into embed descriptions, shrinking the longest blocks first (at sentence or word breaks) until all fit
 * in `budget` characters and each block fits in one description.
 */
function packBlocks(blocks: Block[], budget: number, separator = '\n\n'): string[] {
  const maxBlock = LIMITS.embedDescription - 96;
  let rendered = blocks.map((b) => b.render(b.cap));
  const total = () => rendered.reduce((n, s) => n + s.length + separator.length, 0);
  for (let guard = 0; guard < 200; guard++) {
    const over = total() > budget;
    let worst = -1;
    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i]!;
      if (b.cap <= b.floor) continue;
      if (!over && rendered[i]!.length <= maxBlock) continue;
      if (worst < 0 || rendered[i]!.length > rendered[worst]!.length) worst = i;
    }
    if (worst < 0) break;
    const b = blocks[worst]!;
    b.cap = Math.max(b.floor, Math.floor(Math.min(b.cap, rendered[worst]!.length) * 0.75));
    rendered[worst] = b.render(b.cap);
  }
  // Last resort (only when floors alone exceed the budget): drop trailing blocks.
  while (rendered.length > 1 && total() > budget) rendered = rendered.slice(0, -1);
  const descriptions: string[] = [];
  let current = '';
  for (const piece of rendered.flatMap((r) => (r.length > maxBlock ? splitText(r, maxBlock) : [r]))) {
    if (current && current.length + separator.length + piece.length > LIMITS.embedDescription) {
      descriptions.push(current);
      current = piece;
    } else {
      current = current ? current + separator + piece : piece;
    }
  }
  if (current) descriptions.push(current);
  return descriptions;
}

function textBlock(text: string, wrap: (s: string) => string, floor = 60): Block {
  return { cap: text.length, floor: Math.min(floor, text.length), render: (cap) => wrap(escapeText(fitText(text, cap))) };
}

function button(customId: string | null, label: string, style: ButtonStyle.Primary | ButtonStyle.Secondary, disabled = false): APIButtonComponentWithCustomId | null {
  if (!customId) return null;
  return { type: ComponentType.Button, custom_id: customId, label: fitLabel(label, LIMITS.buttonLabel), style, disabled };
}

function row(buttons: Array<APIButtonComponentWithCustomId | null>): APIActionRowComponent<APIButtonComponentWithCustomId> | null {
  const kept = buttons.filter((b): b is APIButtonComponentWithCustomId => b !== null).slice(0, LIMITS.buttonsPerRow);
  return kept.length ? { type: ComponentType.ActionRow, components: kept } : null;
}

/** Sum of the characters Discord counts towards the 6,000 across the embeds of one message. */
export function embedsLength(embeds: APIEmbed[]): number {
  let n = 0;
  for (const e of embeds) {
    n += (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0);
    for (const f of e.fields ?? []) n += f.name.length + f.value.length;
  }
  return n;
}

/**
 * One page of an answer as a Discord message: the answer line, up to five cited items, notes and notice, with
 * ◀ ▶ buttons when there are more pages, a context button per item, and "share" on a private answer.
 */
export function renderAnswer(answer: Answer, view: AnswerView): DiscordMessage {
  const pages = paginate(answer);
  const pageIndex = Math.min(Math.max(0, Math.floor(view.page)), pages.length - 1);
  const slice = pages[pageIndex]!;
  const total = pages.reduce((n, p) => n + p.entries.length, 0);

  const label = COMMAND_LABELS[answer.command] ?? answer.command;
  const title = fitLabel(answer.query ? `${label}: ${answer.query}` : label, LIMITS.embedTitle - 40);
  const footer = pages.length > 1 ? `Page ${pageIndex + 1} of ${pages.length} · ${total} results` : '';

  const blocks: Block[] = [];
  if (answer.answer) blocks.push(textBlock(answer.answer, (s) => `**${s}**`));
  let section: string | undefined;
  for (const entry of slice.entries) {
    if (entry.section !== undefined && entry.section !== section) {
      section = entry.section;
      const heading = fitLabel(section, 200);
      blocks.push({ cap: heading.length, floor: heading.length, render: () => `__**${escapeText(heading)}**__` });
    }
    const item = entry.item;
    blocks.push({ cap: item.text.length, floor: Math.min(80, item.text.length), render: (cap) => itemBlock(item, entry.index + 1, cap) });
  }
  for (const { section: s, notes } of slice.notes) {
    const text = notes.map((n) => `• ${n}`).join('\n');
    blocks.push(textBlock(`${s}:\n${text}`, (x) => x));
  }
  if (answer.notice && pageIndex === 0) blocks.push(textBlock(answer.notice, (s) => `*${s}*`));
  if (!blocks.length) blocks.push({ cap: 0, floor: 0, render: () => 'Nothing found.' });

  const budget = LIMITS.embedsTotal - escapeText(title).length - footer.length - 200;
  const descriptions = packBlocks(blocks, budget).slice(0, LIMITS.embedsPerMessage);
  const embeds: APIEmbed[] = descriptions.map((description) => ({ description, color: EMBED_COLOR }));
  embeds[0]!.title = fitText(escapeText(title), LIMITS.embedTitle);
  if (footer) embeds[embeds.length - 1]!.footer = { text: footer };

  const components: DiscordMessage['components'] = [];
  if (view.ref) {
    const nav = row([
      ...(pages.length > 1
        ? [
            button(encodeButton({ kind: 'page', page: Math.max(0, pageIndex - 1), ref: view.ref }), '◀', ButtonStyle.Secondary, pageIndex === 0),
            button(encodeButton({ kind: 'page', page: Math.min(pages.length - 1, pageIndex + 1), ref: view.ref }) , '▶', ButtonStyle.Secondary, pageIndex === pages.length - 1),
          ]
        : []),
      view.private && total > 0 ? button(encodeButton({ kind: 'share', page: pageIndex, ref: view.ref }), 'Share', ButtonStyle.Primary) : null,
    ]);
    if (nav) components.push(nav);
  }
  // "Context" shows paragraphs around a passage; a sources listing has no passage to show around.
  if (answer.command !== 'sources') {
    const context = row(
      slice.entries.map((e) =>
        button(
          encodeButton({ kind: 'context', n: e.index + 1, article: e.item.citation.article, paragraph: e.item.citation.paragraph }) ??
            (view.ref ? encodeButton({ kind: 'contextOf', index: e.index, ref: view.ref }) : null),
          `Context ${e.index + 1}`,
          ButtonStyle.Secondary,
        ),
      ),
    );
    if (context) components.push(context);
  }
  return withContent({ embeds, components, allowedMentions: { parse: [] } }, view.content);
}

function withContent(message: DiscordMessage, content: string | undefined): DiscordMessage {
  if (content) message.content = fitText(suppressLinkPreviews(content), LIMITS.content);
  return message;
}

// ---------------------------------------------------------------------------------------------------------------
// Context, notices, choices

/** The paragraphs around one paragraph of an article (the "context" button), the focus paragraph marked. */
export function renderContext(article: Pick<Article, 'id' | 'title' | 'source' | 'published' | 'url'>, paragraphs: Paragraph[], focus: number): DiscordMessage {
  const title = fitText(escapeText(fitLabel(article.title ?? article.id, LIMITS.embedTitle)), LIMITS.embedTitle);
  const footer = fitLabel(`${article.source ?? 'source unknown'} · ${citationDate(article.published)} · ${article.id}`, 300);
  const blocks: Block[] = paragraphs.map((p) => ({
    cap: p.text.length,
    floor: Math.min(p.text.length, p.n === focus ? 600 : 120),
    render: (cap: number) => (p.n === focus ? `**¶${p.n}** ▸ ${escapeText(fitText(p.text, cap))}` : `¶${p.n} ${escapeText(fitText(p.text, cap))}`),
  }));
  if (!blocks.length) blocks.push({ cap: 0, floor: 0, render: () => 'Nothing to show.' });
  const descriptions = packBlocks(blocks, LIMITS.embedsTotal - title.length - footer.length - 100).slice(0, LIMITS.embedsPerMessage);
  const embeds: APIEmbed[] = descriptions.map((description) => ({ description, color: EMBED_COLOR }));
  embeds[0]!.title = title;
  const url = safeUrl(article.url);
  if (url) embeds[0]!.url = url;
  embeds[embeds.length - 1]!.footer = { text: footer };
  return { embeds, components: [], allowedMentions: { parse: [] } };
}

/** A short plain-text message (a polite error, an expired button): one line of content, no embed. */
export function renderNotice(text: string): DiscordMessage {
  return { content: fitText(suppressLinkPreviews(text), LIMITS.content), embeds: [], components: [], allowedMentions: { parse: [] } };
}

/**
 * Autocomplete rows → Discord choices: at most 25, names cut to 100 characters at a word, no empty or duplicate
 * ones. A value over 100 characters cannot be sent (and a cut one would ask something else): that row is skipped.
 */
export function toChoices(rows: ReadonlyArray<{ name: string; value: string }>): APIApplicationCommandOptionChoice<string>[] {
  const seen = new Set<string>();
  const choices: APIApplicationCommandOptionChoice<string>[] = [];
  for (const r of rows) {
    const name = fitLabel(r.name, LIMITS.choiceName);
    const value = r.value;
    if (!name || !value || value.length > LIMITS.choiceValue || seen.has(value)) continue;
    seen.add(value);
    choices.push({ name, value });
    if (choices.length >= LIMITS.choices) break;
  }
  return choices;
}
