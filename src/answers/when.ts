import type { AnswerContext } from './context.ts';
import type { Answer, AnswerOptions } from './types.ts';

/** (placeholder) */
export function answerWhen(ctx: AnswerContext, query: string, options: AnswerOptions = {}): Answer {
  void ctx;
  void options;
  return { command: 'when', query, answer: '', items: [], notice: 'Not built yet.' };
}
