/** Answer → readable terminal text with numbered citations. */
import type { Answer, AnswerItem, Citation } from '../answers/types.ts';
import { describeDate } from '../answers/dates.ts';
import { renderBriefMarkdown } from './brief-markdown.ts';

export interface TextStyle {
  /** Emphasis for the query terms (ANSI bold in a terminal, nothing in a pipe). */
  bold: (s: string) => string;
  dim: (s: string) => string;
}

export const PLAIN: TextStyle = { bold: (s) => s, dim: (s) => s };
export const ANSI: TextStyle = { bold: (s) => `\x1b[1m${s}\x1b[22m`, dim: (s) => `\x1b[2m${s}\x1b[22m` };

/**
 * Removes terminal control sequences from text that came from files or users: whole escape sequences first (CSI such
 * as `ESC[2J`, OSC such as a window title `ESC]0;…BEL`, and the other ESC forms), so nothing of them is printed, then
 * any control character left (tab and newline stay).
 */
export function safe(text: string): string {
  return text
    .replace(/(?:\u001b\]|\u009d)[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?/g, '')
    .replace(/(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?/g, '')
    .replace(/\u001b[PX^_][^\u001b\u009c]*(?:\u001b\\|\u009c)?/g, '')
    .replace(/\u001b[ -/]*[0-~]?/g, '')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

function marked(item: AnswerItem, style: TextStyle): string {
  const text = item.text;
  if (!item.marks?.length) return safe(text);
  let out = '';
  let last = 0;
  for (const [a, b] of item.marks) {
    out += safe(text.slice(last, a)) + style.bold(safe(text.slice(a, b)));
    last = b;
  }
  return out + safe(text.slice(last));
}

export function citationLine(c: Citation): string {
  const parts = [c.source ?? 'source unknown', c.published && !c.published.startsWith('--') ? c.published : describeDate(c.published), `¶${c.paragraph}`];
  const title = c.title ? ` · “${safe(c.title)}”` : '';
  return `${safe(parts.join(' · '))}${title} [${c.article}]${c.url ? ` <${c.url}>` : ''}`;
}

function itemLines(item: AnswerItem, n: number, style: TextStyle): string[] {
  const lead: string[] = [];
  if (item.date) lead.push(describeDate(item.date));
  let text = marked(item, style);
  if (item.speaker) text = `“${text}”${item.partial ? ' (partial)' : ''} — ${safe(item.speaker)}${item.role ? `, ${safe(item.role)}` : ''}`;
  else if (item.role) text = `${text} — ${safe(item.role)}`;
  const lines = [`[${n}] ${lead.length ? lead.join(' ') + ': ' : ''}${text}`, `    ${style.dim('— ' + citationLine(item.citation))}`];
  for (const c of item.alsoCitedBy ?? []) lines.push(`    ${style.dim('  also reported by ' + citationLine(c))}`);
  return lines;
}

export function renderText(answer: Answer, style: TextStyle = PLAIN): string {
  // A briefing reads best as the same Markdown document the team can keep.
  if (answer.sections?.length) return safe(renderBriefMarkdown(answer)).trimEnd();
  const lines: string[] = [];
  if (answer.answer) lines.push(safe(answer.answer));
  let n = 1;
  for (const item of answer.items) lines.push(...itemLines(item, n++, style));
  if (answer.notice) lines.push(style.dim(safe(answer.notice)));
  return lines.join('\n');
}
