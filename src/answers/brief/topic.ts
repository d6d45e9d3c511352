/** The topic of a briefing: the words of the query (with the other names of a person or group it names) and how much of it a text covers. */
import type { Entity } from '../../knowledge/types.ts';
import { processTerm, queryTerms, tokenize } from '../../search/text.ts';
import type { AnswerContext } from '../context.ts';

export interface Topic {
  query: string;
  /** Groups of processed terms: each group is one word of the query (with the aliases of a matched name). */
  groups: Array<{ terms: Set<string>; weight: number }>;
  /** All processed terms, for marking. */
  all: Set<string>;
  /** Entities the query names. */
  entities: Entity[];
}

export function termsOfText(text: string): Set<string> {
  const out = new Set<string>();
  for (const t of tokenize(text)) {
    for (const w of [t.word, ...t.word.split('-')]) {
      const p = processTerm(w);
      if (p) out.add(p);
    }
  }
  return out;
}

export function topicOf(ctx: AnswerContext, query: string): Topic | null {
  const terms = queryTerms(query);
  if (!terms.length) return null;
  // Names the topic mentions: every run of up to five of its words, looked up among the entities' name forms.
  const words = query.toLowerCase().split(/[^\p{L}\p{N}'’.-]+/u).filter(Boolean);
  const runs = new Set<string>();
  for (let i = 0; i < words.length; i++) for (let n = 1; n <= 5 && i + n <= words.length; n++) runs.add(words.slice(i, i + n).join(' '));
  const entities = ctx.entities.filter((e) => [e.canonical, ...e.variants].some((v) => v.length >= 3 && runs.has(v.toLowerCase().replace(/\s+/g, ' '))));
  const aliases = new Map<string, Set<string>>();
  for (const e of entities) {
    const forms = new Set<string>();
    for (const v of [e.canonical, ...e.variants]) for (const t of termsOfText(v)) forms.add(t);
    for (const t of forms) {
      if (!aliases.has(t)) aliases.set(t, new Set());
      for (const f of forms) aliases.get(t)!.add(f);
    }
  }
  const groups = terms.map((t) => ({ terms: new Set([t, ...(aliases.get(t) ?? [])]), weight: 1 }));
  const all = new Set(groups.flatMap((g) => [...g.terms]));
  return { query, groups, all, entities };
}

/** Share (0–1) of the topic's words a text covers, each word weighted by its rarity in the units. */
export function coverage(topic: Topic, terms: Set<string>): number {
  let total = 0;
  let got = 0;
  for (const g of topic.groups) {
    total += g.weight;
    if ([...g.terms].some((t) => terms.has(t))) got += g.weight;
  }
  return total ? got / total : 0;
}

