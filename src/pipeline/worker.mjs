// The entry of a pipeline worker thread: registers tsx's loader (worker threads do not inherit it), then exposes the
// tasks of tasks.ts to piscina, one named export per task.
import { register } from 'tsx/esm/api';

register();
const tasks = await import('./tasks.ts');

export const read = tasks.read;
export const extract = tasks.extract;
export const index = tasks.index;
