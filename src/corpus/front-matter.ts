/** Optional YAML front matter at the top of `.md` and `.txt` files. */
import { parse } from 'yaml';

export interface FrontMatter {
  title?: string;
  source?: string;
  published?: string;
  url?: string;
  author?: string;
}

export interface SplitFrontMatter {
  meta: FrontMatter;
  /** Offset in the text where the body starts (0 without front matter). */
  bodyStart: number;
  /** Set when front matter was present but could not be read. */
  error?: string;
}

const FENCE = /^---[ \t]*\r?\n/;
const CLOSE = /\r?\n---[ \t]*(?:\r?\n|$)/;

function str(v: unknown): string | undefined {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.toISOString().slice(0, 10);
  if (typeof v === 'string' && v.trim()) return v.trim();
  if (typeof v === 'number') return String(v);
  return undefined;
}

/** An ISO date (or prefix) from front matter: `2021-11-08`, `2021-11-08T09:23:00Z`, `2021-11`, `2021`. */
export function isoPrefix(value: string | undefined): string | null {
  if (!value) return null;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value.trim());
  return m ? [m[1], m[2], m[3]].filter(Boolean).join('-') : null;
}

export function splitFrontMatter(text: string): SplitFrontMatter {
  const open = FENCE.exec(text);
  if (!open) return { meta: {}, bodyStart: 0 };
  const rest = text.slice(open[0].length);
  const close = CLOSE.exec(rest);
  if (!close) return { meta: {}, bodyStart: 0 };
  const bodyStart = open[0].length + close.index + close[0].length;
  try {
    const data = parse(rest.slice(0, close.index)) as Record<string, unknown> | null;
    if (!data || typeof data !== 'object') return { meta: {}, bodyStart };
    return {
      meta: {
        title: str(data.title),
        source: str(data.source),
        published: str(data.published ?? data.date),
        url: str(data.url),
        author: str(data.author),
      },
      bodyStart,
    };
  } catch (error) {
    return { meta: {}, bodyStart, error: `front matter is not valid YAML (${(error as Error).message.split('\n')[0]})` };
  }
}
