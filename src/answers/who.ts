import type { AnswerContext } from './context.ts';
import type { Answer, AnswerOptions } from './types.ts';

/** (placeholder) */
export function answerWho(ctx: AnswerContext, query: string, options: AnswerOptions = {}): Answer {
  void ctx;
  void options;
  return { command: 'who', query, answer: '', items: [], notice: 'Not built yet.' };
}
