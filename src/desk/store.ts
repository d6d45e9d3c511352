/**
 * The workspace store: everything a team's desk keeps besides the search index — its article files, its feeds, its
 * scheduled briefings and its change log — behind one small interface. The embedded implementation keeps a folder
 * per workspace on one disk (no server needed); a PostgreSQL implementation satisfies the same interface for running
 * many processes over one database.
 *
 * Every write is atomic: a process killed at any moment leaves either the old or the new state, never a torn one.
 */

/** The id of the workspace every server shares in `NEWSDESK_WORKSPACES=shared` mode (and the console's default). */
export const SHARED_WORKSPACE = 'shared';

/** Who did something: a Discord user, or the console / CLI / a feed poller acting for the desk. */
export interface Actor {
  /** A Discord user id, or `console`, `cli`, `feed:<feed id>`, `schedule:<id>`. */
  id: string;
  /** A display name, as given (never used as a mention). */
  name: string;
}

/** One article file of a workspace. `name` is its path relative to the workspace folder, with `/` separators. */
export interface ArticleFileInfo {
  name: string;
  /** Hash of the file's bytes (the corpus reader's `hashOf`). */
  hash: string;
  size: number;
  /** Last modification, ISO 8601. */
  modified: string;
}

export interface FeedRecord {
  id: string;
  url: string;
  title: string | null;
  addedBy: Actor;
  addedAt: string;
  /** Conditional-request validators from the last successful fetch. */
  etag: string | null;
  lastModified: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  /** Consecutive failures (drives the back-off). */
  failures: number;
  /** When the poller may fetch it next, ISO 8601. */
  nextPollAt: string | null;
  itemsAdded: number;
  /** guids / links already taken (bounded: the most recent ones). */
  seen: string[];
}

export interface ScheduleRecord {
  id: string;
  /** As the user wrote it (`daily 09:00`, `weekdays 08:30`, `monday 09:00`, or a cron expression). */
  every: string;
  /** The five-field cron expression it stands for. */
  cron: string;
  /** IANA time zone. */
  timezone: string;
  channelId: string;
  topic: string | null;
  createdBy: Actor;
  createdAt: string;
  /** The last slot posted (ISO 8601 instant of the slot, not of the post): a slot is posted at most once. */
  lastSlot: string | null;
  lastRunAt: string | null;
  lastError: string | null;
}

export type ChangeAction =
  | 'article.add'
  | 'article.remove'
  | 'article.restore'
  | 'feed.add'
  | 'feed.remove'
  | 'schedule.add'
  | 'schedule.remove';

export interface ChangeEntry {
  at: string;
  workspace: string;
  actor: Actor;
  action: ChangeAction;
  /** What it was done to: an article id or file name, a feed URL, a schedule's `every`. */
  target: string;
  detail?: string;
}

/** One workspace's store. */
export interface WorkspaceStore {
  readonly workspace: string;

  /** The workspace's article files (not the trash). */
  listArticles(): Promise<ArticleFileInfo[]>;
  readArticle(name: string): Promise<Buffer>;
  /** Writes a new article file atomically; fails if `name` exists. */
  writeArticle(name: string, content: string | Buffer): Promise<void>;
  /** Moves an article into the trash (restorable, never deleted outright). */
  trashArticle(name: string): Promise<void>;
  /** Moves an article back from the trash; fails if an article of that name is in the workspace. */
  restoreArticle(name: string): Promise<void>;
  /** The articles in the trash (names as they were in the workspace). */
  listTrash(): Promise<ArticleFileInfo[]>;
  /** An article in the trash. */
  readTrashed(name: string): Promise<Buffer>;

  listFeeds(): Promise<FeedRecord[]>;
  putFeed(feed: FeedRecord): Promise<void>;
  removeFeed(id: string): Promise<boolean>;

  listSchedules(): Promise<ScheduleRecord[]>;
  putSchedule(schedule: ScheduleRecord): Promise<void>;
  removeSchedule(id: string): Promise<boolean>;
  /**
   * Marks `slot` of a schedule as taken, atomically across every process sharing the store: true for the one caller
   * that takes it, false when it (or a later slot) was taken already. A briefing is posted only after a true.
   */
  claimSlot(scheduleId: string, slot: string): Promise<boolean>;

  appendChange(entry: ChangeEntry): Promise<void>;
  /** The most recent changes, newest first. */
  recentChanges(limit: number): Promise<ChangeEntry[]>;
}

/** All workspaces. */
export interface DeskStore {
  /** Opens (creating on first use) a workspace's store. Ids are checked: `shared` or a Discord snowflake. */
  open(workspace: string): Promise<WorkspaceStore>;
  /** The workspaces that exist. */
  list(): Promise<string[]>;
  close(): Promise<void>;
}

const WORKSPACE_ID = /^(shared|\d{15,21})$/;

/** Whether `id` may name a workspace (it becomes a folder name or a key: nothing else is allowed). */
export function isWorkspaceId(id: string): boolean {
  return WORKSPACE_ID.test(id);
}
