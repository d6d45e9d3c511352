/**
 * Feed polling as a pg-boss job (`newsdesk-feeds`), run by `npm run worker` processes: with DATABASE_URL set the bot
 * processes do not poll (each would fetch every feed again and race to add its items); the workers do, one pass at a
 * time across all of them. Every worker asks for a pass every tick; the queue's `stately` policy keeps at most one
 * pass waiting and one running, so more workers never mean more polls. A pass polls the feeds that are due (their
 * next poll time is kept on the feed in the database), so a pass taken over after a crash polls nothing twice.
 */
import type PgBoss from 'pg-boss';
import type { PollResult } from '../desk/feeds.ts';
import type { TaskLogger } from '../desk/scheduler.ts';

export const FEEDS_QUEUE = 'newsdesk-feeds';

/** Creates the feed queue when missing: at most one pass queued and one running, whatever the number of workers. */
export async function ensureFeedQueue(boss: PgBoss, timeoutSeconds: number): Promise<void> {
  if (await boss.getQueue(FEEDS_QUEUE)) return;
  try {
    await boss.createQueue(FEEDS_QUEUE, { name: FEEDS_QUEUE, policy: 'stately', retryLimit: 0, expireInSeconds: timeoutSeconds });
  } catch (error) {
    // Another worker created it at the same moment.
    if (!(await boss.getQueue(FEEDS_QUEUE))) throw error;
  }
}

export interface FeedJobsOptions {
  /** How often to ask for a pass (ms). */
  tickMs: number;
  /** Seconds a pass may run before it counts as abandoned. */
  timeoutSeconds: number;
  logger: TaskLogger;
}

/** Takes feed passes from the queue and asks for one every `tickMs`; returns the function that stops asking. */
export async function startFeedJobs(boss: PgBoss, poller: { tick(): Promise<PollResult[]> }, options: FeedJobsOptions): Promise<() => void> {
  await ensureFeedQueue(boss, options.timeoutSeconds);
  await boss.work(FEEDS_QUEUE, { pollingIntervalSeconds: 0.5 }, async () => {
    const results = await poller.tick();
    const added = results.reduce((n, r) => n + r.added, 0);
    if (results.length) options.logger.info({ feeds: results.length, added }, 'feeds polled');
  });
  const ask = () => {
    boss.send(FEEDS_QUEUE, {}).catch((err: unknown) => options.logger.warn({ err }, 'could not queue a feed poll'));
  };
  ask();
  const timer = setInterval(ask, options.tickMs);
  timer.unref();
  return () => clearInterval(timer);
}
