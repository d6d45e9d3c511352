/** `extract <file or article id> --json`: everything newsdesk understood of one article, offsets into the file's text. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { listCorpusFiles, loadFile } from './corpus/load.ts';
import { extractArticle } from './knowledge/extract.ts';

export type ExtractResult = Record<string, unknown>;

/** What `extract` prints for one file or article id: everything understood of it, or `{ error }`. */
export async function extractResult(words: string[], corpusDir: string): Promise<ExtractResult | { error: string }> {
  const target = words.filter((w) => w !== '--pretty').join(' ').trim();
  if (!target) return { error: 'Usage: extract <file or article id>' };
  let dir: string;
  let file: string;
  if (existsSync(target)) {
    dir = path.dirname(path.resolve(target));
    file = path.basename(target);
  } else {
    dir = corpusDir;
    const files = existsSync(corpusDir) ? await listCorpusFiles(corpusDir) : [];
    const match = files.find((f) => path.basename(f, path.extname(f)) === target || f === target);
    if (!match) return { error: `No file or article "${target.slice(0, 200)}" in ${corpusDir}.` };
    file = match;
  }
  const loaded = await loadFile(dir, file);
  if (!loaded.article) return { error: `${file}: ${loaded.warning?.message ?? 'could not be read'}` };
  const a = loaded.article;
  const k = extractArticle(a);
  return {
    article: a.id,
    file: a.file,
    metadata: { title: a.title, source: a.source, published: a.published, url: a.url, author: a.author, paragraphs: a.paragraphs.length },
    quotes: k.quotes.map((q) => ({ text: q.text, speaker: q.speaker, speakerKind: q.speakerKind, speakerMention: q.speakerMention, cue: q.cue, partial: q.partial, paragraph: q.paragraph, start: q.start, end: q.end })),
    entities: k.entities.map((e) => ({ canonical: e.canonical, kind: e.kind, variants: e.variants, roles: e.roles, mentions: e.mentions })),
    dates: k.dates.map((d) => ({ text: d.text, start: d.start, end: d.end, value: d.value, precision: d.precision, approximate: d.approximate, paragraph: d.paragraph, sentence: d.sentence })),
    ...(loaded.warning ? { warning: loaded.warning.message } : {}),
  };
}

/** `extract` run alone: prints the result as one JSON line (indented with --pretty); 1 on an error, 2 without a target. */
export async function extractCommand(words: string[], corpusDir: string): Promise<number> {
  if (!words.some((w) => w !== '--pretty')) {
    process.stderr.write('Usage: npm run -s cli -- extract <file or article id> --json\n');
    return 2;
  }
  const out = await extractResult(words, corpusDir);
  process.stdout.write(JSON.stringify(out, null, words.includes('--pretty') ? 2 : 0) + '\n');
  return 'error' in out ? 1 : 0;
}
