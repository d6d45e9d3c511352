/**
 * Discord messages for changes to a desk: what /add understood (with an "undo" button), what /remove moved to the
 * trash (with a "restore" button), and the recent changes view of /sources. Text from files and users is escaped;
 * button ids carry only an article id or file name, checked again when clicked.
 */
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type APIEmbed } from 'discord.js';
import type { CommandMessage } from '../../commands/index.ts';
import { describeDate } from '../answers/dates.ts';
import type { AddReport } from '../desk/operations.ts';
import type { ChangeEntry } from '../desk/store.ts';
import { EMBED_COLOR, escapeText, safeUrl } from './discord.ts';
import { fitLabel, fitText, LIMITS } from './limits.ts';

/** custom_id prefixes of the desk buttons (owned by commands/add.ts and commands/remove.ts). */
export const UNDO_ADD_PREFIX = 'add|undo|';
export const RESTORE_PREFIX = 'remove|restore|';

function button(customId: string, label: string, style: ButtonStyle.Secondary | ButtonStyle.Danger | ButtonStyle.Primary): APIButtonComponent | null {
  return customId.length <= LIMITS.customId ? { type: ComponentType.Button, custom_id: customId, label, style } : null;
}

function rowOf(buttons: Array<APIButtonComponent | null>): Array<APIActionRowComponent<APIButtonComponent>> {
  const kept = buttons.filter((b): b is APIButtonComponent => !!b).slice(0, LIMITS.buttonsPerRow);
  return kept.length ? [{ type: ComponentType.ActionRow, components: kept }] : [];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The reply to /add: one embed per thing given (added, or already there), an undo button per article added. */
export function renderAddReports(reports: AddReport[]): CommandMessage {
  const embeds: APIEmbed[] = reports.map((r) => {
    const what = r.what === 'file' ? 'file' : 'link';
    if (r.outcome === 'duplicate') {
      return {
        color: EMBED_COLOR,
        title: fitText(`Already in this desk: ${escapeText(fitLabel(r.existing.title ?? r.existing.id, 200))}`, LIMITS.embedTitle),
        description: `That ${what} has ${r.reason === 'link' ? 'the same link as' : 'the same text as'} an article already here (\`${escapeText(r.existing.id)}\`): nothing was added.`,
      };
    }
    const s = r.summary;
    const people = s.people.length ? s.people.slice(0, 8).map((p) => escapeText(p)).join(', ') + (s.people.length > 8 ? ` and ${s.people.length - 8} more` : '') : 'none named';
    const embed: APIEmbed = {
      color: EMBED_COLOR,
      title: fitText(`Added: ${escapeText(fitLabel(s.title ?? s.id, 200))}`, LIMITS.embedTitle),
      description: `From the ${what}, I understood ${plural(s.paragraphs, 'paragraph')} and ${plural(s.quotes, 'quote')}. It answers /ask, /who, /when and /quote now.`,
      fields: [
        { name: 'Source', value: fitText(escapeText(s.source ?? 'unknown'), LIMITS.embedFieldValue), inline: true },
        { name: 'Date', value: describeDate(s.published), inline: true },
        { name: 'Paragraphs', value: String(s.paragraphs), inline: true },
        { name: 'Quotes', value: String(s.quotes), inline: true },
        { name: 'People', value: fitText(people, LIMITS.embedFieldValue), inline: false },
      ],
      footer: { text: fitLabel(`article ${s.id}`, 300) },
    };
    const url = safeUrl(s.url);
    if (url) embed.url = url;
    return embed;
  });
  const undo = reports.flatMap((r) => (r.outcome === 'added' ? [button(`${UNDO_ADD_PREFIX}${r.summary.id}`, reports.length > 1 ? fitLabel(`Undo: ${r.summary.title ?? r.summary.id}`, LIMITS.buttonLabel) : 'Undo', ButtonStyle.Secondary)] : []));
  return { embeds, components: rowOf(undo) };
}

/** After a removal (or an undone add): where the article went, and a button to bring it back. */
export function renderRemoved(removed: { id: string; title: string | null; file: string }, how: 'removed' | 'undone'): CommandMessage {
  const title = escapeText(fitLabel(removed.title ?? removed.id, 200));
  return {
    embeds: [
      {
        color: EMBED_COLOR,
        title: fitText(how === 'undone' ? `Undone: ${title}` : `Removed: ${title}`, LIMITS.embedTitle),
        description: `It no longer answers here. The file is kept in the desk's trash and can be restored.`,
        footer: { text: fitLabel(`article ${removed.id}`, 300) },
      },
    ],
    components: rowOf([button(`${RESTORE_PREFIX}${removed.file}`, 'Restore', ButtonStyle.Secondary)]),
  };
}

export function renderRestored(restored: { id: string; title: string | null }): CommandMessage {
  return {
    embeds: [{ color: EMBED_COLOR, title: fitText(`Restored: ${escapeText(fitLabel(restored.title ?? restored.id, 200))}`, LIMITS.embedTitle), description: 'It answers again.', footer: { text: `article ${restored.id}` } }],
    components: [],
  };
}

const VERBS: Record<ChangeEntry['action'], string> = {
  'article.add': 'added',
  'article.remove': 'removed',
  'article.restore': 'restored',
  'feed.add': 'subscribed to the feed',
  'feed.remove': 'unsubscribed from the feed',
  'schedule.add': 'scheduled a briefing',
  'schedule.remove': 'removed the briefing',
};

/** One line of the change log: "2026-11-29 22:10 UTC · Ana added *Title* (`id`)". */
export function changeLine(c: ChangeEntry): string {
  const when = `${c.at.slice(0, 10)} ${c.at.slice(11, 16)} UTC`;
  const what = c.detail ? `*${escapeText(fitLabel(c.detail, 120))}* (\`${escapeText(fitLabel(c.target, 80))}\`)` : `\`${escapeText(fitLabel(c.target, 120))}\``;
  return `${when} · **${escapeText(fitLabel(c.actor.name, 60))}** ${VERBS[c.action] ?? escapeText(c.action)} ${what}`;
}

/** /sources' "recent changes" view: who changed what, newest first. */
export function renderChanges(changes: ChangeEntry[]): CommandMessage {
  const lines = changes.map(changeLine);
  let description = '';
  for (const line of lines) {
    if (description.length + line.length + 1 > LIMITS.embedDescription) break;
    description += (description ? '\n' : '') + line;
  }
  return {
    embeds: [{ color: EMBED_COLOR, title: 'Recent changes to this desk', description: description || 'Nothing has been added or removed from chat yet.' }],
    components: [],
  };
}
