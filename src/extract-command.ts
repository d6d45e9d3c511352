/** `extract <file or article id> --json`: everything newsdesk understood of one article, offsets into the file's text. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { listCorpusFiles, loadFile } from './corpus/load.ts';
import { extractArticle } from './knowledge/extract.ts';

export async function extractCommand(words: string[], corpusDir: string): Promise<number> {
  const target = words.join(' ').trim();
  if (!target) {
    process.stderr.write('Usage: npm run -s cli -- extract <file or article id> --json\n');
    return 2;
  }
  let dir: string;
  let file: string;
  if (existsSync(target)) {
    dir = path.dirname(path.resolve(target));
    file = path.basename(target);
  } else {
    dir = corpusDir;
    const files = existsSync(corpusDir) ? await listCorpusFiles(corpusDir) : [];
    const match = files.find((f) => path.basename(f, path.extname(f)) === target || f === target);
    if (!match) {
      process.stdout.write(JSON.stringify({ error: `No file or article "${target.slice(0, 200)}" in ${corpusDir}.` }) + '\n');
      return 1;
    }
    file = match;
  }
  const loaded = await loadFile(dir, file);
  if (!loaded.article) {
    process.stdout.write(JSON.stringify({ error: `${file}: ${loaded.warning?.message ?? 'could not be read'}` }) + '\n');
    return 1;
  }
  const a = loaded.article;
  const k = extractArticle(a);
  const out = {
    article: a.id,
    file: a.file,
    metadata: { title: a.title, source: a.source, published: a.published, url: a.url, author: a.author, paragraphs: a.paragraphs.length },
    quotes: k.quotes.map((q) => ({ text: q.text, speaker: q.speaker, speakerKind: q.speakerKind, speakerMention: q.speakerMention, cue: q.cue, partial: q.partial, paragraph: q.paragraph, start: q.start, end: q.end })),
    entities: k.entities.map((e) => ({ canonical: e.canonical, kind: e.kind, variants: e.variants, roles: e.roles, mentions: e.mentions })),
    dates: k.dates.map((d) => ({ text: d.text, start: d.start, end: d.end, value: d.value, precision: d.precision, approximate: d.approximate, paragraph: d.paragraph, sentence: d.sentence })),
    ...(loaded.warning ? { warning: loaded.warning.message } : {}),
  };
  process.stdout.write(JSON.stringify(out, null, words.includes('--pretty') ? 2 : 0) + '\n');
  return 0;
}
