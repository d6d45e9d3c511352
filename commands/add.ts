/** `/add [file] [url]`: adds an article to this server's desk from an uploaded file or a link (Manage Server only). */
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { UserInputError } from '../src/answers/types.ts';
import { addToWorkspace, removeFromWorkspace } from '../src/desk/operations.ts';
import { renderAddReports, renderRemoved, UNDO_ADD_PREFIX } from '../src/render/desk-discord.ts';
import { MANAGE_SERVER, privateOption, type Args, type DeskAction } from './index.ts';

export const data = {
  type: ApplicationCommandType.ChatInput,
  name: 'add',
  description: "Add an article to this server's desk: upload a .txt, .md or .html file, or give a link.",
  default_member_permissions: MANAGE_SERVER,
  options: [
    {
      type: ApplicationCommandOptionType.Attachment,
      name: 'file',
      description: 'A .txt, .md or .html file with the article.',
      required: false,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'url',
      description: 'A link to the article (http or https).',
      required: false,
      max_length: 2000,
    },
    privateOption,
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const manage = true;
export const buttonPrefix = UNDO_ADD_PREFIX;

export async function run(action: DeskAction, args: Args<typeof data>) {
  let file;
  if (args.file) {
    const attachment = action.attachment(args.file);
    if (!attachment) throw new UserInputError('The file did not come through; please attach it again.');
    file = { name: attachment.name, url: attachment.url, size: attachment.size };
  }
  const reports = await addToWorkspace(action.workspace, { file, url: args.url }, action.actor);
  return renderAddReports(reports);
}

/** The "undo" button: the article goes to the trash (restorable). */
export async function act(action: DeskAction, customId: string) {
  const id = customId.slice(UNDO_ADD_PREFIX.length);
  return renderRemoved(await removeFromWorkspace(action.workspace, id, action.actor), 'undone');
}
