/** `/remove article`: moves an article of this server's desk to its trash, restorable (Manage Server only). */
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Newsdesk } from '../src/newsdesk.ts';
import { removeFromWorkspace, restoreInWorkspace } from '../src/desk/operations.ts';
import { renderRemoved, renderRestored, RESTORE_PREFIX } from '../src/render/desk-discord.ts';
import { articleChoices } from '../src/answers/article-choices.ts';
import { MANAGE_SERVER, privateOption, type Args, type DeskAction, type Focused } from './index.ts';

export const data = {
  type: ApplicationCommandType.ChatInput,
  name: 'remove',
  description: "Remove an article from this server's desk (it goes to the trash and can be restored).",
  default_member_permissions: MANAGE_SERVER,
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'article',
      description: 'The article (type part of its title).',
      required: true,
      max_length: 100,
      autocomplete: true,
    },
    privateOption,
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const manage = true;
export const buttonPrefix = RESTORE_PREFIX;

export async function run(action: DeskAction, args: Args<typeof data>) {
  return renderRemoved(await removeFromWorkspace(action.workspace, args.article, action.actor), 'removed');
}

/** The "restore" button of a removal. */
export async function act(action: DeskAction, customId: string) {
  return renderRestored(await restoreInWorkspace(action.workspace, customId.slice(RESTORE_PREFIX.length), action.actor));
}

/** Articles whose title, source or id contains what is typed. */
export function autocomplete(desk: Newsdesk, focused: Focused) {
  return focused.name === 'article' ? articleChoices(desk, focused.value) : [];
}
