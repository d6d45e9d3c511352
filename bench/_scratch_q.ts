import { lexTags } from '../src/knowledge/quote-names.ts';
for (const w of ['south carolina','new york','new hampshire','virginia','south','carolina','democrat','republican','muslim','american','christian','catholic','sunday','tuesday','cnn','hampshire','texas','ohio','iowa','florida','georgia','nevada','washington','berea','israel','muslims','democrats','americans','jersey','new jersey','kentucky','wisconsin'])
  console.log(w, lexTags(w));
