/**
 * The one `interactionCreate` dispatcher: finds the command, parses its options against its definition, answers in
 * time (deferring when the index is still loading or an answer is slow), renders, pages, and turns every error into
 * one short ephemeral message — with a reference id for faults, whose details go to the log. It never throws.
 */
import { RateLimiter } from './rate-limit.ts';
import { unregisteredNote } from './unregistered.ts';
import { randomBytes } from 'node:crypto';
import { ApplicationCommandOptionType, PermissionFlagsBits } from 'discord.js';
import {
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
  type MessageComponentInteraction,
  type RepliableInteraction,
} from 'discord.js';
import type { AttachmentInfo, Command, CommandDefinition, CommandFile, CommandMessage, DeskAction, DeskServices, OptionDefinition } from '../../commands/index.ts';
import { settings } from '../config.ts';
import { fetchUrl } from '../net/fetch-url.ts';
import type { Workspace } from '../desk/workspaces.ts';
import { UserInputError, type Answer } from '../answers/types.ts';
import type { Newsdesk } from '../newsdesk.ts';
import { fitLabel } from '../render/limits.ts';
import {
  MAX_REF,
  escapeText,
  decodeButton,
  decodeRef,
  encodeRef,
  itemAt,
  renderAnswer,
  renderContext,
  renderNotice,
  toChoices,
  type AnswerRef,
  type ArgValue,
  type DiscordMessage,
} from '../render/discord.ts';

/** What the dispatcher sends: a rendered answer, or a command's own message (possibly with files). */
type OutgoingMessage = Omit<DiscordMessage, 'components'> & { components: CommandMessage['components']; files?: CommandFile[] };

const NO_MENTIONS = { parse: [] as [] };
import type { Logger } from './logger.ts';

/** How long an answer may take before the dispatcher defers (Discord allows 3 s for the first response). */
export const DEFER_AFTER_MS = 1500;

/** Answers kept for paging (forgotten whenever the corpus is re-indexed). */
const ANSWER_CACHE_SIZE = 500;

// ---------------------------------------------------------------------------------------------------------------
// The core, possibly still loading

/** A Newsdesk that may still be loading: `current()` without waiting, `wait()` for it. */
export interface DeskSource {
  current(): Newsdesk | undefined;
  wait(): Promise<Newsdesk>;
  /** Why loading failed, if it did. */
  failure(): Error | undefined;
}

/** Something that always holds the Newsdesk answering now (e.g. LiveNewsdesk, which swaps it on corpus changes). */
export interface DeskHolder {
  readonly desk: Newsdesk;
}

export type DeskInput = Newsdesk | DeskHolder | Promise<Newsdesk | DeskHolder>;

function isHolder(x: Newsdesk | DeskHolder): x is DeskHolder {
  return !('answer' in x) && 'desk' in x;
}

export function deskSource(desk: DeskInput): DeskSource {
  let ready: Newsdesk | DeskHolder | undefined;
  let failed: Error | undefined;
  const settled = Promise.resolve(desk);
  settled.then(
    (d) => {
      ready = d;
    },
    (e: unknown) => {
      failed = e instanceof Error ? e : new Error(String(e));
    },
  );
  const now = (d: Newsdesk | DeskHolder) => (isHolder(d) ? d.desk : d);
  return {
    current: () => (ready ? now(ready) : undefined),
    wait: () => settled.then(now),
    failure: () => failed,
  };
}

/**
 * The workspaces behind the bot (src/desk/workspaces.ts's WorkspaceManager): which one an interaction's server
 * uses, and that workspace loaded or loading.
 */
export interface WorkspaceRouter {
  workspaceFor(guildId: string | null | undefined): string;
  /** The workspace if loaded now (without loading it). */
  loaded(id: string): Workspace | undefined;
  open(id: string): Promise<Workspace>;
}

/** The corpus could not be loaded: not the user's fault, nothing to retry. */
class DeskUnavailableError extends Error {}

/** Where one interaction is answered from: its workspace (when the bot has workspaces) and that desk. */
interface Scope {
  desk: DeskSource;
  workspaceId: string | null;
  /** The loaded workspace (desk-changing commands), or an error saying there is none. */
  workspace(): Promise<Workspace>;
}

// ---------------------------------------------------------------------------------------------------------------
// Options ↔ arguments

const TYPE_NAMES: Partial<Record<ApplicationCommandOptionType, string>> = {
  [ApplicationCommandOptionType.String]: 'text',
  [ApplicationCommandOptionType.Integer]: 'a whole number',
  [ApplicationCommandOptionType.Number]: 'a number',
  [ApplicationCommandOptionType.Boolean]: 'true or false',
  [ApplicationCommandOptionType.Attachment]: 'a file',
  [ApplicationCommandOptionType.Channel]: 'a channel',
};

function fitsType(type: ApplicationCommandOptionType, value: unknown): boolean {
  switch (type) {
    case ApplicationCommandOptionType.String:
      return typeof value === 'string';
    case ApplicationCommandOptionType.Integer:
      return typeof value === 'number' && Number.isInteger(value);
    case ApplicationCommandOptionType.Number:
      return typeof value === 'number' && Number.isFinite(value);
    case ApplicationCommandOptionType.Boolean:
      return typeof value === 'boolean';
    case ApplicationCommandOptionType.Attachment:
      return typeof value === 'string' && /^\d{1,25}$/.test(value);
    case ApplicationCommandOptionType.Channel:
      return typeof value === 'string' && /^\d{1,25}$/.test(value);
    default:
      return false;
  }
}

export type CommandArgs = Record<string, string | number | boolean | undefined>;

type GivenOption = Pick<CommandInteractionOption, 'name' | 'type' | 'value'> & { readonly options?: readonly GivenOption[] };

/**
 * The handler's arguments from the options Discord sent, checked against the definition: a missing required option,
 * a value of the wrong type or an option the definition does not have is a UserInputError with a polite message.
 * For a command made of subcommands, `subcommand` names the one used and the rest are its options.
 */
export function parseArgs(definition: CommandDefinition, given: ReadonlyArray<GivenOption>): CommandArgs {
  const subcommands = (definition.options ?? []).filter((o) => o.type === ApplicationCommandOptionType.Subcommand) as ReadonlyArray<{ name: string; options?: readonly OptionDefinition[] }>;
  if (!subcommands.length) return parseOptions(definition.name, definition.options ?? [], given);
  const chosen = given.length === 1 && given[0]!.type === ApplicationCommandOptionType.Subcommand ? given[0]! : undefined;
  const sub = chosen && subcommands.find((o) => o.name === chosen.name);
  if (!chosen || !sub) {
    throw new UserInputError(`/${definition.name} needs one of ${subcommands.map((o) => `\`${o.name}\``).join(', ')}. The bot's commands may have changed; try again in a minute.`);
  }
  return { ...parseOptions(`${definition.name} ${sub.name}`, sub.options ?? [], chosen.options ?? []), subcommand: sub.name };
}

function parseOptions(command: string, known: readonly OptionDefinition[], given: ReadonlyArray<GivenOption>): CommandArgs {
  const args: CommandArgs = {};
  for (const option of given) {
    const def = known.find((o) => o.name === option.name);
    if (!def) throw new UserInputError(`/${command} has no option "${escapeText(fitLabel(String(option.name), 40))}". The bot's commands may have changed; try again in a minute.`);
    if (!fitsType(def.type, option.value)) {
      throw new UserInputError(`The "${def.name}" option of /${command} must be ${TYPE_NAMES[def.type] ?? 'a different kind of value'}.`);
    }
    args[def.name] = option.value as string | number | boolean;
  }
  for (const def of known) {
    if (def.required && args[def.name] === undefined) throw new UserInputError(`/${command} needs its "${def.name}" option.`);
  }
  return args;
}

/** Options that shape an answer (everything but `private`), in definition order: what a button must remember. */
function answerOptions(definition: CommandDefinition) {
  return (definition.options ?? []).filter((o) => o.name !== 'private');
}

/** Answers whose arguments do not fit in a custom_id, kept in memory (so they expire with a restart). */
export class RefStore {
  private readonly refs = new Map<string, string>();
  constructor(private readonly capacity = 10_000) {}
  put(ref: string): string {
    const key = randomBytes(6).toString('base64url');
    this.refs.set(key, ref);
    if (this.refs.size > this.capacity) this.refs.delete(this.refs.keys().next().value!);
    return key;
  }
  get(key: string): string | undefined {
    return this.refs.get(key);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The dispatcher

export interface DispatcherOptions {
  commands: ReadonlyMap<string, Command>;
  /** The one desk every interaction is answered from, when there are no `workspaces`. */
  desk?: DeskSource;
  /** Workspaces: every interaction is answered from its server's (NEWSDESK_WORKSPACES), and desk commands work. */
  workspaces?: WorkspaceRouter;
  logger: Logger;
  refs?: RefStore;
  /** What feeds and schedules use (fetcher, clock, time zone, the poller's wake-up); default: from the settings. */
  services?: DeskServices;
  /** Override for tests. */
  deferAfterMs?: number;
  /** Per-user limit on commands and buttons (autocomplete is never limited); null turns it off. */
  rateLimiter?: RateLimiter | null;
}

/** Commands and buttons a user may send at once, and regains per minute. */
export const DEFAULT_RATE_LIMIT = { capacity: 8, perMinute: 30 };

export interface Dispatcher {
  (interaction: Interaction): Promise<void>;
  /** Resolves when every interaction being answered now has been answered (for a graceful shutdown). */
  drain(): Promise<void>;
}

export type Dispatch = (interaction: Interaction) => Promise<void>;

const EPHEMERAL = MessageFlags.Ephemeral;

/** Desk services from the settings, with the real clock and no feed poller to wake. */
function defaultServices(): DeskServices {
  const s = settings();
  const policy = { allowPrivate: s.allowPrivateUrls, timeoutMs: s.fetchTimeoutMs, maxBytes: s.maxFileBytes };
  return {
    fetch: (url, init) => fetchUrl(url, { ...policy, ...(init?.headers ? { headers: init.headers } : {}) }),
    now: () => new Date(),
    timezone: s.timezone,
    feedIntervalMs: s.feedIntervalMs,
    feedsChanged: () => undefined,
  };
}

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { commands, logger, workspaces } = options;
  if (!options.desk && !workspaces) throw new Error('createDispatcher needs a desk or workspaces.');
  const limiter = options.rateLimiter === undefined ? new RateLimiter(DEFAULT_RATE_LIMIT) : options.rateLimiter;
  const inFlight = new Set<Promise<void>>();
  const refs = options.refs ?? new RefStore();
  const deferAfter = options.deferAfterMs ?? DEFER_AFTER_MS;
  const names = [...commands.keys()].map((n) => `/${n}`).join(', ');
  /** How long the last answer of each kind took (ms). */
  const lastDuration = new Map<string, number>();

  function refFor(command: Command, args: CommandArgs): AnswerRef {
    const values: ArgValue[] = answerOptions(command.data).map((o) => args[o.name] ?? null);
    const ref = encodeRef(command.data.name, values);
    return ref.length <= MAX_REF ? ref : `~${refs.put(ref)}`;
  }

  /** The command and arguments a button refers to, or null when that answer has expired. */
  function resolveRef(ref: AnswerRef): { command: Command; args: CommandArgs } | null {
    let decoded = decodeRef(ref);
    if (decoded && 'key' in decoded) {
      const stored = refs.get(decoded.key);
      decoded = stored ? decodeRef(stored) : null;
    }
    if (!decoded || 'key' in decoded) return null;
    const command = commands.get(decoded.command);
    if (!command) return null;
    const defs = answerOptions(command.data);
    const given = decoded.args.flatMap((v, i) => (v === null || !defs[i] ? [] : [{ name: defs[i]!.name, type: defs[i]!.type, value: v }]));
    try {
      return { command, args: parseArgs(command.data, given) };
    } catch {
      return null;
    }
  }

  function scopeFor(i: Interaction): Scope {
    if (!workspaces) {
      const desk = options.desk!;
      return {
        desk,
        workspaceId: null,
        workspace: () => Promise.reject(new UserInputError('This newsdesk answers from a fixed set of articles: adding and removing is not available here.')),
      };
    }
    const id = workspaces.workspaceFor(i.guildId);
    let failed: Error | undefined;
    const open = () =>
      workspaces.open(id).catch((error: unknown) => {
        failed = error instanceof Error ? error : new Error(String(error));
        throw failed;
      });
    return {
      workspaceId: id,
      desk: { current: () => workspaces.loaded(id)?.desk, wait: () => open().then((w) => w.desk), failure: () => failed },
      workspace: async () => {
        try {
          return workspaces.loaded(id) ?? (await open());
        } catch {
          throw new DeskUnavailableError('the workspace failed to load');
        }
      },
    };
  }

  async function loadedDesk(desk: DeskSource): Promise<Newsdesk> {
    try {
      return desk.current() ?? (await desk.wait());
    } catch {
      throw new DeskUnavailableError('the corpus failed to load');
    }
  }

  /**
   * Runs `work` and sends its message with `send`; when the desk is still loading, or `work` takes (or last took)
   * longer than `deferAfter`, calls `defer` first so Discord gets its first response within 3 seconds.
   */
  async function inTime<M extends OutgoingMessage>(desk: DeskSource, kind: string, work: () => Promise<M>, defer: () => Promise<unknown>, send: (m: M, deferred: boolean) => Promise<unknown>) {
    if (desk.failure()) throw new DeskUnavailableError('the corpus failed to load');
    const started = Date.now();
    const timed = () => work().finally(() => lastDuration.set(kind, Date.now() - started));
    // Answers are computed synchronously, so a timer cannot interrupt a slow one: defer up front when the index is
    // still loading, or when this kind of answer was slow last time.
    if (!desk.current() || (lastDuration.get(kind) ?? 0) > deferAfter) {
      await defer();
      return send(await timed(), true);
    }
    const pending = timed();
    let timer: NodeJS.Timeout | undefined;
    const slow = new Promise<'slow'>((resolve) => (timer = setTimeout(() => resolve('slow'), deferAfter)));
    const first = await Promise.race([pending, slow]).finally(() => clearTimeout(timer));
    if (first !== 'slow') return send(first, false);
    await defer();
    return send(await pending, true);
  }

  /**
   * The answer of a command, from a small cache per Newsdesk (a re-index or another workspace is another Newsdesk,
   * so an answer never outlives its index nor crosses workspaces): paging through an answer asks for it again.
   */
  const answerCaches = new WeakMap<Newsdesk, Map<string, Answer>>();
  async function answerOf(desk: DeskSource, command: Command, args: CommandArgs): Promise<Answer> {
    const d = await loadedDesk(desk);
    if (!command.execute) throw new UserInputError(`/${command.data.name} has no answer to page through.`);
    let answers = answerCaches.get(d);
    if (!answers) answerCaches.set(d, (answers = new Map()));
    const key = encodeRef(command.data.name, answerOptions(command.data).map((o) => args[o.name] ?? null));
    const cached = answers.get(key);
    if (cached) {
      answers.delete(key);
      answers.set(key, cached);
      return cached;
    }
    const answer = await command.execute(d, args);
    answers.set(key, answer);
    if (answers.size > ANSWER_CACHE_SIZE) answers.delete(answers.keys().next().value!);
    return answer;
  }

  async function answerPage(desk: DeskSource, command: Command, args: CommandArgs, page: number, view: { private: boolean; ref: AnswerRef; content?: string }) {
    return renderAnswer(await answerOf(desk, command, args), { page, ...view });
  }

  /** Refuses a desk-changing command or button to a member without Manage Server (as Discord says in the interaction). */
  function checkManage(i: ChatInputCommandInteraction | ButtonInteraction, command: Command) {
    if (!command.manage) return;
    if (!i.inGuild() || !i.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
      throw new UserInputError(`Only members with the Manage Server permission can use /${command.data.name} (everyone can ask, search and read).`);
    }
  }

  function attachmentsOf(i: ChatInputCommandInteraction): (id: string) => AttachmentInfo | undefined {
    return (id) => {
      const a = i.options.resolved?.attachments?.get(id);
      return a ? { id: a.id, name: a.name, url: a.url, size: a.size, contentType: a.contentType ?? null } : undefined;
    };
  }

  async function deskAction(i: ChatInputCommandInteraction | ButtonInteraction | AutocompleteInteraction, scope: Scope, attachment: DeskAction['attachment']): Promise<DeskAction> {
    return {
      workspace: await scope.workspace(),
      actor: { id: i.user.id, name: (i.inCachedGuild() ? i.member.displayName : null) ?? i.user.globalName ?? i.user.username },
      guildId: i.guildId,
      channelId: i.channelId,
      attachment,
      services: (options.services ??= defaultServices()),
    };
  }

  function withFiles<M extends object>(message: M, files: CommandFile[]): M | (M & { files: CommandFile[] }) {
    return files.length ? { ...message, files } : message;
  }

  async function onCommand(i: ChatInputCommandInteraction, scope: Scope) {
    const command = commands.get(i.commandName);
    if (!command) throw new UserInputError(`I don't know /${escapeText(fitLabel(i.commandName, 40))}. I answer ${names}.`);
    checkManage(i, command);
    const args = parseArgs(command.data, i.options.data);
    const isPrivate = args.private === true;
    const { desk } = scope;
    if (command.run && (!command.execute || command.runs?.(args))) {
      const run = command.run;
      await inTime(
        desk,
        command.data.name,
        async () => ({ ...(await run(await deskAction(i, scope, attachmentsOf(i)), args)), allowedMentions: NO_MENTIONS }),
        () => i.deferReply(isPrivate ? { flags: EPHEMERAL } : {}),
        (m, deferred) => (deferred ? i.editReply(m) : i.reply(isPrivate ? { ...m, flags: EPHEMERAL } : m)),
      );
      return;
    }
    const ref = refFor(command, args);
    const render = command.message;
    await inTime(
      desk,
      command.data.name,
      async () =>
        render
          ? { ...render(await answerOf(desk, command, args), args), allowedMentions: NO_MENTIONS }
          : withFiles(await answerPage(desk, command, args, 0, { private: isPrivate, ref }), command.files?.(await answerOf(desk, command, args), args) ?? []),
      () => i.deferReply(isPrivate ? { flags: EPHEMERAL } : {}),
      (m, deferred) => (deferred ? i.editReply(m) : i.reply(isPrivate ? { ...m, flags: EPHEMERAL } : m)),
    );
  }

  function expired(): never {
    throw new UserInputError('This answer has expired (newsdesk has restarted since). Please run the command again.');
  }

  async function onButton(i: ButtonInteraction, scope: Scope) {
    const { desk } = scope;
    const owner = [...commands.values()].find((c) => c.buttonPrefix && (c.button || c.act) && i.customId.startsWith(c.buttonPrefix));
    if (owner?.act) {
      checkManage(i, owner);
      const act = owner.act;
      await inTime(
        desk,
        `${owner.data.name} button`,
        async () => ({ ...(await act(await deskAction(i, scope, () => undefined), i.customId)), allowedMentions: NO_MENTIONS }),
        () => i.deferUpdate(),
        (m, deferred) => (deferred ? i.editReply(m) : i.update(m)),
      );
      return;
    }
    if (owner) {
      await inTime(
        desk,
        `${owner.data.name} button`,
        async () => {
          const file = await owner.button!(await loadedDesk(desk), i.customId);
          if (!file) throw new UserInputError('There is nothing to attach for this answer.');
          return { embeds: [], components: [], files: [file], allowedMentions: NO_MENTIONS };
        },
        () => i.deferReply({ flags: EPHEMERAL }),
        (m, deferred) => (deferred ? i.editReply(m) : i.reply({ ...m, flags: EPHEMERAL })),
      );
      return;
    }
    const action = decodeButton(i.customId);
    if (!action) throw new UserInputError('This button belongs to an older version of newsdesk. Please run the command again.');
    const isPrivate = i.message.flags.has(MessageFlags.Ephemeral);
    switch (action.kind) {
      case 'page': {
        const target = resolveRef(action.ref) ?? expired();
        await inTime(
          desk,
          target.command.data.name,
          () => answerPage(desk, target.command, target.args, action.page, { private: isPrivate, ref: action.ref }),
          () => i.deferUpdate(),
          (m, deferred) => (deferred ? i.editReply(m) : i.update(m)),
        );
        return;
      }
      case 'share': {
        const target = resolveRef(action.ref) ?? expired();
        const content = `Shared by <@${i.user.id}>`;
        await inTime(
          desk,
          target.command.data.name,
          () => answerPage(desk, target.command, target.args, action.page, { private: false, ref: action.ref, content }),
          () => i.deferReply(),
          (m, deferred) => (deferred ? i.editReply(m) : i.reply(m)),
        );
        return;
      }
      case 'context':
      case 'contextOf': {
        await inTime(
          desk,
          'context',
          async () => {
            const d = await loadedDesk(desk);
            let article = action.kind === 'context' ? action.article : '';
            let paragraph = action.kind === 'context' ? action.paragraph : 0;
            if (action.kind === 'contextOf') {
              const target = resolveRef(action.ref) ?? expired();
              const item = itemAt(await answerOf(desk, target.command, target.args), action.index);
              if (!item) throw new UserInputError('That passage is no longer part of this answer. Please run the command again.');
              ({ article, paragraph } = item.citation);
            }
            const around = d.context(article, paragraph, 1);
            if (!around) throw new UserInputError('That article is no longer in the corpus.');
            return renderContext(around.article, around.paragraphs, paragraph);
          },
          () => i.deferReply({ flags: EPHEMERAL }),
          (m, deferred) => (deferred ? i.editReply(m) : i.reply({ ...m, flags: EPHEMERAL })),
        );
        return;
      }
    }
  }

  async function onAutocomplete(i: AutocompleteInteraction, scope: Scope) {
    const command = commands.get(i.commandName);
    const d = scope.desk.current();
    // A workspace not in memory: start loading it for the next keystroke; suggestions now would be late anyway.
    if (!d && workspaces) void scope.desk.wait().catch(() => undefined);
    let rows: Array<{ name: string; value: string }> = [];
    if (command?.suggest) {
      // A desk-changing command's suggestions (its feeds, its schedules) only for those who may use it.
      try {
        if (!command.manage || (i.inGuild() && i.memberPermissions?.has(PermissionFlagsBits.ManageGuild))) {
          const focused = i.options.getFocused(true);
          rows = await command.suggest(await deskAction(i, scope, () => undefined), { name: focused.name, value: String(focused.value ?? '') });
        }
      } catch (error) {
        logger.warn({ err: error, interaction: i.id, command: i.commandName }, 'autocomplete failed');
      }
    } else if (command?.autocomplete && d) {
      try {
        const focused = i.options.getFocused(true);
        rows = await command.autocomplete(d, { name: focused.name, value: String(focused.value ?? '') });
      } catch (error) {
        // Suggestions are a nicety: a failure shows no choices, never an error.
        logger.warn({ err: error, interaction: i.id, command: i.commandName }, 'autocomplete failed');
      }
    }
    await i.respond(toChoices(rows));
  }

  /** Tells the user something went wrong, in the way this interaction's state still allows. */
  async function tell(i: RepliableInteraction, text: string) {
    const message = { ...renderNotice(text), flags: EPHEMERAL } as const;
    if (!i.deferred && !i.replied) {
      await i.reply(message);
    } else if (i.isChatInputCommand() && i.deferred && !i.replied) {
      // The "thinking…" placeholder: edit it when it is private; replace it with a private note when public.
      if (i.ephemeral) await i.editReply(renderNotice(text));
      else {
        await i.deleteReply().catch(() => undefined);
        await i.followUp(message);
      }
    } else {
      await i.followUp(message);
    }
  }

  function describe(i: Interaction): Record<string, unknown> {
    let workspace: string | undefined;
    try {
      workspace = workspaces?.workspaceFor(i.guildId);
    } catch {
      // Outside a server in guild mode: no workspace (the interaction is refused).
    }
    const base = { interaction: i.id, user: i.user.id, guild: i.guildId ?? undefined, workspace };
    if (i.isChatInputCommand() || i.isAutocomplete()) return { ...base, kind: i.isAutocomplete() ? 'autocomplete' : 'command', command: i.commandName };
    if (i.isButton()) return { ...base, kind: 'button', customId: (i as MessageComponentInteraction).customId };
    return { ...base, kind: `type ${i.type}` };
  }

  function checkRate(i: Interaction) {
    if (!limiter || i.isAutocomplete()) return;
    const decision = limiter.take(i.user.id);
    if (!decision.allowed) throw new UserInputError(decision.message);
  }

  async function handle(interaction: Interaction): Promise<void> {
    const started = Date.now();
    const fields = describe(interaction);
    let scope: Scope | undefined;
    try {
      checkRate(interaction);
      if (interaction.isChatInputCommand()) await onCommand(interaction, (scope = scopeFor(interaction)));
      else if (interaction.isAutocomplete()) await onAutocomplete(interaction, (scope = scopeFor(interaction)));
      else if (interaction.isButton()) await onButton(interaction, (scope = scopeFor(interaction)));
      // Context-menu commands, select menus, modal submits: newsdesk registers none of them.
      else throw new UserInputError(unregisteredNote(names));
      logger.info({ ...fields, ms: Date.now() - started, outcome: 'answered' }, 'interaction answered');
    } catch (error) {
      if (interaction.isAutocomplete() || !interaction.isRepliable()) {
        logger.error({ ...fields, err: error, ms: Date.now() - started }, 'interaction failed');
        return;
      }
      let text: string;
      if (error instanceof UserInputError) {
        text = error.message;
        logger.info({ ...fields, ms: Date.now() - started, outcome: 'user error', reason: error.message }, 'interaction refused');
      } else if (error instanceof DeskUnavailableError) {
        const reference = randomBytes(4).toString('hex');
        text = `The articles could not be loaded, so I cannot answer yet (reference ${reference}). An admin needs to check the bot's logs.`;
        logger.error({ ...fields, reference, workspace: scope?.workspaceId ?? undefined, err: scope?.desk.failure() ?? error }, 'corpus unavailable');
      } else {
        const reference = randomBytes(4).toString('hex');
        text = `Sorry, something went wrong on my side (reference ${reference}). Please try again.`;
        logger.error({ ...fields, reference, err: error, ms: Date.now() - started }, 'interaction failed');
      }
      try {
        await tell(interaction, text);
      } catch (replyError) {
        // The interaction may have expired (15 minutes) or been answered elsewhere: log and carry on.
        logger.warn({ ...fields, err: replyError }, 'could not tell the user about an error');
      }
    }
  }

  const dispatch = (async (interaction: Interaction) => {
    const job = handle(interaction);
    inFlight.add(job);
    try {
      await job;
    } finally {
      inFlight.delete(job);
    }
  }) as Dispatcher;
  dispatch.drain = async () => {
    while (inFlight.size) await Promise.allSettled([...inFlight]);
  };
  return dispatch;
}
