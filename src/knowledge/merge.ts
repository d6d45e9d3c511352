import type { Article } from '../corpus/types.ts';
import type { ArticleKnowledge, Entity } from './types.ts';

export interface MergedEntities {
  entities: Entity[];
  /** `${articleId}\u0000${articleCanonical}` → global entity id */
  idOf: Map<string, string>;
}

/** Merges the entities of every article into corpus-wide entities. (placeholder: one entity per article canonical) */
export function mergeEntities(perArticle: ArticleKnowledge[], articles: Map<string, Article>): MergedEntities {
  void articles;
  const entities: Entity[] = [];
  const idOf = new Map<string, string>();
  const byName = new Map<string, Entity>();
  for (const k of perArticle) {
    for (const e of k.entities) {
      let g = byName.get(e.canonical);
      if (!g) {
        g = { id: `e${byName.size}`, canonical: e.canonical, kind: e.kind, variants: [], roles: [], articles: [], mentions: 0 };
        byName.set(e.canonical, g);
        entities.push(g);
      }
      for (const v of e.variants) if (!g.variants.includes(v)) g.variants.push(v);
      g.roles.push(...e.roles);
      if (!g.articles.includes(k.article)) g.articles.push(k.article);
      g.mentions += e.mentions;
      idOf.set(`${k.article}\u0000${e.canonical}`, g.id);
    }
  }
  return { entities, idOf };
}
