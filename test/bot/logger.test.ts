import { describe, expect, it } from 'vitest';
import { createLogger, scrubSecrets } from '../../src/bot/logger.ts';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GabcDE.abcdefghijklmnopqrstuvwxyz0123456789AB';

describe('logger', () => {
  it('writes structured JSON lines and never the token, wherever it hides', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'debug', secrets: [TOKEN], destination: { write: (l: string) => void lines.push(l) } });
    const error = new Error(`request failed with token ${TOKEN}`);
    log.error({ err: error, token: TOKEN, config: { token: TOKEN }, headers: { authorization: `Bot ${TOKEN}` }, note: `x${TOKEN}y` }, `oops ${TOKEN}`);
    log.info({ url: 'https://discord.com/api/v10/webhooks/123456789012345678/aW50ZXJhY3Rpb246c2VjcmV0/messages/@original' }, 'edit');
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0]!);
    expect(first).toMatchObject({ level: 50, msg: 'oops [redacted]', token: '[redacted]', err: { type: 'Error' } });
    expect(lines.join('')).not.toContain(TOKEN);
    expect(JSON.parse(lines[1]!).url).toBe('https://discord.com/api/v10/webhooks/123456789012345678/[redacted]/messages/@original');
  });

  it('scrubs authorization headers and interaction callback URLs', () => {
    expect(scrubSecrets('Authorization: Bot abcdefghijklmnopqrstuvwxyz.123', [])).toBe('Authorization: Bot [redacted]');
    expect(scrubSecrets('/interactions/123/itok.secret/callback', [])).toBe('/interactions/123/[redacted]/callback');
  });
});
