/**
 * The desk's feeds and schedules as Discord embeds for `/feed list` and `/schedule list`: one field per entry with
 * its state (last success, last error, items added; next and last briefing), times as Discord timestamps so every
 * reader sees them in their own time zone. Titles, URLs and errors come from outside and are escaped.
 */
import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import type { FeedRecord, ScheduleRecord } from '../desk/store.ts';
import { escapeText } from './discord.ts';
import { fitLabel, fitText, LIMITS } from './limits.ts';

/** `<t:1764410400:R>` ("in 2 hours"), or `never` for no time. */
export function discordTime(iso: string | null | undefined, style: 'R' | 'f' = 'R'): string {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(t) ? `<t:${Math.floor(t / 1000)}:${style}>` : 'never';
}

/** A link shown as text: in <…> so Discord draws no preview, with the characters that would break out escaped. */
export function plainLink(url: string): string {
  return `<${url.replace(/[<>\s]/g, encodeURIComponent)}>`;
}

const MAX_FIELDS = 25;

/** Under Discord's 6,000 characters for a message's embeds, with room for the title and footer. */
const BUDGET = LIMITS.embedsTotal - 400;

function fields(rows: APIEmbedField[], title: string, empty: string): APIEmbed {
  const shown: APIEmbedField[] = [];
  let total = 0;
  for (const row of rows.slice(0, MAX_FIELDS)) {
    total += row.name.length + row.value.length;
    if (total > BUDGET) break;
    shown.push(row);
  }
  const embed: APIEmbed = { title, fields: shown };
  if (!rows.length) embed.description = empty;
  else if (rows.length > shown.length) embed.footer = { text: `…and ${rows.length - shown.length} more` };
  return embed;
}

export function renderFeedList(feeds: FeedRecord[]): APIEmbed {
  const rows = feeds.map((f): APIEmbedField => {
    const lines = [
      plainLink(f.url),
      `${f.itemsAdded} article${f.itemsAdded === 1 ? '' : 's'} added · last success ${discordTime(f.lastSuccessAt)} · next poll ${discordTime(f.nextPollAt)}`,
    ];
    if (f.lastError) lines.push(`⚠️ last error ${discordTime(f.lastErrorAt)}${f.failures ? ` (${f.failures} in a row, backing off)` : ''}: ${escapeText(fitText(f.lastError, 300))}`);
    lines.push(`added by ${escapeText(fitText(f.addedBy.name, 60))} ${discordTime(f.addedAt)}`);
    return { name: fitLabel(escapeText(f.title ?? new URL(f.url).host), LIMITS.embedFieldName), value: fitText(lines.join('\n'), LIMITS.embedFieldValue) };
  });
  return fields(rows, `Feeds (${feeds.length})`, 'This desk follows no feeds yet. Add one with `/feed add url`.');
}

export function renderScheduleList(schedules: Array<ScheduleRecord & { next: string | null }>): APIEmbed {
  const rows = schedules.map((s): APIEmbedField => {
    const lines = [
      `in <#${s.channelId}> · ${s.topic ? `on “${escapeText(fitText(s.topic, 100))}”` : 'on everything new'} · ${escapeText(s.timezone)}`,
      `next ${discordTime(s.next, 'f')} · last ${discordTime(s.lastSlot, 'f')}`,
    ];
    if (s.lastError) lines.push(`⚠️ last attempt failed: ${escapeText(fitText(s.lastError, 300))}`);
    lines.push(`added by ${escapeText(fitText(s.createdBy.name, 60))} ${discordTime(s.createdAt)}`);
    return { name: fitLabel(escapeText(s.every), LIMITS.embedFieldName), value: fitText(lines.join('\n'), LIMITS.embedFieldValue) };
  });
  return fields(rows, `Scheduled briefings (${schedules.length})`, 'No briefings are scheduled. Add one with `/schedule add every`.');
}
