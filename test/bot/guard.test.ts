/** Which uncaught exceptions the bot outlives: a throw while discord.js reads a gateway payload, nothing else. */
import { describe, expect, it } from 'vitest';
import { survivable } from '../../src/bot/guard.ts';

function thrownAt(frames: string[]): Error {
  const error = new TypeError("Cannot read properties of undefined (reading 'users')");
  error.stack = [`${error.name}: ${error.message}`, ...frames.map((f) => `    at ${f}`)].join('\n');
  return error;
}

describe('survivable', () => {
  it('is true for a throw inside discord.js building an interaction from a payload', () => {
    const error = thrownAt([
      'new CommandInteractionOptionResolver (/app/node_modules/discord.js/src/structures/CommandInteractionOptionResolver.js:40:20)',
      'new UserContextMenuCommandInteraction (/app/node_modules/discord.js/src/structures/UserContextMenuCommandInteraction.js:11:5)',
      'WebSocketShard.onMessage (/app/node_modules/@discordjs/ws/dist/index.js:1100:14)',
    ]);
    expect(survivable(error)).toBe(true);
    expect(survivable(thrownAt(['WebSocketShard.onMessage (C:\\app\\node_modules\\@discordjs\\ws\\dist\\index.js:1100:14)']))).toBe(true);
  });

  it('is false for a throw in newsdesk itself, in node, or without a stack', () => {
    expect(survivable(thrownAt(['answerAsk (/app/src/answers/ask.ts:40:11)', 'handle (/app/node_modules/discord.js/src/client/Client.js:1:1)']))).toBe(false);
    expect(survivable(thrownAt(['process.processTicksAndRejections (node:internal/process/task_queues:95:5)']))).toBe(false);
    expect(survivable('a string')).toBe(false);
    const bare = new Error('no stack');
    bare.stack = undefined;
    expect(survivable(bare)).toBe(false);
  });
});
