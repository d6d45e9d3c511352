import type { AnswerContext } from './context.ts';
import type { Answer, AnswerOptions } from './types.ts';

/** (placeholder) */
export function answerQuote(ctx: AnswerContext, query: string, options: AnswerOptions = {}): Answer {
  void ctx;
  void options;
  return { command: 'quote', query, answer: '', items: [], notice: 'Not built yet.' };
}
