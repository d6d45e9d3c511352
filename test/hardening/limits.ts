/** Discord's limits, checked on a rendered message (shared by the hardening tests). */
import type { APIEmbed } from 'discord.js';

export interface RenderedMessage {
  content?: string;
  embeds?: APIEmbed[];
  components?: Array<{ components: Array<{ custom_id?: string; label?: string }> }>;
  allowedMentions?: { parse?: unknown[] };
}

/** Problems with a message, or [] when Discord would accept it and it pings nobody. */
export function limitProblems(m: RenderedMessage): string[] {
  const out: string[] = [];
  if ((m.content?.length ?? 0) > 2000) out.push(`content ${m.content!.length} > 2000`);
  if (!m.allowedMentions || !Array.isArray(m.allowedMentions.parse) || m.allowedMentions.parse.length) out.push('allowed_mentions.parse is not empty');
  const embeds = m.embeds ?? [];
  if (embeds.length > 10) out.push(`${embeds.length} embeds > 10`);
  let total = 0;
  for (const e of embeds) {
    if ((e.title?.length ?? 0) > 256) out.push('embed title > 256');
    if ((e.description?.length ?? 0) > 4096) out.push(`embed description ${e.description!.length} > 4096`);
    if ((e.fields?.length ?? 0) > 25) out.push('more than 25 fields');
    if ((e.footer?.text.length ?? 0) > 2048) out.push('footer > 2048');
    for (const f of e.fields ?? []) {
      if (f.name.length > 256 || !f.name.length) out.push('bad field name length');
      if (f.value.length > 1024 || !f.value.length) out.push('bad field value length');
    }
    total += (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0);
    for (const f of e.fields ?? []) total += f.name.length + f.value.length;
  }
  if (total > 6000) out.push(`embeds total ${total} > 6000`);
  if (!m.content && !embeds.length) out.push('empty message');
  const rows = m.components ?? [];
  if (rows.length > 5) out.push('more than 5 rows');
  for (const r of rows) {
    if (r.components.length > 5) out.push('more than 5 buttons in a row');
    for (const b of r.components) {
      if ((b.custom_id?.length ?? 0) > 100) out.push('custom_id > 100');
      if ((b.label?.length ?? 0) > 80) out.push('label > 80');
    }
  }
  return out;
}
