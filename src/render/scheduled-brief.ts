/**
 * A scheduled briefing as the message posted into its channel: a line saying which schedule it is (and that it is
 * late, when the slot was missed), then what `/brief` renders — the embed, the full briefing as a Markdown file and
 * the timeline picture — over the articles published or added since the previous run. When there are none, one
 * line: "Nothing new on … since …".
 */
import type { Answer } from '../answers/types.ts';
import { renderBriefDiscord, type BriefMessage } from './brief-discord.ts';
import { escapeText } from './discord.ts';
import { fitText } from './limits.ts';

export interface ScheduledBriefingRequest {
  every: string;
  timezone: string;
  topic: string | null;
  /** The slot being posted. */
  slot: Date;
  late: boolean;
  /** The previous run (or the schedule's creation): the briefing covers what came after it. */
  since: Date;
}

export interface ScheduledBriefingMessage extends BriefMessage {
  content: string;
}

const stamp = (d: Date, style: 'f' | 't' = 'f') => `<t:${Math.floor(d.getTime() / 1000)}:${style}>`;

/** The message for a run: the briefing's answer over `articlesSince`, or null when no article is new. */
export function renderScheduledBriefing(answer: Answer | null, request: ScheduledBriefingRequest): ScheduledBriefingMessage {
  const subject = request.topic ? `“${escapeText(fitText(request.topic, 200))}”` : 'this desk';
  const late = request.late ? ` (Late: this was due ${stamp(request.slot)}, while I was away.)` : '';
  if (!answer?.sections?.length) {
    return { content: `Nothing new on ${subject} since ${stamp(request.since)}.${late}`, embeds: [], components: [], files: [] };
  }
  // Full and timeline attached: the message has no buttons (they would ask again for a different, unscoped briefing).
  const message = renderBriefDiscord(answer, { full: true, timeline: true });
  return { ...message, content: `Scheduled briefing (${escapeText(request.every)}, ${escapeText(request.timezone)}) on ${subject}: what came since ${stamp(request.since)}.${late}` };
}
