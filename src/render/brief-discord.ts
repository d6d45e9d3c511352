/**
 * A briefing as one Discord message: one embed within Discord's limits (key points in the
 * description, the other sections as fields, sources last), buttons for the full briefing (a
 * Markdown file) and the timeline picture (a PNG), and those files when asked for.
 * Plain discord-api-types data: discord.js accepts it as message options as is. Every text from an article, a
 * feed, a file or the user is escaped (escape.ts); links come only from vetted http(s) URLs.
 */
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type APIEmbed, type APIEmbedField } from 'discord-api-types/v10';
import type { Answer, AnswerItem, AnswerOptions, SectionKind } from '../answers/types.ts';
import { describeSource, renderBriefMarkdown, briefFileName, SourceList } from './brief-markdown.ts';
import { escapeFitted, escapeText as esc, safeUrl } from './escape.ts';
import { fitLabel, fitText, LIMITS } from './limits.ts';
import { renderTimelinePng, shortDate, timelineEventsFromAnswer } from './timeline.ts';

export interface BriefFile {
  attachment: Buffer;
  name: string;
  description?: string;
}

export interface BriefMessage {
  embeds: APIEmbed[];
  components: Array<APIActionRowComponent<APIButtonComponent>>;
  files: BriefFile[];
}

export interface BriefDiscordOptions {
  /** Attach the full briefing as Markdown. */
  full?: boolean;
  /** Attach the timeline PNG (when there are dated events). */
  timeline?: boolean;
  /** Options the briefing was asked with, for the buttons to ask again. */
  request?: AnswerOptions;
}

/** Safety margin under Discord's 6,000-character total for one message's embeds. */
const TOTAL_BUDGET = LIMITS.embedsTotal - 200;

/** `brief:full|2021-11|2021-12|thomas west` — a button's custom id (≤ 100 chars), or null when the request does not fit. */
export function briefButtonId(kind: 'full' | 'timeline', query: string, options: AnswerOptions = {}): string | null {
  const id = `brief:${kind}|${options.since ?? ''}|${options.until ?? ''}|${query}`;
  return id.length <= LIMITS.customId ? id : null;
}

/** The request behind a button made by briefButtonId, or null for another button. */
export function parseBriefButtonId(id: string): { kind: 'full' | 'timeline'; query: string; options: AnswerOptions } | null {
  const m = /^brief:(full|timeline)\|([^|]*)\|([^|]*)\|(.*)$/s.exec(id);
  if (!m) return null;
  const options: AnswerOptions = {};
  if (m[2]) options.since = m[2];
  if (m[3]) options.until = m[3];
  return { kind: m[1] as 'full' | 'timeline', query: m[4], options };
}

function line(item: AnswerItem, section: SectionKind, sources: SourceList, maxText: number): string {
  const marks = sources.marks(item);
  const text = esc(fitText(item.text.replace(/\s+/g, ' ').trim(), maxText));
  const speaker = esc(fitLabel(item.speaker ?? 'unattributed', 100));
  switch (section) {
    case 'people':
      return `**${speaker}**${item.role ? ` — ${esc(fitText(item.role, 90))}` : ''} ${marks}`;
    case 'quotes':
      return `“${text}” — **${speaker}**${item.role ? `, ${esc(fitText(item.role, 60))}` : ''} ${marks}`;
    case 'timeline':
      return `**${item.date ? esc(shortDate(item.date)) : 'undated'}** ${text} ${marks}`;
    default:
      return `${text} ${marks}`;
  }
}

/** The embed title: the topic as typed, escaped. */
function briefTitle(answer: Answer): string {
  return escapeFitted(fitLabel(`Briefing: ${answer.query.trim() || 'the whole corpus'}`, LIMITS.embedTitle), LIMITS.embedTitle);
}

/** Builds the embed with every excerpt cut to `maxText` characters. */
function buildEmbed(answer: Answer, maxText: number, fieldMax: number = LIMITS.embedFieldValue, descriptionMax: number = LIMITS.embedDescription): APIEmbed {
  const sources = new SourceList();
  const sections = answer.sections ?? [];
  const key = sections.find((s) => s.kind === 'keyPoints');
  const description = [
    answer.answer ? `*${esc(answer.answer)}*` : '',
    ...(key?.items ?? []).map((item, i) => `${i + 1}. ${line(item, key!.kind, sources, maxText)}`),
  ]
    .filter(Boolean)
    .join('\n');
  const fields: APIEmbedField[] = [];
  for (const s of sections) {
    if (s === key) continue;
    const lines = [
      ...s.items.map((item) => `• ${line(item, s.kind, sources, Math.min(maxText, s.kind === 'timeline' ? 110 : maxText))}`),
      ...(s.notes ?? []).map((n) => `• *${esc(fitText(n, Math.max(120, maxText)))}*`),
    ];
    let value = '';
    for (const l of lines) {
      if ((value ? value.length + 1 : 0) + l.length > fieldMax) break;
      value += (value ? '\n' : '') + l;
    }
    if (value) fields.push({ name: escapeFitted(fitLabel(s.title, LIMITS.embedFieldName), LIMITS.embedFieldName), value });
  }
  const sourceLines = sources.entries().map(({ n, citation }) => {
    const label = esc(fitText(describeSource({ ...citation, url: null }), 110));
    const url = safeUrl(citation.url);
    return `${n}. ${url ? `[${label}](${url})` : label}`;
  });
  let sourcesValue = '';
  for (const l of sourceLines) {
    if ((sourcesValue ? sourcesValue.length + 1 : 0) + l.length > fieldMax) break;
    sourcesValue += (sourcesValue ? '\n' : '') + l;
  }
  if (sourcesValue) fields.push({ name: 'Sources', value: sourcesValue });
  return {
    title: briefTitle(answer),
    description: fitText(description, descriptionMax),
    fields: fields.slice(0, LIMITS.embedFields),
    footer: { text: 'Every line is quoted from the articles; [n ¶p] = source n, paragraph p.' },
  };
}

/** Characters Discord counts toward the 6,000 total. */
export function embedLength(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** The briefing as one Discord message within the limits (see module comment). */
export function renderBriefDiscord(answer: Answer, options: BriefDiscordOptions = {}): BriefMessage {
  if (!answer.sections?.length) {
    const text = [answer.notice ?? 'Nothing to brief on.', answer.suggestions?.length ? `Close terms: ${answer.suggestions.join(', ')}.` : ''].filter(Boolean).join('\n');
    return { embeds: [{ title: briefTitle(answer), description: escapeFitted(text, LIMITS.embedDescription) }], components: [], files: [] };
  }
  // Shorter excerpts first, then fewer lines per section, until the whole fits.
  let maxText = 320;
  let fieldMax: number = LIMITS.embedFieldValue;
  let descriptionMax: number = LIMITS.embedDescription;
  let embed = buildEmbed(answer, maxText);
  while (embedLength(embed) > TOTAL_BUDGET) {
    if (maxText > 120) maxText = Math.floor(maxText * 0.85);
    else if (fieldMax > 200) fieldMax = Math.floor(fieldMax * 0.85);
    else if (descriptionMax > 300) descriptionMax = Math.floor(descriptionMax * 0.85);
    else break;
    embed = buildEmbed(answer, maxText, fieldMax, descriptionMax);
  }
  const buttons: APIButtonComponent[] = [];
  const fullId = briefButtonId('full', answer.query, options.request);
  if (fullId && !options.full) buttons.push({ type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Full briefing (.md)', custom_id: fullId });
  const events = timelineEventsFromAnswer(answer);
  const timelineId = briefButtonId('timeline', answer.query, options.request);
  if (timelineId && events.length && !options.timeline) buttons.push({ type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Timeline picture', custom_id: timelineId });
  const files: BriefFile[] = [];
  if (options.full) files.push(briefMarkdownFile(answer));
  if (options.timeline && events.length) {
    const png = briefTimelineFile(answer);
    if (png) {
      files.push(png);
      embed.image = { url: `attachment://${png.name}` };
    }
  }
  return { embeds: [embed], components: buttons.length ? [{ type: ComponentType.ActionRow, components: buttons }] : [], files };
}

/** The full briefing as a Markdown attachment. */
export function briefMarkdownFile(answer: Answer, generatedAt = new Date()): BriefFile {
  return { attachment: Buffer.from(renderBriefMarkdown(answer, { generatedAt }), 'utf8'), name: briefFileName(answer, 'md'), description: 'Full briefing (Markdown)' };
}

/** The timeline picture as a PNG attachment, or null when the answer has no dated events. */
export function briefTimelineFile(answer: Answer): BriefFile | null {
  const events = timelineEventsFromAnswer(answer);
  if (!events.length) return null;
  const undated = (answer.sections?.find((s) => s.kind === 'timeline')?.notes ?? []).filter((n) => /^Undated/.test(n)).length;
  const png = renderTimelinePng(events, {
    title: `Timeline: ${answer.query.trim() || 'the whole corpus'}`,
    ...(undated ? { footnote: `${undated} undated article${undated === 1 ? '' : 's'} not shown` } : {}),
  });
  return { attachment: png, name: briefFileName(answer, 'png').replace(/^briefing-/, 'timeline-'), description: 'Timeline of dated events' };
}
