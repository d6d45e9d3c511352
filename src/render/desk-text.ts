/** Terminal text for changes to a desk (the console and the CLI): what was added, removed, restored, and the log. */
import { describeDate } from '../answers/dates.ts';
import type { AddReport } from '../desk/operations.ts';
import type { ChangeEntry } from '../desk/store.ts';

export function addReportsText(reports: AddReport[]): string {
  return reports
    .map((r) => {
      if (r.outcome === 'duplicate') {
        return `Already there (${r.reason === 'link' ? 'same link' : 'same text'}): ${r.existing.title ?? r.existing.id} [${r.existing.id}] — nothing added.`;
      }
      const s = r.summary;
      const people = s.people.length ? s.people.slice(0, 8).join(', ') + (s.people.length > 8 ? ` and ${s.people.length - 8} more` : '') : 'none named';
      return [
        `Added: ${s.title ?? s.id} [${s.id}]`,
        `  ${s.source ?? 'source unknown'} · ${describeDate(s.published)}${s.url ? ` · ${s.url}` : ''}`,
        `  ${s.paragraphs} paragraph${s.paragraphs === 1 ? '' : 's'}, ${s.quotes} quote${s.quotes === 1 ? '' : 's'}; people: ${people}`,
        `  (undo: remove ${s.id})`,
      ].join('\n');
    })
    .join('\n');
}

export function changesText(changes: ChangeEntry[]): string {
  if (!changes.length) return 'No changes yet.';
  return changes.map((c) => `${c.at.slice(0, 16).replace('T', ' ')}  ${c.actor.name}  ${c.action}  ${c.target}${c.detail ? `  (${c.detail})` : ''}`).join('\n');
}
