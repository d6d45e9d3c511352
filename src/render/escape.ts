/**
 * Making outside text harmless in Discord messages and Markdown files: escaping markdown, mentions and links in
 * text from articles, feeds, files and users, and vetting URLs before they become link targets.
 */
import { fitText } from './limits.ts';

/**
 * Escapes Discord markdown and mention syntax in text that came from a user or a file, so it shows as written.
 * (Discord drops a backslash before any punctuation, so escaping too much is harmless; escaping too little is not.)
 */
export function escapeText(text: string): string {
  return (
    text
      // Control, zero-width and bidi-override characters can hide or reorder text: dropped.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g, '')
      .replace(/[\\*_~`|<>[\]@]/g, '\\$&')
      .replace(/^(\s*)([#>+-])/gm, '$1\\$2')
      .replace(/^(\s*\d+)([.)])/gm, '$1\\$2')
      // A URL written in the text shows as written but is no link: only vetted URLs (safeUrl) are linked.
      .replace(/:\/\//g, '\\://')
  );
}

/** A link target safe inside `[text](url)`: http(s) only, brackets and spaces percent-encoded. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return parsed.href.replace(/[()\s<>]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}

/** `escapeText(text)` cut to `max` characters at a word, never leaving a lone backslash before the "…". */
export function escapeFitted(text: string, max: number): string {
  const escaped = escapeText(text);
  if (escaped.length <= max) return escaped;
  return fitText(escaped, max).replace(/(^|[^\\])((?:\\\\)*)\\…$/, '$1$2…');
}
