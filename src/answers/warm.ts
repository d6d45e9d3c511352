/**
 * The indexes answers build on first use (names of entities, words of quotes, speakers), built ahead in steps: run
 * sliced after a desk starts, the first /who or /quote then finds them ready instead of stalling to build them.
 */
import type { AnswerContext } from './context.ts';
import { speakerIndexReady, speakerIndexSteps } from './quote.ts';
import { namesReady, namesSteps, quoteTextsReady, quoteTextsSteps } from './who.ts';

export function* warmSteps(ctx: AnswerContext): Generator<void, void> {
  yield* namesSteps(ctx.entities);
  yield* speakerIndexSteps(ctx);
  yield* quoteTextsSteps(ctx.quotes);
}

/** Whether every index `warmSteps` builds is there. */
export function isWarm(ctx: AnswerContext): boolean {
  return namesReady(ctx.entities) && speakerIndexReady(ctx) && quoteTextsReady(ctx.quotes);
}
