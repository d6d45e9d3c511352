import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../src/answers/types.ts';
import { checkTimeZone, latestSlot, parseEvery } from '../../src/desk/schedule-every.ts';
import { Scheduler, type BriefingRun } from '../../src/desk/scheduler.ts';
import type { ScheduleRecord } from '../../src/desk/store.ts';
import { MemoryStore, memoryState } from '../helpers/memory-store.ts';

describe('parseEvery', () => {
  it('reads each accepted form into a five-field cron expression', () => {
    expect(parseEvery('daily 09:00')).toEqual({ every: 'daily 09:00', cron: '0 9 * * *' });
    expect(parseEvery('  Weekdays   8:30 ')).toEqual({ every: 'weekdays 08:30', cron: '30 8 * * 1-5' });
    expect(parseEvery('monday 09:00')).toEqual({ every: 'monday 09:00', cron: '0 9 * * 1' });
    expect(parseEvery('Fridays 17:45')).toEqual({ every: 'friday 17:45', cron: '45 17 * * 5' });
    expect(parseEvery('sun 07:05')).toEqual({ every: 'sunday 07:05', cron: '5 7 * * 0' });
    expect(parseEvery('0 7 * * 1,4')).toEqual({ every: '0 7 * * 1,4', cron: '0 7 * * 1,4' });
  });

  it('refuses bad input politely, saying what would work', () => {
    const bad = ['', 'tomorrow 09:00', 'daily 25:00', 'daily 9', 'daily at nine', '* * * * *', '*/10 * * * *', '0 9 * *', '0 0 9 * * *', '61 9 * * *', '0 9 31 2 *', 'x'.repeat(200)];
    for (const input of bad) {
      let error: unknown;
      try {
        parseEvery(input);
      } catch (e) {
        error = e;
      }
      expect(error, input).toBeInstanceOf(UserInputError);
      expect((error as Error).message.length, input).toBeLessThan(300);
    }
    expect(() => parseEvery('*/15 * * * *')).toThrow(/at most hourly/);
    expect(() => parseEvery('tomorrow 09:00')).toThrow(/daily 09:00/);
  });

  it('checks time zones against the IANA names', () => {
    expect(checkTimeZone('Europe/Paris')).toBe('Europe/Paris');
    expect(checkTimeZone('europe/paris')).toBe('Europe/Paris');
    expect(checkTimeZone('UTC')).toBe('UTC');
    expect(() => checkTimeZone('Mars/Olympus_Mons')).toThrow(UserInputError);
    expect(() => checkTimeZone('')).toThrow(UserInputError);
  });

  it('finds the latest slot in the schedule’s time zone, a slot at the exact instant included', () => {
    const at = (iso: string) => new Date(iso);
    expect(latestSlot('0 9 * * *', 'UTC', at('2026-11-30T09:00:00Z'))?.toISOString()).toBe('2026-11-30T09:00:00.000Z');
    expect(latestSlot('0 9 * * *', 'UTC', at('2026-11-30T08:59:59.999Z'))?.toISOString()).toBe('2026-11-29T09:00:00.000Z');
    // 09:00 in Paris is 08:00 UTC in winter, 07:00 UTC in summer.
    expect(latestSlot('0 9 * * *', 'Europe/Paris', at('2026-11-30T08:30:00Z'))?.toISOString()).toBe('2026-11-30T08:00:00.000Z');
    expect(latestSlot('0 9 * * *', 'Europe/Paris', at('2026-07-01T07:30:00Z'))?.toISOString()).toBe('2026-07-01T07:00:00.000Z');
    // weekdays: on a Sunday, the latest slot is Friday's.
    expect(latestSlot('30 8 * * 1-5', 'UTC', at('2026-11-29T12:00:00Z'))?.toISOString()).toBe('2026-11-27T08:30:00.000Z');
  });
});

/** A clock the test moves by hand. */
function clock(iso: string) {
  let t = new Date(iso).getTime();
  return { now: () => new Date(t), set: (s: string) => (t = new Date(s).getTime()), advance: (ms: number) => (t += ms) };
}

function schedule(over: Partial<ScheduleRecord> = {}): ScheduleRecord {
  return {
    id: 's1',
    every: 'daily 09:00',
    cron: '0 9 * * *',
    timezone: 'UTC',
    channelId: '100000000000000001',
    topic: null,
    createdBy: { id: '1', name: 'ed' },
    createdAt: '2026-11-28T12:00:00.000Z',
    lastSlot: null,
    lastRunAt: null,
    lastError: null,
    ...over,
  };
}

describe('Scheduler', () => {
  function setup(startAt: string, state = memoryState()) {
    const c = clock(startAt);
    const store = new MemoryStore('shared', state);
    const runs: BriefingRun[] = [];
    let fail: Error | null = null;
    const make = () =>
      new Scheduler({
        stores: async () => [store],
        deliver: async (run) => {
          if (fail) throw fail;
          runs.push(run);
        },
        now: c.now,
      });
    return { c, store, state, runs, make, failWith: (e: Error | null) => (fail = e) };
  }

  it('posts a slot once when due, not before, and not again on the next ticks', async () => {
    const t = setup('2026-11-29T08:59:00Z');
    await t.store.putSchedule(schedule({ createdAt: '2026-11-29T08:00:00.000Z' }));
    const s = t.make();
    expect(await s.tick()).toBe(0);
    t.c.set('2026-11-29T09:00:10Z');
    expect(await s.tick()).toBe(1);
    expect(await s.tick()).toBe(0);
    t.c.set('2026-11-29T15:00:00Z');
    expect(await s.tick()).toBe(0);
    expect(t.runs).toHaveLength(1);
    expect(t.runs[0]!.slot.toISOString()).toBe('2026-11-29T09:00:00.000Z');
    expect(t.runs[0]!.late).toBe(false);
    expect(t.runs[0]!.since.toISOString()).toBe('2026-11-29T08:00:00.000Z');
    const [saved] = await t.store.listSchedules();
    expect(saved!.lastSlot).toBe('2026-11-29T09:00:00.000Z');
    expect(saved!.lastRunAt).toBe('2026-11-29T09:00:10.000Z');
    // The next day's slot covers what came since the previous one.
    t.c.set('2026-11-30T09:00:00Z');
    expect(await s.tick()).toBe(1);
    expect(t.runs[1]!.since.toISOString()).toBe('2026-11-29T09:00:00.000Z');
  });

  it('does not post a slot that came before the schedule was created', async () => {
    const t = setup('2026-11-29T10:00:00Z');
    await t.store.putSchedule(schedule({ createdAt: '2026-11-29T09:30:00.000Z' }));
    expect(await t.make().tick()).toBe(0);
  });

  it('after a restart (a new scheduler over the same store) does not post the same slot again', async () => {
    const t = setup('2026-11-29T09:00:05Z');
    await t.store.putSchedule(schedule());
    expect(await t.make().tick()).toBe(1);
    t.c.advance(30_000);
    const again = setup('2026-11-29T09:00:35Z', t.state);
    expect(await again.make().tick()).toBe(0);
    expect(again.runs).toHaveLength(0);
  });

  it('posts only the latest slot missed while down, once, marked late', async () => {
    const t = setup('2026-11-25T09:00:01Z');
    await t.store.putSchedule(schedule({ createdAt: '2026-11-20T00:00:00.000Z' }));
    expect(await t.make().tick()).toBe(1);
    // Down for four days; back at 11:20 on the 29th.
    const back = setup('2026-11-29T11:20:00Z', t.state);
    expect(await back.make().tick()).toBe(1);
    expect(back.runs).toHaveLength(1);
    expect(back.runs[0]!.slot.toISOString()).toBe('2026-11-29T09:00:00.000Z');
    expect(back.runs[0]!.late).toBe(true);
    expect(back.runs[0]!.since.toISOString()).toBe('2026-11-25T09:00:00.000Z');
    // And a second restart right after posts nothing more.
    const third = setup('2026-11-29T11:21:00Z', t.state);
    expect(await third.make().tick()).toBe(0);
  });

  it('two schedulers over one store at the same moment post a slot once', async () => {
    const t = setup('2026-11-29T09:00:01Z');
    await t.store.putSchedule(schedule());
    const other = setup('2026-11-29T09:00:01Z', t.state);
    const counts = await Promise.all([t.make().tick(), other.make().tick()]);
    expect(counts[0]! + counts[1]!).toBe(1);
    expect(t.runs.length + other.runs.length).toBe(1);
  });

  it('keeps a delivery error on the schedule, keeps going, and clears it after the next success', async () => {
    const t = setup('2026-11-29T09:00:01Z');
    await t.store.putSchedule(schedule());
    await t.store.putSchedule(schedule({ id: 's2', cron: '0 9 * * *', channelId: '100000000000000002' }));
    t.failWith(new Error('Missing Access: I may not post in that channel.\n  at stack'));
    const s = t.make();
    expect(await s.tick()).toBe(2);
    const saved = await t.store.listSchedules();
    expect(saved.map((x) => x.lastError)).toEqual(['Missing Access: I may not post in that channel. at stack', 'Missing Access: I may not post in that channel. at stack']);
    // The failed slot is not retried in a loop…
    expect(await s.tick()).toBe(0);
    // …the next slot is, and success clears the error.
    t.failWith(null);
    t.c.set('2026-11-30T09:00:00Z');
    expect(await s.tick()).toBe(2);
    expect((await t.store.listSchedules()).map((x) => x.lastError)).toEqual([null, null]);
  });

  it('a schedule removed while its briefing was being posted stays removed', async () => {
    const t = setup('2026-11-29T09:00:01Z');
    await t.store.putSchedule(schedule());
    const s = new Scheduler({
      stores: async () => [t.store],
      deliver: async () => {
        await t.store.removeSchedule('s1');
      },
      now: t.c.now,
    });
    expect(await s.tick()).toBe(1);
    expect(await t.store.listSchedules()).toEqual([]);
  });
});

describe('articlesSince', () => {
  it('takes what was added since the previous run, or published on a later day (in the schedule’s zone)', async () => {
    const { articlesSince } = await import('../../src/desk/schedule-every.ts');
    const articles = [
      { id: 'old', published: '2026-11-20' },
      { id: 'same-day-before', published: '2026-11-30' },
      { id: 'next-day', published: '2026-12-01' },
      { id: 'added-late-old-date', published: '2019-01-01' },
      { id: 'undated', published: null },
      { id: 'month-only', published: '2026-12' },
    ];
    const added = new Set(['added-late-old-date']);
    const got = articlesSince(articles, (a) => added.has(a.id), { since: new Date('2026-11-30T09:00:00Z'), timezone: 'UTC' });
    expect([...got].sort()).toEqual(['added-late-old-date', 'next-day']);
    // 23:30 UTC on the 30th is already 1 December in Tokyo: an article of the 1st is then of the same day.
    const tokyo = articlesSince(articles, () => false, { since: new Date('2026-11-30T23:30:00Z'), timezone: 'Asia/Tokyo' });
    expect([...tokyo]).toEqual([]);
  });
});

describe('Scheduler over the embedded folder store', () => {
  it('posts a slot once across a restart (a new store and scheduler over the same folder), and the late one once', async () => {
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { FolderDeskStore } = await import('../../src/desk/folder-store.ts');
    const dir = await mkdtemp(path.join(tmpdir(), 'newsdesk-sched-'));
    try {
      let t = Date.parse('2026-11-29T09:00:02Z');
      const posted: string[] = [];
      const boot = async () => {
        const store = await new FolderDeskStore(dir).open('shared');
        return { store, scheduler: new Scheduler({ stores: async () => [store], deliver: async (run) => void posted.push(`${run.slot.toISOString()}${run.late ? ' late' : ''}`), now: () => new Date(t) }) };
      };
      const first = await boot();
      await first.store.putSchedule(schedule());
      expect(await first.scheduler.tick()).toBe(1);
      // Restart a few seconds later: the slot is not posted again.
      t += 5000;
      const second = await boot();
      expect(await second.scheduler.tick()).toBe(0);
      // Down over two slots; on start only the latest is posted, late, and a restart right after posts nothing.
      t = Date.parse('2026-12-01T10:30:00Z');
      const third = await boot();
      expect(await third.scheduler.tick()).toBe(1);
      expect(await (await boot()).scheduler.tick()).toBe(0);
      expect(posted).toEqual(['2026-11-29T09:00:00.000Z', '2026-12-01T09:00:00.000Z late']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
