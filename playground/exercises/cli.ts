/**
 * Entry point of `npm run exercise` (`node playground/exercises/cli.ts`). The Node code lives
 * in `cli.node.ts` (argv, fs), which the playground type check excludes; the import goes
 * through a variable so that check does not follow it into Node types.
 */
const entry = './cli.node.ts';
await import(entry);

export {};
