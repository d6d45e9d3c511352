/**
 * Interactions newsdesk never registers — context-menu commands, select menus, modal submits, and interaction types
 * discord.js itself does not know — get a short private note instead of silence. The dispatcher answers the ones
 * discord.js hands it; `answerDropped` answers, from the raw gateway packet, the ones discord.js drops.
 */
import { ApplicationCommandType, ComponentType, InteractionResponseType, InteractionType, MessageFlags, Routes, type REST } from 'discord.js';
import type { Logger } from './logger.ts';

/** The note, naming the commands the bot does answer (e.g. "/ask, /who"). */
export function unregisteredNote(commandNames: string): string {
  return `I only answer my slash commands (${commandNames}) and the buttons on my answers.`;
}

const COMMAND_TYPES: readonly number[] = [ApplicationCommandType.ChatInput, ApplicationCommandType.User, ApplicationCommandType.Message, ApplicationCommandType.PrimaryEntryPoint];
const COMPONENT_TYPES: readonly number[] = [ComponentType.Button, ComponentType.StringSelect, ComponentType.UserSelect, ComponentType.RoleSelect, ComponentType.MentionableSelect, ComponentType.ChannelSelect];

interface RawInteraction {
  id?: unknown;
  token?: unknown;
  type?: unknown;
  data?: { type?: unknown; component_type?: unknown } | null;
}

/** Whether discord.js drops this INTERACTION_CREATE without emitting an interaction (a type it does not know). */
export function droppedByDiscordJs(d: RawInteraction): boolean {
  switch (d.type) {
    case InteractionType.ApplicationCommand:
      return !COMMAND_TYPES.includes(d.data?.type as number);
    case InteractionType.MessageComponent:
      return !COMPONENT_TYPES.includes(d.data?.component_type as number);
    case InteractionType.ApplicationCommandAutocomplete:
    case InteractionType.ModalSubmit:
    case InteractionType.Ping:
      return false;
    default:
      return true;
  }
}

/** Answers an interaction discord.js dropped with the private note; failures are logged, never thrown. */
export async function answerDropped(rest: REST, d: RawInteraction, note: string, logger: Logger): Promise<void> {
  const id = typeof d.id === 'string' && /^\d{1,25}$/.test(d.id) ? d.id : null;
  const token = typeof d.token === 'string' && /^[\w.-]{1,500}$/.test(d.token) ? d.token : null;
  if (!id || !token) return;
  try {
    await rest.post(Routes.interactionCallback(id, token), {
      auth: false,
      body: { type: InteractionResponseType.ChannelMessageWithSource, data: { content: note, flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } } },
    });
    logger.info({ interaction: id, kind: `type ${String(d.type)}`, outcome: 'not registered' }, 'unknown interaction answered');
  } catch (error) {
    logger.warn({ interaction: id, err: error }, 'could not answer an unknown interaction');
  }
}
