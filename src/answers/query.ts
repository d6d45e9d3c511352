/** Checks on what a user typed, before any command runs. */
import { UserInputError, type CommandName } from './types.ts';

/** Longest query accepted (Discord's own option limit is 6,000 characters). */
export const MAX_QUERY = 500;

/** Commands that answer about the whole corpus when the query is empty. */
const OPTIONAL_QUERY: ReadonlySet<CommandName> = new Set(['sources', 'brief']);

/** Trims a query and rejects an empty or over-long one with a message for the user. */
export function checkQuery(raw: string, command: CommandName): string {
  // Zero-width and control characters carry no meaning for search and can hide text.
  const query = (raw ?? '').replace(/[\u0000-\u001f\u007f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/g, ' ').replace(/\s+/g, ' ').trim();
  if (!query && !OPTIONAL_QUERY.has(command)) {
    throw new UserInputError(`Please say what to look for: \`${command} <${command === 'quote' ? 'speaker' : command === 'who' ? 'name or phrase' : command === 'when' ? 'event' : 'question'}>\`.`);
  }
  if (query.length > MAX_QUERY) {
    throw new UserInputError(`That query is ${query.length} characters long; please keep it under ${MAX_QUERY}.`);
  }
  return query;
}
