import type { AnswerContext } from './context.ts';
import type { Answer, AnswerOptions } from './types.ts';

/** (placeholder) */
export function answerBrief(ctx: AnswerContext, query: string, options: AnswerOptions = {}): Answer {
  void ctx;
  void options;
  return { command: 'brief', query, answer: '', items: [], notice: 'Not built yet.' };
}
