/**
 * A briefing as a Markdown document: the "full briefing" file teams keep, and what the console
 * prints for `brief`. Citations are numbered per article ([1 ¶3]) with a Sources list at the end.
 * Every text from an article, a feed, a file or the user is escaped, so a Markdown viewer shows it as written and
 * links nothing it carries; the only links are the articles' vetted http(s) URLs.
 */
import type { Answer, AnswerItem, Citation } from '../answers/types.ts';
import { describeDate } from '../answers/dates.ts';
import { escapeText as esc, safeUrl } from './escape.ts';
import { shortDate } from './timeline.ts';

/** Numbers articles in the order they are first cited. */
export class SourceList {
  private readonly order = new Map<string, { n: number; citation: Citation }>();

  number(c: Citation): number {
    let e = this.order.get(c.article);
    if (!e) {
      e = { n: this.order.size + 1, citation: c };
      this.order.set(c.article, e);
    }
    return e.n;
  }

  /** `[1 ¶3][2 ¶5]` for an item and everyone who also reported it. */
  marks(item: AnswerItem): string {
    return [item.citation, ...(item.alsoCitedBy ?? [])].map((c) => `[${this.number(c)} ¶${c.paragraph}]`).join('');
  }

  entries(): Array<{ n: number; citation: Citation }> {
    return [...this.order.values()];
  }
}

/** One line describing a cited article: source, title, date, link (plain text: the caller escapes it). */
export function describeSource(c: Citation): string {
  const parts = [c.source ?? 'source unknown', c.title ? `"${c.title}"` : null, c.published ? describeDate(c.published) : 'undated', `file ${c.article}`];
  return parts.filter(Boolean).join(', ') + (c.url ? ` <${c.url}>` : '');
}

/** The Sources line of the Markdown file: the description escaped, then the vetted link (none for a bad URL). */
function sourceLine(c: Citation): string {
  const url = safeUrl(c.url);
  return esc(describeSource({ ...c, url: null })) + (url ? ` <${url}>` : '');
}

/** One line of outside text, escaped for Markdown. */
function oneLine(s: string): string {
  return esc(s.replace(/\s+/g, ' ').trim());
}

/** Renders a `brief` answer (or any answer with sections) as Markdown. */
export function renderBriefMarkdown(answer: Answer, options: { generatedAt?: Date } = {}): string {
  const out: string[] = [];
  const topic = answer.query.trim();
  out.push(`# Briefing: ${topic ? oneLine(topic) : 'the whole corpus'}`, '');
  if (answer.answer) out.push(`_${oneLine(answer.answer)}_`, '');
  if (options.generatedAt) out.push(`_Generated ${options.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC by newsdesk._`, '');
  if (!answer.sections?.length) {
    out.push(oneLine(answer.notice ?? 'Nothing to brief on.'), '');
    if (answer.suggestions?.length) out.push(oneLine(`Close terms: ${answer.suggestions.join(', ')}.`), '');
    return out.join('\n');
  }
  if (answer.notice) out.push(`> ${oneLine(answer.notice)}`, '');
  const sources = new SourceList();
  for (const section of answer.sections) {
    out.push(`## ${oneLine(section.title)}`, '');
    section.items.forEach((item, i) => {
      const marks = sources.marks(item);
      const speaker = oneLine(item.speaker ?? 'unattributed');
      const role = item.role ? oneLine(item.role) : '';
      if (section.kind === 'keyPoints') out.push(`${i + 1}. ${oneLine(item.text)} ${marks}`);
      else if (section.kind === 'people') out.push(`- **${speaker}**${role ? ` — ${role}` : ''} ${marks}  \n  _${oneLine(item.text)}_`);
      else if (section.kind === 'quotes') out.push(`> “${oneLine(item.text)}”${item.partial ? ' (partial)' : ''}  \n> — ${speaker}${role ? `, ${role}` : ''} ${marks}`, '');
      else if (section.kind === 'timeline') out.push(`- **${item.date ? shortDate(item.date) : 'undated'}** — ${oneLine(item.text)} ${marks}`);
      else out.push(`- ${oneLine(item.text)} ${marks}`);
    });
    for (const note of section.notes ?? []) out.push(`- _${oneLine(note)}_`);
    out.push('');
  }
  const entries = sources.entries();
  if (entries.length) {
    out.push('## Sources', '');
    for (const { n, citation } of entries) out.push(`${n}. ${sourceLine(citation)}`);
    out.push('');
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}

/** A file name for the full briefing: `briefing-thomas-west.md`. */
export function briefFileName(answer: Answer, ext = 'md'): string {
  const slug = answer.query.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'corpus';
  return `briefing-${slug}.${ext}`;
}
