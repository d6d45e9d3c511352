/**
 * Scheduled briefings of a workspace: adding one (the `every` text and time zone checked, the change logged),
 * removing one, and listing them with their next slot. The scheduler (scheduler.ts) posts them.
 */
import { randomBytes } from 'node:crypto';
import { UserInputError } from '../answers/types.ts';
import { checkQuery } from '../answers/query.ts';
import { checkTimeZone, nextSlot, parseEvery } from './schedule-every.ts';
import type { Actor, ScheduleRecord, WorkspaceStore } from './store.ts';

/** Briefings one desk may schedule. */
export const MAX_SCHEDULES = 25;

export interface NewSchedule {
  every: string;
  timezone: string;
  channelId: string;
  topic?: string | null | undefined;
}

export async function addSchedule(store: WorkspaceStore, input: NewSchedule, deps: { actor: Actor; now: Date }): Promise<ScheduleRecord & { next: string | null }> {
  const { every, cron } = parseEvery(input.every);
  const timezone = checkTimeZone(input.timezone);
  const topic = input.topic ? checkQuery(input.topic, 'brief') || null : null;
  const existing = await store.listSchedules();
  if (existing.length >= MAX_SCHEDULES) throw new UserInputError(`This desk has ${existing.length} scheduled briefings already, the most it may have. Remove one first (\`/schedule remove\`).`);
  if (existing.some((s) => s.cron === cron && s.timezone === timezone && s.channelId === input.channelId && s.topic === topic)) {
    throw new UserInputError('That briefing is already scheduled for that channel.');
  }
  const now = deps.now.toISOString();
  const schedule: ScheduleRecord = {
    id: randomBytes(6).toString('hex'),
    every,
    cron,
    timezone,
    channelId: input.channelId,
    topic,
    createdBy: deps.actor,
    createdAt: now,
    lastSlot: null,
    lastRunAt: null,
    lastError: null,
  };
  await store.putSchedule(schedule);
  const detail = [`in channel ${input.channelId}`, timezone, topic ? `topic: ${topic}` : ''].filter(Boolean).join(', ');
  await store.appendChange({ at: now, workspace: store.workspace, actor: deps.actor, action: 'schedule.add', target: every, detail });
  return withNext(schedule, deps.now);
}

export async function removeSchedule(store: WorkspaceStore, id: string, deps: { actor: Actor; now: Date }): Promise<ScheduleRecord | null> {
  const schedule = (await store.listSchedules()).find((s) => s.id === id);
  if (!schedule || !(await store.removeSchedule(id))) return null;
  await store.appendChange({ at: deps.now.toISOString(), workspace: store.workspace, actor: deps.actor, action: 'schedule.remove', target: schedule.every, detail: `in channel ${schedule.channelId}` });
  return schedule;
}

/** The schedule with its next slot after `now` (ISO), for listing. */
export function withNext(schedule: ScheduleRecord, now: Date): ScheduleRecord & { next: string | null } {
  let next: string | null = null;
  try {
    next = nextSlot(schedule.cron, schedule.timezone, now)?.toISOString() ?? null;
  } catch {
    next = null;
  }
  return { ...schedule, next };
}
