/**
 * The checks' English words: the engine's own catalogue (playground/exercises/check-messages.ts),
 * which every check words its problems from, named here as the English twin of
 * `zh-cn/checks.ts` and the type it must have.
 */
import checks from '../../../playground/exercises/check-messages.ts';

export type CheckMessages = typeof checks;
export default checks;
