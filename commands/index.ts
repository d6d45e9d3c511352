/**
 * The slash commands: one module per command in this folder (the discord.js guide's convention), found by walking it.
 *
 * A command module exports:
 * - `data`: its definition as plain typed data (`as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody`),
 *   ending with `privateOption`; this is exactly what `npm run deploy-commands` registers.
 * - `execute(desk, args)`: turns the options (typed from `data` by `Args<typeof data>`) into a question for the core
 *   and returns its Answer. It does not reply: the dispatcher (src/bot/dispatcher.ts) defers when needed, renders
 *   (src/render/discord.ts) with ◀ ▶ / context / share buttons, and turns errors into polite messages.
 * - `autocomplete(desk, focused)` (optional): names for the focused option, best first.
 * - `message(answer, args)` (optional): a message of its own instead of the standard paged answer (a briefing
 *   with attached files, say); then `buttonPrefix` and `button(desk, customId)` answer its buttons with a file.
 *
 * Commands that change a desk (`/add`, `/remove`, …) export `run(action, args)` instead of `execute`: it gets the
 * interaction's workspace (store, live index), who is acting and the attachments, and returns its message; its
 * buttons (custom_id starting with `buttonPrefix`) go to `act(action, customId)`. With `manage: true` (and
 * `default_member_permissions: MANAGE_SERVER` in `data`) only members with Manage Server may use the command and its
 * buttons: the dispatcher checks the member's permissions sent with every interaction, never trusting the client's
 * command list alone.
 *
 * A desk-changing command may group its options into subcommands (`/feed add url`, `/feed list`): `args.subcommand`
 * names the one used and the rest are its options, typed by `SubcommandArgs<typeof data>`. Its autocomplete, which
 * needs the workspace, is `suggest(action, focused)`.
 *
 * To add a command, copy sources.ts (or ask.ts) to `<name>.ts` and change the name, description, options and the
 * `desk.answer` call. Nothing else needs registering.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import type { APIActionRowComponent, APIButtonComponent, APIEmbed, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Answer } from '../src/answers/types.ts';
import type { Completion, Newsdesk } from '../src/newsdesk.ts';
import type { Actor } from '../src/desk/store.ts';
import type { Workspace } from '../src/desk/workspaces.ts';
import type { FetchFn } from '../src/desk/feeds.ts';

/** Every command's last option: answer only to the caller (an ephemeral reply with a "share" button). */
export const privateOption = {
  type: ApplicationCommandOptionType.Boolean,
  name: 'private',
  description: 'Answer only to you (you can still share it afterwards).',
  required: false,
} as const;

/**
 * `default_member_permissions` of the commands that change a desk: Manage Server (1 << 5), as Discord wants it (a
 * decimal string). Server admins can hand these commands to a role in Discord's own settings.
 */
export const MANAGE_SERVER = '32';

/** The option types a newsdesk command may use, and the value each gives its handler (an attachment: its id). */
interface OptionValues {
  [ApplicationCommandOptionType.String]: string;
  [ApplicationCommandOptionType.Channel]: string;
  [ApplicationCommandOptionType.Integer]: number;
  [ApplicationCommandOptionType.Number]: number;
  [ApplicationCommandOptionType.Boolean]: boolean;
  [ApplicationCommandOptionType.Attachment]: string;
}

export type SupportedOptionType = keyof OptionValues;

/** One option of a definition, as far as handlers care. */
export interface OptionDefinition {
  readonly type: ApplicationCommandOptionType;
  readonly name: string;
  readonly required?: boolean;
  readonly autocomplete?: boolean;
}

export type CommandDefinition = RESTPostAPIChatInputApplicationCommandsJSONBody & { readonly options?: readonly OptionDefinition[] };

type ValueOf<O> = O extends { readonly type: infer T } ? (T extends SupportedOptionType ? OptionValues[T] : never) : never;

/**
 * The handler's arguments, typed from the definition: `Args<typeof data>` of `/quote speaker [about]` is
 * `{ speaker: string; about: string | undefined; private: boolean | undefined }`. Renaming an option in `data`
 * is then a compile error in `execute`.
 */
export type Args<D extends { readonly options?: readonly OptionDefinition[] }> = {
  [O in NonNullable<D['options']>[number] as O['name']]: O extends { readonly required: true } ? ValueOf<O> : ValueOf<O> | undefined;
};

/** A subcommand of a definition: `{ type: Subcommand, name: 'add', options: [...] }`. */
interface SubcommandDefinition {
  readonly type: ApplicationCommandOptionType.Subcommand;
  readonly name: string;
  readonly options?: readonly OptionDefinition[];
}

/**
 * The arguments of a command made of subcommands, one variant per subcommand: for `/feed add url | list`,
 * `{ subcommand: 'add'; url: string; … } | { subcommand: 'list'; … }`. Switching on `subcommand` narrows the rest.
 */
export type SubcommandArgs<D extends { readonly options?: readonly unknown[] }> = {
  [S in Extract<NonNullable<D['options']>[number], SubcommandDefinition> as S['name']]: { subcommand: S['name'] } & Args<S>;
}[Extract<NonNullable<D['options']>[number], SubcommandDefinition>['name']];

/** The option being typed in an autocomplete interaction. */
export interface Focused {
  name: string;
  value: string;
}

type Autocomplete = (desk: Newsdesk, focused: Focused) => Completion[] | Promise<Completion[]>;

/** A file attached to a reply. */
export interface CommandFile {
  attachment: Buffer;
  name: string;
  description?: string;
}

/** A message a command renders itself (`message`): embeds, buttons and files, within Discord's limits. */
export interface CommandMessage {
  content?: string;
  embeds: APIEmbed[];
  components: Array<APIActionRowComponent<APIButtonComponent>>;
  files?: CommandFile[];
}

type LooseArgs = Record<string, string | number | boolean | undefined>;

/** A file attached to the interaction (`data.resolved.attachments`), as Discord describes it. */
export interface AttachmentInfo {
  id: string;
  name: string;
  /** Where to download it (Discord's CDN; in tests a local server). */
  url: string;
  size: number;
  contentType: string | null;
}

/** What the commands that change a desk use besides the workspace (feeds and schedules). */
export interface DeskServices {
  /** Fetches a link under the address rules (fetchUrl with NEWSDESK_ALLOW_PRIVATE_URLS and the timeout). */
  fetch: FetchFn;
  now(): Date;
  /** NEWSDESK_TIMEZONE. */
  timezone: string;
  /** NEWSDESK_FEED_INTERVAL_S, in ms. */
  feedIntervalMs: number;
  /** Tells the feed poller a feed was added (it polls it at once). */
  feedsChanged(): void;
}

/** What a desk-changing command works with. */
export interface DeskAction {
  /** The workspace of the interaction's server (loaded). */
  workspace: Workspace;
  /** Who acts (the Discord user; display name never used as a mention). */
  actor: Actor;
  guildId: string | null;
  channelId: string | null;
  /** An attachment option's value (its id) → the attachment. */
  attachment(id: string): AttachmentInfo | undefined;
  services: DeskServices;
}

/** A loaded command module (see the top of this file). */
export interface Command {
  data: CommandDefinition;
  /** An answer command's handler (every command has `execute` or `run`). */
  execute?: (desk: Newsdesk, args: LooseArgs) => Answer | Promise<Answer>;
  /** A desk-changing command's handler (see the top of this file). */
  run?: (action: DeskAction, args: LooseArgs) => Promise<CommandMessage>;
  /** For a command with both `execute` and `run`: whether these arguments go to `run` (e.g. `/sources changes:true`). */
  runs?: (args: LooseArgs) => boolean;
  /** The buttons of a `run` command's messages (custom_id starting with `buttonPrefix`). */
  act?: (action: DeskAction, customId: string) => Promise<CommandMessage>;
  /** Only members with Manage Server may use it (and its buttons). */
  manage?: boolean;
  /** Autocomplete of a `run` command, which needs the workspace (e.g. this desk's feeds); failures show no choices. */
  suggest?: (action: DeskAction, focused: Focused) => Promise<Completion[]>;
  autocomplete?: Autocomplete;
  message?: (answer: Answer, args: LooseArgs) => CommandMessage;
  /** Files to attach to the first page of the usual rendering (e.g. a timeline picture when asked for). */
  files?: (answer: Answer, args: LooseArgs) => CommandFile[];
  /** Buttons whose custom_id starts with this go to `button`. */
  buttonPrefix?: string;
  /** The file a button of `message` stands for; null when there is nothing to send. */
  button?: (desk: Newsdesk, customId: string) => CommandFile | null | Promise<CommandFile | null>;
}

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Files of this folder that are not command modules. */
function isCommandFile(file: string): boolean {
  return /\.(ts|js|mjs)$/.test(file) && !/^index\./.test(file) && !/\.(d|test|spec)\.[mc]?[tj]s$/.test(file) && !file.startsWith('_');
}

/**
 * Loads every command module of the `commands/` folder, checked: each exports `data` named like its file and an
 * `execute` function. Returns them by name, in file order.
 */
export async function loadCommands(dir: string = HERE): Promise<Map<string, Command>> {
  const files = (await readdir(dir)).filter(isCommandFile).sort();
  const commands = new Map<string, Command>();
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as Partial<Command>;
    const where = `commands/${file}`;
    if (!mod.data || typeof mod.data !== 'object' || typeof mod.data.name !== 'string') throw new Error(`${where}: exports no \`data\` definition.`);
    if (typeof mod.execute !== 'function' && typeof mod.run !== 'function') throw new Error(`${where}: exports no \`execute(desk, args)\` or \`run(action, args)\` function.`);
    const buttons = typeof mod.button === 'function' || typeof mod.act === 'function';
    if (mod.buttonPrefix !== undefined && (!buttons || !mod.buttonPrefix || mod.buttonPrefix.startsWith('nd1|'))) {
      throw new Error(`${where}: \`buttonPrefix\` needs a \`button\` or \`act\` function and a prefix of its own.`);
    }
    if (mod.manage && mod.data.default_member_permissions !== MANAGE_SERVER) {
      throw new Error(`${where}: a \`manage\` command is registered with \`default_member_permissions: MANAGE_SERVER\`.`);
    }
    if (mod.data.name !== path.basename(file, path.extname(file))) throw new Error(`${where}: defines /${mod.data.name}; name the file ${mod.data.name}${path.extname(file)}.`);
    if ((mod.data.type ?? ApplicationCommandType.ChatInput) !== ApplicationCommandType.ChatInput) throw new Error(`${where}: is not a chat-input (slash) command.`);
    if (commands.has(mod.data.name)) throw new Error(`${where}: /${mod.data.name} is defined twice.`);
    commands.set(mod.data.name, mod as Command);
  }
  return commands;
}

/** The definitions to register with Discord, in file order. */
export async function commandDefinitions(dir?: string): Promise<CommandDefinition[]> {
  return [...(await loadCommands(dir)).values()].map((c) => c.data);
}
