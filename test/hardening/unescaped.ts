/** Finding what would ping or link in rendered text (shared by the fuzz and renderer tests). */

/**
 * What a Discord client or a Markdown viewer would turn into a ping or a link in `text`: an unescaped mention, a
 * masked link to anything but an allowed URL, or a bare URL outside such a link.
 */
export function unescapedProblems(text: string, allowed: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  // A backslash escapes the character after it: blank both (keeping offsets).
  const masked = text.replace(/\\[\s\S]/g, '\u0001\u0001');
  for (const m of masked.matchAll(/<@[!&]?\d+>|<#\d+>|<\/[^<>]+:\d+>|@everyone|@here/g)) problems.push(`mention ${JSON.stringify(m[0])}`);
  let rest = masked;
  for (const m of masked.matchAll(/\[[^\]]*\]\(\s*<?([^)>\s]*)>?[^)]*\)/g)) {
    const target = text.slice(m.index! + m[0].indexOf(m[1]!), m.index! + m[0].indexOf(m[1]!) + m[1]!.length);
    if (!allowed.has(target)) problems.push(`link to ${JSON.stringify(target.slice(0, 80))}`);
    rest = rest.slice(0, m.index!) + ' '.repeat(m[0].length) + rest.slice(m.index! + m[0].length);
  }
  for (const m of rest.matchAll(/<?[a-z][\w+.-]*:\/\/[^\s>]*/gi)) {
    if (!allowed.has(m[0].replace(/^</, ''))) problems.push(`bare link ${JSON.stringify(m[0].slice(0, 80))}`);
  }
  return problems;
}
