import { describe, expect, it } from 'vitest';
import type { FeedRecord } from '../../src/desk/store.ts';
import { renderFeedList, renderScheduleList } from '../../src/render/desk-lists.ts';

function feed(over: Partial<FeedRecord> = {}): FeedRecord {
  return {
    id: 'f1',
    url: 'https://news.example/feed.xml',
    title: 'Harbour <@123> **Wire**',
    addedBy: { id: '1', name: 'ed' },
    addedAt: '2026-11-29T10:00:00.000Z',
    etag: null,
    lastModified: null,
    lastSuccessAt: '2026-11-29T11:00:00.000Z',
    lastError: 'the feed answered HTTP 500 @everyone',
    lastErrorAt: '2026-11-29T12:00:00.000Z',
    failures: 2,
    nextPollAt: '2026-11-29T16:00:00.000Z',
    itemsAdded: 7,
    seen: [],
    ...over,
  };
}

describe('renderFeedList', () => {
  it('shows each feed’s articles added, last success, last error and back-off, escaped', () => {
    const embed = renderFeedList([feed()]);
    const field = embed.fields![0]!;
    expect(field.name).toBe('Harbour \\<\\@123\\> \\*\\*Wire\\*\\*');
    expect(field.value).toContain('7 articles added');
    expect(field.value).toContain(`last success <t:${Date.parse('2026-11-29T11:00:00Z') / 1000}:R>`);
    expect(field.value).toContain('(2 in a row, backing off): the feed answered HTTP 500 \\@everyone');
    expect(field.value).toContain('<https://news.example/feed.xml>');
  });

  it('says how to add one when there are none, and stays within Discord’s limits with many', () => {
    expect(renderFeedList([]).description).toMatch(/\/feed add url/);
    const many = renderFeedList(Array.from({ length: 50 }, (_, i) => feed({ id: `f${i}`, lastError: 'x'.repeat(400) })));
    const total = (many.title?.length ?? 0) + (many.footer?.text.length ?? 0) + many.fields!.reduce((n, f) => n + f.name.length + f.value.length, 0);
    expect(many.fields!.length).toBeLessThanOrEqual(25);
    expect(total).toBeLessThanOrEqual(6000);
    expect(many.footer?.text).toMatch(/more/);
  });
});

describe('renderScheduleList', () => {
  it('shows channel, topic, zone, next and last run and the last error', () => {
    const embed = renderScheduleList([
      { id: 's', every: 'weekdays 08:30', cron: '30 8 * * 1-5', timezone: 'Europe/Paris', channelId: '123456789012345678', topic: 'ports', createdBy: { id: '1', name: 'ed' }, createdAt: '2026-11-29T10:00:00.000Z', lastSlot: null, lastRunAt: null, lastError: 'I may not post in that channel', next: '2026-11-30T07:30:00.000Z' },
    ]);
    const value = embed.fields![0]!.value;
    expect(embed.fields![0]!.name).toBe('weekdays 08:30');
    expect(value).toContain('in <#123456789012345678> · on “ports” · Europe/Paris');
    expect(value).toContain(`next <t:${Date.parse('2026-11-30T07:30:00Z') / 1000}:f> · last never`);
    expect(value).toContain('last attempt failed: I may not post in that channel');
  });
});
