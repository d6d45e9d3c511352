/**
 * Runs the scheduled briefings of every workspace it is given. On each tick (and once at start) it finds, for each
 * schedule, the latest slot at or before now; a slot newer than the last one posted is claimed in the store
 * (`claimSlot`: exactly one process, and one run, gets it — not twice after a restart) and only then delivered. So a
 * slot missed while the bot was down is posted once, on start, marked late — only the latest one, never a flood.
 * A failed delivery (the bot may not post in the channel, say) is kept on the schedule for `/schedule list`; the
 * slot stays taken and the next slot tries again. The clock is injected; nothing here knows about Discord.
 */
import type { ScheduleRecord, WorkspaceStore } from './store.ts';
import { latestSlot } from './schedule-every.ts';

/** One briefing to deliver. */
export interface BriefingRun {
  workspace: string;
  schedule: ScheduleRecord;
  /** The slot being posted. */
  slot: Date;
  /** The slot was missed (the bot was down or busy) and is posted afterwards. */
  late: boolean;
  /** What the briefing covers: from the previous slot posted (or the schedule's creation) to now. */
  since: Date;
}

/** The minimal logger the scheduler and the feed poller write to (pino's loggers fit). */
export interface TaskLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export const silentLogger: TaskLogger = { info() {}, warn() {}, error() {} };

export interface SchedulerOptions {
  /** The stores whose schedules to run: the loaded workspaces, or in guild mode every workspace that has schedules. */
  stores: () => Promise<Iterable<WorkspaceStore>>;
  /** Posts one briefing; throws when it could not (the error's message is kept on the schedule). */
  deliver: (run: BriefingRun) => Promise<void>;
  now?: () => Date;
  /** How often to look for due slots (default 30 s). */
  tickMs?: number;
  /** A slot posted later than this after its time is marked late (default 5 minutes). */
  lateAfterMs?: number;
  logger?: TaskLogger;
}

const MAX_ERROR = 300;

/** A short, single-line description of why a delivery failed (never a stack). */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').trim().slice(0, MAX_ERROR) || 'unknown error';
}

export class Scheduler {
  private readonly now: () => Date;
  private readonly tickMs: number;
  private readonly lateAfterMs: number;
  private readonly logger: TaskLogger;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = true;

  constructor(private readonly options: SchedulerOptions) {
    this.now = options.now ?? (() => new Date());
    this.tickMs = options.tickMs ?? 30_000;
    this.lateAfterMs = options.lateAfterMs ?? 5 * 60_000;
    this.logger = options.logger ?? silentLogger;
  }

  /** Looks at every schedule once and delivers what is due; resolves with the number of briefings attempted. */
  tick(): Promise<number> {
    // One tick at a time: a second caller waits for the one running.
    this.running ??= this.runOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Ticks now, then every `tickMs` until stopped. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const loop = () => {
      void this.tick().finally(() => {
        if (!this.stopped) this.timer = setTimeout(loop, this.tickMs);
      });
    };
    loop();
  }

  /** Stops ticking and waits for a tick in progress to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  private async runOnce(): Promise<number> {
    let attempted = 0;
    let stores: Iterable<WorkspaceStore>;
    try {
      stores = await this.options.stores();
    } catch (error) {
      this.logger.error({ err: error }, 'scheduler: could not list the workspaces');
      return 0;
    }
    for (const store of stores) {
      let schedules: ScheduleRecord[];
      try {
        schedules = await store.listSchedules();
      } catch (error) {
        this.logger.error({ err: error, workspace: store.workspace }, 'scheduler: could not read the schedules');
        continue;
      }
      for (const schedule of schedules) {
        if (await this.runSchedule(store, schedule)) attempted++;
      }
    }
    return attempted;
  }

  /** Delivers the schedule's due slot, if it has one not yet taken; true when a delivery was attempted. */
  private async runSchedule(store: WorkspaceStore, schedule: ScheduleRecord): Promise<boolean> {
    const now = this.now();
    let slot: Date | null;
    try {
      slot = latestSlot(schedule.cron, schedule.timezone, now);
    } catch (error) {
      this.logger.warn({ err: error, workspace: store.workspace, schedule: schedule.id }, 'scheduler: unreadable schedule');
      return false;
    }
    if (!slot) return false;
    const previous = schedule.lastSlot ? new Date(schedule.lastSlot) : null;
    if (previous && slot.getTime() <= previous.getTime()) return false;
    // A schedule added after this slot's time starts with the next one.
    if (!previous && slot.getTime() < new Date(schedule.createdAt).getTime()) return false;
    const slotIso = slot.toISOString();
    if (!(await store.claimSlot(schedule.id, slotIso))) return false;

    const run: BriefingRun = {
      workspace: store.workspace,
      schedule,
      slot,
      late: now.getTime() - slot.getTime() > this.lateAfterMs,
      since: previous ?? new Date(schedule.createdAt),
    };
    let lastError: string | null = null;
    try {
      await this.options.deliver(run);
      this.logger.info({ workspace: store.workspace, schedule: schedule.id, slot: slotIso, late: run.late }, 'scheduled briefing posted');
    } catch (error) {
      lastError = errorText(error);
      this.logger.warn({ err: error, workspace: store.workspace, schedule: schedule.id, slot: slotIso }, 'scheduled briefing could not be posted');
    }
    await this.record(store, schedule.id, slotIso, lastError);
    return true;
  }

  /** Keeps the outcome on the schedule (unless it was removed meanwhile). */
  private async record(store: WorkspaceStore, id: string, slot: string, lastError: string | null): Promise<void> {
    try {
      const fresh = (await store.listSchedules()).find((s) => s.id === id);
      if (!fresh) return;
      const lastSlot = fresh.lastSlot && fresh.lastSlot > slot ? fresh.lastSlot : slot;
      await store.putSchedule({ ...fresh, lastSlot, lastRunAt: this.now().toISOString(), lastError });
    } catch (error) {
      this.logger.error({ err: error, workspace: store.workspace, schedule: id }, 'scheduler: could not record the outcome');
    }
  }
}
