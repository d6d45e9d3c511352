import { describe, expect, it } from 'vitest';
import { renderScheduledBriefing } from '../../src/render/scheduled-brief.ts';

const unix = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const base = { every: 'daily 09:00', timezone: 'Europe/Paris', slot: new Date('2026-11-30T08:00:00Z'), since: new Date('2026-11-29T08:00:00Z') };

describe('renderScheduledBriefing', () => {
  it('says "Nothing new" in one line, with the topic escaped and no mention', () => {
    const m = renderScheduledBriefing(null, { ...base, topic: '@everyone **ports**', late: false });
    expect(m.content).toBe(`Nothing new on “\\@everyone \\*\\*ports\\*\\*” since <t:${unix('2026-11-29T08:00:00Z')}:f>.`);
    expect(m.embeds).toEqual([]);
    expect(m.files).toEqual([]);
  });

  it('marks a late post with the time it was due', () => {
    const m = renderScheduledBriefing(null, { ...base, topic: null, late: true });
    expect(m.content).toBe(`Nothing new on this desk since <t:${unix('2026-11-29T08:00:00Z')}:f>. (Late: this was due <t:${unix('2026-11-30T08:00:00Z')}:f>, while I was away.)`);
  });
});
