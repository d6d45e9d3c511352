import { extractArticle } from '../src/knowledge/extract.ts';
import { handArticle } from '../test/helpers/article.ts';
const k = extractArticle(handArticle('KABUL (Reuters) - Foreign Minister Amir Khan Muttaki met Sen. Jane Doyle of Ohio in Los Angeles on Monday.', { published: '2021-11-10' }));
console.log(k.dates, k.entities.map(e=>e.canonical));
